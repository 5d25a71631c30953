// torch.safetensors against the safetensors package and real PyTorch (fixtures/safetensors.json and
// the two .safetensors files, from scripts/gen_module_api_fixtures.py): a PyTorch model's state
// dict, written by the package, loads into the same wasmgrad model and gives PyTorch's outputs on
// both devices; wasmgrad writes the same state dict back byte for byte as the package wrote it;
// a mixed-dtype file (F32, F64, I64, I32, BOOL, a 0-d and an empty tensor, integer-like names)
// round-trips exactly; malformed files raise the package's errors and leave the engine intact;
// mutated files never raise anything but a clear error. The generator's trained MLP, CNN and
// TransformerEncoderLayer go both ways through safetensors too (scripts/gen_pt_fixtures.py).

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { torch, DEVICES, loadFixture, expectClose, type TensorFixture } from './support/torch.js';
import { tolerances } from './support/tolerances.js';
import { sentinel, expectIntact } from './support/error_cases.js';
import { MODELS } from '../scripts/write_torch_save_samples.js';

const { nn } = torch;
interface Fixture {
  writer: string;
  model: { keys: string[]; header: string; state_dict: Record<string, TensorFixture>; input: TensorFixture; output: TensorFixture };
  mixed: { header: string; tensors: Record<string, TensorFixture> };
  metadata_file: string | null;
  malformed: Record<string, { bytes: string; error: { type: string; message: string } | null }>;
}
const F = loadFixture<Fixture>('safetensors.json');
const file = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
const MODEL = file('module_api.safetensors'), MIXED = file('module_api_mixed.safetensors');
const exact = { rtol: 0, atol: 0 };
const headerOf = (b: Uint8Array): string => new TextDecoder().decode(b.subarray(8, 8 + Number(new DataView(b.buffer, b.byteOffset).getBigUint64(0, true))));
const model = (device: 'wasm' | 'js') =>
  new nn.Sequential(new nn.Linear(4, 6, { device }), new nn.BatchNorm1d(6, { device }), new nn.ReLU(), new nn.Linear(6, 3, { device }));

/** Where the package's message ends in serde's " at line L column C" (or a UTF-8 decoder's detail), only the part before is compared. */
function expectPackageMessage(actual: string, expected: string): void {
  const detail = /^(Error while deserializing: invalid (JSON|UTF-8) in header)(: .*)?$/.exec(expected);
  if (detail) expect(actual.startsWith(detail[1]), `${actual} starts with ${detail[1]}`).toBe(true);
  else expect(actual).toBe(expected);
}

