#!/usr/bin/python3
"""
gen_shape_member_fixtures.py -- PyTorch's answers for the shape, indexing and in-place view
members of Tensor that are compositions or need more than a table case (helper h-shape):
diagflat, ravel, narrow_copy, adjoint, hsplit/vsplit/dsplit, split_with_sizes, index_reduce,
fill_diagonal_, unfold's aliasing, put_'s and the *_scatter ops' errors, create_graph through
the scatter ops, and the in-place view ops (squeeze_, t_, transpose_, ..., resize_).
(The values, nodes and gradients of the ops with an op code of their own are table cases:
diagonal_scatter, select_scatter, slice_scatter, as_strided_scatter, Tensor.unfold, unsafe_*,
put in test/fixtures/table.json.)

HOW TO RUN
    /usr/bin/python3 scripts/gen_shape_member_fixtures.py

Output: test/fixtures/shape_members.json, read by test/shape-members.test.ts, which runs the
same program under each scenario's name on both devices (scripts/scenarios.py).
"""

import os
import sys
import warnings

import system_torch  # noqa: F401 -- re-executes with /usr/bin/python3 when torch is missing
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scenarios import Scenarios, given  # noqa: E402

warnings.filterwarnings("ignore", message="index_reduce")
scenario = Scenarios("scripts/gen_shape_member_fixtures.py", "shape_members.json")
L = torch.long


def name(t):
    return t.grad_fn.name() if t.grad_fn is not None else None


def grads_of(y, *xs):
    """y weighed by fixed weights, summed, backward: the gradients of xs."""
    w = torch.arange(1.0, y.numel() + 1).reshape(y.shape).to(y.dtype)
    (y * w).sum().backward()
    return [x.grad for x in xs]


# ---- diagflat, ravel, narrow_copy, adjoint ----------------------------------------------------

@scenario
def diagflat_matrix(i):
    x = given(i, "x", torch.randn(2, 2)).requires_grad_()
    y = torch.diagflat(x, 1)
    return {"y": y, "node": name(y), "grad": grads_of(y, x)[0]}


@scenario
def diagflat_transposed_negative(i):
    x = given(i, "x", torch.randn(2, 3)).requires_grad_()
    y = x.t().diagflat(-2)
    return {"y": y, "node": name(y), "grad": grads_of(y, x)[0]}


@scenario
def diagflat_0dim(i):
    x = given(i, "x", torch.randn(()))
    return {"y": torch.diagflat(x), "shape": list(torch.diagflat(x).shape)}


@scenario
def ravel_contiguous_is_view(i):
    x = given(i, "x", torch.randn(2, 3)).requires_grad_()
    h = x * 1
    y = h.ravel()
    same = y._base is h
    y2 = torch.ravel(h.t())
    return {"y": y, "y2": y2, "node": name(y), "view": same, "copy_base_is_h": y2._base is h,
            "grad": grads_of(y2, x)[0]}


@scenario
def narrow_copy_values(i):
    x = given(i, "x", torch.randn(4, 3))
    y = torch.narrow_copy(x, 0, 1, 2)
    z = x.narrow_copy(-1, 2, 1)
    return {"y": y, "z": z, "contiguous": [y.is_contiguous(), z.is_contiguous()]}


@scenario
def adjoint_view(i):
    x = given(i, "x", torch.randn(2, 3, 4)).requires_grad_()
    h = x * 1
    y = h.adjoint()
    return {"y": y, "y2": torch.adjoint(h), "node": name(y), "view": y._base is h, "stride": list(y.stride()),
            "grad": grads_of(y, x)[0]}


@scenario
def adjoint_1d(i):
    return {"y": torch.zeros(3).adjoint()}


# ---- hsplit, vsplit, dsplit, split_with_sizes --------------------------------------------------

@scenario
def hsplit_sections_and_indices(i):
    x = given(i, "x", torch.randn(3, 4)).requires_grad_()
    a = torch.hsplit(x, 2)
    b = x.hsplit([1, 3])
    c = torch.hsplit(given(i, "v", torch.randn(6)), 3)
    return {"a": list(a), "b": list(b), "c": list(c), "nodes": [name(t) for t in a + b],
            "grad": grads_of(torch.cat([a[1], b[2]], 1), x)[0]}


