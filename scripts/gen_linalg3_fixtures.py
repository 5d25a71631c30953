"""torch.linalg's LDL family (ldl_factor, ldl_factor_ex, ldl_solve), torch.geqrf, torch.ormqr and the
deprecated chain_matmul, frobenius_norm, nuclear_norm (helper linalg3), against PyTorch.

The cases and their encoding are scripts/gen_linalg_fixtures.py's (its docstring says what a case
records); "Tensor.x" calls the method x on the first argument.

- ldl_factor's pivots are LAPACK's sytrf pivots as PyTorch returns them (the test compares them
  exactly); its inputs are symmetric, or only their lower triangle is read (the "nonsym" case).
- ormqr: PyTorch 1.13 has no derivative for it (PyTorch 2 has): its ORMQR cases record the outputs
  and grad_fn of torch.ormqr, and the gradients of the same function composed as
  op(householder_product(reflectors padded to a square, tau)) @ other, which 1.13 differentiates
  (twice for float64) -- the gradient PyTorch 2's ormqr_backward computes.
- NO_GRAD: the functions PyTorch cannot differentiate, called with inputs that require grad: the
  name() of each output's grad_fn, and the error the backward raises.

Output: test/fixtures/linalg3.json = {"generator", "torch", "cases": [CASE], "errors": [ERROR],
"no_grad": [{"id", "fn", "args", "kwargs", "grad_fns", "message"}],
"lowrank": [{"id", "fn", "A", "seed", "kwargs", "outs" (U, S, V), "grad_fns", "weight", "grad" (of sum(S * weight))}]}.
svd_lowrank / pca_lowrank draw torch.randn(n, q): each call follows torch.manual_seed(seed), and the
test seeds wasmgrad's generator (PyTorch's mt19937 stream) the same way.
"""

import os
import sys
import warnings
import zlib

import system_torch  # noqa: F401 -- re-executes with /usr/bin/python3 when torch is missing
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_fixtures as base  # noqa: E402
import gen_linalg_fixtures as la  # noqa: E402
from gen_linalg_fixtures import gen, sym, spd, rect, F32, F64, NAN  # noqa: E402

OUT = os.path.join(base.OUT_DIR, "linalg3.json")
I32 = torch.int32


def ldl_of(a):
    return list(torch.linalg.ldl_factor(a))


def indefinite(dtype=F64):
    """Zero diagonal: Bunch-Kaufman must take a 2x2 pivot first."""
    return torch.tensor([[0.0, 1.0, 2.0], [1.0, 0.0, 3.0], [2.0, 3.0, 0.0]], dtype=dtype)


def geqrf_of(a):
    return list(torch.geqrf(a))


