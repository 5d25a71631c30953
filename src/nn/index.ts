// torch.nn: modules, and the functional namespace.
export * as functional from './functional.js';
export { Linear, ReLU, Sigmoid } from './modules.js';
export { Module } from './module.js';
export type { NamedMemberOptions, NamedModulesOptions } from './module.js';
export { Parameter, Buffer } from './parameter.js';
export { Sequential, ModuleList, ModuleDict, ParameterList, ParameterDict } from './containers.js';
export { register_module_forward_pre_hook, register_module_forward_hook } from './module_hooks.js';
export type { ForwardPreHook, ForwardHook, HookOptions } from './module_hooks.js';
export type { FullBackwardHook, FullBackwardPreHook } from './module_backward_hooks.js';
export { IncompatibleKeys } from './state_dict.js';
export type { StateDict, StateDictOptions, LoadStateDictOptions } from './state_dict.js';
export { ConvTranspose1d, ConvTranspose2d, type ConvTransposeModuleOptions, Unfold, Fold, type UnfoldModuleOptions } from './modules.js'; // helper convt
export { Conv3d, ConvTranspose3d, type PaddingMode } from './modules.js'; // helper conv3d
export { Conv1d, Conv2d, MaxPool2d, AvgPool2d, AdaptiveAvgPool2d, type ConvModuleOptions } from './modules.js'; // convolution and pooling
export {
  MaxPool3d, AvgPool3d, AdaptiveAvgPool1d, AdaptiveMaxPool1d, AdaptiveMaxPool2d, MaxUnpool1d, MaxUnpool2d, LPPool1d, LPPool2d,
} from './pooling.js'; // pooling 2 (helper pool2)
export {
  LayerNorm, Embedding, BatchNorm1d, BatchNorm2d, BatchNorm3d, Identity, Flatten, Unflatten, Tanh, SiLU, GELU, ELU, LeakyReLU, Softplus,
  Softmax, LogSoftmax, MSELoss, L1Loss, BCELoss, BCEWithLogitsLoss, NLLLoss, CrossEntropyLoss,
} from './layers.js'; // nn normalization and embedding (helper nnnorm)
export { GroupNorm, LocalResponseNorm, Dropout, Dropout1d, Dropout2d, Dropout3d, AlphaDropout, FeatureAlphaDropout } from './norm_dropout_layers.js'; // group normalization and dropout (helper normdrop)
export {
  SmoothL1Loss, HuberLoss, SoftMarginLoss, KLDivLoss, MarginRankingLoss, HingeEmbeddingLoss, CosineEmbeddingLoss, PoissonNLLLoss,
  GaussianNLLLoss, TripletMarginLoss, MultiLabelSoftMarginLoss, MultiMarginLoss, MultiLabelMarginLoss,
} from './layers.js'; // losses 2 (helper losses)
export * as init from './init.js'; // nn.init (helper data)
export * as utils from './utils.js'; // nn.utils (helper data)
export {
  MultiheadAttention, TransformerEncoderLayer, TransformerEncoder, TransformerDecoderLayer, TransformerDecoder, Transformer, NonDynamicallyQuantizableLinear,
} from './transformer.js'; // attention (helper attn)
export type {
  MultiheadAttentionOptions, MultiheadAttentionForwardOptions, TransformerEncoderLayerOptions, EncoderLayerForwardOptions, EncoderForwardOptions,
  DecoderForwardOptions, TransformerOptions, TransformerForwardOptions,
} from './transformer.js';
export { RNNBase, RNN, LSTM, GRU, type RNNBaseOptions, type RNNOptions, type LSTMOptions } from './rnn.js'; // recurrent layers (helper rnn)
export { RNNCellBase, RNNCell, LSTMCell, GRUCell, type RNNCellOptions } from './rnn_cells.js'; // recurrent cells (helper rnn)
export { Upsample, UpsamplingNearest2d, UpsamplingBilinear2d, PixelShuffle, PixelUnshuffle, type UpsampleOptions } from './sampling_layers.js'; // sampling (helper sample)
export { Bilinear, LazyLinear, UninitializedParameter, type LazyLinearOptions } from './linear_layers.js'; // helper sample
export { PairwiseDistance, TripletMarginWithDistanceLoss } from './distance_layers.js'; // helper sample
export { EmbeddingBag, CTCLoss, type EmbeddingBagModuleOptions } from './bag_ctc_layers.js'; // helper ebag
export {
  Threshold, Hardtanh, ReLU6, SELU, CELU, GLU, Hardshrink, Softshrink, LogSigmoid, Softsign, Tanhshrink, Softmin, Softmax2d, PReLU, RReLU,
  Mish, Hardswish, Hardsigmoid,
} from './activation_modules.js'; // the missing modules (helper modules): activations
export {
  ConstantPad1d, ConstantPad2d, ConstantPad3d, ZeroPad1d, ZeroPad2d, ZeroPad3d, ReflectionPad1d, ReflectionPad2d, ReflectionPad3d,
  ReplicationPad1d, ReplicationPad2d, ReplicationPad3d, CircularPad1d, CircularPad2d, CircularPad3d,
} from './padding_modules.js'; // helper modules: padding
export {
  InstanceNorm1d, InstanceNorm2d, InstanceNorm3d, LazyInstanceNorm1d, LazyInstanceNorm2d, LazyInstanceNorm3d, LazyBatchNorm1d, LazyBatchNorm2d,
  LazyBatchNorm3d, type LazyNormOptions,
} from './norm_modules.js'; // helper modules: normalization
export { MaxPool1d, AvgPool1d, CosineSimilarity, ChannelShuffle, NLLLoss2d, DataParallel } from './misc_modules.js'; // helper modules
export { CrossMapLRN2d } from './cross_map_lrn.js'; // helper modules
export { AdaptiveAvgPool3d } from './adaptive_pool3d.js'; // helper modules
export { AdaptiveMaxPool3d, MaxUnpool3d } from './pooling.js'; // helper nnrest
export { LPPool3d } from './pooling.js'; // helper h-modules
export { AdaptiveLogSoftmaxWithLoss, type ASMoutput } from './adaptive_log_softmax.js'; // helper nnrest
export { FractionalMaxPool2d, FractionalMaxPool3d, type FractionalMaxPoolOptions } from './fractional_max_pool.js'; // helper nnrest
export { LazyConv1d, LazyConv2d, LazyConv3d, LazyConvTranspose1d, LazyConvTranspose2d, LazyConvTranspose3d } from './lazy_conv_modules.js'; // helper modules: lazy convolutions
export { RMSNorm, type RMSNormOptions } from './modules_extra.js'; // helper h-modules
export type { ModuleToOptions } from './module_convert.js'; // helper h-modules
