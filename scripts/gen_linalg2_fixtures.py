"""torch.linalg's svd, LU family, matrix_exp, cond, tensorinv / tensorsolve, householder_product, and the older torch.*
and Tensor method forms of the linalg functions (helper linalg2), against PyTorch.

The cases and their encoding are scripts/gen_linalg_fixtures.py's (its docstring says what a case
records); "Tensor.x" calls the method x on the first argument. Singular vectors are unique only up
to sign: their outputs get the squared loss ("sq"), and the test aligns each pair's sign with
PyTorch's before comparing values.

Output: test/fixtures/linalg2.json = {"generator", "torch", "cases": [CASE], "errors": [ERROR]}.
"""

import os
import sys
import warnings

import system_torch  # noqa: F401 -- re-executes with /usr/bin/python3 when torch is missing
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_fixtures as base  # noqa: E402
import gen_linalg_fixtures as la  # noqa: E402
from gen_linalg_fixtures import gen, spd, rect, tri, F32, F64, NAN  # noqa: E402

OUT = os.path.join(base.OUT_DIR, "linalg2.json")
I32 = torch.int32


def lu_of(a):
    return list(torch.linalg.lu_factor(a))


def singular3(dtype=F64):
    return torch.tensor([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [1.0, 0.0, 1.0]], dtype=dtype)


