// A module built from its TypeScript constructor call as a fixture writes it ("new nn.Linear(2, 3)"),
// on a device (the default device while it runs): the module fixtures' TS side. The call may use
// torch (a loss's weight: "new nn.BCEWithLogitsLoss({ pos_weight: torch.tensor([2, 0.5]) })").

import { torch } from './torch.js';

/** Builds a module from its TypeScript constructor call, on `device` (the default device while it runs). */
export function buildModule(ts: string, device: 'wasm' | 'js'): InstanceType<typeof torch.nn.Module> {
  const before = torch.get_default_device();
  torch.set_default_device(device);
  try {
    return new Function('nn', 'torch', `return ${ts};`)(torch.nn, torch) as InstanceType<typeof torch.nn.Module>;
  } finally {
    torch.set_default_device(before);
  }
}
