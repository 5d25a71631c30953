// The tensors PyTorch's autograd nodes save for their derivative, by the
// names torchviz shows (`fn._saved_<name>`): what to_dot's show_saved draws.
// PyTorch saves a tensor only when a derivative it computes needs it, so which
// are saved depends on which arguments need a gradient (mul saves `other` for
// self's gradient, `self` for other's). PyTorch 1.13's choices, checked op by op
// against test/fixtures/graphs.json (make_dot with show_saved on every ops.json case).
//
// Ops without a rule here save what their op-table formulas read (saved_tensors.generated.ts).
//
// A source is the record's input k, the node's result, or a tensor PyTorch makes
// on the side: the wrapped number of `x * 2`, nll_loss's total_weight (both 0-d),
// max(dim)'s indices and gather's and take's index (the result's shape), and addmm's mat2, the
// transposed weight; 'saved1' is the record's saved tensor 1 that is no input (soft_margin_loss's and multi_margin_loss's target).

import { Op } from '../abi/abi.js';
import { formulaSaves } from './saved_tensors.generated.js';

export type SavedSource = number | 'result' | 'scalar' | 'indices' | 'mat2' | 'condition' | 'saved1' | Shaped;
/** A tensor PyTorch saves that the record keeps in another form, or not at all: drawn with this shape. */
export interface Shaped { shape: (node: NodeShapes) => number[] }
/** What a rule may read of a record: its output's and inputs' shapes, its saved tensor k's (null once freed), i0 and i1. */
export interface NodeShapes { out: number[]; inputs: number[][]; saved: (k: number) => number[] | null; ints: [number, number] }
/** `needs(k)`: whether the record's input k needs a gradient; `ints`: the record's i0, i1. */
type Rule = (needs: (k: number) => boolean, ints: [number, number], kept: (k: number) => boolean) => [name: string, source: SavedSource][];

const always = (...saved: [string, SavedSource][]): Rule => () => saved;
/** self's gradient needs the other operand and the other's needs self (mul, mm, mv, dot, bmm). */
const crossed = (self: string, other: string, first = 0): Rule => (needs) => [
  ...(needs(first + 1) ? [[self, first] as [string, SavedSource]] : []),
  ...(needs(first) ? [[other, first + 1] as [string, SavedSource]] : []),
];
const withScalar: Rule = always(['other', 'scalar']);
/** One rule for several ops. */
const each = (ops: Op[], rule: Rule): Partial<Record<Op, Rule>> => Object.fromEntries(ops.map((op) => [op, rule]));

