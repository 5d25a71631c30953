import { DType } from '../abi/abi.js';
import { RuntimeError, TypeError } from './errors.js';
import { pyType } from './args.js';
import { Tensor } from './tensor.js';
import { tensor } from './creation.js';

/**
 * A random number generator that reproduces PyTorch's CPU generator bit for bit:
 * `manual_seed(0); fillUniform(new Float32Array(3))` gives the float32 values of
 * `torch.manual_seed(0); torch.rand(3)`, and likewise for `randn`, `uniform_`,
 * `normal_`, `randint`, `randperm` and `nn.Linear`'s default initialisation.
 *
 * Checked against PyTorch 1.13 (test/fixtures/random.json, written by
 * scripts/gen_random_fixtures.py). The integer stream is an mt19937 and is the
 * same everywhere; the float transformations round differently depending on
 * which ATen CPU kernel build runs (see {@link CpuCapability}).
 */

/**
 * Which of PyTorch's CPU kernel builds to imitate. x86-64 PyTorch picks the
 * best one the CPU supports (`torch.backends.cpu.get_cpu_capability()`, or the
 * `ATEN_CPU_CAPABILITY` environment variable), and the builds round differently:
 *
 * - `'avx2'` (also what `'avx512'` gives): compiled with FMA, so GCC fuses
 *   `x * (to - from) + from` in `uniform_`; `randn` of 16 or more values uses a
 *   vectorised float32 polynomial log and sincos (avx_mathfun.h).
 * - `'default'`: no FMA; `randn` of 16 or more values uses libm's logf/cosf/sinf.
 *
 * `rand()` in [0, 1), `randn` of fewer than 16 values, `randint` and `randperm`
 * are identical in all builds. Builds for other architectures (e.g. arm64) were
 * not checked.
 */
export type CpuCapability = 'default' | 'avx2' | 'avx512';

/** PyTorch's default seed for a fresh generator (`torch.Generator().initial_seed()`). */
export const DEFAULT_SEED = 67280421310721;

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;

/** `new torch.Generator(...)`'s options: PyTorch's `device`, and which kernel build to imitate. */
export interface GeneratorOptions {
  /** 'cpu' (PyTorch's), or a wasmgrad device name: both devices draw on the CPU, from this generator. */
  device?: string;
  /** Kernel build whose rounding the float transformations imitate (default 'avx2'). */
  capability?: CpuCapability;
}

/** Device types PyTorch knows but has no torch.Generator() for on this build (it names them in capitals). */
const OTHER_DEVICE_TYPES = ['cuda', 'mps', 'meta', 'xpu', 'hip', 'xla', 'vulkan', 'mkldnn', 'opengl', 'opencl', 'ideep', 'ort', 've', 'ipu', 'hpu', 'lazy', 'fpga', 'mlc'];

function checkGeneratorDevice(device: unknown): void {
  if (device === undefined || device === null || device === 'cpu' || device === 'wasm' || device === 'js') return;
  const type = typeof device === 'string' ? device.replace(/:\d+$/, '') : '';
  if (OTHER_DEVICE_TYPES.includes(type)) throw new RuntimeError(`Device type ${type.toUpperCase()} is not supported for torch.Generator() api.`);
  throw new RuntimeError(`wasmgrad: torch.Generator: unknown device ${String(device)}; expected 'cpu'`);
}

/** Bytes in PyTorch's CPU generator state (sizeof(CPUGeneratorImplState)) and in its older layout. */
const STATE_BYTES = 5056;
const LEGACY_STATE_BYTES = 5048;

/**
 * PyTorch's CPU generator, `torch.Generator`: an mt19937 engine plus the cached
 * second Box-Muller sample of `normal_distribution<double>`. Pass one as the
 * `generator` keyword of rand, randn, randint, randperm, normal, bernoulli,
 * multinomial, uniform_ or normal_ to draw from it instead of
 * {@link default_generator}.
 *
 * @example
 * const g = new torch.Generator().manual_seed(42);
 * const x = torch.randn(4, { generator: g }); // == torch.randn(4, generator=torch.Generator().manual_seed(42))
 */
