// Tensor members and torch.* utilities of helper h-members (src/ops/storage_members.ts,
// src/ops/utility.ts, the torch.angle row) against PyTorch (fixtures/members.json, from
// scripts/gen_members_fixtures.py), on both devices: op cases (values, grad_fn, gradients), then
// "probes", small programs whose answer PyTorch recorded and which run here under the same name,
// then errors (PyTorch's type and message, the engine left intact).

import { describe, it, expect, vi } from 'vitest';
import { torch, DEVICES, loadFixture, expectClose, type Device } from './support/torch.js';
import { evaluateCase, expectCaseGrads, type OpCase } from './support/cases.js';
import { expectErrorLeavesEngineIntact } from './support/error_cases.js';
import { tolerances } from './support/tolerances.js';

type Tensor = torch.Tensor;
const F = loadFixture<{ cases: OpCase[]; probes: Record<string, unknown>; errors: Record<string, { type: string; message: string }> }>('members.json');

// wasmgrad composes these of existing ops: its top node is the op it ends with (docs/api.md)
const NODE_DIFFERS: Record<string, string | null> = {
  RsubBackward0: 'SubBackward0', FillBackward0: 'FillBackward2', FillBackward1: 'MaskedFillBackward1',
};
// the view ops' *_copy forms end with a copy of the view (PyTorch's node is the view's, with _copy)
const copyNode = (n: string): string | null => (n.endsWith('_copy') ? 'CloneBackward0' : null);

const R = (device: Device, ...shape: number[]): Tensor => torch.rand(shape, { device }).mul(4).sub(2).requires_grad_();
const DT = [torch.float32, torch.float64, torch.int64, torch.int32, torch.bool];
type Probe = (device: Device) => unknown;
const arange = (n: number, device: Device): Tensor => torch.arange(n, { dtype: torch.float32, device });

