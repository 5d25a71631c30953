"""torch.linalg's factorizations and solvers (src/ops/linalg_factor.ts) against PyTorch.

Each case calls one function on seeded inputs (float32 and float64, batched, 0x0 / 1x1, singular,
ill-conditioned, NaN) and records its outputs, grad_fn names and the gradients of its inputs for
loss = sum_k sum(f_k(out_k) * W_k), W_k seeded and f_k the identity, or the square for eigh's
eigenvectors (unique only up to sign, so the loss must not see it; the test aligns each
eigenvector's sign with PyTorch's before comparing values). Float64 cases also record the
gradients of sum(g * W2) for g the first gradients taken with create_graph.

Output: test/fixtures/linalg.json = {"generator", "torch", "cases": [CASE], "errors": [ERROR]},
CASE = {"id", "fn" ("linalg.det", "logdet", ...), "args" (gen_fixtures.enc_arg), "kwargs",
"outs" (null for a non-tensor), "grad_fns", "loss" (per output: "id", "sq" or null), "weights",
"grads" (per tensor input, null when none), "weights2", "grads2"},
ERROR = {"id", "fn", "args", "kwargs", "type", "message"}.
"""

import json
import os
import sys

import system_torch  # noqa: F401 -- re-executes with /usr/bin/python3 when torch is missing
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_fixtures as base  # noqa: E402  (the seeding and the encoding)

OUT = os.path.join(base.OUT_DIR, "linalg.json")
D64 = torch.float64


def fn_of(name):
    if name.startswith("Tensor."):  # a method: the first argument is self
        return lambda self, *a, **k: getattr(self, name[len("Tensor."):])(*a, **k)
    obj = torch
    for part in name.split("."):
        obj = getattr(obj, part)
    return obj


def gen(n, b=(), dtype=torch.float32):
    return torch.randn(*b, n, n, dtype=D64).to(dtype)


def spd(n, b=(), dtype=torch.float32):
    x = torch.randn(*b, n, n, dtype=D64)
    return (x @ x.mT + n * torch.eye(n, dtype=D64)).to(dtype)


def sym(n, b=(), dtype=torch.float32):
    x = torch.randn(*b, n, n, dtype=D64)
    return (x + x.mT).to(dtype)


def tri(n, b=(), upper=True, dtype=torch.float32):
    x = torch.randn(*b, n, n, dtype=D64)
    x = x + torch.diag_embed(torch.sign(torch.diagonal(x, 0, -2, -1)) * 2)
    return (x.triu() if upper else x.tril()).to(dtype)


def rect(m, n, b=(), dtype=torch.float32):
    return torch.randn(*b, m, n, dtype=D64).to(dtype)


F32, F64 = torch.float32, torch.float64
NAN = float("nan")


def with_nan(t):
    t = t.clone()
    t.view(-1)[1] = NAN
    return t