CASES = {
    # ldl_factor, ldl_factor_ex (no derivative: nograd)
    "ldl_sym_f32": ("linalg.ldl_factor", lambda: [sym(4)], {"nograd": True}),
    "ldl_sym_f64_batch": ("linalg.ldl_factor", lambda: [sym(5, (2, 2), F64)], {"nograd": True}),
    "ldl_spd_f64": ("linalg.ldl_factor", lambda: [spd(4, (), F64)], {"nograd": True}),
    "ldl_indefinite": ("linalg.ldl_factor", lambda: [indefinite()], {"nograd": True}),
    "ldl_2x2_pivots_f64": ("linalg.ldl_factor", lambda: [torch.tensor([[1e-3, 5.0, 0.1, 2.0], [5.0, 1e-3, 1.0, 0.3], [0.1, 1.0, 4.0, 0.2], [2.0, 0.3, 0.2, 1e-3]], dtype=F64)], {"nograd": True}),
    "ldl_big_f64": ("linalg.ldl_factor", lambda: [sym(9, (), F64)], {"nograd": True}),
    "ldl_nonsym_lower_read": ("linalg.ldl_factor", lambda: [rect(4, 4, (), F64)], {"nograd": True}),
    "ldl_hermitian_flag": ("linalg.ldl_factor", lambda: [sym(3, (), F64)], {"hermitian": True, "nograd": True}),
    "ldl_1x1": ("linalg.ldl_factor", lambda: [torch.tensor([[-2.5]])], {"nograd": True}),
    "ldl_0x0": ("linalg.ldl_factor", lambda: [torch.zeros(0, 0)], {"nograd": True}),
    "ldl_empty_batch": ("linalg.ldl_factor", lambda: [torch.zeros(0, 3, 3, dtype=F64)], {"nograd": True}),
    "ldl_ex_singular": ("linalg.ldl_factor_ex", lambda: [torch.stack([torch.eye(3), torch.zeros(3, 3), torch.tensor([[1.0, 1.0, 0.0], [1.0, 1.0, 0.0], [0.0, 0.0, 0.0]])])], {"nograd": True}),
    "ldl_ex_f64": ("linalg.ldl_factor_ex", lambda: [sym(4, (3,), F64)], {"nograd": True}),
    "ldl_ex_inf": ("linalg.ldl_factor_ex", lambda: [torch.tensor([[float("inf"), 1.0], [1.0, 2.0]], dtype=F64)], {"nograd": True}),
    "ldl_ex_nan": ("linalg.ldl_factor_ex", lambda: [torch.tensor([[NAN, 1.0], [1.0, 2.0]], dtype=F64)], {"nograd": True}),
    # ldl_solve
    "ldl_solve_f64": ("linalg.ldl_solve", lambda: ldl_of(sym(4, (), F64)) + [rect(4, 3, (), F64)], {"nograd": True}),
    "ldl_solve_f32_batch": ("linalg.ldl_solve", lambda: ldl_of(sym(3, (2,))) + [rect(3, 2, (2,))], {"nograd": True}),
    "ldl_solve_2x2_pivots": ("linalg.ldl_solve", lambda: ldl_of(indefinite()) + [rect(3, 2, (), F64)], {"nograd": True}),
    "ldl_solve_broadcast_b": ("linalg.ldl_solve", lambda: ldl_of(sym(3, (), F64)) + [rect(3, 1, (2, 2), F64)], {"nograd": True}),
    "ldl_solve_broadcast_ld": ("linalg.ldl_solve", lambda: ldl_of(sym(5, (2,), F64)) + [rect(5, 2, (), F64)], {"nograd": True}),
    "ldl_solve_big_f64": ("linalg.ldl_solve", lambda: ldl_of(sym(8, (), F64)) + [rect(8, 2, (), F64)], {"nograd": True}),
    "ldl_solve_hermitian_flag": ("linalg.ldl_solve", lambda: ldl_of(sym(3, (), F64)) + [rect(3, 2, (), F64)], {"hermitian": True, "nograd": True}),
    "ldl_solve_empty_rhs": ("linalg.ldl_solve", lambda: ldl_of(sym(3, (), F64)) + [torch.zeros(3, 0, dtype=F64)], {"nograd": True}),
    "ldl_solve_0x0": ("linalg.ldl_solve", lambda: ldl_of(torch.zeros(0, 0)) + [torch.zeros(0, 2)], {"nograd": True}),
    # geqrf (no derivative: nograd)
    "geqrf_square": ("geqrf", lambda: [gen(3)], {"nograd": True}),
    "geqrf_tall_f64": ("geqrf", lambda: [rect(5, 3, (), F64)], {"nograd": True}),
    "geqrf_wide_f64": ("geqrf", lambda: [rect(2, 4, (), F64)], {"nograd": True}),
    "geqrf_batch": ("geqrf", lambda: [rect(4, 4, (2, 1))], {"nograd": True}),
    "geqrf_zero_column_f64": ("geqrf", lambda: [torch.tensor([[0.0, 1.0], [0.0, 2.0], [0.0, 3.0]], dtype=F64)], {"nograd": True}),
    "geqrf_negative_pivot_f64": ("geqrf", lambda: [torch.tensor([[-3.0, 1.0], [4.0, 2.0]], dtype=F64)], {"nograd": True}),
    "geqrf_1xn": ("geqrf", lambda: [rect(1, 3)], {"nograd": True}),
    "geqrf_empty": ("geqrf", lambda: [torch.zeros(0, 3)], {"nograd": True}),
    "method_geqrf": ("Tensor.geqrf", lambda: [rect(3, 2, (), F64)], {"nograd": True}),
    # chain_matmul, frobenius_norm, nuclear_norm
    "chain_matmul_3": ("chain_matmul", lambda: [rect(2, 3, (), F64), rect(3, 4, (), F64), rect(4, 2, (), F64)], {}),
    "chain_matmul_2_f32": ("chain_matmul", lambda: [rect(3, 2), rect(2, 3)], {}),
    "chain_matmul_4": ("chain_matmul", lambda: [rect(5, 1, (), F64), rect(1, 4, (), F64), rect(4, 2, (), F64), rect(2, 3, (), F64)], {}),
    "chain_matmul_1": ("chain_matmul", lambda: [rect(2, 3, (), F64)], {"first_order": True}),
    "frobenius_all_f64": ("frobenius_norm", lambda: [rect(3, 4, (), F64)], {}),
    "frobenius_dim2_f64": ("frobenius_norm", lambda: [rect(2, 3, (4,), F64)], {"dim": [0, 2]}),
    "frobenius_dim2_keepdim": ("frobenius_norm", lambda: [rect(2, 3, (4,))], {"dim": [-1, 0], "keepdim": True}),
    "frobenius_dim1_f64": ("frobenius_norm", lambda: [rect(3, 4, (), F64)], {"dim": [1]}),
    "frobenius_dim1_keepdim": ("frobenius_norm", lambda: [rect(3, 4)], {"dim": [0], "keepdim": True}),
    "frobenius_zeros": ("frobenius_norm", lambda: [torch.zeros(2, 2, dtype=F64)], {"dim": [0, 1], "nograd": True}),
    "nuclear_f64": ("nuclear_norm", lambda: [rect(3, 4, (), F64)], {"first_order": True}),
    "nuclear_f32": ("nuclear_norm", lambda: [rect(4, 2)], {}),
    "nuclear_keepdim_f64": ("nuclear_norm", lambda: [rect(3, 3, (), F64), True], {"first_order": True}),
    "nuclear_dim_f64": ("nuclear_norm", lambda: [rect(2, 3, (4,), F64)], {"dim": [0, 2], "first_order": True}),
    "nuclear_dim_keepdim": ("nuclear_norm", lambda: [rect(3, 2, (2,))], {"dim": [2, 1], "keepdim": True}),
}

