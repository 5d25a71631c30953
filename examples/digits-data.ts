// Loader for the vendored UCI optical digits in Node (see examples/data/README.md); the decoding,
// shuffling and splitting are in digits-format.ts, which browsers use as well.
import { readFileSync } from 'node:fs';
import { parseDigits, type Digits } from './digits-format.js';

export * from './digits-format.js';

/** Read examples/data/digits.bin (Node). */
export function loadDigits(): Digits {
  return parseDigits(readFileSync(new URL('./data/digits.bin', import.meta.url)));
}

