// torch.save and torch.load in PyTorch's own format (torch/serialization.py's zip format, the
// default since PyTorch 1.6): a zip archive `archive/` holding data.pkl (the object's pickle),
// byteorder, data/<key> (each storage's raw bytes) and version. torch.load reads it as
// torch.load(f, weights_only=True) does, never running code from the file (src/pickle_reader.ts);
// it checks every storage reference and every tensor's offset, sizes and strides against the
// storage's bytes before it makes the tensor, and frees what it made when it fails.

import { Tensor } from './tensor.js';
import { DType } from '../abi/abi.js';
import { getDevice } from './runtime.js';
import type { DeviceName } from './device.js';
import { NotImplementedError, RuntimeError, TorchError, ValueError } from './errors.js';
import { pyType } from './args.js';
import { Parameter } from './nn/parameter.js';
import { BYTES, decode, encode, nodeFs } from './tensor_bytes.js';
import { ZipReader, writeZip } from './zip_archive.js';
import { PyDict, PyGlobal, PyTuple, STORAGE_TYPES, StorageRef, TensorRecord, UnpicklingError, unpickle, type PyValue } from './pickle_reader.js';
import { pickle, type Picklable } from './pickle_writer.js';

export { UnpicklingError } from './pickle_reader.js';
export type { Picklable } from './pickle_writer.js';

/** What torch.load returns: a tensor, a number, a string, a bool, null, or an array / frozen array (a tuple) / plain object / Map of them. */
export type Loaded = Tensor | number | bigint | string | boolean | null | Loaded[] | readonly Loaded[] | Map<Loaded, Loaded> | Set<Loaded> | { [key: string]: Loaded };

/** The most elements a tensor whose strides repeat its storage (zero strides) is expanded to on load. */
const MAX_EXPANDED = 1 << 24;
/** The deepest nesting torch.load returns. */
const MAX_DEPTH = 1000;

const UNSAFE = 'Re-running `torch.load` with `weights_only` set to `False` will likely succeed, but it can result in arbitrary code execution. ' +
  'Do it only if you got the file from a trusted source.';
const DOCS = '\n\nCheck the documentation of torch.load to learn more about types accepted by default with weights_only https://pytorch.org/docs/stable/generated/torch.load.html.';

/** PyTorch 2's torch.load message around the weights_only unpickler's (serialization.py's _get_wo_message). */
function weightsOnlyMessage(message: string): string {
  if (/GLOBAL (\S+) was not an allowed global by default\./.test(message)) {
    return 'Weights only load failed. This file can still be loaded, to do so you have two options, \x1b[1mdo those steps only if you trust the source ' +
      `of the checkpoint\x1b[0m. \n\t(1) ${UNSAFE}\n\t(2) Alternatively, to load with \`weights_only=True\` please check the recommended steps in the ` +
      `following error message.\n\tWeightsUnpickler error: ${message}${DOCS}`;
  }
  const blocked = /whose module (\S+) is blocked/.test(message);
  return `Weights only load failed. ${UNSAFE}\n${blocked ? '' : 'Please file an issue with the following so that we can make `weights_only=True` ' +
    'compatible with your use case: WeightsUnpickler error: '}${message}${DOCS}`;
}

/**
 * The bytes of `obj` in PyTorch's torch.save format (when `f` is not given), or writes them to the
 * path `f` (Node). A state dict, a tensor, or nested objects / Maps / arrays of tensors, numbers,
 * strings, bools and null; a frozen array is saved as a tuple, an nn.Parameter as a Parameter.
 * The same object gives the same bytes, and real PyTorch loads them with torch.load(f, weights_only=True).
 * @example
 * const bytes = torch.save(model.state_dict());          // a Uint8Array (browsers: new Blob([bytes]))
 * torch.save({ model: model.state_dict(), epoch: 3 }, 'checkpoint.pt'); // Node
 */
export function save(obj: Picklable, f: string): void;
export function save(obj: Picklable): Uint8Array;
export function save(obj: Picklable, f?: string): Uint8Array | void {
  if (f !== undefined && typeof f !== 'string') throw new ValueError(`wasmgrad: torch.save's f is a path (a string), or leave it out for the bytes; got <class '${pyType(f)}'>`);
  const { pickle: data, storages } = pickle(obj);
  const records: [string, Uint8Array][] = [['archive/data.pkl', data], ['archive/byteorder', new TextEncoder().encode('little')]];
  storages.forEach((t, i) => {
    const c = t.is_contiguous() ? t : t.contiguous();
    records.push([`archive/data/${i}`, encode(c)]);
    if (c !== t) c.dispose();
  });
  records.push(['archive/version', new TextEncoder().encode('3\n')]);
  const bytes = writeZip(records);
  if (f === undefined) return bytes;
  nodeFs('torch.save to a path', 'torch.save(obj) for the bytes').writeFileSync(f, bytes);
}