const PROBES: Record<string, Probe> = {
  'conj is self': (d) => { const t = R(d, 2, 3); return t.conj() === t; },
  'conj_physical is self': (d) => { const t = R(d, 2, 3); return t.conj_physical() === t; },
  'resolve_conj is self': (d) => { const t = R(d, 2, 3); return t.resolve_conj() === t; },
  'resolve_neg is self': (d) => { const t = R(d, 2, 3); return t.resolve_neg() === t; },
  'real is self': (d) => { const t = R(d, 2, 3); return t.real === t; },
  'torch.conj is self': (d) => { const t = R(d, 2, 3); return torch.conj(t) === t; },
  'torch.real is self': (d) => { const t = R(d, 2, 3); return torch.real(t) === t; },
  'torch.resolve_conj is self': (d) => { const t = R(d, 2, 3); return torch.resolve_conj(t) === t; },
  'torch.resolve_neg is self': (d) => { const t = R(d, 2, 3); return torch.resolve_neg(t) === t; },
  'torch.conj_physical is self': (d) => { const t = R(d, 2, 3); return torch.conj_physical(t) === t; },
  'conj_physical_ is self, version': (d) => { const t = torch.rand(3, { device: d }); return [t.conj_physical_() === t, t._version]; },
  'conj_physical_ of a non-leaf': (d) => { const t = R(d, 3).mul(2); return t.conj_physical_() === t; },
  'conj grad_fn': (d) => R(d, 3).mul(2).conj().grad_fn!.name(),
  'is_conj': (d) => [R(d, 2, 3).is_conj(), torch.is_conj(R(d, 2, 3)), torch.tensor([1], { device: d }).is_conj()],
  'is_neg': (d) => [R(d, 2, 3).is_neg(), torch.is_neg(R(d, 2, 3))],
  'layout': (d) => { const t = R(d, 2, 3); return [`${t.layout}`, String(t.layout), `${torch.strided}`, t.layout === torch.strided]; },
  'predicates': (d) => { const t = R(d, 2, 3); return [t.is_sparse, t.is_sparse_csr, t.is_quantized, t.is_meta, t.is_nested, t.is_mkldnn, t.is_pinned(), t.is_shared()]; },
  'share_memory_': (d) => { const t = R(d, 2, 3); return [t.share_memory_() === t, t.is_shared(), t.clone().is_shared()]; },
  'fill_/tensor value': (d) => [torch.zeros(3, { device: d }).fill_(torch.tensor(2.5, { device: d })).tolist(),
    torch.zeros(2, { dtype: torch.int64, device: d }).fill_(torch.tensor(3.7, { device: d })).tolist()],
  'fill_/tensor value grad': (d) => {
    const w = torch.zeros(2, { requires_grad: true, device: d }).clone(), v = torch.tensor(1.5, { requires_grad: true, device: d });
    const filled = w.fill_(v).tolist();
    w.sum().backward();
    return [filled, v.grad!.item()];
  },
  'output_nr': (d) => [R(d, 2, 3).output_nr, R(d, 2, 3).mul(2).output_nr, R(d, 2, 3).detach().output_nr],
  'to_dense is self': (d) => { const t = R(d, 2, 3); return t.to_dense() === t; },
  'data_ptr/view shares': (d) => {
    const t = arange(6, d).reshape(2, 3), p = t.data_ptr();
    return [t.view(-1).data_ptr() === p, t.t().data_ptr() === p, t.detach().data_ptr() === p, t.reshape(3, 2).data_ptr() === p];
  },
  'data_ptr/offsets': (d) => {
    const t = arange(12, d).reshape(3, 4), p = t.data_ptr();
    return [t.select(0, 1).data_ptr() - p, t.index([':', 2]).data_ptr() - p, t.index(['1:', '1:']).select(0, 0).data_ptr() - p, t.diagonal(1).data_ptr() - p];
  },
  'data_ptr/element sizes': (d) => DT.map((dtype) => { const t = torch.zeros(5, { dtype, device: d }); return t.select(0, 3).data_ptr() - t.data_ptr(); }),
  'data_ptr/copies differ': (d) => {
    const t = torch.ones(4, { device: d }), p = t.data_ptr();
    return [t.clone().data_ptr() !== p, t.add(0).data_ptr() !== p, t.contiguous().data_ptr() === p];
  },
  'data_ptr/empty': (d) => [torch.zeros(0, { device: d }).data_ptr(), torch.zeros(2, 0, { device: d }).data_ptr()],
  'data_ptr/stable': (d) => { const t = torch.ones(3, { device: d }), p = t.data_ptr(); return [t.data_ptr() === p, t.add_(1).data_ptr() === p]; },
  'new_empty_strided': (d) => {
    const t = R(d, 2).double().new_empty_strided([2, 3], [1, 2]);
    return [t.shape, t.stride(), `${t.dtype}`, t.requires_grad];
  },
  'new_empty_strided/contiguous': (d) => { const t = R(d, 2, 3).new_empty_strided([2, 3], [3, 1]); return [t.stride(), t.is_contiguous()]; },
  'empty_strided': (d) => { const t = torch.empty_strided([2, 3, 4], [1, 2, 6], { device: d }); return [t.shape, t.stride(), t.is_contiguous(), `${t.dtype}`]; },
  'empty_strided/dtype grad': (d) => { const t = torch.empty_strided([2], [1], { dtype: torch.float64, requires_grad: true, device: d }); return [`${t.dtype}`, t.requires_grad]; },
  'empty_like': (d) => { const t = torch.empty_like(torch.tensor([[1, 2, 3]], { dtype: torch.int32, device: d })); return [t.shape, `${t.dtype}`, t.requires_grad]; },
  'empty_like/dtype': (d) => { const t = torch.empty_like(R(d, 2, 3), { dtype: torch.float64 }); return [t.shape, `${t.dtype}`]; },
  'is_tensor': (d) => [torch.is_tensor(R(d, 2)), torch.is_tensor(1), torch.is_tensor([1.0]), torch.is_tensor(null)],
  'is_storage': (d) => [torch.is_storage(R(d, 2)), torch.is_storage(1)],
  'numel': (d) => [torch.numel(R(d, 2, 3)), torch.numel(R(d, 0, 4)), torch.numel(torch.tensor(2.0, { device: d }))],
  'get_device': (d) => [torch.get_device(R(d, 2)), R(d, 2).get_device()],
  'typename': (d) => [...DT.map((dtype) => torch.typename(torch.zeros(1, { dtype, device: d }))), torch.typename(1), torch.typename(1.5), torch.typename('a'), torch.typename(null), torch.typename(true)],
  'can_cast': () => DT.map((a) => DT.map((b) => torch.can_cast(a, b))),
  'broadcast_shapes': () => [[[2, 1], [3]], [3, [2, 1]], [[], [2]], [[0], [1]], [[1], [0]], [[5, 1, 4], [3, 1], [1]], []]
    .map((s) => torch.broadcast_shapes(...(s as (number | number[])[]))),
  'as_tensor': (d) => {
    const t = R(d, 2, 3);
    return [torch.as_tensor(t) === t, torch.as_tensor(t, { dtype: torch.float32 }) === t, torch.as_tensor(t, { dtype: torch.float64 }) === t,
      `${torch.as_tensor([1, 2], { dtype: torch.int64 }).dtype}`, `${torch.as_tensor([1.5]).dtype}`, `${torch.as_tensor([true]).dtype}`, torch.as_tensor([[1, 2]], { dtype: torch.float64 }).tolist()];
  },
  'asarray': (d) => {
    const t = R(d, 3).detach();
    return [torch.asarray(t) === t, torch.asarray(t, { copy: true }) === t, JSON.stringify(torch.asarray(t, { copy: true }).tolist()) === JSON.stringify(t.tolist()),
      `${torch.asarray([1, 2], { dtype: torch.int32 }).dtype}`, `${torch.asarray([1.0, 2.5]).dtype}`, torch.asarray([1.0], { requires_grad: true }).requires_grad, `${torch.asarray(t, { dtype: torch.float64 }).dtype}`];
  },
  'scalar_tensor': (d) => { const t = torch.scalar_tensor(2.5, { device: d }); return [t.shape, `${t.dtype}`, t.item()]; },
  'deterministic/defaults': () => [torch.are_deterministic_algorithms_enabled(), torch.is_deterministic_algorithms_warn_only_enabled()],
  'deterministic/set': () => [torch.use_deterministic_algorithms(true, { warn_only: true }) ?? null, torch.are_deterministic_algorithms_enabled(),
    torch.is_deterministic_algorithms_warn_only_enabled(), torch.use_deterministic_algorithms(false) ?? null, torch.are_deterministic_algorithms_enabled(),
    torch.is_deterministic_algorithms_warn_only_enabled()],
  'matmul precision': () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      return [torch.get_float32_matmul_precision(), torch.set_float32_matmul_precision('medium') ?? null, torch.get_float32_matmul_precision(),
        torch.set_float32_matmul_precision('bogus') ?? null, torch.get_float32_matmul_precision(), torch.set_float32_matmul_precision('highest') ?? null,
        torch.get_float32_matmul_precision()];
    } finally {
      expect(warn).toHaveBeenCalledTimes(1);
      warn.mockRestore();
    }
  },
  'detach_ torch form': (d) => { const y = R(d, 3).mul(2); return [torch.detach_(y) === y, y.requires_grad, y.grad_fn === null]; },
  'copy forms copy': (d) => {
    const t = R(d, 2, 3).detach();
    return [torch.view_copy(t, [6])._base === null, torch.t_copy(t).is_contiguous(), torch.permute_copy(t, [1, 0]).stride(),
      torch.as_strided_copy(t, [2, 2], [1, 3]).shape, torch.detach_copy(t).requires_grad];
  },
  'copy forms do not alias': (d) => { const t = torch.zeros(2, 3, { device: d }), v = torch.view_copy(t, [6]); return [v.add_(1).sum().item(), t.sum().item()]; },
  'resize_ keeps the first elements': (d) => { const t = arange(6, d); return [t.resize_(2, 2).tolist(), t.shape]; },
  'resize_as_ shape': (d) => arange(6, d).resize_as_(torch.zeros(3, 1)).shape,
  'torch.resize_as_': (d) => { const t = arange(6, d); return [torch.resize_as_(t, torch.zeros(2, 2)) === t, t.tolist()]; },
};