# (input, tau, other, left, transpose) as torch.ormqr's positional arguments
ORMQR = {
    "ormqr_left_f64": lambda: geqrf_of(rect(4, 3, (), F64)) + [rect(4, 2, (), F64)],
    "ormqr_left_t_f64": lambda: geqrf_of(rect(4, 3, (), F64)) + [rect(4, 2, (), F64), True, True],
    "ormqr_right_f64": lambda: geqrf_of(rect(3, 3, (), F64)) + [rect(2, 3, (), F64), False],
    "ormqr_right_t_f64": lambda: geqrf_of(rect(3, 2, (), F64)) + [rect(2, 3, (), F64), False, True],
    "ormqr_batch_f32": lambda: geqrf_of(rect(3, 3, (2,))) + [rect(3, 2, (2,))],
    "ormqr_fewer_tau_f64": lambda: [rect(4, 3, (), F64), torch.randn(2, dtype=F64), rect(4, 3, (), F64), True, True],
    "ormqr_wide_input_f64": lambda: [rect(3, 4, (), F64), torch.randn(3, dtype=F64), rect(3, 2, (), F64)],
    "method_ormqr": lambda: geqrf_of(rect(3, 2)) + [rect(3, 3), True, True],
}


def ormqr_composed(a, tau, c, left=True, transpose=False):
    """op(Q)·C or C·op(Q) with Q = householder_product of the reflectors padded to mn columns."""
    mn, r = a.shape[-2], tau.shape[-1]
    v = torch.cat([a[..., :r], torch.zeros(*a.shape[:-2], mn, mn - r, dtype=a.dtype)], -1)
    q = torch.linalg.householder_product(v, tau)
    q = q.mT if transpose else q
    return q @ c if left else c @ q


