// A growable stack of u32s (tensor ids or record pointers) for the worklists
// of the sweep and of the release cascades, which replace recursion so deep
// graphs cannot overflow the engine's call stack.
//
//  header (12 bytes of static memory: `memory.data(12, 4)` at each stack's home):      items (from the allocator):
//  ┌───────┬───────┬───────┐       ┌────┬────┬────┬─────────────┐
//  │ items │  len  │  cap  │ ────▶ │ u32│ u32│ ...│  (free)     │
//  └───────┴───────┴───────┘       └────┴────┴────┴─────────────┘

import { alloc, free } from './alloc';

// @ts-ignore: decorator
@inline export function stackLen(s: usize): u32 { return load<u32>(s, 4); }

// @ts-ignore: decorator
@inline export function stackAt(s: usize, i: u32): u32 { return load<u32>(<usize>load<u32>(s) + (<usize>i << 2)); }

export function stackClear(s: usize): void { store<u32>(s, 0, 4); }

/** Pushes v; false when the stack could not grow (out of memory). */
export function stackPush(s: usize, v: u32): bool {
  const len = load<u32>(s, 4), cap = load<u32>(s, 8);
  let items = <usize>load<u32>(s);
  if (len == cap) {
    const newCap: u32 = cap ? cap * 2 : 256;
    const p = alloc(<usize>newCap << 2);
    if (!p) return false;
    if (items) { memory.copy(p, items, <usize>len << 2); free(items); }
    items = p;
    store<u32>(s, <u32>p);
    store<u32>(s, newCap, 8);
  }
  store<u32>(items + (<usize>len << 2), v);
  store<u32>(s, len + 1, 4);
  return true;
}

/** Pops the top item; the stack must not be empty. */
export function stackPop(s: usize): u32 {
  const len = load<u32>(s, 4) - 1;
  store<u32>(s, len, 4);
  return load<u32>(<usize>load<u32>(s) + (<usize>len << 2));
}
