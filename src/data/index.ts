// torch.utils.data: datasets, samplers, collation and the DataLoader.
export { Dataset, TensorDataset, Subset, ConcatDataset, random_split, type DatasetLike, type RandomSplitOptions } from './dataset.js';
export {
  Sampler, SequentialSampler, RandomSampler, SubsetRandomSampler, WeightedRandomSampler, BatchSampler, type RandomSamplerOptions, type SamplerLike,
} from './sampler.js';
export { default_collate, default_convert } from './collate.js';
export { DataLoader, type DataLoaderOptions } from './dataloader.js';
export { IterableDataset, ChainDataset } from './iterable.js'; // iterable datasets (helper sample)
