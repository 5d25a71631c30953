// torch.save / torch.load against real PyTorch (fixtures/torch_save.json and the .pt files, from
// scripts/gen_pt_fixtures.py): files PyTorch's torch.save wrote (a trained MLP's state dict, every
// dtype wasmgrad holds, views sharing a storage, nested containers) load here as PyTorch loads them,
// on both devices; a trained MLP's, CNN's and TransformerEncoderLayer's state dicts give PyTorch's outputs; saving what was loaded writes the
// bytes the generator loaded in PyTorch with torch.load(weights_only=True); hostile files raise
// PyTorch's errors (PyTorch 2's words) and leave the engine intact; mutated files never raise
// anything but a clear error.

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { torch, DEVICES, loadFixture, expectClose, type TensorFixture } from './support/torch.js';
import { tolerances } from './support/tolerances.js';
import { sentinel, expectIntact } from './support/error_cases.js';
import { ZipReader, writeZip } from '../src/zip_archive.js';
import { MODELS, NAMES, resave } from '../scripts/write_torch_save_samples.js';

const { nn } = torch;
type Enc = null | { tensor: TensorFixture; parameter: boolean } | { bool: boolean } | { int: string } | { float: number | string } | { str: string }
  | { tuple: Enc[] } | { list: Enc[] } | { dict: [Enc, Enc][] };
interface Fixture {
  contents: Record<string, Enc>;
  models: Record<string, { input: TensorFixture; output: TensorFixture }>;
  hostile: Record<string, { bytes: string; error: { type: string; message: string } }>;
}
const F = loadFixture<Fixture>('torch_save.json');
const file = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
const path = (name: string): string => new URL(`./fixtures/${name}`, import.meta.url).pathname;
const exact = { rtol: 0, atol: 0 };

/** A key of the fixture's encoding as torch.load gives it. */
function key(e: Enc): unknown {
  if (e && 'str' in e) return e.str;
  if (e && 'int' in e) return Number(e.int);
  throw new Error(`unexpected key ${JSON.stringify(e)}`);
}

/** `v` (torch.load's result) is the object PyTorch encoded as `e`. */
function expectLoaded(v: unknown, e: Enc, where: string): void {
  if (e === null) { expect(v, where).toBeNull(); return; }
  if ('tensor' in e) {
    expect(v, where).toBeInstanceOf(torch.Tensor);
    const t = v as torch.Tensor;
    expectClose(t, e.tensor, exact, where);
    expect(t.requires_grad, `${where} requires_grad`).toBe(e.tensor.requires_grad);
    expect(t instanceof nn.Parameter, `${where} is a Parameter`).toBe(e.parameter);
  } else if ('bool' in e) expect(v, where).toBe(e.bool);
  else if ('int' in e) expect(v, where).toBe(Number.isSafeInteger(Number(e.int)) ? Number(e.int) : BigInt(e.int));
  else if ('float' in e) expect(v, where).toBe(typeof e.float === 'string' ? { inf: Infinity, '-inf': -Infinity, nan: NaN }[e.float] : e.float);
  else if ('str' in e) expect(v, where).toBe(e.str);
  else if ('tuple' in e || 'list' in e) {
    const items = 'tuple' in e ? e.tuple : e.list;
    expect(Array.isArray(v) && Object.isFrozen(v), `${where} is a ${'tuple' in e ? 'tuple (frozen)' : 'list'}`).toBe(Array.isArray(v) && 'tuple' in e);
    expect((v as unknown[]).length, where).toBe(items.length);
    items.forEach((x, i) => expectLoaded((v as unknown[])[i], x, `${where}[${i}]`));
  } else {
    const keys = e.dict.map(([k]) => key(k));
    const get = (k: unknown): unknown => (v instanceof Map ? v.get(k) : (v as Record<string, unknown>)[k as string]);
    expect(v instanceof Map ? [...v.keys()] : Object.keys(v as object), `${where} keys`).toEqual(keys);
    e.dict.forEach(([k, x]) => expectLoaded(get(key(k)), x, `${where}[${String(key(k))}]`));
  }
}