@scenario
def vsplit_dsplit(i):
    x = given(i, "x", torch.randn(4, 2, 4))
    return {"v": list(torch.vsplit(x, [1, 3])), "v2": list(x.vsplit(2)), "d": list(torch.dsplit(x, 4)), "d2": list(x.dsplit([3]))}


@scenario
def hsplit_not_divisible(i):
    return {"y": torch.hsplit(torch.zeros(3, 4), 3)}


@scenario
def hsplit_0dim(i):
    return {"y": torch.hsplit(torch.tensor(1.0), 1)}


@scenario
def vsplit_1d(i):
    return {"y": torch.vsplit(torch.zeros(3), 1)}


@scenario
def dsplit_2d(i):
    return {"y": torch.dsplit(torch.zeros(3, 4), [1])}


@scenario
def split_with_sizes_forms(i):
    x = given(i, "x", torch.randn(5, 2)).requires_grad_()
    a = torch.split_with_sizes(x, [2, 3])
    b = x.split_with_sizes([1, 1], dim=1)
    return {"a": list(a), "b": list(b), "nodes": [name(t) for t in a + b], "view": a[0]._base is x,
            "grad": grads_of(torch.cat([a[1][:, 0], b[0][:, 0]]), x)[0]}


@scenario
def split_with_sizes_bad_sum(i):
    return {"y": torch.split_with_sizes(torch.zeros(5), [2, 2])}


@scenario
def unsafe_split_negative_size(i):
    return {"y": torch.unsafe_split(torch.zeros(5), -1)}


@scenario
def unsafe_chunk_zero(i):
    return {"y": torch.zeros(5).unsafe_chunk(0)}


# ---- Tensor.unfold: a view ---------------------------------------------------------------------

@scenario
def unfold_aliases(i):
    x = given(i, "x", torch.randn(2, 6))
    u = x.unfold(1, 3, 2)
    x[0, 2] = 7.0
    return {"u": u, "stride": list(u.stride()), "offset": u.storage_offset(), "view": u._base is x,
            "version": u._version}


@scenario
def unfold_of_view_writes_through(i):
    x = given(i, "x", torch.randn(3, 4))
    u = x[1:].unfold(1, 2, 2)
    u.mul_(2)
    return {"x": x, "stride": list(u.stride()), "offset": u.storage_offset(), "version": x._version}


@scenario
def unfold_too_big(i):
    return {"u": torch.zeros(3, 4).unfold(1, 5, 1)}


@scenario
def unfold_step_zero(i):
    return {"u": torch.zeros(3, 4).unfold(1, 2, 0)}


@scenario
def unfold_negative_size(i):
    return {"u": torch.zeros(3, 4).unfold(1, -1, 1)}


@scenario
def unfold_bad_dim(i):
    return {"u": torch.zeros(3, 4).unfold(2, 1, 1)}


# ---- put_ ------------------------------------------------------------------------------------

@scenario
def put_version_and_values(i):
    x = given(i, "x", torch.randn(2, 3))
    v = x._version
    x.put_(torch.tensor([5, -6], dtype=L), torch.tensor([1.0, 2.0]), accumulate=True)
    return {"x": x, "bumped": x._version - v}


@scenario
def put_int32_index(i):
    return {"y": torch.zeros(3).put(torch.tensor([0], dtype=torch.int32), torch.ones(1))}


@scenario
def put_dtype_mismatch(i):
    return {"y": torch.zeros(3).put(torch.tensor([0]), torch.ones(1, dtype=torch.float64))}


@scenario
def put_count_mismatch(i):
    return {"y": torch.zeros(3).put(torch.tensor([0, 1]), torch.ones(3))}


@scenario
def put_out_of_range(i):
    return {"y": torch.zeros(2, 3).put(torch.tensor([1, 6]), torch.ones(2))}


@scenario
def put_negative_out_of_range(i):
    return {"y": torch.zeros(2, 3).put(torch.tensor([-7]), torch.ones(1))}


@scenario
def put_into_empty(i):
    return {"y": torch.zeros(0).put(torch.tensor([0]), torch.ones(1))}


@scenario
def put_leaf_requires_grad(i):
    x = torch.zeros(3, requires_grad=True)
    x.put_(torch.tensor([0]), torch.ones(1))
    return {"x": x}


# ---- the *_scatter ops' errors, create_graph --------------------------------------------------

@scenario
def diagonal_scatter_wrong_size(i):
    return {"y": torch.diagonal_scatter(torch.zeros(3, 4), torch.ones(2))}