const rules: Partial<Record<Op, Rule>> = {
  [Op.Mul]: crossed('self', 'other'),
  [Op.Div]: (needs) => [...(needs(1) ? [['self', 0] as [string, SavedSource]] : []), ['other', 1]],
  [Op.Pow]: always(['self', 0], ['exponent', 1], ['result', 'result']),
  [Op.Maximum]: always(['self', 0], ['other', 1]),
  [Op.Minimum]: always(['self', 0], ['other', 1]),
  [Op.MulScalar]: withScalar,
  [Op.DivScalar]: withScalar,
  [Op.PowScalar]: always(['self', 0]),
  [Op.Rpow]: always(['exponent', 0], ['result', 'result']),
  [Op.Clamp]: always(['self', 0]),
  [Op.Log]: always(['self', 0]),
  [Op.Abs]: always(['self', 0]),
  [Op.Exp]: always(['result', 'result']),
  [Op.Sqrt]: always(['result', 'result']),
  [Op.Sigmoid]: always(['result', 'result']),
  [Op.Tanh]: always(['result', 'result']),
  [Op.Relu]: always(['result', 'result']),
  [Op.Softmax]: always(['result', 'result']),
  [Op.LogSoftmax]: always(['result', 'result']),
  [Op.MeanDim]: always(['self', 0]),
  [Op.Amax]: always(['self', 0], ['result', 'result']),
  [Op.MaxAll]: always(['self', 0], ['result', 'result']),
  [Op.Logsumexp]: always(['self', 0], ['result', 'result']),
  [Op.MaxDim]: always(['indices', 'indices']),
  [Op.MinAll]: always(['self', 0], ['result', 'result']),
  [Op.MinDim]: always(['indices', 'indices']),
  // reductions 2
  [Op.Prod]: always(['self', 0], ['result', 'result']),
  [Op.ProdDim]: always(['self', 0], ['result', 'result']),
  [Op.Var]: always(['self', 0]),
  [Op.Std]: always(['self', 0], ['result', 'result']),
  [Op.VarMean]: always(['self', 0]),
  [Op.StdMean]: always(['self', 0], ['result0', 'result']),
  [Op.Nansum]: always(['self', 0]),
  [Op.Norm]: always(['self', 0], ['result', 'result']),
  [Op.VectorNorm]: always(['self', 0], ['result', 'result']),
  [Op.Mm]: crossed('self', 'mat2'),
  [Op.Bmm]: crossed('self', 'mat2'),
  [Op.Mv]: crossed('self', 'vec'),
  [Op.Dot]: crossed('self', 'tensor'),
  // record inputs (x, w, bias): mat1 = x serves w's gradient, mat2 = wᵀ serves x's
  [Op.Addmm]: (needs) => [
    ...(needs(1) ? [['mat1', 0] as [string, SavedSource]] : []),
    ...(needs(0) ? [['mat2', 'mat2'] as [string, SavedSource]] : []),
  ],
  // PyTorch saves more than the table's formulas read
  [Op.Sgn]: always(['result', 'result'], ['self', 0]),
  [Op.XlogyScalar]: always(['self', 0]),
  [Op.MseLoss]: always(['self', 0], ['target', 1]),
  // a loss given `weight` keeps it as saved tensor 2 (1 for nll_loss), PyTorch's `weight`
  [Op.BinaryCrossEntropy]: (_, __, kept) => [['self', 0], ['target', 1], ...weightIn(kept, 2)],
  [Op.BinaryCrossEntropyWithLogits]: (_, __, kept) => [['self', 0], ['target', 1], ...weightIn(kept, 2)],
  [Op.NllLoss]: (_, __, kept) => [['self', 0], ['target', 1], ['total_weight', 'scalar'], ...weightIn(kept, 1)],
  [Op.SmoothL1Loss]: always(['self', 0], ['target', 1]), // losses 2 (helper losses)
  [Op.HuberLoss]: always(['self', 0], ['target', 1]),
  [Op.SoftMarginLoss]: always(['self', 0], ['target', 'saved1']), // target: saved, no input of the node
  [Op.MultiMarginLoss]: (_, __, kept) => [['self', 0], ['target', 'saved1'], ...weightIn(kept, 2)],
  [Op.MultilabelMarginLoss]: always(['self', 0], ['target', 'saved1']),
  // shape and indexing 2: the index has the result's shape (the gather-flat ops save no more)
  [Op.Gather]: always(['index', 'indices'], ['self', 0]),
  [Op.Take]: always(['index', 'indices'], ['self', 0]),
  // ternary and linalg 2: where's bool condition is no input of the record (its saved slot 0)
  [Op.Where]: always(['condition', 'condition']),
  [Op.LerpTensor]: always(['end', 1], ['self', 0], ['weight', 2]),
  [Op.Addcmul]: (needs) => [
    ...(needs(2) ? [['tensor1', 1] as [string, SavedSource]] : []),
    ...(needs(1) ? [['tensor2', 2] as [string, SavedSource]] : []),
  ],
  [Op.Addmv]: crossed('mat', 'vec', 1),
  [Op.Glu]: always(['self', 0]),
  [Op.NormDim]: always(['result', 'result'], ['self', 0]),
  [Op.Cdist]: always(['result', 'result'], ['x1', 0], ['x2', 1]),
  [Op.LinalgCross]: crossed('self', 'other'),
  [Op.Baddbmm]: crossed('batch1', 'batch2', 1),
  [Op.Addbmm]: crossed('batch1', 'batch2', 1),
  [Op.Addcdiv]: (needs) => [
    ...(needs(2) ? [['tensor1', 1] as [string, SavedSource]] : []),
    ...(needs(1) || needs(2) ? [['tensor2', 2] as [string, SavedSource]] : []),
  ],
  // scans: cumsum saves only its dim; cummax and cummin their indices (the result's shape) and self
  [Op.Cumprod]: always(['self', 0], ['result', 'result']),
  [Op.Logcumsumexp]: always(['self', 0], ['result', 'result']),
  [Op.Cummax]: always(['indices', 'indices'], ['self', 0]),
  [Op.Cummin]: always(['indices', 'indices'], ['self', 0]),
  // sorting and selection: the indices (the values' shape); the whole-tensor medians self and result
  ...each([Op.Sort, Op.SortStable, Op.Topk, Op.Kthvalue, Op.MedianDim, Op.NanmedianDim, Op.Mode], always(['indices', 'indices'])),
  ...each([Op.MedianAll, Op.NanmedianAll, Op.Amin], always(['self', 0], ['result', 'result'])),
  // erfinv's formula reads its result, PyTorch's reads self
  [Op.Erfinv]: always(['self', 0]),
  [Op.LinalgInv]: always(['inverse', 'result']),
  // linalg.svdvals (helper svd): PyTorch's LinalgSvdBackward0 saves S, U [..., m, k] and Vh [..., k, n]
  [Op.LinalgSvd]: always(['S', 'result'], ['U', { shape: ({ inputs: [a], out }) => [...a.slice(0, -1), out[out.length - 1]] }],
    ['Vh', { shape: ({ inputs: [a], out }) => [...a.slice(0, -2), out[out.length - 1], a[a.length - 1]] }]),
  // convolution, pooling, padding
  [Op.Convolution]: always(['input', 0], ['weight', 1]),
  [Op.MaxPool2DWithIndices]: always(['self', 0], ['result1', 'indices']),
  // pooling 2 (helper pool2); max_unpool2d's indices have its input's shape (the record keeps them flat)
  ...each([Op.MaxPool3DWithIndices, Op.AdaptiveMaxPool2D, Op.AdaptiveMaxPool3D], always(['self', 0], ['result1', 'indices'])),
  [Op.AvgPool3D]: always(['self', 0]),
  ...each([Op.MaxUnpool2D, Op.MaxUnpool3D], always(['indices', { shape: ({ inputs: [x] }) => x }])),
  ...each([Op.AvgPool2D, Op.AdaptiveAvgPool2D, Op.ReflectionPad1d, Op.ReflectionPad2d, Op.ReflectionPad3d,
    Op.ReplicationPad1d, Op.ReplicationPad2d, Op.ReplicationPad3d], always(['self', 0])),
  // the lookup's indices are the result's shape without its last dim (the record keeps them flat)
  [Op.Embedding]: always(['indices', { shape: ({ out }) => out.slice(0, -1) }], ['weight', 0]),
  // the record keeps the index flat (saved tensor 1): one as large as src has src's shape
  [Op.ScatterReduce]: always(['self', 0], ['src', 1], ['index', {
    shape: ({ saved, inputs: [, src] }) => {
      const flat = saved(1);
      return flat === null || flat[0] === src.reduce((a, b) => a * b, 1) ? src : flat;
    },
  }], ['result', 'result']),
  // record inputs (input, weight?, bias?) with i1 = which of weight (1) and bias (2) are given
  [Op.LayerNorm]: (_, [, given]) => [['input', 0], ...optionalInputs(given, ['weight', 'bias']),
    ['result1', rowStats], ['result2', rowStats]],
  // group_norm shares layer_norm's record: rows of i0 elements, one per (sample, group)
  [Op.GroupNorm]: (_, [, given]) => [['input', 0], ...optionalInputs(given, ['weight']),
    ['result1', groupStats], ['result2', groupStats]],
  // i1 bit 4: training (the batch's stats; in eval PyTorch's are empty), bit 8: given running stats
  [Op.BatchNorm]: (_, [, flags]) => [['input', 0], ...optionalInputs(flags, ['weight']),
    ['result1', flags & 4 ? channels : none], ['result2', flags & 4 ? channels : none],
    ...(flags & 8 ? [['running_mean', channels], ['running_var', channels]] as [string, SavedSource][] : [])],
};

