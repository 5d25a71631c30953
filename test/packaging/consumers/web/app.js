// A page's app, no bundler: 'wasmgrad' is whatever the page's import map names.
import * as torch from 'wasmgrad';
import { seed } from '/seed.mjs';

try {
  window.__result = { lines: [seed(torch), seed(torch, 'js')] };
} catch (e) {
  window.__result = { error: String(e && e.stack || e) };
}