@scenario
def diagonal_scatter_same_dims(i):
    return {"y": torch.diagonal_scatter(torch.zeros(3, 4), torch.ones(3), 0, 1, 1)}


@scenario
def select_scatter_out_of_range(i):
    return {"y": torch.select_scatter(torch.zeros(3, 4), torch.ones(4), 0, 5)}


@scenario
def slice_scatter_step_zero(i):
    return {"y": torch.slice_scatter(torch.zeros(3, 4), torch.ones(3, 2), 1, 0, 4, 0)}


@scenario
def slice_scatter_wrong_size(i):
    return {"y": torch.slice_scatter(torch.zeros(3, 4), torch.ones(3, 1), 1, 0, 4, 2)}


@scenario
def as_strided_scatter_out_of_bounds(i):
    return {"y": torch.as_strided_scatter(torch.zeros(3, 4), torch.ones(2), [2], [20])}


@scenario
def scatter_ops_create_graph(i):
    x = given(i, "x", torch.randn(3, 4)).requires_grad_()
    s = given(i, "s", torch.randn(3)).requires_grad_()
    r = given(i, "r", torch.randn(3, 2)).requires_grad_()
    y = torch.diagonal_scatter(x, s) * torch.slice_scatter(x, r, 1, 1, 4, 2)
    gx, gs, gr = torch.autograd.grad((y * y).sum(), [x, s, r], create_graph=True)
    (gx.sum() + (gs * gs).sum() + gr.sum()).backward()
    return {"gx": gx, "gs": gs, "gr": gr, "x_grad": x.grad, "s_grad": s.grad, "r_grad": r.grad}


@scenario
def put_create_graph(i):
    x = given(i, "x", torch.randn(2, 3)).requires_grad_()
    s = given(i, "s", torch.randn(2)).requires_grad_()
    y = torch.put(x * x, torch.tensor([4, 0]), s * s, accumulate=True)
    gx, gs = torch.autograd.grad((y * y).sum(), [x, s], create_graph=True)
    (gx.sum() + gs.sum()).backward()
    return {"gx": gx, "gs": gs, "x_grad": x.grad, "s_grad": s.grad}


@scenario
def as_strided_scatter_values_and_grads(i):
    """Values from torch.as_strided_scatter; gradients as PyTorch 2 computes them (1.13's
    AsStridedScatterBackward0 gives input the gradient where src was written): PyTorch's own
    decomposition, a clone, its as_strided view and copy_ (CopySlices)."""
    x = given(i, "x", torch.randn(2, 3)).requires_grad_()
    s = given(i, "s", torch.randn(2, 2)).requires_grad_()
    y = torch.as_strided_scatter(x, s, [2, 2], [1, 3], 1)
    z = x.clone()
    z.as_strided([2, 2], [1, 3], 1).copy_(s)
    gx, gs = grads_of(z, x, s)
    m = given(i, "m", torch.randn(6))
    return {"y": y, "same": bool((y == z).all()), "gx": gx, "gs": gs, "node": name(z),
            "method": m.as_strided_scatter(torch.ones(3), [3], [2])}


# ---- index_reduce ---------------------------------------------------------------------------

def index_reduce_case(i, reduce, include_self):
    x = given(i, "x", torch.randn(4, 3)).requires_grad_()
    s = given(i, "s", torch.randn(5, 3)).requires_grad_()
    idx = torch.tensor([0, 2, 0, 3, 0])
    y = x.index_reduce(0, idx, s, reduce, include_self=include_self)
    gx, gs = grads_of(y, x, s)
    return {"y": y, "gx": gx, "gs": gs}


@scenario
def index_reduce_prod(i):
    return index_reduce_case(i, "prod", True)


@scenario
def index_reduce_mean_exclude_self(i):
    return index_reduce_case(i, "mean", False)


@scenario
def index_reduce_amax(i):
    return index_reduce_case(i, "amax", True)


@scenario
def index_reduce_amin_exclude_self(i):
    return index_reduce_case(i, "amin", False)


@scenario
def index_reduce_inplace_dim1(i):
    x = given(i, "x", torch.randn(2, 4))
    s = given(i, "s", torch.randn(2, 2))
    y = torch.index_reduce(x, 1, torch.tensor([3, 0]), s, "amax")
    x.index_reduce_(1, torch.tensor([1, 1]), s, "mean", include_self=False)
    return {"y": y, "x": x}


