// torch.manual_seed, torch.seed, torch.initial_seed, torch.get_rng_state and
// torch.set_rng_state: the default generator's (random.ts), which the random
// functions draw from when they are given no generator.

import { default_generator, type Generator } from './random.js';
import type { Tensor } from './tensor.js';

/**
 * Seeds the default generator, as torch.manual_seed does, and returns it: the
 * same seed gives PyTorch's values for rand, randn, randint, ... and nn.Linear's
 * initial weights. A float seed is truncated, as PyTorch's int(seed).
 * @example torch.manual_seed(0)
 */
export function manual_seed(seed: number | bigint): Generator {
  return default_generator.manual_seed(typeof seed === 'number' && Number.isFinite(seed) ? Math.trunc(seed) : seed);
}

/**
 * Seeds the default generator from a non-deterministic source and returns the seed,
 * as torch.seed() (53 bits here, 64 in PyTorch: see Generator.seed).
 * @example
 * const s = torch.seed();
 * console.log(torch.initial_seed() === s); // true
 */
export function seed(): number {
  return default_generator.seed();
}

/**
 * The seed the default generator was last seeded with.
 * @example
 * torch.manual_seed(42);
 * console.log(torch.initial_seed()); // 42
 */
export function initial_seed(): number {
  return default_generator.initial_seed();
}

/**
 * The default generator's state, as torch.get_rng_state(): PyTorch's 5056 bytes,
 * in an int64 tensor (wasmgrad has no uint8; see Generator.get_state).
 * @example
 * const s = torch.get_rng_state();
 * const a = torch.rand(3);
 * torch.set_rng_state(s);
 * torch.rand(3); // the same values as a
 */
export function get_rng_state(): Tensor {
  return default_generator.get_state();
}

/**
 * Restores the default generator's state from torch.get_rng_state(), as torch.set_rng_state.
 * @example torch.set_rng_state(torch.get_rng_state())
 */
export function set_rng_state(new_state: Tensor): void {
  default_generator.set_state(new_state);
}
