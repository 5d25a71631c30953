// wasmgrad's side of scripts/gen_pt_fixtures.py's round trip: loads each file PyTorch wrote
// (test/fixtures/torch_save_*.pt) and saves it again with torch.save, as
// test/fixtures/torch_save_from_wasmgrad_*.pt, which the generator then loads in PyTorch with
// torch.load(f, weights_only=True). The MLP goes through a wasmgrad model: load_state_dict, then
// state_dict(). Run by the generator: npx tsx scripts/write_torch_save_samples.ts
import * as torch from '../src/index.js';
import { writeFileSync } from 'node:fs';

const fixture = (name: string): string => new URL(`../test/fixtures/${name}`, import.meta.url).pathname;
for (const name of ['mlp', 'dtypes', 'views', 'nested']) {
  let obj = torch.load(fixture(`torch_save_${name}.pt`)) as torch.serialization.Picklable;
  if (name === 'mlp') {
    const model = new torch.nn.Sequential(new torch.nn.Linear(4, 8), new torch.nn.ReLU(), new torch.nn.Linear(8, 3));
    model.load_state_dict(obj as Record<string, torch.Tensor>);
    obj = model.state_dict();
  }
  writeFileSync(fixture(`torch_save_from_wasmgrad_${name}.pt`), torch.save(obj));
}