# id -> (fn, inputs (drawn inside the case's seed), kwargs, differentiable inputs)
CASES = {
    "det_3": ("linalg.det", lambda: [gen(3)], {}),
    "det_f64_batch": ("linalg.det", lambda: [gen(3, (2, 2), F64)], {}),
    "det_0x0": ("linalg.det", lambda: [gen(0)], {}),
    "det_0x0_batch": ("linalg.det", lambda: [gen(0, (3,))], {}),
    "det_empty_batch": ("linalg.det", lambda: [gen(2, (0,))], {}),
    "det_1x1": ("linalg.det", lambda: [gen(1, (), F64)], {}),
    "det_singular": ("linalg.det", lambda: [torch.tensor([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [1.0, 0.0, 1.0]], dtype=F64)], {}),
    "det_ill": ("linalg.det", lambda: [torch.tensor([[1.0, 1.0], [1.0, 1.0 + 1e-9]], dtype=F64)], {}),
    "det_nan": ("linalg.det", lambda: [with_nan(gen(3))], {"nograd": True}),
    "torch_det": ("det", lambda: [gen(4, (), F64)], {}),
    "slogdet_3": ("linalg.slogdet", lambda: [gen(3)], {}),
    "slogdet_f64_batch": ("linalg.slogdet", lambda: [gen(4, (3,), F64)], {}),
    "slogdet_singular": ("linalg.slogdet", lambda: [torch.zeros(2, 2)], {"nograd": True}),
    "torch_slogdet": ("slogdet", lambda: [gen(2, (), F64)], {}),
    "logdet_spd": ("logdet", lambda: [spd(3, (), F64)], {}),
    "logdet_neg": ("logdet", lambda: [torch.tensor([[0.0, 1.0], [1.0, 0.0]])], {"nograd": True}),
    "logdet_batch": ("logdet", lambda: [spd(3, (2,))], {}),
    "solve_mat": ("linalg.solve", lambda: [gen(3), rect(3, 2)], {}),
    "solve_vec": ("linalg.solve", lambda: [gen(3, (), F64), torch.randn(3, dtype=F64)], {}),
    "solve_batch_vec": ("linalg.solve", lambda: [gen(3, (2,), F64), torch.randn(2, 3, dtype=F64)], {}),
    "solve_broadcast": ("linalg.solve", lambda: [gen(3, (2, 1), F64), rect(3, 2, (3,), F64)], {}),
    "solve_right": ("linalg.solve", lambda: [gen(3, (), F64), rect(2, 3, (), F64)], {"left": False}),
    "solve_0x0": ("linalg.solve", lambda: [gen(0), rect(0, 2)], {}),
    "solve_ill": ("linalg.solve", lambda: [torch.tensor([[1.0, 1.0], [1.0, 1.0 + 1e-9]], dtype=F64), torch.tensor([[2.0], [2.0]], dtype=F64)], {}),
    "cholesky_3": ("linalg.cholesky", lambda: [spd(3)], {}),
    "cholesky_f64_batch": ("linalg.cholesky", lambda: [spd(4, (2,), F64)], {}),
    "cholesky_upper": ("linalg.cholesky", lambda: [spd(3, (), F64)], {"upper": True}),
    "cholesky_1x1": ("linalg.cholesky", lambda: [spd(1, (), F64)], {}),
    "cholesky_0x0": ("linalg.cholesky", lambda: [spd(0)], {}),
    "cholesky_ex": ("linalg.cholesky_ex", lambda: [spd(3, (2,), F64)], {}),
    "cholesky_ex_fail": ("linalg.cholesky_ex", lambda: [torch.tensor([[[1.0, 0.0], [0.0, 1.0]], [[1.0, 2.0], [2.0, 1.0]]])], {"nograd": True, "skip": [0]}),
    "torch_cholesky": ("cholesky", lambda: [spd(3, (), F64)], {}),
    "torch_cholesky_upper": ("cholesky", lambda: [spd(3, (), F64), True], {}),
    "qr_square": ("linalg.qr", lambda: [gen(3)], {}),
    "qr_tall_f64": ("linalg.qr", lambda: [rect(4, 3, (), F64)], {}),
    "qr_wide_f64": ("linalg.qr", lambda: [rect(2, 4, (), F64)], {}),
    "qr_batch": ("linalg.qr", lambda: [rect(3, 2, (2,), F64)], {}),
    "qr_complete": ("linalg.qr", lambda: [rect(3, 3, (), F64)], {"mode": "complete"}),
    "qr_complete_tall": ("linalg.qr", lambda: [rect(4, 2, (), F64)], {"mode": "complete", "nograd": True}),
    "qr_r": ("linalg.qr", lambda: [rect(4, 3, (), F64)], {"mode": "r", "nograd": True}),
    "qr_zero_column": ("linalg.qr", lambda: [torch.tensor([[0.0, 1.0], [0.0, 2.0], [0.0, 3.0]], dtype=F64)], {"nograd": True}),
    "qr_empty": ("linalg.qr", lambda: [rect(0, 3)], {}),
    "eigh_3": ("linalg.eigh", lambda: [sym(3)], {}),
    "eigh_f64_batch": ("linalg.eigh", lambda: [sym(4, (2,), F64)], {}),
    "eigh_upper": ("linalg.eigh", lambda: [gen(3, (), F64)], {"UPLO": "U"}),
    "eigh_lower_nonsym": ("linalg.eigh", lambda: [gen(3, (), F64)], {}),
    "eigh_1x1": ("linalg.eigh", lambda: [sym(1, (), F64)], {}),
    "eigh_0x0": ("linalg.eigh", lambda: [sym(0)], {}),
    "eigvalsh_3": ("linalg.eigvalsh", lambda: [sym(3)], {}),
    "eigvalsh_f64_batch": ("linalg.eigvalsh", lambda: [spd(5, (2,), F64)], {}),
    "eigvalsh_repeated": ("linalg.eigvalsh", lambda: [torch.eye(3, dtype=F64) * 2], {}),
    "st_upper": ("linalg.solve_triangular", lambda: [tri(3), rect(3, 2)], {"upper": True}),
    "st_lower_f64": ("linalg.solve_triangular", lambda: [tri(3, (), False, F64), rect(3, 2, (), F64)], {"upper": False}),
    "st_right": ("linalg.solve_triangular", lambda: [tri(3, (), True, F64), rect(2, 3, (), F64)], {"upper": True, "left": False}),
    "st_unit": ("linalg.solve_triangular", lambda: [tri(3, (), False, F64), rect(3, 1, (), F64)], {"upper": False, "unitriangular": True}),
    "st_broadcast": ("linalg.solve_triangular", lambda: [tri(3, (2,), True, F64), rect(3, 2, (), F64)], {"upper": True}),
    "st_full_input": ("linalg.solve_triangular", lambda: [gen(3, (), F64) + 3 * torch.eye(3, dtype=F64), rect(3, 2, (), F64)], {"upper": False}),
    "cholesky_solve": ("cholesky_solve", lambda: [rect(3, 2, (), F64), torch.linalg.cholesky(spd(3, (), F64))], {}),
    "cholesky_solve_upper": ("cholesky_solve", lambda: [rect(3, 2, (2,)), torch.linalg.cholesky(spd(3)).mT.contiguous(), True], {}),
    "eigh_nan": ("linalg.eigh", lambda: [torch.tensor([[1.0, NAN], [NAN, 2.0]])], {"nograd": True}),
    "qr_nan": ("linalg.qr", lambda: [torch.tensor([[1.0, NAN], [3.0, 2.0]])], {"nograd": True}),
    "solve_nan": ("linalg.solve", lambda: [torch.tensor([[1.0, NAN], [3.0, 2.0]]), torch.ones(2)], {"nograd": True}),
    "det_inf": ("linalg.det", lambda: [torch.tensor([[1.0, float("inf")], [3.0, 2.0]])], {"nograd": True}),
    "inv_ex": ("linalg.inv_ex", lambda: [gen(3, (2,), F64)], {}),
    "inv_ex_singular": ("linalg.inv_ex", lambda: [torch.stack([torch.eye(2), torch.zeros(2, 2), torch.tensor([[1.0, 2.0], [2.0, 4.0]])])], {"nograd": True, "skip": [0]}),
    "pinv_square": ("linalg.pinv", lambda: [gen(3)], {}),
    "pinv_tall_f64": ("linalg.pinv", lambda: [rect(4, 2, (), F64)], {}),
    "pinv_wide_f64_batch": ("linalg.pinv", lambda: [rect(2, 3, (2,), F64)], {}),
    "pinv_rank_deficient": ("linalg.pinv", lambda: [torch.tensor([[1.0, 2.0], [2.0, 4.0], [0.0, 0.0]], dtype=F64)], {"nograd": True}),
    "pinv_hermitian": ("linalg.pinv", lambda: [spd(3, (), F64)], {"hermitian": True}),
    "pinv_atol": ("linalg.pinv", lambda: [torch.diag(torch.tensor([3.0, 0.5, 1e-3], dtype=F64))], {"atol": 0.1, "nograd": True}),
    "lstsq_tall": ("linalg.lstsq", lambda: [rect(5, 3), rect(5, 2)], {}),
    "lstsq_f64_batch": ("linalg.lstsq", lambda: [rect(4, 2, (2,), F64), rect(4, 3, (2,), F64)], {}),
    "lstsq_square_f64": ("linalg.lstsq", lambda: [gen(3, (), F64), rect(3, 1, (), F64)], {}),
    "matrix_rank_full": ("linalg.matrix_rank", lambda: [gen(3)], {}),
    "matrix_rank_deficient": ("linalg.matrix_rank", lambda: [torch.tensor([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [1.0, 0.0, 1.0]])], {}),
    "matrix_rank_batch_f64": ("linalg.matrix_rank", lambda: [torch.stack([torch.eye(3, dtype=F64), torch.zeros(3, 3, dtype=F64), torch.diag(torch.tensor([1.0, 1e-20, 1.0], dtype=F64))])], {}),
    "matrix_rank_atol": ("linalg.matrix_rank", lambda: [torch.diag(torch.tensor([3.0, 0.5, 1e-3]))], {"atol": 0.1}),
    "matrix_rank_rtol": ("linalg.matrix_rank", lambda: [torch.diag(torch.tensor([3.0, 0.5, 1e-3]))], {"rtol": 0.5}),
    "matrix_rank_hermitian": ("linalg.matrix_rank", lambda: [torch.diag(torch.tensor([3.0, -2.0, 0.0]))], {"hermitian": True}),
    "matrix_rank_empty": ("linalg.matrix_rank", lambda: [torch.ones(2, 0, 3)], {}),
    "multi_dot_2": ("linalg.multi_dot", lambda: [base.L([rect(2, 3), rect(3, 4)])], {}),
    "multi_dot_vectors": ("linalg.multi_dot", lambda: [base.L([torch.randn(3), rect(3, 4), rect(4, 2), torch.randn(2)])], {}),
    "multi_dot_chain_f64": ("linalg.multi_dot", lambda: [base.L([rect(10, 2, (), F64), rect(2, 8, (), F64), rect(8, 3, (), F64), rect(3, 7, (), F64), rect(7, 1, (), F64)])], {}),
    "vecdot_2d": ("linalg.vecdot", lambda: [rect(3, 4), rect(3, 4)], {}),
    "vecdot_broadcast_f64": ("linalg.vecdot", lambda: [rect(3, 4, (), F64), torch.randn(3, 1, dtype=F64)], {"dim": 0}),
}

