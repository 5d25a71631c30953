// wasmgrad's side of scripts/gen_pt_fixtures.py's round trip: loads each file PyTorch wrote
// (test/fixtures/torch_save_*.pt) and saves it again with torch.save, as
// test/fixtures/torch_save_from_wasmgrad_*.pt, which the generator then loads in PyTorch with
// torch.load(f, weights_only=True). The models' state dicts go through a wasmgrad model:
// load_state_dict, then state_dict(). Each model's safetensors file (test/fixtures/torch_save_*.safetensors)
// goes the same way to test/fixtures/safetensors_from_wasmgrad_*.safetensors, which the generator reads
// into PyTorch's model. Run by the generator: npx tsx scripts/write_torch_save_samples.ts
import * as torch from '../src/index.js';
import { writeFileSync } from 'node:fs';

const { nn } = torch;
/** The generator's models, as wasmgrad builds them (test/torch-save.test.ts builds the same). */
export const MODELS: Record<string, (device?: 'wasm' | 'js') => torch.nn.Module> = {
  mlp: (device) => new nn.Sequential(new nn.Linear(4, 8, { device }), new nn.ReLU(), new nn.Linear(8, 3, { device })),
  cnn: (device) => new nn.Sequential(new nn.Conv2d(1, 4, 3, { padding: 1, device }), new nn.BatchNorm2d(4, { device }), new nn.ReLU(),
    new nn.MaxPool2d(2), new nn.Flatten(), new nn.Linear(64, 3, { device })),
  transformer: (device) => new nn.TransformerEncoderLayer(8, 2, { dim_feedforward: 16, dropout: 0, batch_first: true, device }),
};
export const NAMES = ['mlp', 'cnn', 'transformer', 'dtypes', 'views', 'nested'];

/** What wasmgrad saves of file `name` (given torch.load's result): a model's state dict after loading it, else the object itself. */
export function resave(name: string, loaded: unknown, device?: 'wasm' | 'js'): torch.serialization.Picklable {
  const make = MODELS[name];
  if (!make) return loaded as torch.serialization.Picklable;
  const model = make(device);
  model.load_state_dict(loaded as Record<string, torch.Tensor>);
  return model.state_dict();
}

if (process.argv[1]?.endsWith('write_torch_save_samples.ts')) {
  const fixture = (name: string): string => new URL(`../test/fixtures/${name}`, import.meta.url).pathname;
  for (const name of NAMES) writeFileSync(fixture(`torch_save_from_wasmgrad_${name}.pt`), torch.save(resave(name, torch.load(fixture(`torch_save_${name}.pt`)))));
  for (const name of Object.keys(MODELS)) {
    const sd = resave(name, torch.safetensors.load_file(fixture(`torch_save_${name}.safetensors`))) as Record<string, torch.Tensor>;
    torch.safetensors.save_file(sd, fixture(`safetensors_from_wasmgrad_${name}.safetensors`));
  }
}
