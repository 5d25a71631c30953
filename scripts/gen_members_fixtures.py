"""Tensor members and torch.* utilities wasmgrad lacked (helper h-members): the complex API on real
tensors, storage and layout members, the view ops' *_copy forms, torch.X_ forms, global switches.
Implemented in src/ops/storage_members.ts and src/ops/utility.ts (torch.angle is a table row).

HOW TO RUN
    /usr/bin/python3 scripts/gen_members_fixtures.py

Output: test/fixtures/members.json = {"generator", "torch",
  "cases":  [gen_fixtures.run_case's CASE]: values, grad_fn, gradients,
  "probes": {name: value}: what PyTorch answers to a small program (a bool, a number, a string, a list);
            test/members.test.ts runs the same program, by name, in wasmgrad,
  "errors": {name: {"type", "message"}}: what a program raises, likewise}
Each case and probe is drawn under the seed of its own name. PyTorch 2 semantics where 1.13 differs
are passed explicitly (none needed so far; docs/api.md lists the wording differences).
"""

import os
import sys
import warnings

import system_torch  # noqa: F401 -- re-executes with /usr/bin/python3 when torch is missing
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_fixtures as base  # noqa: E402

OUT = os.path.join(base.OUT_DIR, "members.json")
NAN, INF = float("nan"), float("inf")


def R(*shape, lo=-2.0, hi=2.0, grad=True, dtype=torch.float32):
    return (torch.rand(shape, dtype=torch.float64) * (hi - lo) + lo).to(dtype).requires_grad_(grad)


def T(values, grad=False, dtype=torch.float32):
    t = torch.tensor(values, dtype=dtype)
    return t.requires_grad_(grad) if dtype.is_floating_point else t


def I(values, dtype=torch.int64):
    return torch.tensor(values, dtype=dtype)


EDGE = [-INF, -3.0, -1.0, -0.5, -0.0, 0.0, 0.5, 1.0, 3.0, INF, NAN]