ERRORS = {
    "det_1d": ("linalg.det", lambda: [torch.ones(3)], {}),
    "det_rect": ("linalg.det", lambda: [torch.ones(2, 3)], {}),
    "det_int": ("linalg.det", lambda: [torch.ones(3, 3, dtype=torch.int64)], {}),
    "torch_det_rect": ("det", lambda: [torch.ones(2, 3)], {}),
    "slogdet_rect": ("linalg.slogdet", lambda: [torch.ones(2, 3)], {}),
    "logdet_rect": ("logdet", lambda: [torch.ones(2, 3)], {}),
    "logdet_int": ("logdet", lambda: [torch.ones(2, 2, dtype=torch.int64)], {}),
    "solve_singular": ("linalg.solve", lambda: [torch.zeros(3, 3), torch.ones(3)], {}),
    "solve_singular_batch": ("linalg.solve", lambda: [torch.stack([torch.eye(3), torch.zeros(3, 3)]), torch.ones(3)], {}),
    "solve_shape": ("linalg.solve", lambda: [torch.ones(3, 3), torch.ones(2)], {}),
    "solve_shape_mat": ("linalg.solve", lambda: [torch.ones(3, 3), torch.ones(2, 4)], {}),
    "solve_rect": ("linalg.solve", lambda: [torch.ones(2, 3), torch.ones(2)], {}),
    "solve_int": ("linalg.solve", lambda: [torch.ones(2, 2, dtype=torch.int64), torch.ones(2, dtype=torch.int64)], {}),
    "solve_dtype": ("linalg.solve", lambda: [torch.eye(2), torch.ones(2, dtype=F64)], {}),
    "cholesky_not_pd": ("linalg.cholesky", lambda: [-torch.eye(3)], {}),
    "cholesky_not_pd_3": ("linalg.cholesky", lambda: [torch.tensor([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, -1.0]])], {}),
    "cholesky_not_pd_batch": ("linalg.cholesky", lambda: [torch.stack([torch.eye(2), -torch.eye(2)])], {}),
    "cholesky_nan": ("linalg.cholesky", lambda: [torch.full((2, 2), NAN)], {}),
    "cholesky_rect": ("linalg.cholesky", lambda: [torch.ones(2, 3)], {}),
    "cholesky_1d": ("linalg.cholesky", lambda: [torch.ones(3)], {}),
    "cholesky_int": ("linalg.cholesky", lambda: [torch.ones(2, 2, dtype=torch.int64)], {}),
    "cholesky_ex_check": ("linalg.cholesky_ex", lambda: [-torch.eye(2)], {"check_errors": True}),
    "torch_cholesky_not_pd": ("cholesky", lambda: [-torch.eye(2)], {}),
    "qr_1d": ("linalg.qr", lambda: [torch.ones(3)], {}),
    "qr_mode": ("linalg.qr", lambda: [torch.ones(3, 3)], {"mode": "x"}),
    "qr_int": ("linalg.qr", lambda: [torch.ones(3, 3, dtype=torch.int64)], {}),
    "eigh_rect": ("linalg.eigh", lambda: [torch.ones(2, 3)], {}),
    "eigh_int": ("linalg.eigh", lambda: [torch.ones(2, 2, dtype=torch.int64)], {}),
    "eigh_uplo": ("linalg.eigh", lambda: [torch.eye(2)], {"UPLO": "X"}),
    "eigvalsh_rect": ("linalg.eigvalsh", lambda: [torch.ones(2, 3)], {}),
    "st_shape": ("linalg.solve_triangular", lambda: [torch.eye(3), torch.ones(2, 2)], {"upper": True}),
    "st_rect": ("linalg.solve_triangular", lambda: [torch.ones(2, 3), torch.ones(2, 2)], {"upper": True}),
    "multi_dot_1": ("linalg.multi_dot", lambda: [base.L([torch.ones(2, 2)])], {}),
    "multi_dot_3d_first": ("linalg.multi_dot", lambda: [base.L([torch.ones(2, 2, 2), torch.ones(2, 2)])], {}),
    "multi_dot_3d_middle": ("linalg.multi_dot", lambda: [base.L([torch.ones(2, 2), torch.ones(2, 2, 2), torch.ones(2, 2)])], {}),
    "multi_dot_shapes": ("linalg.multi_dot", lambda: [base.L([torch.ones(3, 4), torch.ones(3, 4)])], {}),
    "multi_dot_dtype": ("linalg.multi_dot", lambda: [base.L([torch.ones(3, 4), torch.ones(4, 2, dtype=F64)])], {}),
    "vecdot_dtype": ("linalg.vecdot", lambda: [torch.ones(3), torch.ones(3, dtype=F64)], {}),
    "vecdot_int": ("linalg.vecdot", lambda: [torch.ones(3, dtype=torch.int64), torch.ones(3, dtype=torch.int64)], {}),
    "matrix_rank_int": ("linalg.matrix_rank", lambda: [torch.ones(3, 3, dtype=torch.int64)], {}),
    "matrix_rank_1d": ("linalg.matrix_rank", lambda: [torch.ones(3)], {}),
    "pinv_1d": ("linalg.pinv", lambda: [torch.ones(3)], {}),
    "pinv_int": ("linalg.pinv", lambda: [torch.ones(3, 3, dtype=torch.int64)], {}),
    "lstsq_rows": ("linalg.lstsq", lambda: [torch.ones(3, 2), torch.ones(4, 2)], {}),
    "lstsq_int": ("linalg.lstsq", lambda: [torch.ones(3, 2, dtype=torch.int64), torch.ones(3, 2, dtype=torch.int64)], {}),
    "inv_ex_check": ("linalg.inv_ex", lambda: [torch.stack([torch.eye(2), torch.zeros(2, 2)])], {"check_errors": True}),
    "inv_ex_rect": ("linalg.inv_ex", lambda: [torch.ones(2, 3)], {}),
    "cholesky_solve_shape": ("cholesky_solve", lambda: [torch.ones(2, 2), torch.eye(3)], {}),
}