def ormqr_cases():
    out = []
    for cid, make in ORMQR.items():
        with base.seeded(cid):
            args = make()
            leaves = [x.detach().requires_grad_() if isinstance(x, torch.Tensor) else x for x in args]
            tensors = leaves[:3]
            fn = "Tensor.ormqr" if cid.startswith("method") else "ormqr"
            y = la.fn_of(fn)(*leaves)
            ref = ormqr_composed(*leaves)
            assert torch.allclose(y, ref, atol=1e-5), cid
            w = torch.randn(y.shape, dtype=y.dtype)
            double = tensors[0].dtype == F64
            grads = la.grad_of((ref * w).sum(), tensors, create_graph=double)
            case = {
                "id": cid, "fn": fn, "args": [base.enc_arg(a) for a in leaves], "kwargs": {},
                "outs": [base.enc_tensor(y.detach())], "grad_fns": [type(y.grad_fn).__name__],
                "loss": ["id"], "weights": [base.enc_tensor(w)],
                "grads": [base.enc_tensor(g.detach()) for g in grads], "weights2": None, "grads2": None,
            }
            if double:
                w2 = [torch.randn(t.shape, dtype=t.dtype) for t in tensors]
                g2 = la.grad_of(sum((g * v).sum() for g, v in zip(grads, w2)), tensors)
                case["weights2"] = [base.enc_tensor(v) for v in w2]
                case["grads2"] = [base.enc_tensor(g) for g in g2]
            out.append(case)
    return out