CASES = [
    # angle of a real tensor: π for negatives, NaN kept, zero gradient (AngleBackward0)
    ("angle/edges", "elementwise", "torch.angle", lambda: [T(EDGE, grad=True)], {}),
    ("angle/method", "elementwise", "Tensor.angle", lambda: [R(3, 4)], {}),
    ("angle/float64", "elementwise", "torch.angle", lambda: [T(EDGE, grad=True, dtype=torch.float64)], {}),
    ("angle/int", "elementwise", "torch.angle", lambda: [I([-2, 0, 3])], {}),
    ("angle/bool", "elementwise", "torch.angle", lambda: [T([True, False], dtype=torch.bool)], {}),
    ("angle/empty", "elementwise", "torch.angle", lambda: [R(0, 3)], {}),
    # rsub: other − alpha · input
    ("rsub/tensors", "elementwise", "torch.rsub", lambda: [R(3, 4), R(4)], {}),
    ("rsub/number", "elementwise", "torch.rsub", lambda: [R(3, 4), 2.5], {}),
    ("rsub/alpha", "elementwise", "torch.rsub", lambda: [R(3, 4), R(3, 4)], {"alpha": -2}),
    ("rsub/number alpha positional", "elementwise", "torch.rsub", lambda: [R(4), 1.5, 3], {}),
    ("rsub/int", "elementwise", "torch.rsub", lambda: [I([1, 2, 3]), 3], {}),
    ("rsub/float64", "elementwise", "torch.rsub", lambda: [R(4, dtype=torch.float64), R(4, dtype=torch.float64)], {}),
    ("rsub/edges", "elementwise", "torch.rsub", lambda: [T(EDGE), T([INF] * 11)], {}),
    # fill: a filled copy, zero gradient
    ("fill/number", "elementwise", "torch.fill", lambda: [R(2, 3), 0.7], {}),
    ("fill/tensor", "elementwise", "torch.fill", lambda: [R(2, 3), T(-1.5)], {}),
    ("fill/int", "elementwise", "torch.fill", lambda: [I([1, 2]), 3], {}),
    ("scalar_tensor/int", "elementwise", "torch.scalar_tensor", lambda: [3], {}),
    ("scalar_tensor/dtype", "elementwise", "torch.scalar_tensor", lambda: [7], {"dtype": torch.int64}),
    ("scalar_tensor/bool", "elementwise", "torch.scalar_tensor", lambda: [True], {}),
    # the view ops' copying forms
    ("view_copy/values", "shape", "torch.view_copy", lambda: [R(2, 3), [3, 2]], {}),
    ("permute_copy/values", "shape", "torch.permute_copy", lambda: [R(2, 3, 4), [2, 0, 1]], {}),
    ("t_copy/values", "shape", "torch.t_copy", lambda: [R(2, 3)], {}),
    ("transpose_copy/values", "shape", "torch.transpose_copy", lambda: [R(2, 3, 4), 0, 2], {}),
    ("squeeze_copy/all", "shape", "torch.squeeze_copy", lambda: [R(1, 3, 1)], {}),
    ("squeeze_copy/dim", "shape", "torch.squeeze_copy", lambda: [R(1, 3, 1), 2], {}),
    ("unsqueeze_copy/values", "shape", "torch.unsqueeze_copy", lambda: [R(2, 3), -1], {}),
    ("select_copy/values", "shape", "torch.select_copy", lambda: [R(3, 4), 1, -1], {}),
    ("slice_copy/step", "shape", "torch.slice_copy", lambda: [R(3, 6), 1, 1, 5, 2], {}),
    ("slice_copy/defaults", "shape", "torch.slice_copy", lambda: [R(4, 2)], {"step": 3}),
    ("split_copy/values", "shape", "torch.split_copy", lambda: [R(5, 2), 2], {}),
    ("unbind_copy/values", "shape", "torch.unbind_copy", lambda: [R(3, 2), 1], {}),
    ("expand_copy/values", "shape", "torch.expand_copy", lambda: [R(3, 1), [2, 3, 4]], {}),
    ("diagonal_copy/values", "shape", "torch.diagonal_copy", lambda: [R(3, 4)], {"offset": 1}),
    ("alias_copy/values", "shape", "torch.alias_copy", lambda: [R(2, 3)], {}),
    ("as_strided_copy/values", "shape", "torch.as_strided_copy", lambda: [R(3, 3), [2, 2], [1, 3], 1], {}),
    ("unfold_copy/values", "shape", "torch.unfold_copy", lambda: [R(2, 7), 1, 3, 2], {}),
    # torch.X_ forms (inputs that do not require grad: the functions write them)
    ("index_put_/torch", "shape", "torch.index_put_", lambda: [R(3, 4, grad=False), base.L([I([0, 2])]), T(5.0)], {}),
    ("index_put_/accumulate", "shape", "torch.index_put_", lambda: [R(4, grad=False), base.L([I([1, 1, 3])]), T([1.0, 2.0, 3.0])], {"accumulate": True}),
    ("addmv_/torch", "matmul", "torch.addmv_", lambda: [R(3, grad=False), R(3, 4, grad=False), R(4, grad=False)], {"beta": 0.5, "alpha": 2}),
    ("gcd_/torch", "elementwise", "torch.gcd_", lambda: [I([12, 18, 5, 0]), I([8, 27, 0, 0])], {}),
    ("lcm_/torch", "elementwise", "torch.lcm_", lambda: [I([12, 18, 5, -4]), I([8, 27, 0, 6])], {}),
    ("ldexp_/torch", "elementwise", "torch.ldexp_", lambda: [R(4, grad=False), I([1, -1, 2, 0])], {}),
    ("i0_/torch", "elementwise", "torch.i0_", lambda: [R(5, grad=False)], {}),
    ("conj_physical_/torch", "elementwise", "torch.conj_physical_", lambda: [R(4, grad=False)], {}),
]

DT = [torch.float32, torch.float64, torch.int64, torch.int32, torch.bool]


