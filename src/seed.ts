// torch.manual_seed: seeds PyTorch's generator algorithm (random.ts), which
// rand, randn and nn.Linear's initialisation draw from.

import { manual_seed as seedGenerator, default_generator } from './random.js';

/**
 * Seeds the random number generator, as torch.manual_seed does: the same seed
 * gives PyTorch's values for rand, randn and nn.Linear's initial weights.
 * @example torch.manual_seed(0)
 */
export function manual_seed(seed: number): void {
  seedGenerator(seed);
}

/**
 * The seed the generator was last seeded with.
 * @example
 * torch.manual_seed(42);
 * console.log(torch.initial_seed()); // 42
 */
export function initial_seed(): number {
  return default_generator.initial_seed();
}
