// The safetensors format (huggingface/safetensors), read and written as its reference
// implementation does, as `torch.safetensors`: Python's `safetensors.torch.save/load/save_file/
// load_file`. A file is an 8-byte little-endian header length N, N bytes of JSON (tensor name →
// { dtype, shape, data_offsets }, optionally "__metadata__": string → string) padded with spaces
// to a multiple of 8, then the raw little-endian data. The writer orders tensors by descending
// dtype alignment, then by name, as the reference does, so the same tensors give the same bytes.
// The reader validates the whole header before it creates any tensor: a malformed file raises a
// SafetensorError, reads nothing outside the buffer and allocates nothing beyond the file's size.

import { Tensor } from './tensor.js';
import { DType } from '../abi/abi.js';
import { getDevice } from './runtime.js';
import type { DeviceName } from './device.js';
import { NotImplementedError, TorchError, ValueError } from './errors.js';
import { pyType } from './args.js';
import { BYTES, decode, encode, nodeFs } from './tensor_bytes.js';

/** The error safetensors raises for a malformed file (its SafetensorError). */
export class SafetensorError extends TorchError {
  override name = 'SafetensorError';
}

/** The format's dtypes in its order (increasing alignment); wasmgrad reads and writes the ones mapped. */
const FORMAT_DTYPES = ['BOOL', 'F4', 'F6_E2M3', 'F6_E3M2', 'U8', 'I8', 'F8_E5M2', 'F8_E4M3', 'F8_E8M0', 'F8_E4M3FNUZ', 'F8_E5M2FNUZ',
  'I16', 'U16', 'F16', 'BF16', 'I32', 'U32', 'F32', 'C64', 'F64', 'I64', 'U64'];
const CODES: Partial<Record<string, DType>> = { BOOL: DType.Bool, I32: DType.Int32, F32: DType.Float32, F64: DType.Float64, I64: DType.Int64 };
const NAMES: Record<DType, string> = { [DType.Bool]: 'BOOL', [DType.Int32]: 'I32', [DType.Float32]: 'F32', [DType.Float64]: 'F64', [DType.Int64]: 'I64' };
/** The reference reader's limit on the header. */
const MAX_HEADER_SIZE = 100_000_000;

/** The reference reader's messages (safetensors 0.8); the JSON ones add wasmgrad's detail where serde gives a line and column. */
const headerError = (what: string): SafetensorError => new SafetensorError(`Error while deserializing: ${what}`);
const badJson = (what: string): SafetensorError => headerError(`invalid JSON in header: ${what}`);

/**
 * The bytes of a safetensors file holding `tensors` (a state dict, a Map or a plain object of
 * name → tensor) and optional string `metadata`: safetensors.torch.save.
 * @example
 * const bytes = torch.safetensors.save(model.state_dict());
 * model.load_state_dict(torch.safetensors.load(bytes));
 */
export function save(tensors: Record<string, Tensor> | Map<string, Tensor>, metadata: Record<string, string> | null = null): Uint8Array {
  if (tensors === null || typeof tensors !== 'object' || Array.isArray(tensors) || tensors instanceof Tensor) {
    throw new ValueError(`Expected a dict of [str, torch.Tensor] but received <class '${pyType(tensors)}'>`);
  }
  const entries = tensors instanceof Map ? [...tensors] : Object.entries(tensors);
  for (const [k, v] of entries) {
    if (!(v instanceof Tensor)) throw new ValueError(`Key \`${k}\` is invalid, expected torch.Tensor but received <class '${pyType(v)}'>`);
    if (!v.is_contiguous()) {
      throw new ValueError(`You are trying to save a non contiguous tensor: \`${k}\` which is not allowed. It either means you are trying to save ` +
        "tensors which are reference of each other in which case it's recommended to save only the full tensors, and reslice at load time, " +
        'or simply call `.contiguous()` on your tensor to pack it before saving.');
    }
  }
  if (metadata !== null && (typeof metadata !== 'object' || Object.values(metadata).some((v) => typeof v !== 'string'))) {
    throw new ValueError('metadata must be a dict of str to str');
  }
  // descending dtype alignment, then name (the reference's order)
  const rank = (t: Tensor): number => FORMAT_DTYPES.indexOf(NAMES[t._dtype]);
  entries.sort(([a, x], [b, y]) => rank(y) - rank(x) || (a < b ? -1 : a > b ? 1 : 0));
  const parts: string[] = metadata ? [`"__metadata__":${JSON.stringify(metadata)}`] : [];
  const data: Uint8Array[] = [];
  let offset = 0;
  for (const [name, t] of entries) {
    const bytes = encode(t);
    data.push(bytes);
    // built as a string: a JS object would move integer-like names ("0") to the front
    parts.push(`${JSON.stringify(name)}:{"dtype":"${NAMES[t._dtype]}","shape":${JSON.stringify(t.shape)},"data_offsets":[${offset},${offset + bytes.length}]}`);
    offset += bytes.length;
  }
  const json = new TextEncoder().encode(`{${parts.join(',')}}`);
  const n = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + n + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(n), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + n); // space padding, so the data starts 8-aligned
  let at = 8 + n;
  for (const d of data) { out.set(d, at); at += d.length; }
  return out;
}

