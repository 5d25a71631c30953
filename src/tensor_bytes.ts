// A tensor's values as raw little-endian bytes and back, shared by the file formats
// (safetensors, torch.save), and Node's fs for the formats' path forms.

import type { Tensor } from './tensor.js';
import { DType } from '../abi/abi.js';
import { INT_OVERFLOW, NotImplementedError, TorchError } from './errors.js';
import { fitsInt32 } from './dtype.js';

/** Bytes per element of each dtype. */
export const BYTES: Record<DType, number> = { [DType.Bool]: 1, [DType.Int32]: 4, [DType.Float32]: 4, [DType.Float64]: 8, [DType.Int64]: 8 };

/** The raw little-endian bytes of a tensor's values (torch.save's storages too). */
export function encode(t: Tensor): Uint8Array {
  const values = t.dataSync(), n = values.length, size = BYTES[t._dtype];
  const out = new Uint8Array(n * size), view = new DataView(out.buffer);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    switch (t._dtype) {
      case DType.Float32: view.setFloat32(i * 4, v, true); break;
      case DType.Float64: view.setFloat64(i * 8, v, true); break;
      case DType.Int64: view.setBigInt64(i * 8, BigInt(v), true); break;
      case DType.Int32: view.setInt32(i * 4, v, true); break;
      default: out[i] = v ? 1 : 0;
    }
  }
  return out;
}

/** The values of `count` little-endian elements of `code` at `offset` (int64 checked against wasmgrad's int32 storage). */
export function decode(bytes: Uint8Array, offset: number, count: number, code: DType): ArrayLike<number> {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, count * BYTES[code]);
  const out = code === DType.Float64 ? new Float64Array(count) : code === DType.Float32 ? new Float32Array(count) : new Int32Array(count);
  for (let i = 0; i < count; i++) {
    switch (code) {
      case DType.Float32: out[i] = view.getFloat32(i * 4, true); break;
      case DType.Float64: out[i] = view.getFloat64(i * 8, true); break;
      case DType.Int32: out[i] = view.getInt32(i * 4, true); break;
      case DType.Int64: {
        const v = Number(view.getBigInt64(i * 8, true));
        if (!fitsInt32(v)) throw new TorchError(INT_OVERFLOW);
        out[i] = v;
        break;
      }
      default: out[i] = view.getUint8(i) ? 1 : 0;
    }
  }
  return out;
}

/** Node's fs, where there is one (browsers have no files: `fn`, e.g. 'safetensors.save_file', says what to use instead). */
export function nodeFs(fn: string, instead = 'save() / load() with bytes'): { readFileSync(p: string): Uint8Array; writeFileSync(p: string, d: Uint8Array): void } {
  const proc = (globalThis as { process?: { getBuiltinModule?: (m: string) => unknown } }).process;
  const mod = proc?.getBuiltinModule?.('node:fs');
  if (!mod) throw new NotImplementedError(`wasmgrad: ${fn} needs Node's fs; in a browser use ${instead}`);
  return mod as ReturnType<typeof nodeFs>;
}