/** `weight` drawn with the shape of the record's saved tensor k, when the record keeps one there. */
function weightIn(kept: (k: number) => boolean, k: number): [string, SavedSource][] {
  return kept(k) ? [['weight', { shape: ({ saved }) => saved(k) ?? [] }]] : [];
}

/** weight and bias, the record's inputs 1, 2 when given (bits 1, 2), the ones named. */
function optionalInputs(given: number, names: string[]): [string, SavedSource][] {
  const inputs: [string, SavedSource][] = [];
  if (given & 1) inputs.push(['weight', 1]);
  if (given & 2) inputs.push(['bias', given & 1 ? 2 : 1]);
  return inputs.filter(([name]) => names.includes(name));
}
/** layer_norm's mean and rstd: the input's shape with the normalized dims (i0 elements) kept as 1s. */
const rowStats: Shaped = {
  shape: ({ out, ints: [n] }) => {
    let k = out.length;
    for (let size = 1; k > 0 && size !== n; k--) size *= out[k - 1];
    return out.map((s, d) => (d < k ? s : 1));
  },
};
/** group_norm's mean and rstd: (N, groups), the rows of i0 elements of each of the N samples. */
const groupStats: Shaped = {
  shape: ({ out, ints: [n] }) => [out[0], out.reduce((a, b) => a * b, 1) / Math.max(out[0] * n, 1)],
};
/** batch_norm's per-channel tensors: i0 channels */
const channels: Shaped = { shape: ({ ints: [c] }) => [c] };
const none: Shaped = { shape: () => [0] };

/**
 * The tensors the node for `op` saves, in the order Python's dir() lists them (by name): the rule
 * above, else what the op table's formulas read (formulaSaves, generated).
 */
export function savedTensors(op: Op, needs: (k: number) => boolean, ints: [number, number], kept: (k: number) => boolean = () => false): [string, SavedSource][] {
  return (rules[op]?.(needs, ints, kept) ?? formulaSaves[op] ?? []).slice().sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