const I = (v: number[], device: Device): Tensor => torch.tensor(v, { dtype: torch.int64, device });
const call = (f: unknown, ...a: unknown[]): unknown => (f as (...x: unknown[]) => unknown)(...a);
const ERRORS: Record<string, (device: Device) => unknown> = {
  'imag': (d) => R(d, 3).imag,
  'torch.imag': (d) => torch.imag(R(d, 3)),
  'conj_physical_ of a leaf': (d) => R(d, 3).conj_physical_(),
  'torch.conj_physical_ of a leaf': (d) => torch.conj_physical_(R(d, 3)),
  'conj_physical_ of a view of a leaf': (d) => R(d, 3).index(['1:']).conj_physical_(),
  'resize_ requires grad': (d) => R(d, 2, 3).resize_(3, 2),
  'resize_as_ requires grad': (d) => R(d, 2, 3).resize_as_(torch.zeros(6)),
  'torch.resize_as_ requires grad': (d) => torch.resize_as_(R(d, 2, 3), torch.zeros(6, { device: d })),
  'cuda': (d) => R(d, 3).cuda(),
  'xpu': (d) => R(d, 3).xpu(),
  'ipu': (d) => R(d, 3).ipu(),
  'record_stream': (d) => R(d, 3).record_stream(null),
  'pin_memory': (d) => R(d, 3).pin_memory(),
  'empty_strided/lengths': (d) => torch.empty_strided([2, 3], [1], { device: d }),
  'new_empty_strided/lengths': (d) => R(d, 2).new_empty_strided([2, 3], [3, 1, 1]),
  'numel/not a tensor': () => call(torch.numel, 3),
  'get_device/not a tensor': () => call(torch.get_device, 3),
  'empty_like/not a tensor': () => call(torch.empty_like, 3),
  'real/not a tensor': () => call(torch.real, 3),
  'conj/not a tensor': () => call(torch.conj, 3),
  'is_conj/not a tensor': () => call(torch.is_conj, 3),
  'scalar_tensor/str': () => call(torch.scalar_tensor, 'a'),
  'broadcast_shapes/mismatch': () => torch.broadcast_shapes([2], [3]),
  'broadcast_shapes/mismatch 3': () => torch.broadcast_shapes([2, 1], [1, 3], [4, 1]),
  'broadcast_shapes/negative': () => torch.broadcast_shapes([-1], [2]),
  'broadcast_shapes/str': () => call(torch.broadcast_shapes, 'a'),
  'can_cast/int': () => call(torch.can_cast, 1, torch.float32),
  'rsub/bool': (d) => torch.rsub(torch.tensor([true], { device: d }), torch.tensor([true], { device: d })),
  'rsub/number input': (d) => call(torch.rsub, 3, R(d, 2)),
  'fill/number input': () => call(torch.fill, 3, 1),
  'fill_/1-d value': (d: Device) => torch.zeros(3, { device: d }).fill_(torch.tensor([2.5], { device: d })),
  'slice_copy/step 0': (d) => torch.slice_copy(R(d, 4), 0, 0, 2, 0),
  'asarray/copy False dtype': (d) => torch.asarray(R(d, 3), { dtype: torch.float64, copy: false }),
  'use_deterministic_algorithms/int': () => call(torch.use_deterministic_algorithms, 1),
  'use_deterministic_algorithms/warn_only int': () => call(torch.use_deterministic_algorithms, true, { warn_only: 1 }),
  'set_flush_denormal/int': () => call(torch.set_flush_denormal, 1),
  'set_float32_matmul_precision/int': () => call(torch.set_float32_matmul_precision, 1),
  'gcd_/float': (d) => torch.gcd_(R(d, 2).detach(), R(d, 2).detach()),
  'ldexp_/leaf': (d) => torch.ldexp_(R(d, 3), I([1, 2, 3], d)),
};