@scenario
def index_reduce_negative_index(i):
    return {"y": torch.zeros(3).index_reduce(0, torch.tensor([-1]), torch.ones(1), "amax")}


@scenario
def index_reduce_sum(i):
    return {"y": torch.index_reduce(torch.zeros(3), 0, torch.tensor([0]), torch.ones(1), "sum")}


@scenario
def index_reduce_count_mismatch(i):
    return {"y": torch.zeros(3, 2).index_reduce(0, torch.tensor([0, 1]), torch.ones(3, 2), "prod")}


@scenario
def index_reduce_float_index(i):
    return {"y": torch.zeros(3).index_reduce(0, torch.tensor([0.0]), torch.ones(1), "prod")}


# ---- fill_diagonal_ -------------------------------------------------------------------------

@scenario
def fill_diagonal_shapes(i):
    a = given(i, "a", torch.randn(3, 4))
    b = given(i, "b", torch.randn(2, 2, 2))
    c = given(i, "c", torch.randn(7, 3))
    d = given(i, "d", torch.randn(7, 3))
    va = a._version
    a.fill_diagonal_(1.5)
    b.fill_diagonal_(-2)
    c.fill_diagonal_(9, wrap=True)
    d.fill_diagonal_(9)
    return {"a": a, "b": b, "c": c, "d": d, "bumped": a._version - va}


@scenario
def fill_diagonal_of_view_and_grad(i):
    x = given(i, "x", torch.randn(4, 4)).requires_grad_()
    h = x * 1
    h[1:, 1:].fill_diagonal_(0)
    g = grads_of(h, x)[0]
    return {"h": h, "node": name(h), "grad": g}


@scenario
def fill_diagonal_1d(i):
    return {"y": torch.zeros(3).fill_diagonal_(1)}


@scenario
def fill_diagonal_unequal(i):
    return {"y": torch.zeros(2, 3, 4).fill_diagonal_(1)}


@scenario
def fill_diagonal_leaf(i):
    x = torch.zeros(2, 2, requires_grad=True)
    return {"y": x.fill_diagonal_(1)}


# ---- in-place view ops --------------------------------------------------------------------------

@scenario
def t_keeps_object_and_counts(i):
    x = given(i, "x", torch.randn(2, 3)).requires_grad_()
    y = x * 1
    v = y._version
    same = y.t_() is y
    return {"y": y, "shape": list(y.shape), "stride": list(y.stride()), "bumped": y._version - v, "same": same,
            "node": name(y), "grad": grads_of(y, x)[0]}


@scenario
def transpose_swap_squeeze_unsqueeze(i):
    x = given(i, "x", torch.randn(1, 2, 3)).requires_grad_()
    y = x * 1
    y.transpose_(1, 2)
    a = [name(y), list(y.shape), list(y.stride())]
    y.swapaxes_(0, 2)
    b = [name(y), list(y.shape), list(y.stride())]
    y.swapdims_(-1, 0)
    y.squeeze_(0)
    c = [name(y), list(y.shape), list(y.stride())]
    y.unsqueeze_(1)
    y.squeeze_()
    d = [name(y), list(y.shape), list(y.stride()), y._version]
    return {"a": a, "b": b, "c": c, "d": d, "y": y, "grad": grads_of(y, x)[0]}


@scenario
def plain_inplace_views(i):
    z = given(i, "z", torch.randn(1, 3))
    z.squeeze_()
    z.unsqueeze_(-1)
    z.t_()
    return {"z": z, "shape": list(z.shape), "stride": list(z.stride()), "version": z._version, "requires_grad": z.requires_grad}


@scenario
def t_of_view_writes_through(i):
    x = given(i, "x", torch.randn(3, 2)).requires_grad_()
    y = x * 1
    v = y[1:]
    v.t_()
    a = [name(v), v._base is y, list(v.shape), list(v.stride()), v.storage_offset(), y._version]
    v.mul_(2)
    return {"a": a, "y": y, "v": v, "grad": grads_of(y, x)[0]}


@scenario
def t_leaf_requires_grad(i):
    x = torch.zeros(2, 3, requires_grad=True)
    return {"y": x.t_()}


@scenario
def t_leaf_under_no_grad(i):
    x = given(i, "x", torch.randn(2, 3)).requires_grad_()
    with torch.no_grad():
        x.t_()
    return {"x": x, "shape": list(x.shape), "flags": [x.requires_grad, x.is_leaf, x._version]}


