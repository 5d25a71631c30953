// TypeScript strict: the package's declarations as a user's editor sees them.
import * as torch from 'wasmgrad';
import * as torchJs from 'wasmgrad/js';
import { RuntimeError, type Tensor, type DeviceName } from 'wasmgrad';

const F = torch.nn.functional;

function seed(t: typeof torch | typeof torchJs, device?: DeviceName): string {
  const y: Tensor = t.tensor([1.0], { device });
  const x1 = t.tensor([1.3], { device });
  const w1 = t.tensor([2.0], { device, requires_grad: true });
  const b1 = t.tensor([0.5], { device, requires_grad: true });
  const z1 = w1.mul(x1).add(b1);
  const y_hat = t.sigmoid(z1);
  const loss = t.nn.functional.binary_cross_entropy(y_hat, y);
  const [grad_w1] = t.autograd.grad(loss, w1, { retain_graph: true });
  loss.backward();
  const item: number = loss.item();
  return [z1.device, `${z1}`, `${y_hat}`, `${loss}`, item, `${grad_w1}`, `${w1.grad}`, `${b1.grad}`].join(' | ');
}

// what stripInternal keeps out of the declarations
const w = torch.ones(1);
// @ts-expect-error internal: the device handle
void w._h;
// @ts-expect-error internal: the device
void w._dev;
// @ts-expect-error internal: the checked handle
void w.h;
// @ts-expect-error internal: the finalizer hand-off
w.escape();
// @ts-expect-error a misspelt option is a type error
torch.tensor([1], { requires_gradd: true });

const ready: Promise<void> = torch.ready();
const error: RuntimeError = new RuntimeError('x');
void F;

ready.then(() => {
  console.log(JSON.stringify({ lines: [seed(torch), seed(torch, 'js')], jsEntry: [seed(torchJs)], error: error.name }));
});