def probes():
    """name -> a program of PyTorch whose answer wasmgrad must give (test/members.test.ts: PROBES)."""
    x = lambda: R(2, 3)  # noqa: E731
    p = {
        # the complex API on real tensors: the same tensor back
        "conj is self": lambda: (lambda t: t.conj() is t)(x()),
        "conj_physical is self": lambda: (lambda t: t.conj_physical() is t)(x()),
        "resolve_conj is self": lambda: (lambda t: t.resolve_conj() is t)(x()),
        "resolve_neg is self": lambda: (lambda t: t.resolve_neg() is t)(x()),
        "real is self": lambda: (lambda t: t.real is t)(x()),
        "torch.conj is self": lambda: (lambda t: torch.conj(t) is t)(x()),
        "torch.real is self": lambda: (lambda t: torch.real(t) is t)(x()),
        "torch.resolve_conj is self": lambda: (lambda t: torch.resolve_conj(t) is t)(x()),
        "torch.resolve_neg is self": lambda: (lambda t: torch.resolve_neg(t) is t)(x()),
        "torch.conj_physical is self": lambda: (lambda t: torch.conj_physical(t) is t)(x()),
        "conj_physical_ is self, version": lambda: (lambda t: [t.conj_physical_() is t, t._version])(R(3, grad=False)),
        "conj_physical_ of a non-leaf": lambda: (lambda t: t.conj_physical_() is t)(R(3) * 2),
        "conj grad_fn": lambda: str(type(R(3).mul(2).conj().grad_fn).__name__),
        "is_conj": lambda: [x().is_conj(), torch.is_conj(x()), I([1]).is_conj()],
        "is_neg": lambda: [x().is_neg(), torch.is_neg(x())],
        # layout and storage
        "layout": lambda: [str(x().layout), repr(x().layout), str(torch.strided), x().layout == torch.strided],
        "predicates": lambda: (lambda t: [t.is_sparse, t.is_sparse_csr, t.is_quantized, t.is_meta, t.is_nested, t.is_mkldnn, t.is_pinned(), t.is_shared()])(x()),
        "share_memory_": lambda: (lambda t: [t.share_memory_() is t, t.is_shared(), t.clone().is_shared()])(x()),
        "output_nr": lambda: [x().output_nr, (x() * 2).output_nr, x().detach().output_nr],
        "to_dense is self": lambda: (lambda t: t.to_dense() is t)(x()),
        # Tensor.fill_ with a 0-d tensor value (FillBackward3: the value gets the gradient's sum)
        "fill_/tensor value": lambda: [torch.zeros(3).fill_(torch.tensor(2.5)).tolist(), torch.zeros(2, dtype=torch.int64).fill_(torch.tensor(3.7)).tolist()],
        "fill_/tensor value grad": lambda: (lambda w, v: [w.fill_(v).tolist(), w.sum().backward(), v.grad.item()][::2])(torch.zeros(2, requires_grad=True).clone(), torch.tensor(1.5, requires_grad=True)),
        "data_ptr/view shares": lambda: (lambda t: [t.view(-1).data_ptr() == t.data_ptr(), t.t().data_ptr() == t.data_ptr(), t.detach().data_ptr() == t.data_ptr(), t.reshape(3, 2).data_ptr() == t.data_ptr()])(torch.arange(6.0).reshape(2, 3)),
        "data_ptr/offsets": lambda: (lambda t: [t[1].data_ptr() - t.data_ptr(), t[:, 2].data_ptr() - t.data_ptr(), t[1:, 1:][0].data_ptr() - t.data_ptr(), t.diagonal(1).data_ptr() - t.data_ptr()])(torch.arange(12.0).reshape(3, 4)),
        "data_ptr/element sizes": lambda: [(lambda t: t[3].data_ptr() - t.data_ptr())(torch.zeros(5, dtype=d)) for d in DT],
        "data_ptr/copies differ": lambda: (lambda t: [t.clone().data_ptr() != t.data_ptr(), (t + 0).data_ptr() != t.data_ptr(), t.contiguous().data_ptr() == t.data_ptr()])(torch.ones(4)),
        "data_ptr/empty": lambda: [torch.zeros(0).data_ptr(), torch.zeros(2, 0).data_ptr()],
        "data_ptr/stable": lambda: (lambda t: [t.data_ptr() == t.data_ptr(), t.add_(1).data_ptr() == t.data_ptr()])(torch.ones(3)),
        "new_empty_strided": lambda: (lambda t: [list(t.shape), list(t.stride()), str(t.dtype), t.requires_grad])(R(2, dtype=torch.float64).new_empty_strided((2, 3), (1, 2))),
        "new_empty_strided/contiguous": lambda: (lambda t: [list(t.stride()), t.is_contiguous()])(x().new_empty_strided((2, 3), (3, 1))),
        "empty_strided": lambda: (lambda t: [list(t.shape), list(t.stride()), t.is_contiguous(), str(t.dtype)])(torch.empty_strided((2, 3, 4), (1, 2, 6))),
        "empty_strided/dtype grad": lambda: (lambda t: [str(t.dtype), t.requires_grad])(torch.empty_strided((2,), (1,), dtype=torch.float64, requires_grad=True)),
        "empty_like": lambda: (lambda t: [list(t.shape), str(t.dtype), t.requires_grad])(torch.empty_like(I([[1, 2, 3]], dtype=torch.int32))),
        "empty_like/dtype": lambda: (lambda t: [list(t.shape), str(t.dtype)])(torch.empty_like(x(), dtype=torch.float64)),
        # torch.* utilities
        "is_tensor": lambda: [torch.is_tensor(x()), torch.is_tensor(1), torch.is_tensor([1.0]), torch.is_tensor(None)],
        "is_storage": lambda: [torch.is_storage(x()), torch.is_storage(1)],
        "numel": lambda: [torch.numel(x()), torch.numel(R(0, 4)), torch.numel(T(2.0))],
        "get_device": lambda: [torch.get_device(x()), x().get_device()],
        "typename": lambda: [torch.typename(torch.zeros(1, dtype=d)) for d in DT] + [torch.typename(1), torch.typename(1.5), torch.typename("a"), torch.typename(None), torch.typename(True)],
        "can_cast": lambda: [[torch.can_cast(a, b) for b in DT] for a in DT],
        "broadcast_shapes": lambda: [list(torch.broadcast_shapes(*s)) for s in [((2, 1), (3,)), (3, (2, 1)), ((), (2,)), ((0,), (1,)), ((1,), (0,)), ((5, 1, 4), (3, 1), (1,)), ()]],
        "as_tensor": lambda: (lambda t: [torch.as_tensor(t) is t, torch.as_tensor(t, dtype=torch.float32) is t, torch.as_tensor(t, dtype=torch.float64) is t, str(torch.as_tensor([1, 2], dtype=torch.int64).dtype), str(torch.as_tensor([1.5]).dtype), str(torch.as_tensor([True]).dtype), torch.as_tensor([[1, 2]], dtype=torch.float64).tolist()])(x()),
        "asarray": lambda: (lambda t: [torch.asarray(t) is t, torch.asarray(t, copy=True) is t, torch.asarray(t, copy=True).tolist() == t.tolist(), str(torch.asarray([1, 2], dtype=torch.int32).dtype), str(torch.asarray([1.0, 2.5]).dtype), torch.asarray([1.0], requires_grad=True).requires_grad, str(torch.asarray(t, dtype=torch.float64).dtype)])(R(3, grad=False)),
        "scalar_tensor": lambda: (lambda t: [list(t.shape), str(t.dtype), t.item()])(torch.scalar_tensor(2.5)),
        "deterministic/defaults": lambda: [torch.are_deterministic_algorithms_enabled(), torch.is_deterministic_algorithms_warn_only_enabled()],
        "deterministic/set": lambda: [torch.use_deterministic_algorithms(True, warn_only=True), torch.are_deterministic_algorithms_enabled(), torch.is_deterministic_algorithms_warn_only_enabled(), torch.use_deterministic_algorithms(False), torch.are_deterministic_algorithms_enabled(), torch.is_deterministic_algorithms_warn_only_enabled()],
        "matmul precision": lambda: [torch.get_float32_matmul_precision(), torch.set_float32_matmul_precision("medium"), torch.get_float32_matmul_precision(), torch.set_float32_matmul_precision("bogus"), torch.get_float32_matmul_precision(), torch.set_float32_matmul_precision("highest"), torch.get_float32_matmul_precision()],
        "detach_ torch form": lambda: (lambda y: [torch.detach_(y) is y, y.requires_grad, y.grad_fn is None])(R(3) * 2),
        "copy forms copy": lambda: (lambda t: [torch.view_copy(t, (6,))._base is None, torch.t_copy(t).is_contiguous(), list(torch.permute_copy(t, (1, 0)).stride()), list(torch.as_strided_copy(t, (2, 2), (1, 3)).shape), torch.detach_copy(t).requires_grad])(R(2, 3, grad=False)),
        "copy forms do not alias": lambda: (lambda t: (lambda v: [v.add_(1).sum().item(), t.sum().item()])(torch.view_copy(t, (6,))))(torch.zeros(2, 3)),
        "resize_ keeps the first elements": lambda: (lambda t: [t.resize_(2, 2).tolist(), list(t.shape)])(torch.arange(6.0)),
        "resize_as_ shape": lambda: (lambda t: list(t.resize_as_(torch.zeros(3, 1)).shape))(torch.arange(6.0)),
        "torch.resize_as_": lambda: (lambda t: [torch.resize_as_(t, torch.zeros(2, 2)) is t, t.tolist()])(torch.arange(6.0)),
    }
    return p


