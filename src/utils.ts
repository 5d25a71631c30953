// torch.utils: the data loading utilities (torch.utils.data).
export * as data from './data/index.js';