describe.each(DEVICES)('safetensors vs the safetensors package and PyTorch on %s', (device) => {
  it(`a PyTorch state dict written by ${F.writer} loads into the same model and gives PyTorch's output`, () => {
    const sd = torch.safetensors.load(MODEL, { device });
    expect(Object.keys(sd)).toEqual([...F.model.keys].sort());
    for (const [k, v] of Object.entries(F.model.state_dict)) expectClose(sd[k], v, exact, k);
    const m = model(device);
    expect(String(m.load_state_dict(sd))).toBe('<All keys matched successfully>');
    m.eval();
    const x = torch.tensor(F.model.input.data as number[], { device }).reshape(F.model.input.shape);
    expectClose(torch.no_grad(() => m.call(x)), F.model.output, tolerances.nn, 'output');
  });

  it('saving the loaded model writes the bytes the package wrote', () => {
    const m = model(device);
    m.load_state_dict(torch.safetensors.load(MODEL, { device }));
    const bytes = torch.safetensors.save(m.state_dict());
    expect(headerOf(bytes)).toBe(F.model.header);
    expect(Buffer.from(bytes).equals(Buffer.from(MODEL))).toBe(true);
  });

  it('a mixed-dtype file round-trips exactly (F32, F64, I64, I32, BOOL, 0-d, empty, integer-like names)', () => {
    const t = torch.safetensors.load(MIXED, { device });
    expect(Object.keys(t).sort()).toEqual(Object.keys(F.mixed.tensors).sort());
    for (const [k, v] of Object.entries(F.mixed.tensors)) expectClose(t[k], v, exact, k);
    const again = torch.safetensors.save(t);
    expect(headerOf(again)).toBe(F.mixed.header);
    expect(Buffer.from(again).equals(Buffer.from(MIXED))).toBe(true);
  });

  it('reads the metadata the package wrote, and writes metadata it reads back', () => {
    if (F.metadata_file) expect(torch.safetensors.metadata(Buffer.from(F.metadata_file, 'base64'))).toEqual({ format: 'pt', note: 'wasmgrad' });
    const bytes = torch.safetensors.save({ w: torch.ones([2], { device }) }, { format: 'pt' });
    expect(torch.safetensors.metadata(bytes)).toEqual({ format: 'pt' });
    expect(torch.safetensors.metadata(torch.safetensors.save({ w: torch.ones([2], { device }) }))).toBeNull();
  });

  for (const [name, c] of Object.entries(F.malformed)) {
    it(`a malformed file (${name}) raises the package's error and leaves the engine intact`, () => {
      expect(c.error, 'the package rejects it').not.toBeNull();
      const s = sentinel(device);
      let thrown: unknown = null;
      torch.tidy(() => { try { torch.safetensors.load(Buffer.from(c.bytes, 'base64'), { device }); } catch (e) { thrown = e; } });
      expect(thrown).toBeInstanceOf(torch.safetensors.SafetensorError);
      expect((thrown as Error).name).toBe(c.error!.type);
      expectPackageMessage((thrown as Error).message, c.error!.message);
      expectIntact(s);
    });
  }

  it('an int64 value beyond int32 storage raises, and no tensor of the file is left behind', () => {
    const t = { a: torch.tensor([1.5], { device }), z: torch.tensor([1], { device, dtype: 'int64' }) };
    const bytes = torch.safetensors.save(t);
    const header = headerOf(bytes);
    new DataView(bytes.buffer, bytes.byteOffset).setBigInt64(8 + header.length + JSON.parse(header).z.data_offsets[0], 2n ** 40n, true);
    const s = sentinel(device);
    expect(() => torch.safetensors.load(bytes, { device })).toThrow(/integer result out of range/); // outside tidy: load itself frees 'a'
    expectIntact(s);
  });

  it('a dtype wasmgrad lacks (F16) raises NotImplementedError', () => {
    const json = new TextEncoder().encode('{"w":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}');
    const bytes = new Uint8Array(8 + json.length + 4);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(json.length), true);
    bytes.set(json, 8);
    expect(() => torch.safetensors.load(bytes)).toThrow(/safetensors dtype F16 .* is not supported/);
  });

  it('save refuses what the package refuses: a non-contiguous tensor, a value that is not a tensor', () => {
    expect(() => torch.safetensors.save({ t: torch.ones([2, 3], { device }).t() })).toThrow(/You are trying to save a non contiguous tensor: `t`/);
    expect(() => torch.safetensors.save({ t: 3 as unknown as torch.Tensor })).toThrow("Key `t` is invalid, expected torch.Tensor but received <class 'int'>");
  });

  it('save_file / load_file go through a file (Node)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wasmgrad-st-'));
    try {
      const m = model(device);
      torch.safetensors.save_file(m.state_dict(), join(dir, 'm.safetensors'));
      const back = torch.safetensors.load_file(join(dir, 'm.safetensors'), { device });
      for (const [k, v] of Object.entries(m.state_dict())) expect(Array.from(back[k].dataSync())).toEqual(Array.from(v.dataSync()));
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('mutated files load or raise a clear error, never anything else (fuzz)', () => {
    const clear = (e: unknown): boolean => e instanceof torch.TorchError;
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.nat(MODEL.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
      fc.nat(MODEL.length),
      (flips, cut) => {
        const b = MODEL.slice(0, cut === 0 ? MODEL.length : cut);
        for (const [i, v] of flips) if (i < b.length) b[i] = v;
        torch.tidy(() => { try { torch.safetensors.load(b, { device }); } catch (e) { if (!clear(e)) throw e; } });
      }), { numRuns: 300, seed: 8 });
  });
});

// scripts/gen_pt_fixtures.py's models (an MLP, a CNN, a TransformerEncoderLayer), trained in PyTorch and
// written as safetensors: each loads here and gives PyTorch's outputs (fixtures/torch_save.json), and
// the state dict saved back is the file the generator read into PyTorch's model, checking its outputs.
describe.each(DEVICES)('PyTorch-trained models through safetensors, both ways, on %s', (device) => {
  const models = loadFixture<{ models: Record<string, { input: TensorFixture; output: TensorFixture }> }>('torch_save.json').models;
  for (const [name, make] of Object.entries(MODELS)) {
    it(`the ${name}'s state dict loads, gives PyTorch's output, and saves as the file PyTorch loaded (generator-checked)`, () => {
      torch.tidy(() => {
        const m = make(device);
        expect(String(m.load_state_dict(torch.safetensors.load(file(`torch_save_${name}.safetensors`), { device })))).toBe('<All keys matched successfully>');
        m.eval();
        const { input, output } = models[name];
        const x = torch.tensor(input.data as number[], { device }).reshape(input.shape);
        expectClose(torch.no_grad(() => m.call(x)), output, tolerances.nn, 'output');
        const bytes = torch.safetensors.save(m.state_dict());
        expect(Buffer.from(bytes).equals(Buffer.from(file(`safetensors_from_wasmgrad_${name}.safetensors`)))).toBe(true);
      });
    });
  }
});