def singular_det_grad(a, w):
    """det's gradient at a singular matrix: PyTorch 2's (the cofactor matrix times the upstream
    gradient; 1.13's lu_solve path returns zeros there), from torch.linalg.det of the minors."""
    n = a.shape[-1]
    cof = torch.empty_like(a)
    for i in range(n):
        for j in range(n):
            keep_r = [r for r in range(n) if r != i]
            keep_c = [c for c in range(n) if c != j]
            cof[i, j] = (-1) ** (i + j) * torch.linalg.det(a[keep_r][:, keep_c])
    return cof * w


# a case's own options, not the function's: no gradients, outputs left out, outputs whose loss is squared,
# no second order (a linear function's gradient does not depend on its input)
OPTIONS = ("nograd", "skip", "sq", "first_order")


def call(fn, args, kwargs):
    return fn_of(fn)(*args, **{k: v for k, v in kwargs.items() if k not in OPTIONS})


def outs_of(result):
    return list(result) if isinstance(result, tuple) else [result]


def grad_of(loss, tensors, create_graph=False):
    """The gradients of loss for each tensor, None for one that does not require grad (LU's pivots)."""
    diff = [t for t in tensors if t.requires_grad]
    got = iter(torch.autograd.grad(loss, diff, allow_unused=True, create_graph=create_graph))
    return [next(got) if t.requires_grad else None for t in tensors]


