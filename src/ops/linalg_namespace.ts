// torch.linalg (ternary and linalg 2): the functions of PyTorch's linalg module wasmgrad has.
export { linalg_cross as cross } from './linalg2.js';
export { vector_norm } from './reduce2.js';
export { matrix_power } from './compose.js';