/** What load's storages resolve to: the decoded values of each storage, read once. */
interface Storage { values: ArrayLike<number>; numel: number }

/**
 * The object saved in a torch.save file: a path (Node), a Uint8Array or an ArrayBuffer (browsers:
 * `new Uint8Array(await blob.arrayBuffer())`). It reads as torch.load(f, weights_only=True):
 * anything but tensors, containers and plain values raises UnpicklingError, and no code in the file
 * runs. Dicts come back as plain objects (a Map where a key is not a string, or would not keep its
 * place in an object), tuples as frozen arrays, tensors as tensors on `device` (each tensor its own
 * copy: storage shared between tensors is not shared after loading).
 * @example
 * model.load_state_dict(torch.load('model.pt'));   // Node
 * const sd = torch.load(new Uint8Array(await (await fetch('model.pt')).arrayBuffer()));
 */
export function load(f: string | Uint8Array | ArrayBuffer, options: { device?: DeviceName; weights_only?: boolean } = {}): Loaded {
  if (options.weights_only === false) throw new NotImplementedError('wasmgrad: torch.load always loads as weights_only=True: it never runs code from a file');
  const bytes = typeof f === 'string' ? nodeFs('torch.load from a path', 'torch.load(bytes)').readFileSync(f)
    : f instanceof Uint8Array ? f : f instanceof ArrayBuffer ? new Uint8Array(f) : null;
  if (!bytes) throw new ValueError(`wasmgrad: torch.load reads a path or bytes (a Uint8Array or an ArrayBuffer), not <class '${pyType(f)}'>`);
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 3 || bytes[3] !== 4) {
    if (bytes[0] === 0x80) throw new NotImplementedError('wasmgrad: torch.load reads the zip format torch.save has written since PyTorch 1.6, not the legacy format');
    throw new UnpicklingError('wasmgrad: torch.load: not a file torch.save writes (its zip archive starts with PK\\x03\\x04)');
  }
  const zip = new ZipReader(bytes);
  const first = zip.names[0] ?? '';
  if (!first.includes('/')) throw new RuntimeError(`file in archive is not in a subdirectory: ${first}`);
  const prefix = first.slice(0, first.indexOf('/') + 1);
  if (!zip.has(`${prefix}version`) && !zip.has(`${prefix}.data/version`)) zip.read(`${prefix}.data/version`); // PyTorch's "file not found"
  let little = true;
  if (zip.has(`${prefix}byteorder`)) {
    const order = new TextDecoder().decode(zip.read(`${prefix}byteorder`));
    if (order !== 'little' && order !== 'big') throw new ValueError(`Unknown endianness type: ${order}`);
    little = order === 'little';
  }
  // the pickle first, whole: storages are only described here (their bytes checked against the record)
  const refs = new Map<string, StorageRef>();
  const top = weightsOnly(() => unpickle(zip.read(`${prefix}data.pkl`), (pid) => {
    const [, type, key, location, numel] = pid;
    if (pid.length !== 5 || !(type instanceof PyGlobal) || typeof key !== 'string' || typeof location !== 'string' || !Number.isSafeInteger(numel) || (numel as number) < 0) {
      throw new UnpicklingError("persistent_load expects ('storage', storage_type, key, location, numel)");
    }
    const name = type.path.slice('torch.'.length), dtype = STORAGE_TYPES[name];
    if (!type.path.startsWith('torch.') || dtype === undefined) throw new UnpicklingError(`persistent_load of storage expects a storage type, not ${type.path}`);
    const known = refs.get(key);
    if (known && (known.dtype !== dtype || known.numel !== numel)) throw new UnpicklingError(`wasmgrad: storage ${key} is referenced with two types or sizes`);
    const ref = known ?? new StorageRef(key, dtype, name, numel as number);
    refs.set(key, ref);
    return ref;
  }));
  const storages = new Map<string, Storage>();
  const storage = (ref: StorageRef): Storage => {
    let s = storages.get(ref.key);
    if (!s) {
      const raw = zip.read(`${prefix}data/${ref.key}`), size = BYTES[ref.dtype];
      if (raw.length !== ref.numel * size) {
        throw new RuntimeError(`wasmgrad: torch.load: record data/${ref.key} holds ${raw.length} bytes, but its ${ref.typeName} declares ${ref.numel} elements (${ref.numel * size} bytes)`);
      }
      let data = raw;
      if (!little && size > 1) { // a big-endian file: each element's bytes reversed
        data = new Uint8Array(raw.length);
        for (let i = 0; i < raw.length; i += size) for (let b = 0; b < size; b++) data[i + b] = raw[i + size - 1 - b];
      }
      s = { values: decode(data, 0, ref.numel, ref.dtype), numel: ref.numel };
      storages.set(ref.key, s);
    }
    return s;
  };
  const dev = getDevice(options.device);
  const made: Tensor[] = [];
  const converted = new Map<object, Loaded>(), open = new Set<object>();
  const tensor = (r: TensorRecord): Tensor => {
    const s = storage(r.storage);
    let numel = 1, last = r.offset;
    for (let d = 0; d < r.size.length; d++) { numel *= r.size[d]; last += (r.size[d] - 1) * r.stride[d]; }
    if (numel > 0 && last >= s.numel) {
      throw new RuntimeError(`setStorage: sizes [${r.size.join(', ')}], strides [${r.stride.join(', ')}], storage offset ${r.offset}, and itemsize ` +
        `${BYTES[r.storage.dtype]} requiring a storage size of ${(last + 1) * BYTES[r.storage.dtype]} are out of bounds for storage of size ${s.numel * BYTES[r.storage.dtype]}`);
    }
    if (numel > s.numel && numel > MAX_EXPANDED) {
      throw new RuntimeError(`wasmgrad: torch.load: a tensor of ${numel} elements repeats a storage of ${s.numel} (zero strides); wasmgrad expands at most ${MAX_EXPANDED}`);
    }
    const values = r.storage.dtype === DType.Float64 ? new Float64Array(numel) : r.storage.dtype === DType.Float32 ? new Float32Array(numel) : new Int32Array(numel);
    const index = new Array<number>(r.size.length).fill(0);
    for (let i = 0, at = r.offset; i < numel; i++) { // the strided walk, last dim fastest
      values[i] = s.values[at];
      for (let d = r.size.length - 1; d >= 0; d--) {
        if (++index[d] < r.size[d]) { at += r.stride[d]; break; }
        index[d] = 0;
        at -= (r.size[d] - 1) * r.stride[d];
      }
    }
    const t = new Tensor(dev, dev.fromData(values, r.size.slice(), r.storage.dtype), r.size.slice(), r.storage.dtype);
    if (!r.parameter) {
      made.push(t);
      if (r.requires_grad) t.requires_grad_(true);
      return t;
    }
    try {
      const p = new Parameter(t, r.requires_grad);
      made.push(p);
      return p;
    } finally {
      t.dispose();
    }
  };
  const convert = (v: PyValue, depth: number): Loaded => {
    if (v === null || typeof v !== 'object') return v;
    if (depth > MAX_DEPTH) throw new UnpicklingError(`wasmgrad: torch.load: the object nests deeper than ${MAX_DEPTH} levels`);
    if (converted.has(v)) return converted.get(v)!;
    if (open.has(v)) throw new UnpicklingError('wasmgrad: torch.load: the object contains itself (a recursive structure), which wasmgrad does not return');
    if (v instanceof PyGlobal || v instanceof StorageRef) throw new NotImplementedError(`wasmgrad: torch.load returns tensors and containers, not a bare ${v instanceof PyGlobal ? v.path : 'storage'}`);
    open.add(v);
    let out: Loaded;
    if (v instanceof TensorRecord) out = tensor(v);
    else if (Array.isArray(v)) out = v.map((x) => convert(x, depth + 1));
    else if (v instanceof PyTuple) out = Object.freeze(v.items.map((x) => convert(x, depth + 1)));
    else if (v instanceof Set) out = new Set([...v].map((x) => convert(x, depth + 1)));
    else {
      const entries = [...v.map].map(([k, x]) => [convert(k, depth + 1), convert(x, depth + 1)] as [Loaded, Loaded]);
      // an object keeps string keys in order, except array indices (moved first) and __proto__
      const asObject = entries.every(([k]) => typeof k === 'string' && k !== '__proto__' && !/^(0|[1-9]\d*)$/.test(k));
      out = asObject ? Object.fromEntries(entries) as { [key: string]: Loaded } : new Map(entries);
    }
    open.delete(v);
    converted.set(v, out);
    return out;
  };
  try {
    return weightsOnly(() => convert(top, 0));
  } catch (err) {
    for (const t of made) t.dispose(); // nothing half-loaded stays behind
    throw err;
  }
}

/** Runs `f`, the weights_only unpickler's errors worded as torch.load words them. */
function weightsOnly<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof UnpicklingError && !err.message.startsWith('wasmgrad:')) err.message = weightsOnlyMessage(err.message);
    throw err;
  }
}