export class Generator {
  /** Kernel build whose rounding the float transformations imitate. */
  capability: CpuCapability;
  /** The device the generator draws for: always 'cpu', as PyTorch's CPU generator (both wasmgrad devices use it). */
  readonly device = 'cpu';
  private readonly state = new Uint32Array(N);
  private left = 1;
  private next = 0;
  private seed_: bigint = 0n;
  /** PyTorch caches `r * sin(theta)` between scalar normal draws; seeding clears it. */
  private nextDoubleNormal: number | null = null;
  /** PyTorch's float twin of that cache: no CPU kernel of 1.13 fills it, but get_state/set_state carry it. */
  private nextFloatNormal: number | null = null;

  /**
   * A generator seeded with PyTorch's default seed, as `torch.Generator(device='cpu')`.
   * @example
   * const g = new torch.Generator(); // or new torch.Generator('cpu'), new torch.Generator({ device: 'cpu' })
   * g.initial_seed(); // 67280421310721
   */
  constructor(device: string | GeneratorOptions = 'cpu') {
    const options = typeof device === 'object' && device !== null ? device : { device };
    checkGeneratorDevice(options.device);
    this.capability = options.capability ?? 'avx2';
    this.manual_seed(DEFAULT_SEED);
  }

  /**
   * Re-seeds like `torch.Generator.manual_seed`: the seed is a 64-bit integer
   * (negative ones wrap), of which mt19937 only sees the low 32 bits.
   *
   * @example
   * new Generator().manual_seed(0).initial_seed(); // 0
   */
  manual_seed(seed: number | bigint): this {
    if (typeof seed !== 'bigint' && !(typeof seed === 'number' && Number.isInteger(seed))) {
      throw new RuntimeError(`manual_seed expected a long, but got ${pyType(seed)}`);
    }
    this.seed_ = BigInt.asUintN(64, BigInt(seed));
    const s = this.state;
    s[0] = Number(this.seed_ & 0xffffffffn);
    for (let j = 1; j < N; j++) {
      const prev = s[j - 1];
      s[j] = Math.imul(1812433253, prev ^ (prev >>> 30)) + j;
    }
    // left = 1 makes the first draw regenerate the whole state, as PyTorch does.
    this.left = 1;
    this.next = 0;
    this.nextDoubleNormal = null;
    this.nextFloatNormal = null;
    return this;
  }

  /**
   * The seed last set, as `torch.Generator.initial_seed()` reports it (an
   * unsigned 64-bit integer; a number when it is exactly representable).
   *
   * @example
   * new torch.Generator().manual_seed(7).initial_seed(); // 7
   */
  initial_seed(): number {
    return Number(this.seed_);
  }

  /**
   * Like {@link initial_seed}, but exact for seeds above 2^53.
   * @example
   * new torch.Generator().manual_seed(-1).initial_seed_bigint(); // 18446744073709551615n
   */
  initial_seed_bigint(): bigint {
    return this.seed_;
  }

  /**
   * Seeds the generator from a non-deterministic source and returns the seed, as
   * `torch.Generator.seed()`. PyTorch's seed takes 64 bits; this one 53, so the
   * number is exact.
   *
   * @example
   * const g = new torch.Generator();
   * const s = g.seed(); // g.initial_seed() === s
   */
  seed(): number {
    const words = new Uint32Array(2);
    globalThis.crypto.getRandomValues(words);
    const s = (words[0] & 0x1fffff) * 2 ** 32 + words[1];
    this.manual_seed(s);
    return s;
  }

