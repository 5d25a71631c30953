// The seed app as the size checks bundle it: both devices.
import * as torch from 'wasmgrad';
import { seed } from '../seed.mjs';

globalThis.__result = { lines: [seed(torch), seed(torch, 'js')] };