interface Entry { name: string; code: DType; shape: number[]; begin: number; end: number }

/** The header's tensors, validated as the reference validates them; metadata apart. */
function readHeader(bytes: Uint8Array): { entries: Entry[]; metadata: Record<string, string> | null; start: number } {
  if (bytes.length < 8) throw headerError('header too small');
  const declared = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (declared > BigInt(MAX_HEADER_SIZE)) throw headerError('header too large');
  const n = Number(declared);
  if (8 + n > bytes.length) throw headerError('invalid header length');
  let text: string, header: unknown;
  try { text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + n)); } catch { throw headerError('invalid UTF-8 in header'); }
  try { header = JSON.parse(text); } catch (e) { throw badJson((e as Error).message); }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) throw badJson('invalid type: expected a JSON object');
  let metadata: Record<string, string> | null = null;
  const entries: Entry[] = [];
  const count = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
  for (const [name, info] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (info === null || typeof info !== 'object' || Object.values(info).some((v) => typeof v !== 'string')) {
        throw badJson('__metadata__ must map strings to strings');
      }
      metadata = info as Record<string, string>;
      continue;
    }
    const { dtype, shape, data_offsets: offsets } = (info ?? {}) as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (typeof dtype !== 'string' || !Array.isArray(shape) || !shape.every(count) || !Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(count)) {
      throw badJson(`tensor \`${name}\` needs a dtype, a shape of sizes (usize) and two data_offsets (usize)`);
    }
    if (!FORMAT_DTYPES.includes(dtype)) throw badJson(`unknown variant \`${dtype}\`, expected one of ${FORMAT_DTYPES.map((d) => `\`${d}\``).join(', ')}`);
    const code = CODES[dtype];
    if (code === undefined) throw new NotImplementedError(`wasmgrad: safetensors dtype ${dtype} (tensor '${name}') is not supported: only F32, F64, I64, I32 and BOOL`);
    entries.push({ name, code, shape: shape as number[], begin: offsets[0] as number, end: offsets[1] as number });
  }
  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let at = 0;
  for (const e of entries) {
    if (e.begin !== at || e.end < e.begin) throw headerError(`invalid offset for tensor \`${e.name}\``);
    at = e.end;
    // in exact integers, overflowing where the reference's usize (64 bits) would
    const nbytes = e.shape.reduce((a, b) => a * BigInt(b), BigInt(BYTES[e.code]));
    if (nbytes >= 2n ** 64n) throw headerError('overflow computing buffer size from shape and/or element type');
    if (nbytes !== BigInt(e.end - e.begin)) throw headerError('invalid shape, data type, or offset for tensor');
  }
  if (8 + n + at !== bytes.length) throw headerError('incomplete metadata, file not fully covered');
  return { entries, metadata, start: 8 + n };
}

const asBytes = (data: Uint8Array | ArrayBuffer): Uint8Array => {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  throw new ValueError(`Expected bytes (a Uint8Array or an ArrayBuffer) but received <class '${pyType(data)}'>`);
};

/**
 * The tensors of a safetensors file's bytes, by name in sorted order: safetensors.torch.load.
 * @example
 * const sd = torch.safetensors.load(new Uint8Array(await (await fetch('model.safetensors')).arrayBuffer()));
 */
export function load(data: Uint8Array | ArrayBuffer, options: { device?: DeviceName } = {}): Record<string, Tensor> {
  const bytes = asBytes(data);
  const { entries, start } = readHeader(bytes);
  const dev = getDevice(options.device);
  const out: Record<string, Tensor> = {};
  const made: Tensor[] = [];
  try {
    for (const e of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const numel = e.shape.reduce((a, b) => a * b, 1);
      const values = decode(bytes, start + e.begin, numel, e.code);
      const t = new Tensor(dev, dev.fromData(values, e.shape, e.code), e.shape.slice(), e.code);
      made.push(t);
      out[e.name] = t;
    }
  } catch (err) {
    for (const t of made) t.dispose(); // nothing half-loaded stays behind
    throw err;
  }
  return out;
}

/**
 * The `__metadata__` of a safetensors file's bytes (null when it has none), without reading the tensors.
 * @example torch.safetensors.metadata(bytes) // { format: 'pt' }
 */
export function metadata(data: Uint8Array | ArrayBuffer): Record<string, string> | null { return readHeader(asBytes(data)).metadata; }

/**
 * Writes `tensors` to a safetensors file (Node): safetensors.torch.save_file.
 * @example torch.safetensors.save_file(model.state_dict(), 'model.safetensors');
 */
export function save_file(tensors: Record<string, Tensor> | Map<string, Tensor>, filename: string, metadata: Record<string, string> | null = null): void {
  const bytes = save(tensors, metadata);
  nodeFs('safetensors.save_file').writeFileSync(filename, bytes);
}

/**
 * Reads a safetensors file (Node): safetensors.torch.load_file.
 * @example model.load_state_dict(torch.safetensors.load_file('model.safetensors'));
 */
export function load_file(filename: string, options: { device?: DeviceName } = {}): Record<string, Tensor> {
  return load(nodeFs('safetensors.load_file').readFileSync(filename), options);
}
