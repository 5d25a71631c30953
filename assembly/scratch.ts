// Fixed scratch space for shape bookkeeping inside one op: output shapes,
// per-dim strides and loop counters (each Limits.MaxDims i32s). Ops never
// nest while using it, so one static block serves all of them.
//
//   0       32      64      96        128       192      256
//  ┌───────┬───────┬───────┬─────────┬─────────┬────────┐
//  │ shape │ strA  │ strB  │counters │ reduce  │ spare  │
//  └───────┴───────┴───────┴─────────┴─────────┴────────┘

const base: usize = memory.data(256, 16);
export const SHAPE: usize = base;
export const STR_A: usize = base + 32;
export const STR_B: usize = base + 64;
export const COUNTERS: usize = base + 96; // reduceSum also uses the 64 bytes after it
export const SPARE: usize = base + 224;

/** Argument buffer JS writes into for calls that take lists (shapes, dims, ids). */
import { alloc, free } from './alloc';
let args: usize = 0;
let argsCap: usize = 0;

/** Returns a buffer of at least `bytes` bytes for the next call's list arguments (0 if out of memory). */
export function args_buffer(bytes: usize): usize {
  if (bytes > argsCap) {
    const cap = max<usize>(bytes, 1024);
    const p = alloc(cap);
    if (!p) return 0;
    if (args) free(args);
    args = p;
    argsCap = cap;
  }
  return args;
}
export function argsPtr(): usize { return args; }