  /**
   * The generator's state as PyTorch's `Generator.get_state()` lays it out: the
   * 5056 bytes of CPUGeneratorImplState (seed, mt19937 words and position, the
   * cached normal sample), so they equal PyTorch's after the same draws. PyTorch
   * returns a uint8 tensor; wasmgrad has no uint8 dtype, so this is int64 with
   * the same byte values (docs/api.md).
   *
   * @example
   * const g = new torch.Generator().manual_seed(1);
   * const s = g.get_state();
   * const a = torch.rand(3, { generator: g });
   * g.set_state(s);
   * torch.rand(3, { generator: g }); // the same values as a
   */
  get_state(): Tensor {
    return tensor(Array.from(this.stateBytes()), { dtype: 'int64' });
  }

  /**
   * Restores a state from {@link get_state} (or PyTorch's bytes of it), as
   * `torch.Generator.set_state(new_state)`, and returns the generator.
   * PyTorch's errors for what is not a state; an error leaves the generator as it was.
   *
   * @example
   * const g = new torch.Generator();
   * const s = g.get_state();
   * torch.randn(5, { generator: g });
   * g.set_state(s); // the next randn(5) repeats the same values
   */
  set_state(new_state: Tensor): this {
    if (!(new_state instanceof Tensor)) throw new TypeError(`expected a torch.ByteTensor, but got ${pyType(new_state)}`);
    const dt = new_state._dtype;
    const values = dt === DType.Int64 || dt === DType.Int32 ? Array.from(new_state.dataSync() as ArrayLike<number>) : null;
    // a byte tensor holds 0..255 only; an integer tensor stands for one here when it does too
    if (values === null || values.some((v) => !(v >= 0 && v <= 255))) throw new TypeError('RNG state must be a torch.ByteTensor');
    this.setStateBytes(Uint8Array.from(values));
    return this;
  }

  /** {@link get_state}'s bytes, little-endian as x86 PyTorch stores them. */
  stateBytes(): Uint8Array {
    const bytes = new Uint8Array(STATE_BYTES);
    const v = new DataView(bytes.buffer);
    v.setBigUint64(0, this.seed_, true);
    v.setInt32(8, this.left, true);
    v.setInt32(12, 1, true); // seeded
    v.setBigUint64(16, BigInt(this.next), true);
    for (let i = 0; i < N; i++) v.setUint32(24 + 8 * i, this.state[i], true);
    // normal_x and normal_rho stay 0: PyTorch keeps only the cached sample, in normal_y
    if (this.nextDoubleNormal !== null) {
      v.setFloat64(5024, this.nextDoubleNormal, true);
      v.setInt32(5040, 1, true);
    }
    if (this.nextFloatNormal !== null) {
      v.setFloat32(5048, this.nextFloatNormal, true);
      bytes[5052] = 1;
    }
    return bytes;
  }

  /** {@link set_state} from bytes: PyTorch's current layout or its legacy one (THGeneratorState). */
  setStateBytes(bytes: Uint8Array): void {
    if (bytes.length !== STATE_BYTES && bytes.length !== LEGACY_STATE_BYTES) {
      throw new RuntimeError(`Expected either a CPUGeneratorImplStateLegacy of size ${LEGACY_STATE_BYTES} or a CPUGeneratorImplState of size ${STATE_BYTES} but found the input RNG state size to be ${bytes.length}`);
    }
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const left = v.getInt32(8, true), seeded = v.getInt32(12, true);
    const next = Number(v.getBigUint64(16, true) & 0xffffffffn);
    if (seeded === 0 || !(left > 0 && left <= N) || next > N) throw new RuntimeError('Invalid mt19937 state');
    const normalValid = v.getInt32(5040, true) !== 0;
    let double: number | null = null, float: number | null = null;
    if (bytes.length === LEGACY_STATE_BYTES) {
      // the legacy layout kept the uniform x and the radius: the cached sample is r * sin(2πx)
      if (normalValid) double = v.getFloat64(5032, true) * Math.sin(2 * Math.PI * v.getFloat64(5016, true));
    } else {
      if (normalValid) double = v.getFloat64(5024, true);
      if (bytes[5052] !== 0) float = v.getFloat32(5048, true);
    }
    this.seed_ = v.getBigUint64(0, true);
    for (let i = 0; i < N; i++) this.state[i] = v.getUint32(24 + 8 * i, true);
    this.left = left;
    this.next = next;
    this.nextDoubleNormal = double;
    this.nextFloatNormal = float;
  }

