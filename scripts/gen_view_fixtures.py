#!/usr/bin/python3
"""
gen_view_fixtures.py -- PyTorch's views alias their base: a write through a view reaches the
base (CopySlices) and a write to the base shows in its views (AsStridedBackward0), with one
version counter between them; detach() and .data share the data outside autograd; and the
errors around writing views (a view of a leaf, a view made under no_grad, an expanded view).

HOW TO RUN
    npm run fixtures                  (runs every fixture generator)
    /usr/bin/python3 scripts/gen_view_fixtures.py

Output: test/fixtures/views.json, read by test/views.test.ts, which runs the same program
under each scenario's name on both devices (scenarios.py describes the encoding).
"""

import os
import sys

import system_torch  # noqa: F401 -- re-executes with /usr/bin/python3 when torch is missing
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scenarios import Scenarios, given  # noqa: E402

scenario = Scenarios("scripts/gen_view_fixtures.py", "views.json")


def name(t):
    return t.grad_fn.name() if t.grad_fn is not None else None


@scenario
def write_through_select(i):
    a = given(i, "a", torch.randn(2, 3)).requires_grad_()
    x = a.clone()
    v = x[0]
    v.mul_(2)
    x.sum().backward()
    return {"x": x, "v": v, "x_version": x._version, "v_version": v._version,
            "x_grad_fn": name(x), "v_grad_fn": name(v), "grad": a.grad}


@scenario
def base_write_seen_by_view(i):
    a = given(i, "a", torch.randn(3, 4)).requires_grad_()
    x = a.clone()
    v = x[:, 1]
    before = name(v)
    x.mul_(3)
    (v * v).sum().backward()
    return {"v": v, "before": before, "after": name(v), "v_version": v._version, "grad": a.grad}


@scenario
def setitem_through_transpose(i):
    x = given(i, "x", torch.randn(2, 3))
    t = x.t()
    t[0, 1] = 5
    return {"x": x, "t": t, "version": x._version, "t_version": t._version}


@scenario
def chain_of_views(i):
    w = torch.zeros(6)
    v = w.view(2, 3)
    u = v[1]
    u.fill_(7)
    s = v.unsqueeze(0).squeeze(0).flatten()
    s[0] = -1
    return {"w": w, "v": v, "u": u, "s": s, "versions": [w._version, v._version, u._version, s._version],
            "bases": [v._base is w, u._base is w, s._base is w, w._base is None]}


@scenario
def view_ops_write_through(i):
    x = given(i, "x", torch.randn(2, 3, 4))
    x.permute(2, 0, 1)[1].add_(10)
    x.transpose(0, 2)[0, 1].mul_(-1)
    x.narrow(2, 1, 2).sub_(1)
    x.diagonal(0, 1, 2).fill_(0)
    x.select(0, 1)[2].div_(2)
    x[..., 1::2].neg_()
    return {"x": x, "version": x._version}


@scenario
def split_chunk_unbind_alias(i):
    x = given(i, "x", torch.randn(4, 3))
    a, b = x.split(2)
    a.mul_(2)
    c = x.chunk(3, 1)[2]
    c.zero_()
    r = x.unbind(0)[3]
    r.add_(1)
    x.add_(100)
    return {"x": x, "a": a, "b": b, "c": c, "r": r, "version": x._version}


@scenario
def reshape_aliases_where_it_can(i):
    x = given(i, "x", torch.randn(2, 3))
    r = x.reshape(3, 2)
    r[0, 0] = 9
    c = x.t().reshape(6)   # a copy: the transposed layout cannot be viewed flat
    c[1] = -9
    return {"x": x, "r": r, "c": c, "r_is_view": r._base is x, "c_is_view": c._base is not None}


@scenario
def expand_then_write(i):
    x = given(i, "x", torch.randn(3))
    e = x.expand(2, 3)
    x[1] = 4
    out = {"e": e}
    e.add_(1)
    return out


@scenario
def view_of_leaf_written(i):
    a = given(i, "a", torch.randn(2, 3)).requires_grad_()
    a[0].mul_(2)
    return {}


@scenario
def view_of_view_of_leaf_written(i):
    b = given(i, "b", torch.randn(6))
    a = b.view(2, 3)
    a.requires_grad_()
    a[0].mul_(2)
    return {}


