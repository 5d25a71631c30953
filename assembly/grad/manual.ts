// The hand-written derivative rules the op table names (its `grad: 'helperName'`
// rows), as PyTorch's FunctionsManual: each is (r, g, k) => the gradient for
// input k. generated/derivatives.generated.ts imports them from here by name.

export { reshapeToInput, permuteBack, sumBackward, meanBackward, expandBackward } from './helpers';
export {
  amaxBackward, maxAllBackward, maxDimBackward, logsumexpBackward, softmaxBackward, logSoftmaxBackward,
} from './reduce';
export { reduce2Backward, varBackward, nansumBackward, vectorNormBackward, prodBackward } from './reduce_stats'; // reductions 2
export { catBackward, stackBackward, sliceBackward } from './shape';
export { mmBackward, bmmBackward, mvBackward, dotBackward, addmmBackward } from './linalg';
export { mseLossBackward, bceBackward, bceWithLogitsBackward, nllLossBackward } from './loss';
export { smoothL1LossBackward, huberLossBackward, softMarginLossBackward } from './loss'; // losses 2 (helper losses)
export { multiMarginLossBackward, multilabelMarginLossBackward } from './margin_loss';
export { embeddingBagBackward } from './embedding_bag'; // helper ebag
export { ctcLossBackward } from './ctc_loss'; // helper ebag
export { noDerivativeBackward } from './no_derivative'; // PyTorch's NotImplemented node (h-cgb)
export { gatherFlatBackward, scatterFlatBackward } from './gather';
export { ternaryBackward } from './ternary';
export { addProductBackward, gluBackward, crossBackward, normBackward, cdistBackward, zerosBackward, linalgInvBackward } from './linalg_more';
export { svdBackward } from './svd'; // linalg.svdvals (helper svd)
export { scanBackward } from './scan'; // scans
export { sortBackward, medianAllBackward } from './sort'; // sorting and order statistics
export { convolutionBackward, avgPoolBackward, maxPool2dBackward, maxUnpoolBackward } from './conv'; // convolution and pooling (helper conv)
export { foldBackward } from './fold'; // F.unfold / F.fold (helper convt)
export { layerNormBackward, embeddingBackward, batchNormBackward } from './norm'; // nn normalization (helper nnnorm)
export { scatterReduceBackward } from './scatter_reduce'; // scatter_reduce (helper leftovers)
export { customBackward } from './custom'; // torch.autograd.Function
export { svdBackward } from './svd'; // linalg.svdvals (helper svd)
export { toCopyBackward } from './cast'; // x.to(float dtype) on one device (helper h-autograd)
