// PyTorch's exception types, so ported code can tell errors apart the way
// Python code does (`except IndexError`), and messages worded as PyTorch's.

// Each class names itself: a minifier renames classes, so `new.target.name` would not survive a bundle.

/** Base of every error wasmgrad throws on bad input; `name` is PyTorch's exception type. */
export class TorchError extends Error {
  override name = 'TorchError';
}

/** PyTorch's RuntimeError: shape mismatches, autograd misuse, out of memory. */
export class RuntimeError extends TorchError {
  override name = 'RuntimeError';
}
/** PyTorch's IndexError: a dim or class index out of range. */
export class IndexError extends TorchError {
  override name = 'IndexError';
}
/**
 * Python's TypeError, as PyTorch's argument parser raises it: an argument of
 * the wrong type. (It shadows JS's TypeError inside modules that import it.)
 */
export class TypeError extends TorchError {
  override name = 'TypeError';
}
/** Python's ValueError, as torch.nn.functional raises it. */
export class ValueError extends TorchError {
  override name = 'ValueError';
}
/** PyTorch's torch.linalg.LinAlgError (a RuntimeError): a singular matrix where an inverse was asked for. */
export class LinAlgError extends RuntimeError {
  override name = 'LinAlgError';
}
/** Python's NotImplementedError: an op PyTorch has but wasmgrad does not yet. */
export class NotImplementedError extends TorchError {
  override name = 'NotImplementedError';
}

/** Python's AssertionError, as torch.nn.functional's `assert`s raise it (F.embedding's padding_idx check). */
export class AssertionError extends TorchError {
  override name = 'AssertionError';
}

/** Python's ZeroDivisionError, as torch.nn.functional's integer arithmetic raises it (F.group_norm's num_groups=0). */
export class ZeroDivisionError extends TorchError {
  override name = 'ZeroDivisionError';
}

/** Python's KeyError, as nn.Module and the module containers raise it; the message is Python's str(e) (a key prints quoted). */
export class KeyError extends TorchError {
  override name = 'KeyError';
}

/** Python's repr of a string (the quotes str(KeyError(s)) puts around its argument). */
export function pyRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t').split(q).join(q === "'" ? "\\'" : q);
  return q + body + q;
}

/** A KeyError with Python's printed message: `keyError("attribute 'w' already exists")` reads "attribute 'w' already exists" in double quotes. */
export const keyError = (arg: string): KeyError => new KeyError(pyRepr(arg));

/** Python's AttributeError, as nn.Module's get_submodule / get_parameter / get_buffer raise it. */
export class AttributeError extends TorchError {
  override name = 'AttributeError';
}

/** PyTorch's message for a backward through a graph whose saved tensors were freed (both devices). */
export const BACKWARD_TWICE =
  'Trying to backward through the graph a second time (or directly access saved tensors after they have ' +
  'already been freed). Saved intermediate values of the graph are freed when you call .backward() or ' +
  'autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or ' +
  'if you need to access saved tensors after calling backward.';

/** What a backward found changed in place since it was saved (both devices). */
export interface ModifiedTensor {
  /** PyTorch's legacy type name, 'torch.FloatTensor' */
  type: string;
  shape: readonly number[];
  /** the node the tensor is output 0 of, null for a leaf */
  node: string | null;
  version: number;
  expected: number;
}

/** PyTorch's error for a backward that needs a tensor changed in place since it was saved. */
export function modifiedInplace(t: ModifiedTensor): RuntimeError {
  return new RuntimeError(
    `one of the variables needed for gradient computation has been modified by an inplace operation: [${t.type} [${t.shape.join(', ')}]]` +
    `${t.node ? `, which is output 0 of ${t.node},` : ''} is at version ${t.version}; expected version ${t.expected} instead. ` +
    'Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).');
}

export function check(cond: boolean, message: () => string): asserts cond {
  if (!cond) throw new RuntimeError(message());
}

/**
 * wasmgrad's error for an integer result int32 cannot hold: int64 is stored as int32
 * (docs/api.md), and where PyTorch would wrap around int64 (or int32) silently,
 * wasmgrad refuses (both devices).
 */
export const INT_OVERFLOW =
  'wasmgrad: integer result out of range: int64 and int32 tensors are stored as int32 in wasmgrad, ' +
  'and a result beyond [-2147483648, 2147483647] raises rather than wraps around';

/**
 * create_graph=True reached a node whose derivative is computed by a kernel that does not record
 * itself, so its gradient could not be differentiated again: raised before any gradient moves.
 */
export function createGraphUnsupported(node: string): NotImplementedError {
  return new NotImplementedError(
    `wasmgrad: create_graph=True through ${node} is not supported yet: its derivative does not record itself ` +
    '(docs/api.md lists the ops that support higher-order gradients)',
  );
}

/** The backward functions PyTorch cannot differentiate, by NoDerivativeOf (abi/abi.ts), as its error names them. */
const NO_DERIVATIVE = [
  'aten::multi_margin_loss_backward', 'aten::multilabel_margin_loss_backward', 'aten::_ctc_loss_backward',
  '_embedding_bag_dense_backward', 'aten::_embedding_bag_per_sample_weights_backward',
];

/**
 * The inputs derivatives.yaml marks `not_implemented("...")`, by NoDerivativeOf (from 6): a table
 * formula `not_implemented("igamma: input")` names one, and its backward raises PyTorch's error.
 */
export const NOT_IMPLEMENTED_INPUTS = ['igamma: input', 'igammac: input', 'zeta'];
const FIRST_INPUT = NO_DERIVATIVE.length + 1;
/** The NoDerivativeOf code of a `not_implemented("...")` formula (scripts/gen_ops.ts). */
export const notImplementedKind = (what: string): number => FIRST_INPUT + NOT_IMPLEMENTED_INPUTS.indexOf(what);

/** A backward reached PyTorch's NotImplemented node (Op.NoDerivative), or its DelayedError for scatter_reduce's prod: PyTorch's error. */
export function noDerivative(kind: number): RuntimeError | NotImplementedError {
  if (kind >= FIRST_INPUT) return new NotImplementedError(`the derivative for '${NOT_IMPLEMENTED_INPUTS[kind - FIRST_INPUT]}' is not implemented.`);
  if (kind === NO_DERIVATIVE.length) {
    return new RuntimeError('scatter_reduce(): Double backward is unsupported for src when >1 zeros in src are scattered to the same position in self');
  }
  return new RuntimeError(`derivative for ${NO_DERIVATIVE[kind]} is not implemented`);
}

/** Anomaly detection found NaN in the gradient a node returned for its input `output` (PyTorch's message). */
export function anomalyNaN(node: string, output: number): RuntimeError {
  return new RuntimeError(`Function '${node}' returned nan values in its ${output}th output.`);
}

/**
 * A backward pass reached an input whose derivative PyTorch does not implement either (the
 * Number-first remainder, `torch.remainder(2, x)`); PyTorch names the aten op, which the
 * devices' records do not keep.
 */
export const DERIVATIVE_NOT_IMPLEMENTED = 'wasmgrad: the derivative of this op is not implemented (PyTorch has none either)';
