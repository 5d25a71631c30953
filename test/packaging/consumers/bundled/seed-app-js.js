// The seed app on the js-only entry: no WebAssembly in the bundle.
import * as torch from 'wasmgrad/js';
import { seed } from '../seed.mjs';

globalThis.__result = { lines: [seed(torch)] };
