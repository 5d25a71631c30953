// Shape, indexing and in-place view members of Tensor against PyTorch (fixtures/shape_members.json,
// from scripts/gen_shape_member_fixtures.py): diagflat, ravel, narrow_copy, adjoint, hsplit/vsplit/
// dsplit, split_with_sizes, index_reduce, fill_diagonal_, unfold's aliasing, the errors of put and
// the *_scatter ops, create_graph through them. Their values, nodes and gradients with op codes of
// their own are table cases (table-ops.test.ts). Each scenario is the generator's program of the
// same name. Both devices.

import { describe } from 'vitest';
import { torch, DEVICES, loadFixture } from './support/torch.js';
import { scenarioTests, type ScenarioResult, type Program } from './support/scenarios.js';

const S = loadFixture<{ scenarios: Record<string, ScenarioResult> }>('shape_members.json').scenarios;
type T = torch.Tensor;
const name = (t: T): string | null => t.grad_fn?.name() ?? null;

/** t weighed by 1, 2, ... (PyTorch's grads_of), summed, backward: the gradients of xs. */
function gradsOf(y: T, ...xs: T[]): (T | null)[] {
  const w = torch.arange(1, y.numel() + 1, { device: y.device }).reshape(y.shape).to(y.dtype);
  y.mul(w).sum().backward();
  return xs.map((x) => x.grad);
}
const long = (values: number[], device: 'wasm' | 'js'): T => torch.tensor(values, { dtype: torch.long, device });

function indexReduceCase(input: (n: string) => T, device: 'wasm' | 'js', reduce: 'prod' | 'mean' | 'amax' | 'amin', include_self: boolean): Record<string, unknown> {
  const x = input('x').requires_grad_(), s = input('s').requires_grad_();
  const y = x.index_reduce(0, long([0, 2, 0, 3, 0], device), s, reduce, { include_self });
  const [gx, gs] = gradsOf(y, x, s);
  return { y, gx, gs };
}