describe.each(DEVICES)('torch.save / torch.load vs PyTorch on %s', (device) => {
  for (const name of NAMES) {
    it(`loads the ${name} file PyTorch's torch.save wrote as PyTorch loads it`, () => {
      torch.tidy(() => expectLoaded(torch.load(file(`torch_save_${name}.pt`), { device }), F.contents[name], name));
    });
  }

  for (const [name, make] of Object.entries(MODELS)) {
    it(`a PyTorch-trained ${name}'s state dict loads into the same model and gives PyTorch's outputs`, () => {
      const m = make(device);
      expect(String(m.load_state_dict(torch.load(path(`torch_save_${name}.pt`), { device }) as Record<string, torch.Tensor>))).toBe('<All keys matched successfully>');
      m.eval();
      const { input, output } = F.models[name];
      const x = torch.tensor(input.data as number[], { device }).reshape(input.shape);
      expectClose(torch.no_grad(() => m.call(x)), output, tolerances.nn, 'output');
    });
  }

  for (const name of NAMES) {
    it(`saving the loaded ${name} writes the bytes PyTorch loaded with weights_only=True (generator-checked)`, () => {
      torch.tidy(() => {
        const obj = resave(name, torch.load(file(`torch_save_${name}.pt`), { device }), device);
        const bytes = torch.save(obj);
        expect(Buffer.from(bytes).equals(Buffer.from(file(`torch_save_from_wasmgrad_${name}.pt`)))).toBe(true);
        expect(Buffer.from(torch.save(obj)).equals(Buffer.from(bytes)), 'deterministic').toBe(true);
      });
    });
  }

  it('views of one storage load as their own values, and one tensor held twice loads as one tensor', () => {
    torch.tidy(() => {
      const v = torch.load(file('torch_save_views.pt'), { device }) as Record<string, torch.Tensor>;
      expect(v.t.tolist()).toEqual(v.base.t().tolist());
      expect(v.step.tolist()).toEqual([[1, 4], [13, 16]]);
      const n = torch.load(file('torch_save_nested.pt'), { device }) as { same: torch.Tensor[] };
      expect(n.same[0]).toBe(n.same[1]);
    });
  });

  for (const [name, c] of Object.entries(F.hostile)) {
    it(`a hostile file (${name}) raises PyTorch's error and leaves the engine intact`, () => {
      const s = sentinel(device);
      let thrown: unknown = null;
      torch.tidy(() => { try { torch.load(Buffer.from(c.bytes, 'base64'), { device }); } catch (e) { thrown = e; } });
      expect(thrown).toBeInstanceOf(torch.TorchError);
      expect((thrown as Error).name).toBe(c.error.type);
      expect((thrown as Error).message).toBe(c.error.message);
      expectIntact(s);
    });
  }

  /** A torch.save archive around the pickle `p` (and storage 0 of `data`). */
  const archive = (p: number[], data = new Uint8Array(0)): Uint8Array =>
    writeZip([['archive/data.pkl', Uint8Array.from(p)], ['archive/data/0', data], ['archive/version', new TextEncoder().encode('3\n')]]);
  const tensorPickle = (numel: number, offset: number, size: number, stride: number): number[] => [
    0x80, 2, 0x63, ...Buffer.from('torch._utils\n_rebuild_tensor_v2\n'), 0x28, 0x28, 0x58, 7, 0, 0, 0, ...Buffer.from('storage'),
    0x63, ...Buffer.from('torch\nFloatStorage\n'), 0x58, 1, 0, 0, 0, 0x30, 0x58, 3, 0, 0, 0, ...Buffer.from('cpu'),
    0x4a, ...new Uint8Array(Int32Array.of(numel).buffer), 0x74, 0x51, 0x4a, ...new Uint8Array(Int32Array.of(offset).buffer),
    0x4a, ...new Uint8Array(Int32Array.of(size).buffer), 0x85, 0x4a, ...new Uint8Array(Int32Array.of(stride).buffer), 0x85, 0x89, 0x7d, 0x74, 0x52, 0x2e];

  it('a storage declared far larger than its record (10 GB), or a view outside its storage, raises before allocating', () => {
    const s = sentinel(device);
    expect(() => torch.load(archive(tensorPickle(2_500_000_000 & 0x7fffffff, 0, 2, 1), new Uint8Array(8)), { device })).toThrow(/record data\/0 holds 8 bytes/);
    expect(() => torch.load(archive(tensorPickle(2, 1, 2, 1), new Uint8Array(8)), { device }))
      .toThrow('setStorage: sizes [2], strides [1], storage offset 1, and itemsize 4 requiring a storage size of 12 are out of bounds for storage of size 8');
    expect(() => torch.load(archive(tensorPickle(2, 0, 2 ** 30, 0), new Uint8Array(8)), { device })).toThrow(/repeats a storage of 2 \(zero strides\)/);
    expectIntact(s);
  });

  it('recursive structures, deep nesting and huge memo indices raise a clear error', () => {
    // a list appended to itself: EMPTY_LIST BINPUT 0 BINGET 0 APPEND STOP
    expect(() => torch.load(archive([0x80, 2, 0x5d, 0x71, 0, 0x68, 0, 0x61, 0x2e]))).toThrow(/contains itself/);
    expect(() => torch.load(archive([0x80, 2, 0x4e, ...new Array(5000).fill(0x85), 0x2e]))).toThrow(/nests deeper than 1000/);
    expect(() => torch.load(archive([0x80, 2, 0x4e, 0x72, 0xff, 0xff, 0xff, 0xff, 0x6a, 0xfe, 0xff, 0xff, 0xff, 0x2e]))).toThrow(/Memo value not found at index 4294967294/);
    expect(() => torch.load(archive([0x80, 2, 0x5d, 0x28, 0x4b]))).toThrow(/pickle data was truncated/);
    expect(() => torch.load(archive([0x80, 2, 0x61, 0x2e]))).toThrow(/unpickling stack underflow/);
  });

  it('a compressed record, a storage type wasmgrad lacks and a bad byteorder raise clear errors', () => {
    const good = file('torch_save_from_wasmgrad_dtypes.pt');
    const deflated = good.slice();
    const cd = Buffer.from(deflated).indexOf(Buffer.from('PK\x01\x02', 'latin1'));
    deflated[cd + 10] = 8; // data.pkl marked as deflated
    expect(() => torch.load(deflated)).toThrow(torch.NotImplementedError);
    const flipped = good.slice();
    flipped[64] ^= 0xff; // data.pkl's first byte (its data starts 64-aligned): its CRC no longer holds
    expect(() => torch.load(flipped)).toThrow('PytorchStreamReader failed reading file archive/data.pkl: CRC-32 check failed');
    const half = [0x80, 2, 0x63, ...Buffer.from('torch\nHalfStorage\n'), 0x2e];
    expect(() => torch.load(archive(half))).toThrow(/does not support GLOBAL torch.HalfStorage/);
    const order = writeZip([['archive/data.pkl', Uint8Array.of(0x80, 2, 0x4e, 0x2e)], ['archive/byteorder', new TextEncoder().encode('middle')], ['archive/version', Uint8Array.of(0x33)]]);
    expect(() => torch.load(order)).toThrow('Unknown endianness type: middle');
    expect(() => torch.load(Uint8Array.of(1, 2, 3, 4, 5))).toThrow(torch.serialization.UnpicklingError);
    expect(() => torch.load(good, { weights_only: false })).toThrow(/always loads as weights_only=True/);
    expect(() => torch.load(3 as unknown as Uint8Array)).toThrow(torch.ValueError);
    expect(() => torch.load(archive([0x80, 2, 0x63, ...Buffer.from('collections\nOrderedDict\n'), 0x29, 0x81, 0x2e])))
      .toThrow(/Can only create new object for nn.Parameter or classes allowlisted via `add_safe_globals` but got <class 'type'>/);
  });

  it('a big-endian file (byteorder "big") reads its values swapped back', () => {
    const data = new Uint8Array(8);
    new DataView(data.buffer).setFloat32(0, 1.5, false);
    new DataView(data.buffer).setFloat32(4, -2, false);
    const big = writeZip([['archive/data.pkl', Uint8Array.from(tensorPickle(2, 0, 2, 1))], ['archive/byteorder', new TextEncoder().encode('big')],
      ['archive/data/0', data], ['archive/version', Uint8Array.of(0x33)]]);
    torch.tidy(() => expect((torch.load(big, { device }) as torch.Tensor).tolist()).toEqual([1.5, -2]));
  });

  it('save refuses what torch.load could not return: an object inside itself, a function', () => {
    const a: unknown[] = [];
    a.push(a);
    expect(() => torch.save(a as torch.serialization.Picklable)).toThrow(/contains itself/);
    expect(() => torch.save({ f: (() => 1) as unknown as number })).toThrow("cannot pickle 'function' object");
  });

  it('save / load go through a path (Node), and keep int keys, tuples and bigints', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wasmgrad-pt-'));
    try {
      torch.tidy(() => {
        const obj = new Map<torch.serialization.Picklable, torch.serialization.Picklable>([[1, Object.freeze(['a', 2n ** 70n])], ['w', torch.ones([2], { device })]]);
        torch.save(obj, join(dir, 'm.pt'));
        const back = torch.load(join(dir, 'm.pt'), { device }) as Map<unknown, unknown>;
        expect([...back.keys()]).toEqual([1, 'w']);
        expect(back.get(1)).toEqual(['a', 2n ** 70n]);
        expect(Object.isFrozen(back.get(1))).toBe(true);
        expect((back.get('w') as torch.Tensor).tolist()).toEqual([1, 1]);
      });
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  const clear = (e: unknown): boolean => e instanceof torch.TorchError;
  it('mutated files load or raise a clear error, never anything else (fuzz)', () => {
    const valid = file('torch_save_mlp.pt');
    // flips anywhere or in the central directory and end records (the last 300 bytes); a cut in a quarter of the runs
    const at = fc.oneof(fc.nat(valid.length - 1), fc.integer({ min: valid.length - 300, max: valid.length - 1 }));
    fc.assert(fc.property(
      fc.array(fc.tuple(at, fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
      fc.option(fc.nat(valid.length - 1), { freq: 3 }),
      (flips, cut) => {
        const b = valid.slice(0, cut ?? valid.length);
        for (const [i, v] of flips) if (i < b.length) b[i] = v;
        torch.tidy(() => { try { torch.load(b, { device }); } catch (e) { if (!clear(e)) throw e; } });
      }), { numRuns: 500, seed: 8 });
  });

  it('mutated pickles (re-archived, so the CRC holds) load or raise a clear error (fuzz)', () => {
    const zip = new ZipReader(file('torch_save_nested.pt'));
    const pkl = zip.read('torch_save_nested/data.pkl');
    const storages = zip.names.filter((n) => n.includes('/data/')).map((n) => [n.replace('torch_save_nested/', ''), zip.read(n)] as const);
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.nat(pkl.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
      fc.nat(pkl.length),
      (flips, cut) => {
        const p = pkl.slice(0, cut === 0 ? pkl.length : cut);
        for (const [i, v] of flips) if (i < p.length) p[i] = v;
        const b = writeZip([['archive/data.pkl', p], ...storages.map(([n, d]) => [`archive/${n}`, d] as [string, Uint8Array]), ['archive/version', Uint8Array.of(0x33)]]);
        torch.tidy(() => { try { torch.load(b, { device }); } catch (e) { if (!clear(e)) throw e; } });
      }), { numRuns: 500, seed: 8 });
  });
});
