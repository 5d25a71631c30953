// torch.nn.utils against real PyTorch (fixtures/nn_utils.json, from scripts/gen_data_init_fixtures.py),
// on both devices: clip_grad_norm_ (2-, 1-, 3- and inf-norms, parameters without a gradient, one
// tensor, float64, NaN and inf gradients with and without error_if_nonfinite) and its returned total
// norm, clip_grad_value_, parameters_to_vector (values, CatBackward0, gradients) and
// vector_to_parameters, rnn.pad_sequence (values and gradients) and PyTorch's errors.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture, fromFixture, expectClose, decodeNumber, type TensorFixture, type Device } from './support/torch.js';
import { tolerances } from './support/tolerances.js';

const { nn } = torch;
type T = TensorFixture;
interface ClipCase {
  name: string; params: T[]; grads: (T | null)[]; total_norm: T; grads_after: (T | null)[];
  kwargs: { max_norm: number; norm_type?: number | string; foreach?: boolean; single?: boolean; dtype?: string };
}
interface ErrorCase { name: string; error_type: string; error: string }
const fixture = loadFixture<{
  clip_norm: ClipCase[]; clip_value: { name: string; clip_value: number; grads: T[]; grads_after: T[] }[];
  nonfinite: { name: string; grad: T; norm_type: number | string; error: ErrorCase; total_norm: T; grad_after: T }[];
  empty_total: T;
  vector: { params: T[]; vector: T; grad_fn: string; upstream: T; grads: T[]; new: T; after: T[]; errors: ErrorCase[] };
  pad: { name: string; sequences: T[]; kwargs: { batch_first?: boolean; padding_value?: number }; output: T; upstream?: T; grads?: T[] }[];
  pad_errors: ErrorCase[];
}>('nn_utils.json');

const exact = { rtol: 0, atol: 0 };
/** Leaves from the fixture's parameters, with their gradients set. */
function withGrads(params: T[], grads: (T | null)[], device: Device): torch.Tensor[] {
  return params.map((p, i) => {
    const leaf = fromFixture(p, device, true);
    if (grads[i]) leaf.grad = fromFixture(grads[i]!, device, false);
    return leaf;
  });
}

describe.each(DEVICES)('nn.utils vs PyTorch on %s', (device) => {
  for (const c of fixture.clip_norm) {
    it(`clip_grad_norm_ ${c.name}`, () => {
      torch.tidy(() => {
        const params = withGrads(c.params, c.grads, device);
        const { max_norm, norm_type, foreach, single } = c.kwargs;
        const options = { norm_type: norm_type === undefined ? undefined : decodeNumber(norm_type), foreach };
        const total = nn.utils.clip_grad_norm_(single ? params[0] : params, max_norm, options);
        expectClose(total, c.total_norm, tolerances.reduction, 'total norm');
        params.forEach((p, i) => {
          if (c.grads_after[i] === null) expect(p.grad).toBeNull();
          else expectClose(p.grad, c.grads_after[i]!, tolerances.reduction, `grad ${i}`);
        });
      });
    });
  }

  it('clip_grad_norm_ takes norm_type positionally too, and a model\'s parameters()', () => {
    torch.tidy(() => {
      const c = fixture.clip_norm.find((x) => x.name === 'l1')!;
      const model = new nn.Module();
      c.params.forEach((p, i) => {
        const param = model.register_parameter(`p${i}`, new nn.Parameter(fromFixture(p, device)))!;
        param.grad = fromFixture(c.grads[i]!, device);
      });
      expectClose(nn.utils.clip_grad_norm_(model.parameters(), c.kwargs.max_norm, decodeNumber(c.kwargs.norm_type!)), c.total_norm, tolerances.reduction);
    });
  });

  for (const c of fixture.nonfinite) {
    it(`clip_grad_norm_ with a ${c.name} gradient`, () => {
      torch.tidy(() => {
        const norm_type = decodeNumber(c.norm_type);
        const [p] = withGrads([c.grad], [c.grad], device);
        expect(() => nn.utils.clip_grad_norm_([p], 1.0, { norm_type, error_if_nonfinite: true }))
          .toThrow(expect.objectContaining({ name: c.error.error_type, message: c.error.error }));
        expectClose(p.grad, c.grad, exact, 'grad left as it was');
        const total = nn.utils.clip_grad_norm_([p], 1.0, { norm_type });
        expectClose(total, c.total_norm, exact, 'total norm');
        expectClose(p.grad, c.grad_after, exact, 'grad after');
      });
    });
  }

  it('clip_grad_norm_ without gradients returns tensor(0.)', () => {
    expectClose(nn.utils.clip_grad_norm_([torch.zeros([2], { device, requires_grad: true })], 1.0), fixture.empty_total, exact);
  });

  for (const c of fixture.clip_value) {
    it(`clip_grad_value_ ${c.name}`, () => {
      torch.tidy(() => {
        const params = withGrads(c.grads, c.grads, device);
        expect(nn.utils.clip_grad_value_(params, c.clip_value, { foreach: true })).toBeUndefined();
        params.forEach((p, i) => expectClose(p.grad, c.grads_after[i], exact, `grad ${i}`));
      });
    });
  }

  it('parameters_to_vector and vector_to_parameters', () => {
    torch.tidy(() => {
      const v = fixture.vector;
      const params = v.params.map((p) => fromFixture(p, device, true));
      const vec = nn.utils.parameters_to_vector(params);
      expectClose(vec, { ...v.vector, requires_grad: true }, exact, 'vector');
      expect(vec.grad_fn!.name()).toBe(v.grad_fn);
      vec.backward(fromFixture(v.upstream, device));
      params.forEach((p, i) => expectClose(p.grad, v.grads[i], exact, `grad ${i}`));
      nn.utils.vector_to_parameters(fromFixture(v.new, device), params);
      params.forEach((p, i) => expectClose(p, { ...v.after[i], requires_grad: true }, exact, `parameter ${i}`));
      const errors = Object.fromEntries(v.errors.map((e) => [e.name, e]));
      expect(() => nn.utils.vector_to_parameters(torch.zeros([5], { device }), [torch.zeros([2, 3], { device })]))
        .toThrow(expect.objectContaining({ name: errors.short.error_type, message: errors.short.error }));
      expect(() => nn.utils.vector_to_parameters([1.0, 2.0] as unknown as torch.Tensor, [torch.zeros([2], { device })]))
        .toThrow(expect.objectContaining({ name: errors['not-a-tensor'].error_type, message: errors['not-a-tensor'].error }));
    });
  });

  for (const c of fixture.pad) {
    it(`rnn.pad_sequence ${c.name}`, () => {
      torch.tidy(() => {
        const seqs = c.sequences.map((s) => fromFixture(s, device));
        const out = nn.utils.rnn.pad_sequence(seqs, c.kwargs);
        expectClose(out, c.output, exact, 'output');
        if (!c.upstream) return;
        out.backward(fromFixture(c.upstream, device));
        seqs.forEach((s, i) => expectClose(s.grad, c.grads![i], exact, `grad ${i}`));
      });
    });
  }

  it('rnn.pad_sequence errors', () => {
    const errors = Object.fromEntries(fixture.pad_errors.map((e) => [e.name, e]));
    expect(() => nn.utils.rnn.pad_sequence([])).toThrow(expect.objectContaining({ name: errors.empty.error_type, message: errors.empty.error }));
    expect(() => nn.utils.rnn.pad_sequence([torch.zeros([2, 3], { device }), torch.zeros([2, 4], { device })]))
      .toThrow(expect.objectContaining({ name: errors.trailing.error_type, message: errors.trailing.error }));
  });
});
