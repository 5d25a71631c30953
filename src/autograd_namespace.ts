// torch.autograd: the functional interface to the backward sweep.
export { backward, grad } from './autograd.js';
