/** See relaxed_compare.mjs. */
export function compareKernels(plainBytes: ArrayLike<number>, relaxedBytes: ArrayLike<number>):
  { cases: number; differ: number; failures: string[] };