CASES = {
    # torch.linalg.svd and torch.svd
    "svd_square": ("linalg.svd", lambda: [gen(3)], {"sq": [0, 2]}),
    "svd_tall_f64": ("linalg.svd", lambda: [rect(4, 3, (), F64)], {"full_matrices": False, "sq": [0, 2]}),
    "svd_wide_f64": ("linalg.svd", lambda: [rect(2, 4, (), F64)], {"full_matrices": False, "sq": [0, 2]}),
    "svd_full_tall_f64": ("linalg.svd", lambda: [rect(4, 2, (), F64)], {"sq": [0, 2]}),
    "svd_full_wide_f64": ("linalg.svd", lambda: [rect(2, 3, (), F64)], {"sq": [0, 2]}),
    "svd_batch_f64": ("linalg.svd", lambda: [rect(3, 2, (2,), F64)], {"full_matrices": False, "sq": [0, 2]}),
    "svd_s_only_f64": ("linalg.svd", lambda: [rect(3, 3, (), F64)], {"skip": [0, 2]}),
    "torch_svd": ("svd", lambda: [rect(4, 3, (), F64)], {"sq": [0, 2]}),
    "torch_svd_full": ("svd", lambda: [rect(3, 2, (), F64), False], {"sq": [0, 2]}),
    "torch_svd_no_uv": ("svd", lambda: [rect(3, 2, (), F64)], {"compute_uv": False, "first_order": True}),  # svdvals: no create_graph yet
    "method_svd": ("Tensor.svd", lambda: [rect(2, 3)], {"sq": [0, 2]}),
    # LU
    "lu_factor_3": ("linalg.lu_factor", lambda: [gen(3)], {}),
    "lu_factor_f64_batch": ("linalg.lu_factor", lambda: [gen(4, (2,), F64)], {}),
    "lu_factor_wide_f64": ("linalg.lu_factor", lambda: [rect(2, 4, (), F64)], {}),
    "lu_factor_tall_f64": ("linalg.lu_factor", lambda: [rect(4, 2, (), F64)], {}),
    "lu_factor_ex_singular": ("linalg.lu_factor_ex", lambda: [torch.stack([torch.eye(3), torch.zeros(3, 3), singular3(F32)])], {"nograd": True}),
    "lu_factor_ex_f64": ("linalg.lu_factor_ex", lambda: [gen(3, (), F64)], {}),
    "lu_square_f64": ("linalg.lu", lambda: [gen(3, (), F64)], {}),
    "lu_f32_batch": ("linalg.lu", lambda: [gen(3, (2,))], {}),
    "lu_wide_f64": ("linalg.lu", lambda: [rect(2, 4, (), F64)], {}),
    "lu_tall_f64": ("linalg.lu", lambda: [rect(4, 3, (), F64)], {}),
    "lu_singular": ("linalg.lu", lambda: [singular3()], {"nograd": True}),
    "lu_0x0": ("linalg.lu", lambda: [gen(0)], {"nograd": True}),
    "lu_solve_f64": ("linalg.lu_solve", lambda: lu_of(gen(3, (), F64)) + [rect(3, 2, (), F64)], {}),
    "lu_solve_f32_batch": ("linalg.lu_solve", lambda: lu_of(gen(3, (2,))) + [rect(3, 2, (2,))], {}),
    "lu_solve_broadcast_f64": ("linalg.lu_solve", lambda: lu_of(gen(3, (), F64)) + [rect(3, 2, (2,), F64)], {}),
    "lu_solve_adjoint_f64": ("linalg.lu_solve", lambda: lu_of(gen(3, (), F64)) + [rect(3, 2, (), F64)], {"adjoint": True}),
    "lu_solve_right_f64": ("linalg.lu_solve", lambda: lu_of(gen(3, (), F64)) + [rect(2, 3, (), F64)], {"left": False}),
    "lu_solve_right_adjoint_f64": ("linalg.lu_solve", lambda: lu_of(gen(3, (), F64)) + [rect(2, 3, (), F64)], {"left": False, "adjoint": True}),
    "torch_lu": ("lu", lambda: [gen(3, (), F64)], {}),
    "torch_lu_infos": ("lu", lambda: [torch.stack([torch.eye(2), torch.zeros(2, 2)])], {"get_infos": True, "nograd": True}),
    "torch_lu_singular": ("lu", lambda: [torch.zeros(2, 2)], {"nograd": True}),
    "torch_lu_solve": ("lu_solve", lambda: [rect(3, 2, (), F64)] + lu_of(gen(3, (), F64)), {}),
    "lu_unpack_f64": ("lu_unpack", lambda: lu_of(gen(3, (), F64)), {"first_order": True}),
    "lu_unpack_wide_f64": ("lu_unpack", lambda: lu_of(rect(2, 4, (), F64)), {"first_order": True}),
    "lu_unpack_tall_f64": ("lu_unpack", lambda: lu_of(rect(4, 2, (), F64)), {"first_order": True}),
    "method_lu": ("Tensor.lu", lambda: [gen(3)], {}),
    "method_lu_solve": ("Tensor.lu_solve", lambda: [rect(3, 1)] + lu_of(gen(3)), {}),
    # matrix_exp
    "matrix_exp_3": ("linalg.matrix_exp", lambda: [gen(3)], {}),
    "matrix_exp_f64_batch": ("linalg.matrix_exp", lambda: [gen(3, (2,), F64)], {}),
    "matrix_exp_large_f64": ("linalg.matrix_exp", lambda: [gen(3, (), F64) * 4], {}),
    "matrix_exp_zero": ("linalg.matrix_exp", lambda: [torch.zeros(2, 2, dtype=F64)], {}),
    "matrix_exp_0x0": ("linalg.matrix_exp", lambda: [gen(0)], {"nograd": True}),
    "torch_matrix_exp": ("matrix_exp", lambda: [gen(2, (), F64)], {}),
    "method_matrix_exp": ("Tensor.matrix_exp", lambda: [gen(2)], {}),
    # cond
    "cond_2": ("linalg.cond", lambda: [gen(3)], {}),
    "cond_2_rect_f64": ("linalg.cond", lambda: [rect(4, 2, (), F64)], {"first_order": True}),  # svdvals: no create_graph yet
    "cond_m2_f64_batch": ("linalg.cond", lambda: [gen(3, (2,), F64), -2], {"first_order": True}),
    "cond_1_f64": ("linalg.cond", lambda: [gen(3, (), F64), 1], {"nograd": True}),  # PyTorch 1.13 cannot differentiate it (nan_to_num_ on a saved inverse)
    "cond_m1_f64": ("linalg.cond", lambda: [gen(3, (), F64), -1], {"nograd": True}),  # PyTorch 1.13 cannot differentiate it (nan_to_num_ on a saved inverse)
    "cond_inf_f64": ("linalg.cond", lambda: [gen(3, (), F64), float("inf")], {"nograd": True}),  # PyTorch 1.13 cannot differentiate it (nan_to_num_ on a saved inverse)
    "cond_fro_f64": ("linalg.cond", lambda: [gen(3, (2,), F64), "fro"], {"nograd": True}),  # PyTorch 1.13 cannot differentiate it (nan_to_num_ on a saved inverse)
    "cond_nuc_f64": ("linalg.cond", lambda: [gen(3, (), F64), "nuc"], {"first_order": True}),
    "cond_singular": ("linalg.cond", lambda: [singular3(F32), 1], {"nograd": True}),
    "cond_singular_2": ("linalg.cond", lambda: [torch.zeros(2, 2)], {"nograd": True}),
    "cond_0x0": ("linalg.cond", lambda: [gen(0)], {"nograd": True}),
    # tensorinv, tensorsolve
    "tensorinv_f64": ("linalg.tensorinv", lambda: [gen(4, (), F64).reshape(4, 2, 2)], {"ind": 1}),
    "tensorinv_ind2": ("linalg.tensorinv", lambda: [gen(6).reshape(2, 3, 6)], {"ind": 2}),
    "tensorsolve_f64": ("linalg.tensorsolve", lambda: [gen(6, (), F64).reshape(2, 3, 6), rect(2, 3, (), F64)], {}),
    "tensorsolve_dims": ("linalg.tensorsolve", lambda: [gen(6, (), F64).reshape(6, 2, 3), rect(2, 3, (), F64)], {"dims": [0]}),
    # householder_product (from geqrf's reflectors, and arbitrary ones)
    "householder_geqrf": ("linalg.householder_product", lambda: list(torch.geqrf(rect(4, 3))), {}),
    "householder_f64_batch": ("linalg.householder_product", lambda: list(torch.geqrf(rect(3, 3, (2,), F64))), {}),
    "householder_fewer_tau_f64": ("linalg.householder_product", lambda: [rect(4, 3, (), F64), torch.randn(2, dtype=F64)], {}),
    "torch_orgqr": ("orgqr", lambda: list(torch.geqrf(rect(3, 2, (), F64))), {}),
    "method_orgqr": ("Tensor.orgqr", lambda: list(torch.geqrf(rect(3, 2))), {}),
    # solve_ex
    "solve_ex_f64": ("linalg.solve_ex", lambda: [gen(3, (), F64), rect(3, 2, (), F64)], {}),
    "solve_ex_vec_right": ("linalg.solve_ex", lambda: [gen(3, (2,), F64), rect(2, 3, (2,), F64)], {"left": False}),
    "solve_ex_singular": ("linalg.solve_ex", lambda: [torch.stack([torch.eye(2), torch.zeros(2, 2), torch.tensor([[1.0, 2.0], [2.0, 4.0]])]), torch.ones(3, 2, 1)], {"nograd": True, "skip": [0]}),
    # the older torch.* forms
    "cholesky_inverse_f64": ("cholesky_inverse", lambda: [torch.linalg.cholesky(spd(3, (), F64))], {}),
    "cholesky_inverse_upper": ("cholesky_inverse", lambda: [torch.linalg.cholesky(spd(3)).mT.contiguous(), True], {}),
    "cholesky_inverse_batch_f64": ("cholesky_inverse", lambda: [torch.linalg.cholesky(spd(2, (2,), F64))], {}),
    "pinverse_f64": ("pinverse", lambda: [rect(3, 2, (), F64)], {}),
    "pinverse_rcond": ("pinverse", lambda: [torch.diag(torch.tensor([3.0, 0.5, 1e-3], dtype=F64)), 0.01], {"nograd": True}),
    "triangular_solve_f64": ("triangular_solve", lambda: [rect(3, 2, (), F64), tri(3, (), True, F64)], {}),
    "triangular_solve_lower_t": ("triangular_solve", lambda: [rect(3, 2, (), F64), tri(3, (), False, F64), False, True], {}),
    "triangular_solve_unit_f32": ("triangular_solve", lambda: [rect(3, 2), tri(3)], {"unitriangular": True}),
    "triangular_solve_full_input": ("triangular_solve", lambda: [rect(3, 2, (), F64), gen(3, (), F64) + 3 * torch.eye(3, dtype=F64)], {"upper": False}),
    "torch_qr": ("qr", lambda: [rect(4, 3, (), F64)], {}),
    "torch_qr_complete": ("qr", lambda: [rect(3, 3, (), F64), False], {}),
    # the method forms
    "method_det": ("Tensor.det", lambda: [gen(3, (), F64)], {}),
    "method_logdet": ("Tensor.logdet", lambda: [spd(3, (), F64)], {}),
    "method_slogdet": ("Tensor.slogdet", lambda: [gen(3)], {}),
    "method_cholesky": ("Tensor.cholesky", lambda: [spd(3, (), F64)], {}),
    "method_cholesky_upper": ("Tensor.cholesky", lambda: [spd(3, (), F64), True], {}),
    "method_cholesky_solve": ("Tensor.cholesky_solve", lambda: [rect(3, 2, (), F64), torch.linalg.cholesky(spd(3, (), F64))], {}),
    "method_cholesky_inverse": ("Tensor.cholesky_inverse", lambda: [torch.linalg.cholesky(spd(3))], {}),
    "method_pinverse": ("Tensor.pinverse", lambda: [rect(2, 3)], {}),
    "method_triangular_solve": ("Tensor.triangular_solve", lambda: [rect(3, 2, (), F64), tri(3, (), True, F64)], {}),
    "method_qr": ("Tensor.qr", lambda: [rect(3, 2)], {}),
    "method_inverse": ("Tensor.inverse", lambda: [gen(3, (), F64)], {}),
}

