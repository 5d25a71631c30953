// The allocator: segregated free lists over WASM linear memory.
//
// Tensors in a training loop are made and freed in the same handful of sizes
// step after step, so exact-ish size classes with LIFO free lists give O(1)
// alloc/free and a heap that stops growing after the first step. Memory grows
// only when no freed block of the class is available; it never shrinks (WASM
// cannot give pages back).
//
// Size classes (payload bytes): 16, 32, ... 256 in steps of 16 (classes 0..15),
// then four classes per power of two (320, 384, 448, 512, 640, ...), so a block
// wastes at most 25% of its size.
//
//  heap: __heap_base                                            top    memory end
//  ┌──────────┬──────────────┬──────────────┬──────┬──────────────┬─────────────┐
//  │ reserved │ block        │ block        │ ...  │ block        │  unused     │
//  └──────────┴──────────────┴──────────────┴──────┴──────────────┴─────────────┘
//
//  block:  0        4        8           16
//  ┌────────┬────────┬────────────┬───────────────────────────────┐
//  │ class  │ state  │  (unused)  │ payload (16-byte aligned)     │
//  └────────┴────────┴────────────┴───────────────────────────────┘
//  A free block keeps the next free block of its class in its first payload word.

const HEADER: usize = 16;
const NUM_CLASSES: i32 = 128;
const STATE_USED: u32 = 0x55534544; // "USED": catches double frees and stray pointers
const STATE_FREE: u32 = 0x46524545; // "FREE"

// free-list heads, one per class
const heads: usize = memory.data(NUM_CLASSES * 4, 16);

let top: usize = 0;
let bytesInUse: usize = 0;
let blocksInUse: u32 = 0;
let failedGrows: u32 = 0;

// @ts-ignore: decorator
@inline function heapStart(): usize {
  return (__heap_base + 15) & ~15;
}

/** The size class of a payload of `size` bytes. */
function classOf(size: usize): i32 {
  if (size <= 256) return <i32>((size + 15) >> 4) - 1 + <i32>(size == 0);
  // power-of-two bucket b (size in (2^b, 2^(b+1)]) split in four
  const s = size - 1;
  const b = 31 - <i32>clz<u32>(<u32>s);
  const quarter = <i32>((s >> (b - 2)) & 3);
  return 16 + (b - 8) * 4 + quarter;
}

/** The payload size of class `c`: the largest request it serves. */
function classSize(c: i32): usize {
  if (c < 16) return <usize>(c + 1) << 4;
  const b = ((c - 16) >> 2) + 8;
  const quarter = <usize>((c - 16) & 3);
  return (<usize>1 << b) + (quarter + 1) * (<usize>1 << (b - 2));
}

/** Grows memory so that `end` is addressable; false when the engine refuses. */
function ensure(end: usize): bool {
  const have = <usize>memory.size() << 16;
  if (end <= have) return true;
  const pages = <i32>((end - have + 0xffff) >> 16);
  // ask for some slack so many small blocks don't grow page by page
  const slack = max(pages, min(<i32>memory.size() >> 3, 256));
  if (memory.grow(slack) >= 0) return true;
  if (memory.grow(pages) >= 0) return true;
  failedGrows++;
  return false;
}

/** Allocates `size` bytes, 16-byte aligned. Returns 0 when memory cannot grow. */
export function alloc(size: usize): usize {
  if (size > 0xfff00000) return 0;
  const c = classOf(size);
  if (c >= NUM_CLASSES) return 0;
  const headPtr = heads + (<usize>c << 2);
  let block = <usize>load<u32>(headPtr);
  if (block) {
    store<u32>(headPtr, load<u32>(block + HEADER));
  } else {
    if (!top) top = heapStart();
    const end = top + HEADER + classSize(c);
    if (end < top || !ensure(end)) return 0;
    block = top;
    top = end;
    store<u32>(block, <u32>c);
  }
  store<u32>(block, STATE_USED, 4);
  bytesInUse += classSize(c);
  blocksInUse++;
  return block + HEADER;
}

/** Like alloc, then zero-fills the payload. */
export function allocZeroed(size: usize): usize {
  const p = alloc(size);
  if (p) memory.fill(p, 0, size);
  return p;
}

/** Returns a block to its class's free list. */
export function free(ptr: usize): void {
  if (!ptr) return;
  const block = ptr - HEADER;
  if (load<u32>(block, 4) != STATE_USED) unreachable(); // double free or foreign pointer
  const c = <i32>load<u32>(block);
  const headPtr = heads + (<usize>c << 2);
  store<u32>(block, STATE_FREE, 4);
  store<u32>(ptr, load<u32>(headPtr));
  store<u32>(headPtr, <u32>block);
  bytesInUse -= classSize(c);
  blocksInUse--;
}

/** Bytes of payload handed out and not yet freed (class-rounded). */
export function mem_bytes_in_use(): usize { return bytesInUse; }
/** Blocks handed out and not yet freed. */
export function mem_blocks_in_use(): u32 { return blocksInUse; }
/** Bytes of linear memory the heap has claimed so far (its high-water mark). */
export function mem_heap_size(): usize { return top ? top - heapStart() : 0; }
/** How many times memory.grow was refused. */
export function mem_failed_grows(): u32 { return failedGrows; }