const programs: Record<string, Program> = {
  diagflat_matrix: (input) => {
    const x = input('x').requires_grad_();
    const y = torch.diagflat(x, 1);
    return { y, node: name(y), grad: gradsOf(y, x)[0] };
  },
  diagflat_transposed_negative: (input) => {
    const x = input('x').requires_grad_();
    const y = x.t().diagflat(-2);
    return { y, node: name(y), grad: gradsOf(y, x)[0] };
  },
  diagflat_0dim: (input) => ({ y: torch.diagflat(input('x')), shape: torch.diagflat(input('x')).shape }),
  ravel_contiguous_is_view: (input) => {
    const x = input('x').requires_grad_();
    const h = x.mul(1);
    const y = h.ravel();
    const y2 = torch.ravel(h.t());
    return { y, y2, node: name(y), view: y._base === h, copy_base_is_h: y2._base === h, grad: gradsOf(y2, x)[0] };
  },
  narrow_copy_values: (input) => {
    const x = input('x');
    const y = torch.narrow_copy(x, 0, 1, 2), z = x.narrow_copy(-1, 2, 1);
    return { y, z, contiguous: [y.is_contiguous(), z.is_contiguous()] };
  },
  adjoint_view: (input) => {
    const x = input('x').requires_grad_();
    const h = x.mul(1);
    const y = h.adjoint();
    return { y, y2: torch.adjoint(h), node: name(y), view: y._base === h, stride: y.stride(), grad: gradsOf(y, x)[0] };
  },
  adjoint_1d: (_, device) => ({ y: torch.zeros(3, { device }).adjoint() }),
  hsplit_sections_and_indices: (input) => {
    const x = input('x').requires_grad_();
    const a = torch.hsplit(x, 2), b = x.hsplit([1, 3]), c = torch.hsplit(input('v'), 3);
    return { a, b, c, nodes: [...a, ...b].map(name), grad: gradsOf(torch.cat([a[1], b[2]], 1), x)[0] };
  },
  vsplit_dsplit: (input) => {
    const x = input('x');
    return { v: torch.vsplit(x, [1, 3]), v2: x.vsplit(2), d: torch.dsplit(x, 4), d2: x.dsplit([3]) };
  },
  hsplit_not_divisible: (_, device) => ({ y: torch.hsplit(torch.zeros([3, 4], { device }), 3) }),
  hsplit_0dim: (_, device) => ({ y: torch.hsplit(torch.tensor(1, { device }), 1) }),
  vsplit_1d: (_, device) => ({ y: torch.vsplit(torch.zeros(3, { device }), 1) }),
  dsplit_2d: (_, device) => ({ y: torch.dsplit(torch.zeros([3, 4], { device }), [1]) }),
  split_with_sizes_forms: (input) => {
    const x = input('x').requires_grad_();
    const a = torch.split_with_sizes(x, [2, 3]), b = x.split_with_sizes([1, 1], { dim: 1 });
    return { a, b, nodes: [...a, ...b].map(name), view: a[0]._base === x,
      grad: gradsOf(torch.cat([a[1].select(1, 0), b[0].select(1, 0)]), x)[0] };
  },
  split_with_sizes_bad_sum: (_, device) => ({ y: torch.split_with_sizes(torch.zeros(5, { device }), [2, 2]) }),
  unsafe_split_negative_size: (_, device) => ({ y: torch.unsafe_split(torch.zeros(5, { device }), -1) }),
  unsafe_chunk_zero: (_, device) => ({ y: torch.zeros(5, { device }).unsafe_chunk(0) }),
  unfold_aliases: (input) => {
    const x = input('x');
    const u = x.unfold(1, 3, 2);
    x.index_put_([0, 2], 7);
    return { u, stride: u.stride(), offset: u.storage_offset(), view: u._base === x, version: u._version };
  },
  unfold_of_view_writes_through: (input) => {
    const x = input('x');
    const u = x.index(['1:']).unfold(1, 2, 2);
    u.mul_(2);
    return { x, stride: u.stride(), offset: u.storage_offset(), version: x._version };
  },
  unfold_too_big: (_, device) => ({ u: torch.zeros([3, 4], { device }).unfold(1, 5, 1) }),
  unfold_step_zero: (_, device) => ({ u: torch.zeros([3, 4], { device }).unfold(1, 2, 0) }),
  unfold_negative_size: (_, device) => ({ u: torch.zeros([3, 4], { device }).unfold(1, -1, 1) }),
  unfold_bad_dim: (_, device) => ({ u: torch.zeros([3, 4], { device }).unfold(2, 1, 1) }),
  put_version_and_values: (input, device) => {
    const x = input('x');
    const v = x._version;
    x.put_(long([5, -6], device), torch.tensor([1, 2], { device }), { accumulate: true });
    return { x, bumped: x._version - v };
  },
  put_int32_index: (_, device) => ({ y: torch.zeros(3, { device }).put(torch.tensor([0], { dtype: torch.int32, device }), torch.ones(1, { device })) }),
  put_dtype_mismatch: (_, device) => ({ y: torch.zeros(3, { device }).put(long([0], device), torch.ones(1, { dtype: torch.float64, device })) }),
  put_count_mismatch: (_, device) => ({ y: torch.zeros(3, { device }).put(long([0, 1], device), torch.ones(3, { device })) }),
  put_out_of_range: (_, device) => ({ y: torch.zeros([2, 3], { device }).put(long([1, 6], device), torch.ones(2, { device })) }),
  put_negative_out_of_range: (_, device) => ({ y: torch.zeros([2, 3], { device }).put(long([-7], device), torch.ones(1, { device })) }),
  put_into_empty: (_, device) => ({ y: torch.zeros(0, { device }).put(long([0], device), torch.ones(1, { device })) }),
  put_leaf_requires_grad: (_, device) => {
    const x = torch.zeros(3, { requires_grad: true, device });
    x.put_(long([0], device), torch.ones(1, { device }));
    return { x };
  },
  diagonal_scatter_wrong_size: (_, device) => ({ y: torch.diagonal_scatter(torch.zeros([3, 4], { device }), torch.ones(2, { device })) }),
  diagonal_scatter_same_dims: (_, device) => ({ y: torch.diagonal_scatter(torch.zeros([3, 4], { device }), torch.ones(3, { device }), 0, 1, 1) }),
  select_scatter_out_of_range: (_, device) => ({ y: torch.select_scatter(torch.zeros([3, 4], { device }), torch.ones(4, { device }), 0, 5) }),
  slice_scatter_step_zero: (_, device) => ({ y: torch.slice_scatter(torch.zeros([3, 4], { device }), torch.ones([3, 2], { device }), 1, 0, 4, 0) }),
  slice_scatter_wrong_size: (_, device) => ({ y: torch.slice_scatter(torch.zeros([3, 4], { device }), torch.ones([3, 1], { device }), 1, 0, 4, 2) }),
  as_strided_scatter_out_of_bounds: (_, device) => ({ y: torch.as_strided_scatter(torch.zeros([3, 4], { device }), torch.ones(2, { device }), [2], [20]) }),
  scatter_ops_create_graph: (input) => {
    const x = input('x').requires_grad_(), s = input('s').requires_grad_(), r = input('r').requires_grad_();
    const y = torch.diagonal_scatter(x, s).mul(torch.slice_scatter(x, r, 1, 1, 4, 2));
    const [gx, gs, gr] = torch.autograd.grad(y.mul(y).sum(), [x, s, r], { create_graph: true }) as T[];
    gx.sum().add(gs.mul(gs).sum()).add(gr.sum()).backward();
    return { gx, gs, gr, x_grad: x.grad, s_grad: s.grad, r_grad: r.grad };
  },
  put_create_graph: (input, device) => {
    const x = input('x').requires_grad_(), s = input('s').requires_grad_();
    const y = torch.put(x.mul(x), long([4, 0], device), s.mul(s), true);
    const [gx, gs] = torch.autograd.grad(y.mul(y).sum(), [x, s], { create_graph: true }) as T[];
    gx.sum().add(gs.sum()).backward();
    return { gx, gs, x_grad: x.grad, s_grad: s.grad };
  },
  as_strided_scatter_values_and_grads: (input, device) => {
    const x = input('x').requires_grad_(), s = input('s').requires_grad_();
    const y = torch.as_strided_scatter(x, s, [2, 2], [1, 3], 1);
    const [gx, gs] = gradsOf(y, x, s);
    return { y, same: true, gx, gs, node: name(y), method: input('m').as_strided_scatter(torch.ones(3, { device }), [3], [2]) };
  },
  index_reduce_prod: (input, device) => indexReduceCase(input, device, 'prod', true),
  index_reduce_mean_exclude_self: (input, device) => indexReduceCase(input, device, 'mean', false),
  index_reduce_amax: (input, device) => indexReduceCase(input, device, 'amax', true),
  index_reduce_amin_exclude_self: (input, device) => indexReduceCase(input, device, 'amin', false),
  index_reduce_inplace_dim1: (input, device) => {
    const x = input('x'), s = input('s');
    const y = torch.index_reduce(x, 1, long([3, 0], device), s, 'amax');
    x.index_reduce_(1, long([1, 1], device), s, 'mean', { include_self: false });
    return { y, x };
  },
  index_reduce_negative_index: (_, device) => ({ y: torch.zeros(3, { device }).index_reduce(0, long([-1], device), torch.ones(1, { device }), 'amax') }),
  index_reduce_sum: (_, device) => ({ y: torch.index_reduce(torch.zeros(3, { device }), 0, long([0], device), torch.ones(1, { device }), 'sum' as 'prod') }),
  index_reduce_count_mismatch: (_, device) => ({ y: torch.zeros([3, 2], { device }).index_reduce(0, long([0, 1], device), torch.ones([3, 2], { device }), 'prod') }),
  index_reduce_float_index: (_, device) => ({ y: torch.zeros(3, { device }).index_reduce(0, torch.tensor([0], { device }), torch.ones(1, { device }), 'prod') }),
  fill_diagonal_shapes: (input) => {
    const a = input('a'), b = input('b'), c = input('c'), d = input('d');
    const va = a._version;
    a.fill_diagonal_(1.5);
    b.fill_diagonal_(-2);
    c.fill_diagonal_(9, { wrap: true });
    d.fill_diagonal_(9);
    return { a, b, c, d, bumped: a._version - va };
  },
  fill_diagonal_of_view_and_grad: (input) => {
    const x = input('x').requires_grad_();
    const h = x.mul(1);
    h.index(['1:', '1:']).fill_diagonal_(0);
    const grad = gradsOf(h, x)[0];
    return { h, node: name(h), grad };
  },
  fill_diagonal_1d: (_, device) => ({ y: torch.zeros(3, { device }).fill_diagonal_(1) }),
  fill_diagonal_unequal: (_, device) => ({ y: torch.zeros([2, 3, 4], { device }).fill_diagonal_(1) }),
  fill_diagonal_leaf: (_, device) => ({ y: torch.zeros([2, 2], { requires_grad: true, device }).fill_diagonal_(1) }),
  t_keeps_object_and_counts: (input) => {
    const x = input('x').requires_grad_();
    const y = x.mul(1);
    const v = y._version;
    const same = y.t_() === y;
    return { y, shape: y.shape, stride: y.stride(), bumped: y._version - v, same, node: name(y), grad: gradsOf(y, x)[0] };
  },
  transpose_swap_squeeze_unsqueeze: (input) => {
    const x = input('x').requires_grad_();
    const y = x.mul(1);
    y.transpose_(1, 2);
    const a = [name(y), y.shape.slice(), y.stride()];
    y.swapaxes_(0, 2);
    const b = [name(y), y.shape.slice(), y.stride()];
    y.swapdims_(-1, 0);
    y.squeeze_(0);
    const c = [name(y), y.shape.slice(), y.stride()];
    y.unsqueeze_(1);
    y.squeeze_();
    const d = [name(y), y.shape.slice(), y.stride(), y._version];
    return { a, b, c, d, y, grad: gradsOf(y, x)[0] };
  },
  plain_inplace_views: (input) => {
    const z = input('z');
    z.squeeze_();
    z.unsqueeze_(-1);
    z.t_();
    return { z, shape: z.shape, stride: z.stride(), version: z._version, requires_grad: z.requires_grad };
  },
  t_of_view_writes_through: (input) => {
    const x = input('x').requires_grad_();
    const y = x.mul(1);
    const v = y.index(['1:']);
    v.t_();
    const a = [name(v), v._base === y, v.shape.slice(), v.stride(), v.storage_offset(), y._version];
    v.mul_(2);
    return { a, y, v, grad: gradsOf(y, x)[0] };
  },
  t_leaf_requires_grad: (_, device) => ({ y: torch.zeros([2, 3], { requires_grad: true, device }).t_() }),
  t_leaf_under_no_grad: (input) => {
    const x = input('x').requires_grad_();
    torch.no_grad(() => x.t_());
    return { x, shape: x.shape, flags: [x.requires_grad, x.is_leaf, x._version] };
  },
  as_strided_in_place: (input) => {
    const x = input('x').requires_grad_();
    const y = x.mul(1);
    y.as_strided_([2, 2], [1, 2], 1);
    return { y, stride: y.stride(), offset: y.storage_offset(), node: name(y), grad: gradsOf(y, x)[0] };
  },
  detach_in_place: (input) => {
    const x = input('x').requires_grad_();
    const y = x.mul(2);
    y.detach_();
    x.detach_();
    return { y, flags: [y.requires_grad, y.grad_fn === null, y.is_leaf, y._version, x.requires_grad, x.is_leaf] };
  },
  detach_view_in_place: (_, device) => {
    torch.zeros([2, 3], { device }).index([0]).detach_();
    return {};
  },
  resize_shrink_grow: (input) => {
    const z = input('z').clone(); // the loaded input is a view of the fixture's data; PyTorch's is not
    z.resize_(2, 2);
    const a = z.clone();
    z.resize_(3, 3);
    const b = z.shape.slice();
    z.resize_as_(torch.zeros(2, { device: z.device }));
    return { a, b, z, version: z._version };
  },
  resize_requires_grad: (_, device) => ({ y: torch.zeros(3, { requires_grad: true, device }).resize_(2) }),
  resize_nonleaf_requires_grad: (_, device) => ({ y: torch.zeros(3, { requires_grad: true, device }).mul(1).resize_(2) }),
  samplers_after_manual_seed: (_, device) => {
    torch.manual_seed(7);
    const a = torch.empty(7, { device }).exponential_();
    const b = torch.empty([2, 3], { dtype: torch.float64, device }).exponential_(2.5);
    const c = torch.empty(7, { device }).cauchy_();
    const d = torch.empty(5, { dtype: torch.float64, device }).cauchy_(1.5, 0.5);
    const e = torch.empty(7, { device }).geometric_(0.3);
    const f = torch.empty(4, { dtype: torch.int64, device }).geometric_(0.7);
    const g = torch.empty(7, { device }).log_normal_();
    const h = torch.empty(3, { dtype: torch.float64, device }).log_normal_(0.5, 0.25);
    return { a, b, c, d, e, f, g, h, after: torch.rand(3, { device }) };
  },
  samplers_with_generator: (_, device) => {
    const generator = new torch.Generator().manual_seed(11);
    const a = torch.empty(5, { device }).exponential_(0.5, { generator });
    const b = torch.empty(5, { device }).cauchy_({ generator });
    const c = torch.empty(5, { dtype: torch.float64, device }).geometric_(0.05, { generator });
    const d = torch.empty(5, { device }).log_normal_({ std: 1, generator });
    return { a, b, c, d };
  },
  exponential_zero_lambda: (_, device) => ({ y: torch.empty(3, { device }).exponential_(0) }),
  geometric_p_one: (_, device) => ({ y: torch.empty(3, { device }).geometric_(1) }),
  log_normal_zero_std: (_, device) => ({ y: torch.empty(3, { device }).log_normal_(1, 0) }),
  exponential_of_long: (_, device) => ({ y: torch.empty(3, { dtype: torch.int64, device }).exponential_() }),
  cauchy_leaf_requires_grad: (_, device) => ({ y: torch.empty(3, { requires_grad: true, device }).cauchy_() }),
  apply_map_map2: (input, device) => {
    const x = input('x').clone(), y = input('y').clone(), z = input('z').clone(); // not views of the fixture's data
    x.apply_((v) => v * 2 + 1);
    y.map_(input('o'), (a, b) => a * b + 1);
    z.map2_(input('p'), input('q'), (a, b, c) => a + b * c);
    const n = torch.tensor([1, 2, 3], { dtype: torch.long, device }).apply_((v) => v / 2);
    return { x, y, z, n, versions: [x._version, y._version, z._version] };
  },
  apply_requires_grad: (_, device) => ({ y: torch.ones(2, { requires_grad: true, device }).apply_((v) => v) }),
  map_bad_broadcast: (_, device) => ({ y: torch.ones(2, { device }).map_(torch.ones(3, { device }), (a) => a) }),
};

describe.each(DEVICES)('shape members vs PyTorch on %s', (device) => {
  scenarioTests(S, programs, device);
});
