// What a consumer's run of consumers/seed.mjs must print: PyTorch's numbers
// for the seed example, from the committed fixtures.

import { readFileSync } from 'node:fs';

const seed = JSON.parse(readFileSync(new URL('../fixtures/ops.json', import.meta.url), 'utf8')).seed;

/** The line seed() returns on `device`. */
export function seedLine(device: 'wasm' | 'js'): string {
  return [device, seed.z1_str, seed.y_hat_str, seed.loss_str, seed.loss_item,
    seed.grad_w1_str, seed.grad_w1_str, seed.grad_b1_str].join(' | ');
}
