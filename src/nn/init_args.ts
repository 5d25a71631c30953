// Constructor arguments of torch.nn modules, bound as Python binds them to `__init__`: positionals in order,
// then a trailing options object by name; Python's TypeErrors for an unknown, duplicate or missing name or too
// many positionals. One binder for every module class, so no constructor can ignore a misspelt option.
import { INIT_SIGNATURES } from './init_signatures.generated.js';
import { Tensor } from '../tensor.js';
import { Module } from './module.js';
import { NotImplementedError, RuntimeError } from '../errors.js';
import { parseDtype } from '../dtype.js';
import { DType } from '../../abi/abi.js';

/** Classes that take any keyword (PyTorch's **kwargs): nothing to refuse. */
const NATIVE_IGNORES_OK: Record<string, true> = { Identity: true };

export type InitClassName = keyof typeof INIT_SIGNATURES;
interface Signature { q: string; p: readonly string[]; r: number; k?: readonly string[]; kr?: readonly string[]; any?: boolean; hidden?: number }
type SigOf<K extends InitClassName> = (typeof INIT_SIGNATURES)[K] & Signature;
/** The names `new nn.<K>(…)` takes, each optional in an options object. */
export type InitOptions<K extends InitClassName> =
  SigOf<K> extends { any: true } ? Record<string, unknown>
    : { [P in SigOf<K>['p'][number] | (SigOf<K> extends { k: readonly string[] } ? SigOf<K>['k'][number] : never)]?: unknown };

/** A trailing plain object is the options; a Tensor, array, Module or Map is a value. */
export function isOptionsObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Tensor || v instanceof Module) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function quoteList(names: string[]): string {
  const q = names.map((n) => `'${n}'`);
  if (q.length === 1) return q[0];
  if (q.length === 2) return `${q[0]} and ${q[1]}`;
  return `${q.slice(0, -1).join(', ')}, and ${q[q.length - 1]}`;
}

/**
 * Binds `args` to the `__init__` parameters of torch.nn.<className>: name → value for each given argument.
 * @example bindInit('Linear', [2, 3, { bias: false }]) // { in_features: 2, out_features: 3, bias: false }
 */
export function bindInit(className: string, args: readonly unknown[]): Record<string, unknown> {
  const sig = (INIT_SIGNATURES as Record<string, Signature>)[className];
  if (sig === undefined) throw new Error(`bindInit: no signature row for nn.${className}; rerun scripts/gen_module_signatures.py`);
  const fn = `${sig.q}.__init__()`;
  let positional = args;
  let options: Record<string, unknown> = {};
  if (args.length > 0 && isOptionsObject(args[args.length - 1])) {
    positional = args.slice(0, -1);
    options = args[args.length - 1] as Record<string, unknown>;
  }
  while (positional.length > 0 && positional[positional.length - 1] === undefined) positional = positional.slice(0, -1);
  const bound: Record<string, unknown> = {};
  positional.slice(0, sig.p.length).forEach((v, i) => { if (v !== undefined) bound[sig.p[i]] = v; });
  const kwonly = sig.k ?? [];
  for (const [name, v] of Object.entries(options)) {
    if (v === undefined) continue;
    if (!sig.p.includes(name) && !kwonly.includes(name)) {
      if (sig.any) { bound[name] = v; continue; }
      throw new TypeError(`${fn} got an unexpected keyword argument '${name}'`);
    }
    if (name in bound) throw new TypeError(`${fn} got multiple values for argument '${name}'`);
    bound[name] = v;
  }
  if (positional.length > sig.p.length && !sig.any) {
    const hidden = sig.hidden ?? 0;
    const most = sig.p.length + hidden + 1;
    const least = sig.r + hidden + 1;
    const takes = least === most ? `${most}` : `from ${least} to ${most}`;
    const given = positional.length + hidden + 1;
    throw new TypeError(`${fn} takes ${takes} positional argument${most === 1 && least === most ? '' : 's'} but ${given} ${given === 1 ? 'was' : 'were'} given`);
  }
  const missing = sig.p.slice(0, sig.r).filter((n) => !(n in bound));
  if (missing.length > 0) {
    throw new TypeError(`${fn} missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${quoteList(missing)}`);
  }
  const missingKw = (sig.kr ?? []).filter((n) => !(n in bound));
  if (missingKw.length > 0) {
    throw new TypeError(`${fn} missing ${missingKw.length} required keyword-only argument${missingKw.length === 1 ? '' : 's'}: ${quoteList(missingKw)}`);
  }
  if (sig.any) positional.slice(sig.p.length).forEach((v, i) => { bound[`*${i}`] = v; });
  return bound;
}

// How each wasmgrad constructor takes its arguments natively: the PyTorch names it takes positionally (a
// number n: the first n), the rest in a trailing options object. Classes not listed take all positionally.
const NATIVE: Record<string, number | readonly string[]> = {};
const setNative = (n: number | readonly string[], names: string) => { for (const c of names.split(/\s+/).filter(Boolean)) NATIVE[c] = n; };
setNative(0, `GELU ELU Softplus MSELoss L1Loss BCELoss BCEWithLogitsLoss NLLLoss CrossEntropyLoss SmoothL1Loss HuberLoss SoftMarginLoss
  KLDivLoss MarginRankingLoss HingeEmbeddingLoss CosineEmbeddingLoss PoissonNLLLoss GaussianNLLLoss TripletMarginLoss
  MultiLabelSoftMarginLoss MultiMarginLoss MultiLabelMarginLoss NLLLoss2d CTCLoss TripletMarginWithDistanceLoss PairwiseDistance
  CosineSimilarity Upsample UpsamplingNearest2d UpsamplingBilinear2d Transformer LazyBatchNorm1d LazyBatchNorm2d LazyBatchNorm3d
  LazyInstanceNorm1d LazyInstanceNorm2d LazyInstanceNorm3d`);