// PyTorch's NotImplementedError of pin_memory goes on with the dispatcher's list of backends and
// their source files; wasmgrad's message is its first paragraph
const FIRST_PARAGRAPH = new Set(['pin_memory']);

describe('members.json and this file name the same programs', () => {
  it('probes and errors', () => {
    expect(Object.keys(PROBES).sort()).toEqual(Object.keys(F.probes).sort());
    expect(Object.keys(ERRORS).sort()).toEqual(Object.keys(F.errors).sort());
  });
});

describe.each(DEVICES)('h-members against PyTorch on %s', (device) => {
  it.each(F.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    torch.tidy(() => {
      const { outs, argLeaves } = evaluateCase(c, device);
      const expected = Array.isArray(c.out) ? c.out : [c.out];
      expected.forEach((e, i) => expectClose(outs[i], e, tolerances[c.family as keyof typeof tolerances], `output ${i}`));
      const out = outs[0];
      if (c.grad_fn) {
        const node = copyNode(c.grad_fn) ?? NODE_DIFFERS[c.grad_fn] ?? c.grad_fn;
        expect(`${out.grad_fn}`).toBe(`<${node} object>`);
      } else {
        expect(out.grad_fn).toBe(null);
      }
      expectCaseGrads(c, device, out, argLeaves);
    });
  });

  it.each(Object.keys(F.probes).map((name) => [name] as const))('%s', (name) => {
    torch.manual_seed(0);
    const got = torch.tidy(() => PROBES[name](device));
    expect(JSON.parse(JSON.stringify(got))).toEqual(F.probes[name]);
  });

  it.each(Object.entries(F.errors).map(([name, e]) => [name, e] as const))('%s: PyTorch\'s error', (name, e) => {
    const message = FIRST_PARAGRAPH.has(name) ? e.message.split('\n\n')[0] : e.message;
    expectErrorLeavesEngineIntact(device, () => { ERRORS[name](device); }, { error: message, error_type: e.type });
  });

  it('storage() and untyped_storage() are refused', () => {
    expect(() => R(device, 2).storage()).toThrow(torch.NotImplementedError);
    expect(() => R(device, 2).untyped_storage()).toThrow(torch.NotImplementedError);
  });
});
