// Under script-src 'self' WebAssembly cannot be compiled: wasmgrad warns once and
// runs on the js device.
import * as torch from '/node_modules/wasmgrad/dist/index.js';
import { seed } from '/seed.mjs';

let wasmError = null;
try {
  torch.tensor([1], { device: 'wasm' });
} catch (e) {
  wasmError = `${e.name}: ${e.message}`;
}
try {
  window.__result = { lines: [seed(torch), seed(torch, 'js')], device: torch.get_default_device(), wasmError };
} catch (e) {
  window.__result = { error: String(e && e.stack || e) };
}
