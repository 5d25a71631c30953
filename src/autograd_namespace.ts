// torch.autograd: the functional interface to the backward sweep, and pictures of the graph.
export { backward, grad } from './autograd.js';
export * as graph from './autograd_graph.js';
export { Function, FunctionCtx } from './autograd_function.js';
export { once_differentiable } from './once_differentiable.js';
export { gradcheck, gradgradcheck, GradcheckError } from './autograd_gradcheck.js';
export * as functional from './autograd_functional.js';
export { set_detect_anomaly, detect_anomaly } from './anomaly_mode.js';