ERRORS = {
    "ldl_1d": ("linalg.ldl_factor", lambda: [torch.ones(3)], {}),
    "ldl_rect": ("linalg.ldl_factor", lambda: [torch.ones(2, 3)], {}),
    "ldl_int": ("linalg.ldl_factor", lambda: [torch.ones(3, 3, dtype=torch.int64)], {}),
    "ldl_singular": ("linalg.ldl_factor", lambda: [torch.zeros(3, 3)], {}),
    "ldl_singular_batch": ("linalg.ldl_factor", lambda: [torch.stack([torch.eye(2), torch.tensor([[1.0, 0.0], [0.0, 0.0]])])], {}),
    "ldl_ex_check": ("linalg.ldl_factor_ex", lambda: [torch.zeros(2, 2, 2)], {"check_errors": True}),
    "ldl_ex_rect": ("linalg.ldl_factor_ex", lambda: [torch.ones(3, 2)], {}),
    "ldl_solve_ld_1d": ("linalg.ldl_solve", lambda: [torch.ones(3), torch.ones(3, dtype=I32), torch.ones(3, 1)], {}),
    "ldl_solve_ld_rect": ("linalg.ldl_solve", lambda: [torch.ones(3, 2), torch.ones(3, dtype=I32), torch.ones(3, 1)], {}),
    "ldl_solve_ld_int": ("linalg.ldl_solve", lambda: [torch.ones(3, 3, dtype=torch.int64), torch.ones(3, dtype=I32), torch.ones(3, 1, dtype=torch.int64)], {}),
    "ldl_solve_b_rows": ("linalg.ldl_solve", lambda: ldl_of(torch.eye(3)) + [torch.ones(2, 2)], {}),
    "ldl_solve_b_dtype": ("linalg.ldl_solve", lambda: ldl_of(torch.eye(3)) + [torch.ones(3, 2, dtype=F64)], {}),
    "ldl_solve_pivots_shape": ("linalg.ldl_solve", lambda: [torch.eye(3), torch.ones(2, dtype=I32), torch.ones(3, 2)], {}),
    "ldl_solve_pivots_batch": ("linalg.ldl_solve", lambda: [torch.eye(3).expand(2, 3, 3), torch.ones(3, dtype=I32), torch.ones(3, 2)], {}),
    "ldl_solve_pivots_float": ("linalg.ldl_solve", lambda: [torch.eye(3), torch.ones(3), torch.ones(3, 2)], {}),
    "ldl_solve_batch_mismatch": ("linalg.ldl_solve", lambda: [torch.eye(3).expand(2, 3, 3), torch.ones(2, 3, dtype=I32), torch.ones(3, 3, 2)], {}),
    "geqrf_1d": ("geqrf", lambda: [torch.ones(3)], {}),
    "geqrf_int": ("geqrf", lambda: [torch.ones(3, 3, dtype=torch.int64)], {}),
    "ormqr_1d": ("ormqr", lambda: [torch.ones(3), torch.ones(1), torch.ones(3, 2)], {}),
    "ormqr_other_1d": ("ormqr", lambda: [torch.ones(3, 2), torch.ones(2), torch.ones(3)], {}),
    "ormqr_tau_long": ("ormqr", lambda: [torch.ones(3, 2), torch.ones(3), torch.ones(3, 2)], {}),
    "ormqr_other_rows": ("ormqr", lambda: [torch.ones(3, 2), torch.ones(2), torch.ones(4, 2)], {}),
    "ormqr_other_cols_right": ("ormqr", lambda: [torch.ones(3, 2), torch.ones(2), torch.ones(2, 2), False], {}),
    "ormqr_tau_too_many_for_other": ("ormqr", lambda: [torch.ones(3, 3), torch.ones(3), torch.ones(2, 3)], {}),
    "ormqr_tau_ndim": ("ormqr", lambda: [torch.ones(3, 2), torch.ones(1, 2), torch.ones(3, 2)], {}),
    "ormqr_other_ndim": ("ormqr", lambda: [torch.ones(2, 3, 2), torch.ones(2, 2), torch.ones(3, 2)], {}),
    "ormqr_tau_batch": ("ormqr", lambda: [torch.ones(2, 3, 2), torch.ones(3, 2), torch.ones(2, 3, 2)], {}),
    "ormqr_other_batch": ("ormqr", lambda: [torch.ones(2, 3, 2), torch.ones(2, 2), torch.ones(3, 3, 2)], {}),
    "ormqr_tau_dtype": ("ormqr", lambda: [torch.ones(3, 2), torch.ones(2, dtype=F64), torch.ones(3, 2)], {}),
    "ormqr_other_dtype": ("ormqr", lambda: [torch.ones(3, 2), torch.ones(2), torch.ones(3, 2, dtype=F64)], {}),
    "ormqr_int": ("ormqr", lambda: [torch.ones(3, 2, dtype=torch.int64), torch.ones(2, dtype=torch.int64), torch.ones(3, 2, dtype=torch.int64)], {}),
    "chain_matmul_none": ("chain_matmul", lambda: [], {}),
    "chain_matmul_3d": ("chain_matmul", lambda: [torch.ones(2, 3), torch.ones(2, 3, 4)], {}),
    "chain_matmul_1d": ("chain_matmul", lambda: [torch.ones(3)], {}),
    "chain_matmul_shapes": ("chain_matmul", lambda: [torch.ones(2, 3), torch.ones(2, 3)], {}),
    "chain_matmul_dtype": ("chain_matmul", lambda: [torch.ones(2, 3, dtype=F64), torch.ones(3, 2)], {}),
    "frobenius_int": ("frobenius_norm", lambda: [torch.ones(2, 3, dtype=torch.int64)], {}),
    "frobenius_same_dims": ("frobenius_norm", lambda: [torch.ones(2, 3)], {"dim": [0, 0]}),
    "frobenius_3_dims": ("frobenius_norm", lambda: [torch.ones(2, 3, 2)], {"dim": [0, 1, 2]}),
    "frobenius_dim_range": ("frobenius_norm", lambda: [torch.ones(2, 3)], {"dim": [5]}),
    "nuclear_3d": ("nuclear_norm", lambda: [torch.ones(2, 3, 2)], {}),
    "nuclear_dim_1": ("nuclear_norm", lambda: [torch.ones(2, 3, 2)], {"dim": [1]}),
    "nuclear_int": ("nuclear_norm", lambda: [torch.ones(2, 3, dtype=torch.int64)], {}),
    "nuclear_same_dims": ("nuclear_norm", lambda: [torch.ones(2, 3, 2)], {"dim": [1, -2]}),
}

# the functions without a derivative, on inputs that require grad
NO_GRAD = {
    "ldl_factor_requires_grad": ("linalg.ldl_factor", lambda: [sym(3)], {}),
    "ldl_factor_ex_requires_grad": ("linalg.ldl_factor_ex", lambda: [sym(3, (), F64)], {}),
    "ldl_solve_requires_grad": ("linalg.ldl_solve", lambda: ldl_of(sym(3)) + [rect(3, 2)], {}),
    "geqrf_requires_grad": ("geqrf", lambda: [rect(3, 2)], {}),
}