@scenario
def view_made_under_no_grad(i):
    a = given(i, "a", torch.randn(2, 3)).requires_grad_()
    x = a.clone()
    with torch.no_grad():
        w = x[1]
    w.mul_(2)
    return {}


@scenario
def view_written_under_no_grad(i):
    a = given(i, "a", torch.randn(2, 3)).requires_grad_()
    with torch.no_grad():
        a[1].mul_(2)
        a.t()[0].zero_()
    return {"a": a, "version": a._version, "is_leaf": a.is_leaf, "grad_fn": name(a)}


@scenario
def saved_view_then_base_written(i):
    a = given(i, "a", torch.randn(2, 3)).requires_grad_()
    x = a.clone()
    y = x[0]
    z = y * y
    x.add_(1)
    z.sum().backward()
    return {}


@scenario
def detach_shares_data(i):
    a = given(i, "a", torch.randn(3)).requires_grad_()
    y = a * 2
    d = y.detach()
    d.zero_()
    return {"y": y, "d": d, "y_version": y._version, "d_version": d._version, "y_grad_fn": name(y),
            "d_requires_grad": d.requires_grad, "d_base": d._base is y}


@scenario
def detach_then_backward_refuses(i):
    a = given(i, "a", torch.randn(3)).requires_grad_()
    y = a.exp()
    y.detach().mul_(2)
    y.sum().backward()
    return {}


@scenario
def data_update(i):
    w = given(i, "w", torch.randn(3)).requires_grad_()
    x = given(i, "x", torch.randn(3))
    loss = (w * x).sum()
    loss.backward()
    d = w.data
    d.sub_(0.1 * w.grad)
    return {"w": w, "w_version": w._version, "d_version": d._version, "requires_grad": w.requires_grad,
            "is_leaf": w.is_leaf}


@scenario
def data_write_leaves_graph_usable(i):
    w = given(i, "w", torch.randn(3)).requires_grad_()
    y = (w * w).sum()
    w.data.mul_(2)
    y.backward()
    return {"grad": w.grad, "w": w}


@scenario
def as_strided_view(i):
    x = given(i, "x", torch.randn(6))
    s = torch.as_strided(x, (2, 2), (1, 2), 1)
    s[1, 1] = 0
    x[1] = 8
    return {"x": x, "s": s, "base": s._base is x}


@scenario
def as_strided_out_of_bounds(i):
    x = given(i, "x", torch.randn(2, 2))
    return {"s": torch.as_strided(x, (2, 3), (2, 1), 1)}


@scenario
def ellipsis_alias(i):
    a = given(i, "a", torch.randn(2, 2)).requires_grad_()
    x = a.clone()
    e = x[...]
    e.mul_(5)
    x.sum().backward()
    return {"x": x, "e_grad_fn": name(e), "x_grad_fn": name(x), "grad": a.grad}


@scenario
def copy_into_view_from_graph(i):
    w = given(i, "w", torch.randn(2)).requires_grad_()
    buf = torch.zeros(2, 3)
    buf[:, 1].copy_(w * 3)
    (buf * buf).sum().backward()
    return {"buf": buf, "grad_fn": name(buf), "requires_grad": buf.requires_grad, "grad": w.grad}


@scenario
def view_survives_base_dispose_equivalent(i):
    # the base goes out of scope (wasmgrad: disposed), the view still reads and writes its data
    x = given(i, "x", torch.randn(4))
    v = x[1:3]
    del x
    v.mul_(10)
    return {"v": v}


def _item(v):
    """An index item in wasmgrad's spelling ('1::2', '...', None, ints) as Python's."""
    if v == "...":
        return Ellipsis
    if isinstance(v, str):
        return slice(*[int(p) if p else None for p in v.split(":")])
    return v


def _step(x, step):
    name, *args = step
    if name == "index":
        return x[tuple(_item(v) for v in args[0])]
    if name in ("split", "chunk", "unbind"):  # [name, which piece, ...args]
        return getattr(x, name)(*args[1:])[args[0]]
    return getattr(x, name)(*args)


