// torch.linalg (ternary and linalg 2): the functions of PyTorch's linalg module wasmgrad has.
export { linalg_cross as cross } from './linalg_more.js';
export { vector_norm } from './reduce_stats.js';
export { matrix_power } from './compose.js';
export { inv } from './linalg_more.js';
export { LinAlgError } from '../errors.js';
export { matrix_norm, norm } from './matrix_norm.js'; // helper leftovers; norm: helper svd
export { svdvals } from './svd.js'; // helper svd
export { det, slogdet, solve, cholesky, cholesky_ex, qr, eigh, eigvalsh, solve_triangular } from './linalg_factor.js'; // helper linalg
export { pinv, lstsq, matrix_rank, multi_dot, vecdot, inv_ex } from './linalg_compose.js'; // helper linalg
export { svd } from './linalg_svd.js'; // helper linalg2
export { solve_ex } from './linalg_factor.js'; // helper linalg2
export { lu_factor, lu_factor_ex, lu, lu_solve, matrix_exp } from './linalg_lu.js'; // helper linalg2
export { cond, tensorinv, tensorsolve, eig, eigvals, householder_product } from './linalg_rest.js'; // helper linalg2
export { ldl_factor, ldl_factor_ex, ldl_solve } from './linalg_ldl.js'; // helper linalg3