def no_grad_cases():
    out = []
    for cid, (fn, make, kwargs) in NO_GRAD.items():
        with base.seeded(cid):
            args = [a.detach().requires_grad_(a.is_floating_point()) for a in make()]
            result = la.outs_of(la.call(fn, args, kwargs))
            try:
                result[0].sum().backward()
                raise AssertionError(f"{cid}: the backward did not raise")
            except (RuntimeError, NotImplementedError) as e:
                message = str(e)
            out.append({"id": cid, "fn": fn, "args": [base.enc_arg(a) for a in args], "kwargs": kwargs,
                        "grad_fns": [o.grad_fn.name() if o.grad_fn is not None else None for o in result], "message": message})
    return out


# svd_lowrank / pca_lowrank: (function, A, kwargs); torch.randn draws the test matrix, so each call
# runs right after torch.manual_seed(its recorded "seed")
LOWRANK = {
    "svd_lowrank_tall_f64": ("svd_lowrank", lambda: rect(12, 8, (), F64), {"q": 4}),
    "svd_lowrank_wide_f64": ("svd_lowrank", lambda: rect(5, 9, (), F64), {"q": 3, "niter": 1}),
    "svd_lowrank_n_equals_q": ("svd_lowrank", lambda: rect(10, 4, (), F64), {"q": 4}),
    "svd_lowrank_f32": ("svd_lowrank", lambda: rect(10, 7), {"q": 3}),
    "svd_lowrank_batch_f64": ("svd_lowrank", lambda: rect(6, 5, (2,), F64), {"q": 2}),
    "svd_lowrank_M_f64": ("svd_lowrank", lambda: rect(8, 6, (), F64), {"q": 3, "M": torch.ones(8, 6, dtype=F64)}),
    "pca_lowrank_f64": ("pca_lowrank", lambda: rect(15, 6, (), F64), {"q": 2}),
    "pca_lowrank_default_q": ("pca_lowrank", lambda: rect(9, 4, (), F64), {}),
    "pca_lowrank_no_center": ("pca_lowrank", lambda: rect(7, 5, (), F64), {"q": 3, "center": False, "niter": 3}),
}


def lowrank_cases():
    out = []
    for cid, (fn, make, kwargs) in LOWRANK.items():
        with base.seeded(cid):
            a = make().requires_grad_()
            seed = zlib.crc32((cid + "/call").encode())
            torch.manual_seed(seed)
            U, S, V = getattr(torch, fn)(a, **kwargs)
            w = torch.randn(S.shape, dtype=S.dtype)
            (g,) = torch.autograd.grad((S * w).sum(), a)
            out.append({"id": cid, "fn": fn, "A": base.enc_tensor(a.detach()), "seed": seed,
                        "kwargs": {k: (base.enc_arg(v) if isinstance(v, torch.Tensor) else v) for k, v in kwargs.items()},
                        "outs": [base.enc_tensor(t.detach()) for t in (U, S, V)],
                        "grad_fns": [type(t.grad_fn).__name__ for t in (U, S, V)],
                        "weight": base.enc_tensor(w), "grad": base.enc_tensor(g)})
    return out


LOWRANK_ERRORS = {
    "pca_lowrank_q_big": ("pca_lowrank", lambda: [torch.ones(3, 2)], {"q": 3}),
    "pca_lowrank_q_negative": ("pca_lowrank", lambda: [torch.ones(3, 2)], {"q": -1}),
    "pca_lowrank_niter_negative": ("pca_lowrank", lambda: [torch.ones(3, 2)], {"niter": -1}),
}


def main():
    warnings.simplefilter("ignore")  # chain_matmul warns that it is deprecated
    data_cases = la.cases(CASES) + ormqr_cases()
    la.write(OUT, "scripts/gen_linalg3_fixtures.py", data_cases, la.errors(ERRORS) + la.errors(LOWRANK_ERRORS))
    import json
    with open(OUT) as f:
        data = json.load(f)
    data["no_grad"] = no_grad_cases()
    data["lowrank"] = lowrank_cases()
    with open(OUT, "w") as f:
        json.dump(data, f, indent=None, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