def cases(table=None):
    out = []
    for cid, (fn, make, kwargs) in (table or CASES).items():
        with base.seeded(cid):
            args = make()
            nograd = kwargs.get("nograd", False)
            leaf = lambda a: a.detach().requires_grad_(not nograd and a.is_floating_point()) if isinstance(a, torch.Tensor) else a  # noqa: E731
            leaves = [base.L(leaf(x) for x in a) if isinstance(a, base.L) else leaf(a) for a in args]
            result = outs_of(call(fn, leaves, kwargs))
            loss_kind = [None if not (isinstance(o, torch.Tensor) and o.is_floating_point() and o.requires_grad) or i in kwargs.get("skip", [])
                         else ("sq" if (fn == "linalg.eigh" and i == 1) or i in kwargs.get("sq", []) else "id") for i, o in enumerate(result)]
            weights = [torch.randn(o.shape, dtype=o.dtype) if k else None for o, k in zip(result, loss_kind)]
            tensors = [t for a in leaves for t in (a if isinstance(a, base.L) else [a]) if isinstance(t, torch.Tensor)]
            case = {
                "id": cid, "fn": fn, "args": [base.enc_arg(a) for a in leaves],
                "kwargs": {k: v for k, v in kwargs.items() if k not in OPTIONS},
                "outs": [base.enc_tensor(o.detach()) if i not in kwargs.get("skip", []) else None for i, o in enumerate(result)],
                "grad_fns": [type(o.grad_fn).__name__ if o.grad_fn is not None else None for o in result],
                "loss": loss_kind, "weights": [base.enc_tensor(w) if w is not None else None for w in weights],
                "grads": None, "weights2": None, "grads2": None,
            }
            if any(loss_kind):
                loss = sum(((o * o if k == "sq" else o) * w).sum() for o, k, w in zip(result, loss_kind, weights) if k)
                double = tensors[0].dtype == F64 and "singular" not in cid and not kwargs.get("first_order")
                grads = grad_of(loss, tensors, create_graph=double)
                if cid == "det_singular":
                    grads = [singular_det_grad(tensors[0].detach(), weights[0])]
                case["grads"] = [base.enc_tensor(g.detach()) if g is not None else None for g in grads]
                if double:
                    w2 = [torch.randn(t.shape, dtype=t.dtype) if t.requires_grad else None for t in tensors]
                    loss2 = sum((g * w).sum() for g, w in zip(grads, w2) if g is not None)
                    g2 = grad_of(loss2, tensors)
                    case["weights2"] = [base.enc_tensor(w) if w is not None else None for w in w2]
                    case["grads2"] = [base.enc_tensor(g) if g is not None else None for g in g2]
            out.append(case)
    return out


