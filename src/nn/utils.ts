// torch.nn.utils: gradient clipping, parameters as one vector, and rnn (pad_sequence, packed sequences).
export { clip_grad_norm_, clip_grad_value_, type ClipGradNormOptions, type Parameters } from './clip_grad.js';
export { parameters_to_vector, vector_to_parameters } from './convert_parameters.js';
export * as rnn from './rnn_utils.js';