# (shape of arange, chain of view ops): the strides and storage offset PyTorch gives the result
LAYOUT_CHAINS = [
    ([2, 3], []), ([2, 3], [["t"]]), ([3, 4], [["select", 1, 2]]), ([3, 4], [["select", 0, -1]]),
    ([3, 4], [["index", [":", 1]]]), ([3, 4], [["index", [1]]]), ([3, 4], [["index", ["1:", "::2"]]]),
    ([4, 5], [["index", ["1:3", "2:"]], ["t"]]), ([6], [["index", ["4:2"]]]), ([6], [["index", ["10:"]]]),
    ([3, 4], [["index", ["...", None, "1::3"]]]), ([3, 4], [["index", ["..."]]]), ([3, 4], [["t"], ["index", ["..."]]]),
    ([3, 4], [["narrow", 1, 1, 2]]), ([3, 4], [["narrow", 0, 2, 1], ["squeeze"]]), ([2, 3, 4], [["narrow", 2, 1, 3], ["narrow", 0, 1, 1]]),
    ([3, 4], [["diagonal"]]), ([3, 4], [["diagonal", 1]]), ([3, 4], [["diagonal", -2]]), ([3, 4], [["diagonal", 5]]),
    ([2, 3, 4], [["diagonal", 1, 0, 2]]), ([2, 3, 4], [["index", [1]], ["diagonal", -1]]),
    ([5, 2], [["split", 1, 2]]), ([5, 2], [["split", 2, 2]]), ([4, 6], [["chunk", 2, 3, 1]]), ([3, 4], [["unbind", 2, 0]]),
    ([3, 4], [["unbind", 3, 1]]), ([2, 3, 4], [["permute", 2, 0, 1], ["select", 1, 1]]),
    ([3, 1], [["expand", 3, 4]]), ([3, 1], [["index", ["1:"]], ["expand", 2, 5]]), ([4, 4], [["index", ["1:", "1:"]], ["unsqueeze", 1]]),
    ([4, 4], [["index", [2]], ["view", 2, 2]]), ([4, 4], [["index", ["1:3"]], ["view", 8]]), ([4, 4], [["index", [":", "1:3"]], ["reshape", 4, 2]]),
    ([4, 4], [["index", [":", "1:3"]], ["flatten"]]), ([4, 4], [["index", ["2:"]], ["flatten"]]),
    ([12], [["as_strided", [2, 2], [3, 1], 1]]), ([12], [["index", ["2:"]], ["as_strided", [2, 2], [1, 2]]]),
    ([3, 4], [["index", [1]], ["detach"]]), ([3, 4], [["index", [1, "1:"]], ["clone"]]), ([3, 4], [["index", [":", 1]], ["contiguous"]]),
    ([3, 4], [["index", [1]], ["contiguous"]]), ([2, 3, 4], [["movedim", 0, 2], ["index", [1]]]), ([2, 3, 4], [["transpose", 0, 2], ["unbind", 1, 1]]),
]


@scenario
def layouts(i):
    cases = []
    for shape, chain in LAYOUT_CHAINS:
        x = torch.arange(float(torch.Size(shape).numel())).reshape(shape)
        for step in chain:
            x = _step(x, step)
        try:
            flat = x.view(-1).tolist()
        except RuntimeError as e:
            flat = str(e)
        cases.append([shape, chain, list(x.shape), list(x.stride()), x.storage_offset(), x.is_contiguous(), x.tolist(), flat])
    return {"cases": cases}


@scenario
def stride_of_one_dim(i):
    x = torch.zeros(2, 3, 4).transpose(0, 2)
    return {"each": [x.stride(d) for d in (0, 1, 2, -1, -3)], "scalar": list(torch.tensor(1.0).stride())}


@scenario
def stride_dim_out_of_range(i):
    return {"s": torch.zeros(2, 3).stride(2)}


@scenario
def stride_of_scalar_by_dim(i):
    return {"s": torch.tensor(1.0).stride(0)}


@scenario
def layout_kept_by_data_and_parameter(i):
    x = torch.arange(12.0).view(3, 4)[1:, 1::2]
    p = torch.nn.Parameter(x)
    return {"data": [list(x.data.stride()), x.data.storage_offset()], "detach": [list(x.detach().stride()), x.detach().storage_offset()],
            "parameter": [list(p.stride()), p.storage_offset()]}


if __name__ == "__main__":
    scenario.write()
