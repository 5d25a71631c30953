// The memcheck project (vitest.config.ts) runs chosen files on the memcheck build of the WASM
// module (freed memory poisoned, the tensor table moved every few new tensors); every other
// project on the release build. A project that loaded the wrong one would pass without checking.

import { it, expect } from 'vitest';
import './support/torch.js'; // the package's entry first: src/ has import cycles that only it orders
import { wasmDevice } from '../src/wasm/device.js';

it('the module is the memcheck build in the memcheck project, and only there', ({ task }) => {
  const x = (wasmDevice as unknown as { x: { mem_checked(): number } }).x;
  expect(Boolean(x.mem_checked())).toBe(task.file.projectName === 'memcheck');
});