@scenario
def as_strided_in_place(i):
    x = given(i, "x", torch.randn(6)).requires_grad_()
    y = x * 1
    y.as_strided_([2, 2], [1, 2], 1)
    return {"y": y, "stride": list(y.stride()), "offset": y.storage_offset(), "node": name(y), "grad": grads_of(y, x)[0]}


@scenario
def detach_in_place(i):
    x = given(i, "x", torch.randn(3)).requires_grad_()
    y = x * 2
    y.detach_()
    x.detach_()
    return {"y": y, "flags": [y.requires_grad, y.grad_fn is None, y.is_leaf, y._version, x.requires_grad, x.is_leaf]}


@scenario
def detach_view_in_place(i):
    x = torch.zeros(2, 3)
    x[0].detach_()
    return {}


@scenario
def resize_shrink_grow(i):
    z = given(i, "z", torch.randn(6))
    z.resize_(2, 2)
    a = z.clone()
    z.resize_(3, 3)
    b = list(z.shape)
    z.resize_as_(torch.zeros(2))
    return {"a": a, "b": b, "z": z, "version": z._version}


@scenario
def resize_requires_grad(i):
    return {"y": torch.zeros(3, requires_grad=True).resize_(2)}


@scenario
def resize_nonleaf_requires_grad(i):
    return {"y": (torch.zeros(3, requires_grad=True) * 1).resize_(2)}



# ---- random in-place samplers: PyTorch's CPU stream after manual_seed ---------------------------

@scenario
def samplers_after_manual_seed(i):
    torch.manual_seed(7)
    a = torch.empty(7).exponential_()
    b = torch.empty(2, 3, dtype=torch.float64).exponential_(2.5)
    c = torch.empty(7).cauchy_()
    d = torch.empty(5, dtype=torch.float64).cauchy_(1.5, 0.5)
    e = torch.empty(7).geometric_(0.3)
    f = torch.empty(4, dtype=torch.int64).geometric_(0.7)
    g = torch.empty(7).log_normal_()
    h = torch.empty(3, dtype=torch.float64).log_normal_(0.5, 0.25)
    return {"a": a, "b": b, "c": c, "d": d, "e": e, "f": f, "g": g, "h": h, "after": torch.rand(3)}


@scenario
def samplers_with_generator(i):
    gen = torch.Generator().manual_seed(11)
    a = torch.empty(5).exponential_(0.5, generator=gen)
    b = torch.empty(5).cauchy_(generator=gen)
    c = torch.empty(5, dtype=torch.float64).geometric_(0.05, generator=gen)
    d = torch.empty(5).log_normal_(std=1.0, generator=gen)
    return {"a": a, "b": b, "c": c, "d": d}


@scenario
def exponential_zero_lambda(i):
    return {"y": torch.empty(3).exponential_(0)}


@scenario
def geometric_p_one(i):
    return {"y": torch.empty(3).geometric_(1.0)}


@scenario
def log_normal_zero_std(i):
    return {"y": torch.empty(3).log_normal_(1, 0)}


@scenario
def exponential_of_long(i):
    return {"y": torch.empty(3, dtype=torch.int64).exponential_()}


@scenario
def cauchy_leaf_requires_grad(i):
    return {"y": torch.empty(3, requires_grad=True).cauchy_()}



# ---- apply_, map_, map2_ (JS functions in place of the Python callables) -------------------------

@scenario
def apply_map_map2(i):
    x = given(i, "x", torch.randn(4))
    x.apply_(lambda v: v * 2 + 1)
    y = given(i, "y", torch.randn(2, 3))
    y.map_(given(i, "o", torch.randn(3)), lambda a, b: a * b + 1)
    z = given(i, "z", torch.randn(2))
    z.map2_(given(i, "p", torch.randn(2)), given(i, "q", torch.randn(1)), lambda a, b, c: a + b * c)
    n = torch.tensor([1, 2, 3]).apply_(lambda v: v / 2)
    return {"x": x, "y": y, "z": z, "n": n, "versions": [x._version, y._version, z._version]}


@scenario
def apply_requires_grad(i):
    return {"y": torch.ones(2, requires_grad=True).apply_(lambda v: v)}


@scenario
def map_bad_broadcast(i):
    return {"y": torch.ones(2).map_(torch.ones(3), lambda a, b: a)}


if __name__ == "__main__":
    scenario.write()
