// The zip container of torch.save's format, as PyTorch's PyTorchStreamWriter / Reader (miniz)
// write and read it: stored (uncompressed) records, each record's data aligned to 64 bytes by an
// "FB" padding extra field, a central directory, and zip64 end records where PyTorch writes them.
// The reader trusts nothing in the file: every size and offset is checked against the bytes before
// it is used, each record's CRC-32 is checked when it is read, and nothing is allocated beyond the
// record asked for (records are views of the input).

import { NotImplementedError, RuntimeError } from './errors.js';

const LOCAL = 0x04034b50, CENTRAL = 0x02014b50, END = 0x06054b50, END64 = 0x06064b50, LOCATOR64 = 0x07064b50;
/** PyTorch's kFieldAlignment: each record's data starts at a multiple of 64. */
const ALIGNMENT = 64;

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** The zip format's CRC-32 of `data`. */
function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** miniz's failure as PyTorchStreamReader reports it. */
const archiveError = (what: string): RuntimeError => new RuntimeError(`PytorchStreamReader failed reading zip archive: ${what}`);
const recordError = (name: string, what: string): RuntimeError => new RuntimeError(`PytorchStreamReader failed reading file ${name}: ${what}`);

interface Entry { offset: number; size: number; crc: number; method: number; compressedSize: number }

/** A zip archive's records by name, read on demand. */
export class ZipReader {
  private readonly entries = new Map<string, Entry>();
  /** Record names in the central directory's order. */
  readonly names: string[] = [];

  constructor(private readonly bytes: Uint8Array) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const u16 = (at: number): number => view.getUint16(at, true);
    const u32 = (at: number): number => view.getUint32(at, true);
    const u64 = (at: number): number => {
      const v = view.getBigUint64(at, true);
      return v > BigInt(bytes.length) ? Infinity : Number(v); // beyond the file means invalid, whatever its size
    };
    // the end record: the last signature within its reach (22 bytes and a comment of up to 65535)
    let end = -1;
    for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
      if (u32(at) === END && at + 22 + u16(at + 20) <= bytes.length) { end = at; break; }
    }
    if (end < 0) throw archiveError('failed finding central directory');
    let count = u16(end + 10), size = u32(end + 12), start = u32(end + 16);
    if (count === 0xffff || size === 0xffffffff || start === 0xffffffff) {
      const locator = end - 20;
      if (locator < 0 || u32(locator) !== LOCATOR64) throw archiveError('failed finding central directory');
      const at = u64(locator + 8);
      if (!(at + 56 <= locator) || u32(at) !== END64) throw archiveError('failed finding central directory');
      count = u64(at + 32); size = u64(at + 40); start = u64(at + 48);
    }
    if (!(start + size <= end) || count * 46 > size) throw archiveError('invalid header or archive is corrupted');
    let at = start;
    for (let i = 0; i < count; i++) {
      if (at + 46 > start + size || u32(at) !== CENTRAL) throw archiveError('invalid header or archive is corrupted');
      const nameLength = u16(at + 28), extraLength = u16(at + 30), commentLength = u16(at + 32);
      const next = at + 46 + nameLength + extraLength + commentLength;
      if (next > start + size) throw archiveError('invalid header or archive is corrupted');
      const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
      let compressedSize = u32(at + 20), sizeOf = u32(at + 24), offset = u32(at + 42);
      // zip64: the fields that do not fit are in the 0x0001 extra field, in this order
      for (let x = at + 46 + nameLength; x + 4 <= at + 46 + nameLength + extraLength;) {
        const id = u16(x), len = u16(x + 2);
        let f = x + 4;
        const field = (v: number): number => {
          if (v !== 0xffffffff) return v;
          if (f + 8 > x + 4 + len || f + 8 > next) throw archiveError('invalid header or archive is corrupted');
          const r = u64(f);
          f += 8;
          return r;
        };
        if (id === 0x0001) { sizeOf = field(sizeOf); compressedSize = field(compressedSize); offset = field(offset); }
        x += 4 + len;
      }
      if (!(offset + 30 <= start) || u32(offset) !== LOCAL) throw recordError(name, 'invalid header or archive is corrupted');
      const data = offset + 30 + u16(offset + 26) + u16(offset + 28);
      if (!(data + compressedSize <= start)) throw recordError(name, 'invalid header or archive is corrupted');
      if (this.entries.has(name)) throw archiveError(`duplicate record ${name}`);
      this.entries.set(name, { offset: data, size: sizeOf, crc: u32(at + 16), method: u16(at + 10), compressedSize });
      this.names.push(name);
      at = next;
    }
  }

  /** Whether the archive has record `name`. */
  has(name: string): boolean { return this.entries.has(name); }

  /** Record `name`'s bytes (a view of the input), its CRC checked. */
  read(name: string): Uint8Array {
    const e = this.entries.get(name);
    if (!e) throw new RuntimeError(`PytorchStreamReader failed locating file ${name.slice(name.indexOf('/') + 1)}: file not found`);
    if (e.method !== 0) {
      throw new NotImplementedError(`wasmgrad: torch.load reads stored (uncompressed) zip records, as torch.save writes them; ${name} is compressed (method ${e.method})`);
    }
    if (e.size !== e.compressedSize) throw recordError(name, 'invalid header or archive is corrupted');
    const data = this.bytes.subarray(e.offset, e.offset + e.size);
    if (crc32(data) !== e.crc) throw recordError(name, 'CRC-32 check failed');
    return data;
  }
}