ERRORS = {
    "svd_1d": ("linalg.svd", lambda: [torch.ones(3)], {}),
    "svd_int": ("linalg.svd", lambda: [torch.ones(3, 3, dtype=torch.int64)], {}),
    "svd_nan": ("linalg.svd", lambda: [torch.tensor([[1.0, NAN], [0.0, 1.0]])], {}),
    "svd_driver": ("linalg.svd", lambda: [torch.ones(2, 2)], {"driver": "gesvd"}),
    "lu_factor_singular": ("linalg.lu_factor", lambda: [singular3(F32)], {}),
    "lu_factor_singular_batch": ("linalg.lu_factor", lambda: [torch.stack([torch.eye(3), torch.zeros(3, 3)])], {}),
    "lu_factor_ex_check": ("linalg.lu_factor_ex", lambda: [torch.zeros(2, 2)], {"check_errors": True}),
    "lu_factor_1d": ("linalg.lu_factor", lambda: [torch.ones(3)], {}),
    "lu_factor_int": ("linalg.lu_factor", lambda: [torch.ones(3, 3, dtype=torch.int64)], {}),
    "lu_factor_no_pivot": ("linalg.lu_factor", lambda: [torch.ones(3, 3)], {"pivot": False}),
    "lu_1d": ("linalg.lu", lambda: [torch.ones(3)], {}),
    "lu_solve_shape": ("linalg.lu_solve", lambda: [torch.eye(3), torch.ones(3, dtype=I32), torch.ones(2, 2)], {}),
    "lu_solve_pivots_dtype": ("linalg.lu_solve", lambda: [torch.eye(3), torch.ones(3, dtype=torch.int64), torch.ones(3, 2)], {}),
    "lu_solve_pivots_size": ("linalg.lu_solve", lambda: [torch.eye(3), torch.ones(2, dtype=I32), torch.ones(3, 2)], {}),
    "lu_solve_dtype": ("linalg.lu_solve", lambda: [torch.eye(3), torch.ones(3, dtype=I32), torch.ones(3, 2, dtype=F64)], {}),
    "lu_solve_rect": ("linalg.lu_solve", lambda: [torch.ones(2, 3), torch.ones(3, dtype=I32), torch.ones(3, 2)], {}),
    "lu_unpack_1d": ("lu_unpack", lambda: [torch.ones(3), torch.ones(3, dtype=I32)], {}),
    "lu_unpack_pivots_dtype": ("lu_unpack", lambda: [torch.ones(3, 3), torch.ones(3, dtype=torch.int64)], {}),
    "matrix_exp_1d": ("linalg.matrix_exp", lambda: [torch.ones(3)], {}),
    "matrix_exp_rect": ("linalg.matrix_exp", lambda: [torch.ones(2, 3)], {}),
    "cond_1d": ("linalg.cond", lambda: [torch.ones(3)], {}),
    "cond_rect_1": ("linalg.cond", lambda: [torch.ones(2, 3), 1], {}),
    "cond_rect_fro": ("linalg.cond", lambda: [torch.ones(2, 3), "fro"], {}),
    "cond_rect_nuc": ("linalg.cond", lambda: [torch.ones(2, 3), "nuc"], {}),
    "cond_p3": ("linalg.cond", lambda: [torch.eye(3), 3], {}),
    "cond_px": ("linalg.cond", lambda: [torch.eye(3), "x"], {}),
    "tensorinv_shape": ("linalg.tensorinv", lambda: [torch.ones(2, 3)], {}),
    "tensorinv_ind0": ("linalg.tensorinv", lambda: [torch.ones(4, 2, 2)], {"ind": 0}),
    "tensorsolve_shape": ("linalg.tensorsolve", lambda: [torch.ones(6, 4), torch.ones(6)], {}),
    "cholesky_inverse_1d": ("cholesky_inverse", lambda: [torch.ones(3)], {}),
    "cholesky_inverse_rect": ("cholesky_inverse", lambda: [torch.ones(2, 3)], {}),
    "pinverse_1d": ("pinverse", lambda: [torch.ones(3)], {}),
    "triangular_solve_shape": ("triangular_solve", lambda: [torch.ones(3, 2), torch.ones(2, 2)], {}),
    "householder_1d": ("linalg.householder_product", lambda: [torch.ones(3), torch.ones(1)], {}),
    "householder_wide": ("linalg.householder_product", lambda: [torch.ones(2, 3), torch.ones(1)], {}),
    "householder_tau_long": ("linalg.householder_product", lambda: [torch.ones(3, 2), torch.ones(3)], {}),
    "householder_tau_ndim": ("linalg.householder_product", lambda: [torch.ones(3, 2), torch.ones(2, 1)], {}),
    "householder_tau_batch": ("linalg.householder_product", lambda: [torch.ones(2, 3, 2), torch.ones(3, 1)], {}),
    "householder_dtype": ("linalg.householder_product", lambda: [torch.ones(3, 2), torch.ones(2, dtype=F64)], {}),
    "householder_int": ("linalg.householder_product", lambda: [torch.ones(3, 2, dtype=torch.int64), torch.ones(2, dtype=torch.int64)], {}),
    "solve_ex_check": ("linalg.solve_ex", lambda: [torch.stack([torch.eye(2), torch.zeros(2, 2)]), torch.ones(2, 2, 1)], {"check_errors": True}),
    "solve_ex_shape": ("linalg.solve_ex", lambda: [torch.ones(3, 3), torch.ones(2)], {}),
    "method_det_rect": ("Tensor.det", lambda: [torch.ones(2, 3)], {}),
    "method_cholesky_not_pd": ("Tensor.cholesky", lambda: [-torch.eye(2)], {}),
}


def main():
    warnings.simplefilter("ignore")  # torch.lu, torch.qr, ... warn that they are deprecated
    la.write(OUT, "scripts/gen_linalg2_fixtures.py", la.cases(CASES), la.errors(ERRORS))

if __name__ == "__main__":
    main()