def errors():
    """name -> a program that raises in PyTorch (test/members.test.ts: ERRORS)."""
    return {
        "imag": lambda: R(3).imag,
        "torch.imag": lambda: torch.imag(R(3)),
        "conj_physical_ of a leaf": lambda: R(3).conj_physical_(),
        "torch.conj_physical_ of a leaf": lambda: torch.conj_physical_(R(3)),
        "conj_physical_ of a view of a leaf": lambda: R(3)[1:].conj_physical_(),
        "resize_ requires grad": lambda: R(2, 3).resize_(3, 2),
        "resize_as_ requires grad": lambda: R(2, 3).resize_as_(torch.zeros(6)),
        "torch.resize_as_ requires grad": lambda: torch.resize_as_(R(2, 3), torch.zeros(6)),
        "cuda": lambda: R(3).cuda(),
        "xpu": lambda: R(3).xpu(),
        "ipu": lambda: R(3).ipu(),
        "record_stream": lambda: R(3).record_stream(None),
        "pin_memory": lambda: R(3).pin_memory(),
        "empty_strided/lengths": lambda: torch.empty_strided((2, 3), (1,)),
        "new_empty_strided/lengths": lambda: R(2).new_empty_strided((2, 3), (3, 1, 1)),
        "numel/not a tensor": lambda: torch.numel(3),
        "get_device/not a tensor": lambda: torch.get_device(3),
        "empty_like/not a tensor": lambda: torch.empty_like(3),
        "real/not a tensor": lambda: torch.real(3),
        "conj/not a tensor": lambda: torch.conj(3),
        "is_conj/not a tensor": lambda: torch.is_conj(3),
        "scalar_tensor/str": lambda: torch.scalar_tensor("a"),
        "broadcast_shapes/mismatch": lambda: torch.broadcast_shapes((2,), (3,)),
        "broadcast_shapes/mismatch 3": lambda: torch.broadcast_shapes((2, 1), (1, 3), (4, 1)),
        "broadcast_shapes/negative": lambda: torch.broadcast_shapes((-1,), (2,)),
        "broadcast_shapes/str": lambda: torch.broadcast_shapes("a"),
        "can_cast/int": lambda: torch.can_cast(1, torch.float32),
        "rsub/bool": lambda: torch.rsub(T([True], dtype=torch.bool), T([True], dtype=torch.bool)),
        "rsub/number input": lambda: torch.rsub(3, R(2)),
        "fill/number input": lambda: torch.fill(3, 1),
        "fill_/1-d value": lambda: torch.zeros(3).fill_(torch.tensor([2.5])),
        "slice_copy/step 0": lambda: torch.slice_copy(R(4), 0, 0, 2, 0),
        "asarray/copy False dtype": lambda: torch.asarray(R(3), dtype=torch.float64, copy=False),
        "use_deterministic_algorithms/int": lambda: torch.use_deterministic_algorithms(1),
        "use_deterministic_algorithms/warn_only int": lambda: torch.use_deterministic_algorithms(True, warn_only=1),
        "set_flush_denormal/int": lambda: torch.set_flush_denormal(1),
        "set_float32_matmul_precision/int": lambda: torch.set_float32_matmul_precision(1),
        "gcd_/float": lambda: torch.gcd_(R(2, grad=False), R(2, grad=False)),
        "ldexp_/leaf": lambda: torch.ldexp_(R(3), I([1, 2, 3])),
    }


def main():
    probe_out, error_out = {}, {}
    cases = [base.case(name, family, call, make, kwargs) for name, family, call, make, kwargs in CASES]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, program in probes().items():
            with base.seeded(name):
                probe_out[name] = program()
    for name, program in errors().items():
        with base.seeded(name):
            try:
                program()
            except (RuntimeError, TypeError, ValueError, IndexError, AssertionError, NotImplementedError) as e:
                error_out[name] = {"type": type(e).__name__, "message": str(e)}
                continue
            raise AssertionError(f"{name}: PyTorch raised nothing")
    base.write(OUT, {"generator": "scripts/gen_members_fixtures.py", "torch": torch.__version__,
                     "cases": cases, "probes": probe_out, "errors": error_out})
    print(f"wrote {OUT}: {len(cases)} cases, {len(probe_out)} probes, {len(error_out)} errors")


if __name__ == "__main__":
    main()