/**
 * A zip archive of `records` (name → bytes, in order) as PyTorchStreamWriter lays it out: stored,
 * each record's data 64-byte aligned by an "FB" extra field, no timestamps, so the same records
 * give the same bytes.
 */
export function writeZip(records: [string, Uint8Array][]): Uint8Array {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [], central: Uint8Array[] = [];
  let at = 0;
  for (const [name, data] of records) {
    const n = enc.encode(name), crc = crc32(data);
    const pad = (ALIGNMENT - ((at + 30 + n.length + 4) % ALIGNMENT)) % ALIGNMENT;
    const extra = 4 + pad;
    const local = new Uint8Array(30 + n.length + extra), lv = new DataView(local.buffer);
    lv.setUint32(0, LOCAL, true); lv.setUint16(4, 20, true);
    lv.setUint32(14, crc, true); lv.setUint32(18, data.length, true); lv.setUint32(22, data.length, true);
    lv.setUint16(26, n.length, true); lv.setUint16(28, extra, true);
    local.set(n, 30);
    lv.setUint16(30 + n.length, 0x4246, true); lv.setUint16(32 + n.length, pad, true); // 'FB', then 'Z' padding
    local.fill(0x5a, 34 + n.length);
    const entry = new Uint8Array(46 + n.length), cv = new DataView(entry.buffer);
    cv.setUint32(0, CENTRAL, true); cv.setUint16(4, 20, true); cv.setUint16(6, 20, true);
    cv.setUint32(16, crc, true); cv.setUint32(20, data.length, true); cv.setUint32(24, data.length, true);
    cv.setUint16(28, n.length, true); cv.setUint32(42, at, true);
    entry.set(n, 46);
    parts.push(local, data);
    central.push(entry);
    at += local.length + data.length;
  }
  const cdSize = central.reduce((s, c) => s + c.length, 0);
  if (at + cdSize >= 0xffffffff || records.length >= 0xffff) throw new RuntimeError('wasmgrad: torch.save writes archives below 4 GB and 65535 records');
  const end = new Uint8Array(22), ev = new DataView(end.buffer);
  ev.setUint32(0, END, true); ev.setUint16(8, records.length, true); ev.setUint16(10, records.length, true);
  ev.setUint32(12, cdSize, true); ev.setUint32(16, at, true);
  const out = new Uint8Array(at + cdSize + 22);
  let w = 0;
  for (const p of [...parts, ...central, end]) { out.set(p, w); w += p.length; }
  return out;
}
