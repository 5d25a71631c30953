// The hand-written derivative rules the op table names (its `grad: 'helperName'`
// rows), as PyTorch's FunctionsManual: each is (r, g, k) => the gradient for
// input k. ../generated/derivatives.generated.ts imports them from here by name.

export { reshapeToInput, permuteBack, sumBackward, meanBackward, expandBackward } from './helpers.js';
export {
  amaxBackward, maxAllBackward, maxDimBackward, logsumexpBackward, softmaxBackward, logSoftmaxBackward,
} from './reduce.js';
export { reduce2Backward, varBackward, nansumBackward, vectorNormBackward, prodBackward } from './reduce_stats.js'; // reductions 2
export { catBackward, stackBackward, sliceBackward } from './shape.js';
export { mmBackward, bmmBackward, mvBackward, dotBackward, addmmBackward } from './linalg.js';
export { mseLossBackward, bceBackward, bceWithLogitsBackward, nllLossBackward } from './loss.js';
export { smoothL1LossBackward, huberLossBackward, softMarginLossBackward } from './loss.js'; // losses 2 (helper losses)
// the margin losses, embedding_bag and ctc_loss (helpers losses, ebag) behind PyTorch's NotImplemented node
export { multiMarginLossBackward, multilabelMarginLossBackward, embeddingBagBackward, ctcLossBackward, noDerivativeBackward } from './no_derivative.js';
export { gatherFlatBackward, scatterFlatBackward } from './gather.js';
export { ternaryBackward } from './ternary.js';
export { addProductBackward, gluBackward, crossBackward, normBackward, cdistBackward, zerosBackward, linalgInvBackward } from './linalg_more.js';
export { scanBackward } from './scan.js'; // scans
export { sortBackward, medianAllBackward } from './sort.js'; // sorting and order statistics
export { convolutionBackward } from '../ops/conv.js'; // convolution and pooling (helper conv)
export { foldBackward } from '../ops/fold.js'; // F.unfold / F.fold (helper convt)
export { avgPoolBackward, maxPool2dBackward, maxUnpoolBackward } from '../ops/pool.js';
export { layerNormBackward, embeddingBackward, batchNormBackward } from './norm.js'; // nn normalization (helper nnnorm)
export { scatterReduceBackward } from './scatter_reduce.js'; // scatter_reduce (helper leftovers)
export { customBackward } from './custom.js'; // torch.autograd.Function
export { svdBackward } from './svd.js'; // linalg.svdvals (helper svd)
export { toCopyBackward } from '../ops/cast.js'; // x.to(float dtype) on one device (helper h-autograd)
