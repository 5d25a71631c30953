// F.cross_entropy's log_softmax keeps its softmax for the backward (no exps there; src/ops/reduce.ts
// logSoftmaxKeepingProbs). What the caller sees is that of the composition PyTorch records,
// F.nll_loss(F.log_softmax(x, 1), y): the same saved tensors under saved-tensor hooks (the kept
// softmax is not one of them: with hooks on it is not kept), the same gradient on a second backward
// with retain_graph, and the same error on one without. The values are fixtures (table-ops, nn);
// their error bound is in test/vecmath.test.ts.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES } from './support/torch.js';

const F = torch.nn.functional;
const withHooks = torch.autograd.graph.saved_tensors_hooks;

describe.each(DEVICES)('cross_entropy backward on %s', (device) => {
  const logits = (): torch.Tensor => {
    torch.manual_seed(3);
    return torch.randn([5, 37], { device, requires_grad: true });
  };
  const target = (): torch.Tensor => torch.tensor([0, 36, 5, 17, 9], { dtype: 'int64', device });
  const composed = (x: torch.Tensor, y: torch.Tensor): torch.Tensor => F.nll_loss(F.log_softmax(x, 1), y);

  it('packs what the composition packs under saved-tensor hooks, and gives its gradient', () => {
    const run = (loss: typeof composed): [string[], number[]] => {
      const x = logits(), packed: string[] = [];
      withHooks((t) => { packed.push(`${t.dtype.name}[${t.shape.join(',')}]`); return t; }, (t) => t, () => loss(x, target())).backward();
      return [packed, Array.from(x.grad!.dataSync())];
    };
    const [packed, grad] = run(F.cross_entropy);
    const [packedComposed, gradComposed] = run(composed);
    expect(packed).toEqual(packedComposed);
    expect(grad).toEqual(gradComposed);
  });

  it('retain_graph: a second backward adds the same gradient; without it, PyTorch\'s error as the composition', () => {
    const x = logits();
    const loss = F.cross_entropy(x, target());
    loss.backward(null, { retain_graph: true });
    const once = Array.from(x.grad!.dataSync());
    loss.backward();
    expect(Array.from(x.grad!.dataSync())).toEqual(once.map((v) => Math.fround(v + v)));
    const twice = (l: torch.Tensor): unknown => { l.backward(); return l.backward(); };
    const message = (f: () => unknown): string => { try { f(); } catch (e) { return (e as Error).message; } return 'no error'; };
    expect(message(() => twice(F.cross_entropy(logits(), target())))).toBe(message(() => twice(composed(logits(), target()))));
    expect(message(() => twice(F.cross_entropy(logits(), target())))).not.toBe('no error');
  });
});