setNative(1, `LayerNorm BatchNorm1d BatchNorm2d BatchNorm3d InstanceNorm1d InstanceNorm2d InstanceNorm3d LocalResponseNorm MaxPool1d
  AvgPool1d MaxPool2d AvgPool2d MaxPool3d AvgPool3d Unfold FractionalMaxPool2d FractionalMaxPool3d LazyLinear DataParallel
  MaxUnpool1d MaxUnpool2d MaxUnpool3d RMSNorm`);
setNative(2, `Linear NonDynamicallyQuantizableLinear Embedding EmbeddingBag GroupNorm PReLU Fold LPPool1d LPPool2d LPPool3d
  MultiheadAttention TransformerEncoderLayer TransformerDecoderLayer TransformerEncoder TransformerDecoder RNNCell LSTMCell GRUCell
  RNN LSTM GRU LazyConv1d LazyConv2d LazyConv3d LazyConvTranspose1d LazyConvTranspose2d LazyConvTranspose3d`);
setNative(3, `Conv1d Conv2d Conv3d ConvTranspose1d ConvTranspose2d ConvTranspose3d Bilinear AdaptiveLogSoftmaxWithLoss Hardtanh
  RNNBase`);
NATIVE.RNNCellBase = ['input_size', 'hidden_size', 'num_chunks'];

/** The bound arguments in the form the class's own constructor takes. */
export function nativeArgs(className: string, bound: Record<string, unknown>): unknown[] {
  const sig = (INIT_SIGNATURES as Record<string, Signature>)[className];
  const spec = NATIVE[className] ?? sig.p.length;
  const names = typeof spec === 'number' ? sig.p.slice(0, spec) : spec;
  const out: unknown[] = names.map((n) => bound[n]);
  while (out.length > 0 && out[out.length - 1] === undefined) out.pop();
  if (sig.any) return [...out, ...Object.keys(bound).filter((k) => k.startsWith('*')).map((k) => bound[k])];
  if (names.length === sig.p.length && !sig.k) return out;
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(bound)) if (!names.includes(k)) rest[k] = v;
  while (out.length < names.length) out.push(undefined);
  return [...out, rest];
}

/**
 * The factory arguments as the constructors read them: None (null) is the default device and dtype, a
 * torch.dtype its name; PyTorch's error for a dtype no parameter can take (int64: requires_grad).
 */
function factoryArgs(className: string, bound: Record<string, unknown>): Record<string, unknown> {
  if ((INIT_SIGNATURES as Record<string, Signature>)[className].any) return bound;
  if (bound.device === null) delete bound.device;
  if (!('dtype' in bound)) return bound;
  const code = parseDtype(bound.dtype, 'empty');
  if (code === undefined) delete bound.dtype;
  else if (code !== DType.Float32 && code !== DType.Float64) throw new RuntimeError('Only Tensors of floating point and complex dtype can require gradients');
  else bound.dtype = code === DType.Float64 ? 'float64' : 'float32';
  return bound;
}

/** Marks a class whose constructor arguments go through bindInit (checked by test/module-init-args.test.ts). */
export const BINDS_INIT: unique symbol = Symbol('wasmgrad.bindsInit');

type Ctor = abstract new (...args: never[]) => unknown;
/** The class, its constructor also taking every argument by name (`new nn.Conv2d(1, 16, { kernel_size: 3 })`). */
export type BoundClass<C extends Ctor, K extends InitClassName> = C & (new (...args: [...unknown[], InitOptions<K>]) => InstanceType<C>);

/**
 * The module class whose `new` binds its arguments with bindInit, then calls the class's own constructor.
 * A Proxy, so `instanceof`, statics and subclassing (`class M extends nn.Linear`) are the class's own, and
 * the prototype's `constructor` (`m.constructor === nn.Linear`).
 * @example const Linear = bindModuleClass(raw.Linear, 'Linear'); new Linear(2, 3, { biass: false }) // TypeError
 */
export function bindModuleClass<C extends Ctor, K extends InitClassName>(cls: C, className: K): BoundClass<C, K> {
  const bound = new Proxy(cls, {
    construct(target, args, newTarget) {
      const native = nativeArgs(className, factoryArgs(className, bindInit(className, args)));
      const last = native[native.length - 1];
      if (!isOptionsObject(last) || className in NATIVE_IGNORES_OK) {
        return Reflect.construct(target as unknown as new (...a: unknown[]) => object, native, newTarget);
      }
      // an option the constructor never reads is one PyTorch honours and wasmgrad does not: refuse it
      const read = new Set<string | symbol>();
      native[native.length - 1] = new Proxy(last, { get(o, k, r) { read.add(k); return Reflect.get(o, k, r); } });
      const m = Reflect.construct(target as unknown as new (...a: unknown[]) => object, native, newTarget);
      // null is Python's None, the default of every such argument (size_average, reduce, max_norm, device, ...)
      const ignored = Object.keys(last).filter((k) => !read.has(k) && last[k] !== null);
      if (ignored.length > 0) {
        throw new NotImplementedError(`nn.${className}: wasmgrad does not support the argument${ignored.length > 1 ? 's' : ''} ${quoteList(ignored)} yet`);
      }
      return m;
    },
    get(target, key, receiver) { return key === BINDS_INIT ? true : Reflect.get(target, key, receiver); },
  }) as BoundClass<C, K>;
  // instances name the exported class as their constructor (`m.constructor === nn.Linear`), as in PyTorch
  Object.defineProperty(cls.prototype, 'constructor', { value: bound, writable: true, configurable: true, enumerable: false });
  return bound;
}
