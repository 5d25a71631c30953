// torch.optim: the Optimizer base class (parameter groups, state dicts) in
// src/optim/optimizer.ts, one file per optimizer, and optim.lr_scheduler.

export { Optimizer, required, type ParamGroup, type ParamGroupInput, type Params, type ParamState, type OptimizerStateDict } from './optim/optimizer.js';
export { SGD, type SGDOptions } from './optim/sgd.js';
export { Adam, type AdamOptions } from './optim/adam.js';
export { AdamW } from './optim/adamw.js';
export { Adagrad, RMSprop, type AdagradOptions, type RMSpropOptions } from './optim/composed.js';
export { NAdam, RAdam, Adamax, type NAdamOptions, type RAdamOptions, type AdamaxOptions } from './optim/adam_variants.js';
export { Adadelta, ASGD, Rprop, type AdadeltaOptions, type ASGDOptions, type RpropOptions } from './optim/adadelta_asgd_rprop.js';
export { LBFGS, type LBFGSOptions } from './optim/lbfgs.js';
export * as lr_scheduler from './optim/lr_scheduler.js';
