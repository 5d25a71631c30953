// The vendored UCI optical digits (see examples/data/README.md), without Node's fs so that a
// browser can use it too (the demo's worker): decoding, a seeded shuffle, a train/test split.
// digits.bin: n records of 65 bytes = 64 pixels (0..16, row-major 8x8) + 1 label byte (0..9).

export interface Digits {
  images: Float32Array; // n * 64 pixels, scaled to [0, 1]
  labels: Int32Array; // n labels, 0..9
  n: number;
}

const PIXELS = 64;
const RECORD = PIXELS + 1;

/** Decode the bytes of digits.bin, e.g. from `new Uint8Array(await (await fetch(url)).arrayBuffer())` in a browser. */
export function parseDigits(bytes: Uint8Array): Digits {
  if (bytes.length % RECORD !== 0) {
    throw new Error(`digits.bin: ${bytes.length} bytes is not a multiple of ${RECORD}`);
  }
  const n = bytes.length / RECORD;
  const images = new Float32Array(n * PIXELS);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const off = i * RECORD;
    for (let j = 0; j < PIXELS; j++) images[i * PIXELS + j] = bytes[off + j]! / 16;
    labels[i] = bytes[off + PIXELS]!;
  }
  return { images, labels, n };
}

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A deterministic permutation of 0..n-1 (Fisher-Yates driven by mulberry32). */
export function permutation(n: number, seed = 0): Int32Array {
  const rand = mulberry32(seed);
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = idx[i]!;
    idx[i] = idx[j]!;
    idx[j] = t;
  }
  return idx;
}

/** Copy the samples at `idx` (in that order) into a new dataset. */
export function subset(data: Digits, idx: ArrayLike<number>): Digits {
  const n = idx.length;
  const images = new Float32Array(n * PIXELS);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = idx[i]!;
    images.set(data.images.subarray(k * PIXELS, (k + 1) * PIXELS), i * PIXELS);
    labels[i] = data.labels[k]!;
  }
  return { images, labels, n };
}

/** Shuffle deterministically, then hold out round(n * testFraction) samples for testing. */
export function trainTestSplit(
  data: Digits,
  testFraction = 0.2,
  seed = 0,
): { train: Digits; test: Digits } {
  if (!(testFraction >= 0 && testFraction <= 1)) throw new RangeError('testFraction must be in [0, 1]');
  const idx = permutation(data.n, seed);
  const nTest = Math.round(data.n * testFraction);
  return {
    test: subset(data, idx.subarray(0, nTest)),
    train: subset(data, idx.subarray(nTest)),
  };
}