  /** The next 32-bit output of mt19937 (`CPUGeneratorImpl::random()`). */
  random(): number {
    if (--this.left === 0) this.twist();
    let y = this.state[this.next++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A double in [0, 1) from 53 bits of two draws, as `uniform_real_distribution<double>`. */
  randomDouble53(): number {
    // random64() puts the first draw in the high word; only its low 21 bits survive the mask.
    const hi = this.random() & 0x1fffff;
    const lo = this.random();
    return (hi * 4294967296 + lo) * 2 ** -53;
  }

  /** A float32 in [0, 1) from the low 24 bits of one draw, as `uniform_real_distribution<float>`. */
  randomFloat24(): number {
    return (this.random() & 0xffffff) * 2 ** -24;
  }

  /**
   * One sample of `at::normal_distribution<double>(mean, std)`, in double:
   * Box-Muller on two 53-bit uniforms, keeping the sine branch for the next call.
   */
  normalDouble(mean = 0, std = 1): number {
    let z: number;
    if (this.nextDoubleNormal !== null) {
      z = this.nextDoubleNormal;
      this.nextDoubleNormal = null;
    } else {
      const u1 = this.randomDouble53();
      const u2 = this.randomDouble53();
      // 1 - u2 is exact for a 53-bit u2, so log(1 - u2) and log1p(-u2) agree.
      const r = Math.sqrt(-2 * Math.log1p(-u2));
      const theta = 2 * Math.PI * u1;
      this.nextDoubleNormal = r * Math.sin(theta);
      z = r * Math.cos(theta);
    }
    // The FMA builds contract `z * std + mean` in transformation::normal.
    return usesFma(this.capability) ? fmaDouble(z, std, mean) : z * std + mean;
  }

  /** A copy of this generator, state and all (like `Generator.get_state`/`set_state`). */
  clone(): Generator {
    const g = new Generator({ capability: this.capability });
    g.setStateBytes(this.stateBytes());
    return g;
  }

  private twist(): void {
    const s = this.state;
    for (let i = 0; i < N; i++) {
      const y = (s[i] & 0x80000000) | (s[(i + 1) % N] & 0x7fffffff);
      s[i] = s[(i + M) % N] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    this.left = N;
    this.next = 0;
  }
}

/**
 * The process-wide generator, `torch.default_generator`: what the random functions draw
 * from when no `generator` is given, and what torch.manual_seed seeds.
 * @example
 * torch.default_generator.manual_seed(0); // the same as torch.manual_seed(0)
 */
export const default_generator = new Generator();

/**
 * Seeds the default generator, like `torch.manual_seed`, and returns it.
 *
 * @example
 * manual_seed(0);
 * fillUniform(new Float32Array(3)); // [0.4962566, 0.7682218, 0.08847743], as torch.rand(3)
 */
export function manual_seed(seed: number | bigint): Generator {
  return default_generator.manual_seed(seed);
}

function usesFma(cap: CpuCapability): boolean {
  return cap !== 'default';
}

/**
 * Fills `out` with float32 samples from U[low, high), exactly as `torch.rand`
 * (low = 0, high = 1) or `Tensor.uniform_(low, high)` on a float32 tensor.
 *
 * @example
 * manual_seed(0);
 * fillUniform(new Float32Array(10), -0.5, 0.5); // == torch.empty(10).uniform_(-0.5, 0.5)
 */
export function fillUniform(out: Float32Array, low = 0, high = 1, gen: Generator = default_generator): Float32Array {
  const from = Math.fround(low);
  const to = Math.fround(high);
  if (!(from <= to)) throw new RangeError(`fillUniform: expects low <= high, got [${low}, ${high})`);
  const range = Math.fround(to - from);
  const fused = usesFma(gen.capability);
  for (let i = 0; i < out.length; i++) {
    const u = gen.randomFloat24();
    // u * range is exact in double (24 x 24 bits); only the float rounding differs.
    out[i] = fused ? fmaFloat(u, range, from) : Math.fround(Math.fround(u * range) + from);
  }
  return out;
}

/**
 * Fills `out` with float32 samples from N(mean, std²), exactly as `torch.randn`
 * (mean 0, std 1) or `Tensor.normal_(mean, std)` on a contiguous float32 tensor.
 *
 * Like PyTorch, this draws all of `out` as float uniforms and transforms them 16
 * at a time when `out` has 16 or more values; shorter arrays draw one double
 * Box-Muller pair per two values instead, so the generator advances differently.
 *
 * @example
 * manual_seed(0);
 * fillNormal(new Float32Array(3)); // [1.540996, -0.2934289, -2.1787894], as torch.randn(3)
 */
export function fillNormal(out: Float32Array, mean = 0, std = 1, gen: Generator = default_generator): Float32Array {
  if (!(std >= 0)) throw new RangeError(`fillNormal: std must be >= 0, got ${std}`);
  const n = out.length;
  if (n < 16) {
    for (let i = 0; i < n; i++) out[i] = gen.normalDouble(mean, std);
    return out;
  }
  const m = Math.fround(mean);
  const s = Math.fround(std);
  const box = gen.capability === 'default' ? boxMuller16Libm : boxMuller16Avx2;
  for (let i = 0; i < n; i++) out[i] = gen.randomFloat24();
  for (let i = 0; i + 16 <= n; i += 16) box(out, i, m, s);
  if (n % 16 !== 0) {
    // PyTorch redraws the last 16 slots and transforms them again, so they
    // overlap the previous block instead of being a shorter block.
    const start = n - 16;
    for (let i = start; i < n; i++) out[i] = gen.randomFloat24();
    box(out, start, m, s);
  }
  return out;
}

/**
 * Fills `out` with float64 samples from U[low, high), as `Tensor.uniform_(low, high)` on a
 * float64 tensor: one 53-bit draw per value, `u * (high - low) + low` in double (fused in
 * the FMA builds).
 *
 * @example
 * fillUniformDouble(new Float64Array(4), -1, 1, new Generator().manual_seed(0));
 */
export function fillUniformDouble(out: Float64Array, low = 0, high = 1, gen: Generator = default_generator): Float64Array {
  const range = high - low;
  const fused = usesFma(gen.capability);
  for (let i = 0; i < out.length; i++) {
    const u = gen.randomDouble53();
    out[i] = fused ? fmaDouble(u, range, low) : u * range + low;
  }
  return out;
}

/**
 * Fills `out` with float64 samples from N(mean, std²), as `Tensor.normal_(mean, std)` on a
 * contiguous float64 tensor: the double Box-Muller pair per two values below 16 values, else
 * 53-bit uniforms transformed 16 at a time with libm's log/cos/sin (which V8's Math functions
 * match to the last bit or nearly: test/random.test.ts compares within a few ulps).
 *
 * @example
 * fillNormalDouble(new Float64Array(20), 0, 1, new Generator().manual_seed(0));
 */
export function fillNormalDouble(out: Float64Array, mean = 0, std = 1, gen: Generator = default_generator): Float64Array {
  const n = out.length;
  if (n < 16) {
    for (let i = 0; i < n; i++) out[i] = gen.normalDouble(mean, std);
    return out;
  }
  for (let i = 0; i < n; i++) out[i] = gen.randomDouble53();
  const fused = usesFma(gen.capability);
  for (let i = 0; i + 16 <= n; i += 16) boxMuller16Double(out, i, mean, std, fused);
  if (n % 16 !== 0) {
    const start = n - 16; // the last 16 slots drawn and transformed again, as for float32
    for (let i = start; i < n; i++) out[i] = gen.randomDouble53();
    boxMuller16Double(out, start, mean, std, fused);
  }
  return out;
}

/** normal_fill_16<double>: data[j] and data[j + 8] from the pair (1 - data[j], data[j + 8]). */
function boxMuller16Double(data: Float64Array, i: number, mean: number, std: number, fused: boolean): void {
  for (let j = i; j < i + 8; j++) {
    const u1 = 1 - data[j];
    const u2 = data[j + 8];
    const radius = Math.sqrt(-2 * Math.log(u1));
    // 2.0f * pi<double> * u2: a float 2 times a double pi, in double
    const theta = 2 * Math.PI * u2;
    const c = radius * Math.cos(theta), s = radius * Math.sin(theta);
    data[j] = fused ? fmaDouble(c, std, mean) : c * std + mean;
    data[j + 8] = fused ? fmaDouble(s, std, mean) : s * std + mean;
  }
}

/** Uniform floats at data[i..i+16) to normals, pairing i+j with i+j+8 (scalar normal_fill_16). */
function boxMuller16Libm(data: Float32Array, i: number, mean: number, std: number): void {
  const f = Math.fround;
  for (let j = i; j < i + 8; j++) {
    const u1 = f(1 - data[j]); // [0, 1) -> (0, 1] for the log
    const u2 = data[j + 8];
    // libm's logf/cosf/sinf are emulated by rounding the double result to float.
    const radius = f(Math.sqrt(f(-2 * f(Math.log(u1)))));
    // 2.0f * pi<double> * u2 is evaluated in double, then stored to a float.
    const theta = f(2 * Math.PI * u2);
    data[j] = f(f(f(radius * f(Math.cos(theta))) * std) + mean);
    data[j + 8] = f(f(f(radius * f(Math.sin(theta))) * std) + mean);
  }
}

/** Same pairing as {@link boxMuller16Libm}, with the AVX2 build's float32 polynomials. */
function boxMuller16Avx2(data: Float32Array, i: number, mean: number, std: number): void {
  const f = Math.fround;
  const twoPi = f(2 * Math.PI);
  for (let j = i; j < i + 8; j++) {
    const u1 = f(1 - data[j]);
    const u2 = data[j + 8];
    const radius = f(Math.sqrt(f(-2 * logAvx(u1))));
    const theta = f(twoPi * u2);
    sincosAvx(theta);
    data[j] = fmaFloat(f(radius * sincosOut.cos), std, mean);
    data[j + 8] = fmaFloat(f(radius * sincosOut.sin), std, mean);
  }
}

// Cephes single-precision coefficients as used by avx_mathfun.h (stored as float).
const F = Math.fround;
const SQRTHF = F(0.707106781186547524);
const LOG_P = [
  7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1,
  2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
].map(F);
const LOG_Q1 = F(-2.12194440e-4);
const LOG_Q2 = F(0.693359375);
const MINUS_DP1 = F(-0.78515625);
const MINUS_DP2 = F(-2.4187564849853515625e-4);
const MINUS_DP3 = F(-3.77489497744594108e-8);
const SINCOF = [-1.9515295891e-4, 8.3321608736e-3, -1.6666654611e-1].map(F);
const COSCOF = [2.443315711809948e-5, -1.388731625493765e-3, 4.166664568298827e-2].map(F);
const FOPI = F(1.27323954473516);

const bits = new DataView(new ArrayBuffer(4));

/**
 * log256_ps for one lane, for x in (0, 1]. GCC compiles the intrinsics as plain
 * vector arithmetic and, with -mfma, fuses each multiply into the add that
 * consumes it; the fmaFloat calls mark where that happens.
 */
function logAvx(x: number): number {
  bits.setFloat32(0, x);
  const b = bits.getUint32(0);
  let e = F((b >>> 23) - 0x7f + 1);
  bits.setUint32(0, (b & ~0x7f800000) | 0x3f000000); // mantissa in [0.5, 1)
  let m = bits.getFloat32(0);
  if (m < SQRTHF) {
    e = F(e - 1);
    m = F(F(m - 1) + m);
  } else {
    m = F(m - 1);
  }
  const z = F(m * m);
  let y = LOG_P[0];
  for (let k = 1; k < LOG_P.length; k++) y = fmaFloat(y, m, LOG_P[k]);
  y = F(y * m);
  y = fmaFloat(y, z, F(e * LOG_Q1));
  y = fmaFloat(-z, 0.5, y);
  return fmaFloat(e, LOG_Q2, F(m + y));
}

const sincosOut = { sin: 0, cos: 0 };

/** sincos256_ps for one lane, for x in [0, 2π); writes {@link sincosOut}. */
function sincosAvx(x: number): void {
  const signSin0 = x < 0 || Object.is(x, -0);
  x = Math.abs(x);
  let j = Math.trunc(F(x * FOPI));
  j = (j + 1) & ~1;
  const y = j;
  const swapSin = (j & 4) !== 0;
  const polySin = (j & 2) === 0; // selects the sine polynomial for the sine
  const jc = j - 2;
  const signCos = (~jc & 4) !== 0;
  const signSin = signSin0 !== swapSin;

  x = fmaFloat(y, MINUS_DP1, x);
  x = fmaFloat(y, MINUS_DP2, x);
  x = fmaFloat(y, MINUS_DP3, x);

  const z = F(x * x);
  let c = fmaFloat(COSCOF[0], z, COSCOF[1]);
  c = fmaFloat(c, z, COSCOF[2]);
  c = F(c * z);
  c = fmaFloat(c, z, -F(z * 0.5));
  c = F(c + 1);

  let s = fmaFloat(SINCOF[0], z, SINCOF[1]);
  s = fmaFloat(s, z, SINCOF[2]);
  s = F(s * z);
  s = fmaFloat(s, x, x);

  const sinv = polySin ? s : c;
  const cosv = polySin ? c : s;
  sincosOut.sin = signSin ? -sinv : sinv;
  sincosOut.cos = signCos ? -cosv : cosv;
}

/**
 * fmaf(a, b, c) for float32 a, b, c: a * b + c rounded once to float32. The
 * product is exact in double; rounding the double sum to float is only wrong
 * when the sum was itself rounded onto a float midpoint, which is fixed here
 * from the exact error of that sum.
 */
export function fmaFloat(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const r = Math.fround(s);
  if (r === s || !Number.isFinite(s)) return r;
  const bv = s - p;
  const err = p - (s - bv) + (c - bv); // exact p + c - s (TwoSum)
  if (err === 0) return r;
  const lo = r < s ? r : nextFloatDown(r);
  const hi = r < s ? nextFloatUp(r) : r;
  if (s !== (lo + hi) / 2) return r;
  return err > 0 ? hi : lo;
}

function nextFloatUp(x: number): number {
  bits.setFloat32(0, x);
  const b = bits.getInt32(0);
  if (x === 0) return 2 ** -149;
  bits.setInt32(0, x > 0 ? b + 1 : b - 1);
  return bits.getFloat32(0);
}

function nextFloatDown(x: number): number {
  return -nextFloatUp(-x);
}

/**
 * a * b + c in double with a single rounding (up to a vanishingly rare last-bit
 * miss from the final two-term sum), via Dekker's exact product.
 */
function fmaDouble(a: number, b: number, c: number): number {
  if (b === 1 && c === 0) return a;
  const p = a * b;
  const pe = twoProductError(a, b, p);
  const s = p + c;
  const bv = s - p;
  const se = p - (s - bv) + (c - bv);
  return s + (se + pe);
}

function twoProductError(a: number, b: number, p: number): number {
  const SPLIT = 134217729; // 2^27 + 1
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return al * bl - (p - ah * bh - al * bh - ah * bl);
}

/**
 * Integers drawn uniformly from [low, high), exactly as `torch.randint(low, high, [n])`
 * (int64), returned as numbers.
 *
 * @example
 * manual_seed(0);
 * randint(0, 10, 8); // == torch.randint(0, 10, (8,)).tolist()
 */
export function randint(low: number, high: number, n: number, gen: Generator = default_generator, span?: bigint): number[] {
  if (!(low < high)) throw new RangeError(`randint: expects low < high, got [${low}, ${high})`);
  // `span`: the count high − low where a double cannot hold it (random_()'s 2^53 + 1 for float64)
  const range = span === undefined ? high - low : Number(span);
  const out = new Array<number>(n);
  if (range < 2 ** 32) {
    for (let i = 0; i < n; i++) out[i] = (gen.random() % range) + low;
  } else {
    // PyTorch switches to one 64-bit draw (first 32-bit draw high) per value.
    const r = span ?? BigInt(range);
    for (let i = 0; i < n; i++) {
      const v = (BigInt(gen.random()) << 32n) | BigInt(gen.random());
      out[i] = Number(v % r) + low;
    }
  }
  return out;
}

/**
 * A random permutation of 0..n-1, exactly as `torch.randperm(n)` on the CPU.
 *
 * @example
 * manual_seed(0);
 * randperm(10); // == torch.randperm(10).tolist()
 */
export function randperm(n: number, gen: Generator = default_generator): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  // A forward Fisher-Yates that swaps slot i with a slot in [i, n).
  for (let i = 0; i < n - 1; i++) {
    const z = gen.random() % (n - i);
    const t = out[i];
    out[i] = out[i + z];
    out[i + z] = t;
  }
  return out;
}

/**
 * The bound PyTorch's default `nn.Linear` (and `nn.Conv*`) initialisation uses:
 * `kaiming_uniform_(w, a=sqrt(5))` gives bound = sqrt(3) * gain / sqrt(fan_in),
 * gain = sqrt(2 / (1 + a²)), i.e. 1/sqrt(fan_in) up to double rounding, which
 * is evaluated here in the same order as torch/nn/init.py so the float32 cast
 * lands on the same value.
 */
export function kaimingUniformBound(fanIn: number, a = Math.sqrt(5)): number {
  const gain = Math.sqrt(2.0 / (1 + a * a));
  const std = gain / Math.sqrt(fanIn);
  return Math.sqrt(3.0) * std;
}

/**
 * Initialises a Linear layer's parameters exactly as `torch.nn.Linear(inFeatures,
 * outFeatures)` does after the same seed: the weight (outFeatures x inFeatures,
 * row-major) from U(-b, b) with b = {@link kaimingUniformBound}(inFeatures), then
 * the bias from U(-1/sqrt(inFeatures), 1/sqrt(inFeatures)).
 *
 * @example
 * manual_seed(0);
 * const { weight, bias } = initLinear(784, 256); // == torch.nn.Linear(784, 256)
 */
export function initLinear(
  inFeatures: number,
  outFeatures: number,
  options: { bias?: boolean; gen?: Generator } = {},
): { weight: Float32Array; bias: Float32Array | null } {
  const gen = options.gen ?? default_generator;
  const weight = new Float32Array(outFeatures * inFeatures);
  const wb = kaimingUniformBound(inFeatures);
  fillUniform(weight, -wb, wb, gen);
  if (options.bias === false) return { weight, bias: null };
  const bias = new Float32Array(outFeatures);
  const bb = inFeatures > 0 ? 1 / Math.sqrt(inFeatures) : 0;
  fillUniform(bias, -bb, bb, gen);
  return { weight, bias };
}
