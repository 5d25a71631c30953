// torch.nn: modules, and the functional namespace.
export * as functional from './functional.js';
export { Module, Linear, ReLU, Sigmoid, Sequential } from './modules.js';
export { Conv1d, Conv2d, MaxPool2d, AvgPool2d, AdaptiveAvgPool2d, type ConvModuleOptions } from './modules.js'; // convolution and pooling
export {
  LayerNorm, Embedding, BatchNorm1d, BatchNorm2d, BatchNorm3d, Identity, Flatten, Unflatten, Tanh, SiLU, GELU, ELU, LeakyReLU, Softplus,
  Softmax, LogSoftmax, MSELoss, L1Loss, BCELoss, BCEWithLogitsLoss, NLLLoss, CrossEntropyLoss,
} from './layers.js'; // nn normalization and embedding (helper nnnorm)
export { GroupNorm, LocalResponseNorm, Dropout, Dropout1d, Dropout2d, Dropout3d, AlphaDropout, FeatureAlphaDropout } from './norm_dropout_layers.js'; // group normalization and dropout (helper normdrop)
export {
  SmoothL1Loss, HuberLoss, SoftMarginLoss, KLDivLoss, MarginRankingLoss, HingeEmbeddingLoss, CosineEmbeddingLoss, PoissonNLLLoss,
  GaussianNLLLoss, TripletMarginLoss, MultiLabelSoftMarginLoss, MultiMarginLoss, MultiLabelMarginLoss,
} from './layers.js'; // losses 2 (helper losses)
