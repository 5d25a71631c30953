// The pickle torch.save writes (protocol 2, as Python's pickler emits it for PyTorch's objects):
// tensors as torch._utils._rebuild_tensor_v2 over a persistent ('storage', ...) reference,
// nn.Parameter as torch._utils._rebuild_parameter, and dicts, lists, tuples, strings, numbers,
// bools and None as themselves. Only what torch.load(weights_only=True) accepts is ever written.
// An object met again is written as a memo reference, so shared tensors and containers stay
// shared; an object inside itself is refused (torch.load could not return it).

import { Tensor } from './tensor.js';
import { DType } from '../abi/abi.js';
import { TypeError, ValueError } from './errors.js';
import { Parameter } from './nn/parameter.js';

const STORAGE_NAMES: Record<DType, string> = {
  [DType.Float32]: 'FloatStorage', [DType.Float64]: 'DoubleStorage', [DType.Int64]: 'LongStorage', [DType.Int32]: 'IntStorage', [DType.Bool]: 'BoolStorage',
};

/** A value torch.save can write: a tensor, a number, a string, a bool, null, or an array, Map or plain object of them (a frozen array is a tuple). */
export type Picklable = Tensor | number | bigint | string | boolean | null | readonly Picklable[] | Map<Picklable, Picklable> | { [key: string]: Picklable };

/** The pickle of `obj`, and each tensor whose values become storage `data/<index>`. */
export function pickle(obj: unknown): { pickle: Uint8Array; storages: Tensor[] } {
  const out: number[] = [];
  const enc = new TextEncoder();
  const memo = new Map<object, number>(), open = new Set<object>();
  const storages: Tensor[] = [];
  const u32 = (v: number): void => { out.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff); };
  const put = (o: object): void => {
    const i = memo.size;
    memo.set(o, i);
    if (i < 256) out.push(0x71, i); else { out.push(0x72); u32(i); } // BINPUT / LONG_BINPUT
  };
  const str = (s: string): void => {
    if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s)) throw new ValueError('wasmgrad: torch.save: a string holds a lone surrogate, which UTF-8 cannot encode');
    const b = enc.encode(s);
    out.push(0x58); u32(b.length); for (const x of b) out.push(x); // BINUNICODE
  };
  const global = (module: string, name: string): void => { out.push(0x63, ...enc.encode(`${module}\n${name}\n`)); };
  const int = (v: bigint): void => {
    if (v >= 0n && v <= 0xffn) out.push(0x4b, Number(v)); // BININT1
    else if (v >= 0n && v <= 0xffffn) out.push(0x4d, Number(v) & 0xff, Number(v) >> 8); // BININT2
    else if (v >= -(2n ** 31n) && v < 2n ** 31n) { out.push(0x4a); u32(Number(v)); } // BININT
    else { // LONG1: the fewest little-endian two's complement bytes
      const bytes: number[] = [];
      let x = v;
      while (!(bytes.length && (x === 0n || x === -1n) && ((bytes[bytes.length - 1] & 0x80) !== 0) === (x === -1n))) { bytes.push(Number(x & 0xffn)); x >>= 8n; }
      if (bytes.length > 255) throw new ValueError('wasmgrad: torch.save writes integers of up to 255 bytes (LONG1; weights_only refuses LONG4)');
      out.push(0x8a, bytes.length, ...bytes);
    }
  };
  const tuple = (items: (() => void)[]): void => {
    if (items.length === 0) { out.push(0x29); return; } // EMPTY_TUPLE
    if (items.length > 3) out.push(0x28); // MARK
    for (const f of items) f();
    out.push(items.length > 3 ? 0x74 : 0x84 + items.length); // TUPLE / TUPLE1-3
  };
  const orderedDict = (): void => { global('collections', 'OrderedDict'); out.push(0x29, 0x52); }; // OrderedDict()
  const tensor = (t: Tensor, requires_grad: boolean): void => {
    const key = String(storages.length);
    storages.push(t);
    const strides = t.shape.map((_, i) => t.shape.slice(i + 1).reduce((a, b) => a * b, 1));
    global('torch._utils', '_rebuild_tensor_v2');
    out.push(0x28, 0x28); // MARK (args) MARK (persistent id)
    str('storage'); global('torch', STORAGE_NAMES[t._dtype]); str(key); str('cpu'); int(BigInt(t.numel()));
    out.push(0x74, 0x51); // TUPLE BINPERSID
    int(0n);
    tuple(t.shape.map((s) => () => int(BigInt(s))));
    tuple(strides.map((s) => () => int(BigInt(s))));
    out.push(requires_grad ? 0x88 : 0x89);
    orderedDict();
    out.push(0x74, 0x52); // TUPLE REDUCE
  };
  const save = (v: unknown): void => {
    if (v === null) { out.push(0x4e); return; }
    if (typeof v === 'boolean') { out.push(v ? 0x88 : 0x89); return; }
    if (typeof v === 'bigint') { int(v); return; }
    if (typeof v === 'number') {
      if (Number.isInteger(v) && !Object.is(v, -0)) int(BigInt(v));
      else { out.push(0x47); const b = new DataView(new ArrayBuffer(8)); b.setFloat64(0, v, false); for (let i = 0; i < 8; i++) out.push(b.getUint8(i)); }
      return;
    }
    if (typeof v === 'string') { str(v); return; }
    const isObject = typeof v === 'object';
    if (!isObject || !(v instanceof Tensor || Array.isArray(v) || v instanceof Map || Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null)) {
      const name = v === undefined ? 'undefined' : isObject ? (v as object).constructor?.name ?? 'object' : typeof v;
      throw new TypeError(`cannot pickle '${name}' object`);
    }
    const o = v as object;
    const seen = memo.get(o);
    if (seen !== undefined) {
      if (open.has(o)) throw new ValueError('wasmgrad: torch.save: the object contains itself, which torch.load (and so wasmgrad) does not return');
      if (seen < 256) out.push(0x68, seen); else { out.push(0x6a); u32(seen); } // BINGET / LONG_BINGET
      return;
    }
    open.add(o);
    if (v instanceof Parameter) {
      global('torch._utils', '_rebuild_parameter');
      tuple([() => tensor(v, false), () => out.push(v.requires_grad ? 0x88 : 0x89), orderedDict]);
      out.push(0x52); // REDUCE
    } else if (v instanceof Tensor) tensor(v, v.requires_grad);
    else if (Array.isArray(v) && Object.isFrozen(v)) tuple(v.map((x) => () => save(x)));
    else if (Array.isArray(v)) {
      out.push(0x5d); put(o); // EMPTY_LIST
      for (let i = 0; i < v.length; i += 1000) { out.push(0x28); for (const x of v.slice(i, i + 1000)) save(x); out.push(0x65); } // MARK ... APPENDS
      open.delete(o);
      return;
    } else {
      out.push(0x7d); put(o); // EMPTY_DICT
      const entries: [unknown, unknown][] = v instanceof Map ? [...v] : Object.entries(v);
      for (let i = 0; i < entries.length; i += 1000) { out.push(0x28); for (const [k, x] of entries.slice(i, i + 1000)) { save(k); save(x); } out.push(0x75); } // MARK ... SETITEMS
      open.delete(o);
      return;
    }
    put(o);
    open.delete(o);
  };
  out.push(0x80, 2); // PROTO 2
  save(obj);
  out.push(0x2e); // STOP
  return { pickle: Uint8Array.from(out), storages };
}
