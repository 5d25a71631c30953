// torch.optim: the Optimizer base class (parameter groups, state dicts) in

export { Optimizer, required, type ParamGroup, type ParamGroupInput, type Params, type ParamState, type OptimizerStateDict } from './optim/optimizer.js';
export { SGD, type SGDOptions } from './optim/sgd.js';
export { Adam, type AdamOptions } from './optim/adam.js';