def errors(table=None):
    out = []
    for eid, (fn, make, kwargs) in (table or ERRORS).items():
        with base.seeded(eid):
            args = make()
            try:
                call(fn, args, kwargs)
            except Exception as e:  # noqa: BLE001 -- the error is what is recorded
                name = type(e).__name__.lstrip("_")
                kwargs = {k: v for k, v in kwargs.items() if k not in OPTIONS}
                out.append({"id": eid, "fn": fn, "args": [base.enc_arg(a) for a in args], "kwargs": kwargs,
                            "type": name, "message": str(e)})
                continue
            raise AssertionError(f"{eid}: no error")
    if table:
        return out
    # the backward of mode='r'
    x = torch.randn(3, 2, requires_grad=True)
    try:
        torch.linalg.qr(x, mode="r")[1].sum().backward()
    except RuntimeError as e:
        out.append({"id": "qr_r_backward", "fn": "linalg.qr", "args": [base.enc_arg(x)], "kwargs": {"mode": "r"}, "type": "backward", "message": str(e)})
    return out


def write(out, generator, case_list, error_list):
    data = {"generator": generator, "torch": torch.__version__, "cases": case_list, "errors": error_list}
    with open(out, "w") as f:
        json.dump(data, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {out}: {len(case_list)} cases, {len(error_list)} errors")


def main():
    write(OUT, "scripts/gen_linalg_fixtures.py", cases(), errors())


if __name__ == "__main__":
    main()
