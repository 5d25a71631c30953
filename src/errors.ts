// PyTorch's exception types, so ported code can tell errors apart the way
// Python code does (`except IndexError`), and messages worded as PyTorch's.

/** Base of every error wasmgrad throws on bad input; `name` is PyTorch's exception type. */
export class TorchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** PyTorch's RuntimeError: shape mismatches, autograd misuse, out of memory. */
export class RuntimeError extends TorchError {}
/** Python's TypeError: an argument of the wrong type (a fractional size, a float dim). */
export class TypeError extends TorchError {}
/** PyTorch's IndexError: a dim or class index out of range. */
export class IndexError extends TorchError {}
/** Python's ValueError, as torch.nn.functional raises it. */
export class ValueError extends TorchError {}
/** Python's NotImplementedError: an op PyTorch has but wasmgrad does not yet. */
export class NotImplementedError extends TorchError {}

/** PyTorch's message for a backward through a graph whose saved tensors were freed (both devices). */
export const BACKWARD_TWICE =
  'Trying to backward through the graph a second time (or directly access saved tensors after they have ' +
  'already been freed). Saved intermediate values of the graph are freed when you call .backward() or ' +
  'autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or ' +
  'if you need to access saved tensors after calling backward.';

export function check(cond: boolean, message: () => string): asserts cond {
  if (!cond) throw new RuntimeError(message());
}
