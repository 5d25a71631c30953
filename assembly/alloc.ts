// The allocator: segregated free lists for small blocks, and one best-fit list
// of large blocks that split and merge, over WASM linear memory.
//
// Tensors in a training loop are made and freed in the same handful of sizes
// step after step, so exact-ish size classes with LIFO free lists give O(1)
// alloc/free and a heap that stops growing after the first step. Large blocks
// (more than LARGE bytes) are carved to size from one free list instead: a
// freed large block merges with free large neighbours and, at the end of the
// heap, goes back to the untouched space after `top`, so a program that moves
// through very different large sizes reuses the same memory rather than
// keeping the peak of each size. Memory grows only when nothing free fits; it
// never shrinks (WASM cannot give pages back).
//
// Small size classes (payload bytes): 16, 32, ... 256 in steps of 16 (classes
// 0..15), then four classes per power of two (320, 384, 448, 512, 640, ...), so a
// block wastes at most 25% of its size.
//
//  heap: __heap_base                                            top    memory end
//  ┌──────────┬──────────────┬──────────────┬──────┬──────────────┬─────────────┐
//  │ reserved │ block        │ block        │ ...  │ block        │  unused     │
//  └──────────┴──────────────┴──────────────┴──────┴──────────────┴─────────────┘
//
//  block:  0        4        8        12       16
//  ┌────────┬────────┬────────┬────────┬───────────────────────────────┐
//  │ class  │ state  │ size   │ prev   │ payload (16-byte aligned)     │
//  └────────┴────────┴────────┴────────┴───────────────────────────────┘
//  size: payload bytes; prev: the payload bytes of the block before it in memory
//  (boundary tags, so a large block finds its neighbours). A free small block keeps
//  the next free block of its class in its first payload word; a free large block
//  keeps next and previous free large blocks in its first two.

const HEADER: usize = 16;
const NUM_CLASSES: i32 = 128;
const LARGE_CLASS: u32 = 0xffff; // the class field of a large block
const STATE_USED: u32 = 0x55534544; // "USED": catches double frees and stray pointers
const STATE_FREE: u32 = 0x46524545; // "FREE"
/** payloads above this many bytes are large blocks (a multiple of 16) */
const LARGE: usize = 64 << 10;

// free-list heads, one per class
const heads: usize = memory.data(NUM_CLASSES * 4, 16);
let largeHead: usize = 0; // free large blocks, doubly linked

let top: usize = 0;
let last: usize = 0; // the block that ends at top (0: none yet)
let bytesInUse: usize = 0;
let freeBytes: usize = 0; // payload bytes of free blocks, small and large
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

// @ts-ignore: decorator
@inline function sizeOf(block: usize): usize { return <usize>load<u32>(block, 8); }
// @ts-ignore: decorator
@inline function nextBlock(block: usize): usize { return block + HEADER + sizeOf(block); }

/** A new block of `size` payload bytes at top, or 0 when memory cannot grow. */
function carve(size: usize, cls: u32): usize {
  if (!top) top = heapStart();
  const end = top + HEADER + size;
  if (end < top || !ensure(end)) return 0;
  const block = top;
  store<u32>(block, cls);
  store<u32>(block, <u32>size, 8);
  store<u32>(block, last ? load<u32>(last, 8) : 0, 12);
  top = end;
  last = block;
  return block;
}

function unlinkLarge(block: usize): void {
  const next = <usize>load<u32>(block + HEADER), prev = <usize>load<u32>(block + HEADER, 4);
  if (prev) store<u32>(prev + HEADER, <u32>next); else largeHead = next;
  if (next) store<u32>(next + HEADER, <u32>prev, 4);
  freeBytes -= sizeOf(block);
}

function linkLarge(block: usize): void {
  store<u32>(block, STATE_FREE, 4);
  store<u32>(block + HEADER, <u32>largeHead);
  store<u32>(block + HEADER, 0, 4);
  if (largeHead) store<u32>(largeHead + HEADER, <u32>block, 4);
  largeHead = block;
  freeBytes += sizeOf(block);
}

/** Sets block's payload size, keeping the next block's boundary tag in step. */
function resize(block: usize, size: usize): void {
  store<u32>(block, <u32>size, 8);
  const next = nextBlock(block);
  if (next < top) store<u32>(next, <u32>size, 12);
}

/** The best-fitting free large block for `size` bytes, split to size; 0 if none fits. */
function takeLarge(size: usize): usize {
  let best: usize = 0;
  for (let b = largeHead; b; b = <usize>load<u32>(b + HEADER)) {
    if (sizeOf(b) >= size && (!best || sizeOf(b) < sizeOf(best))) best = b;
  }
  if (!best) return 0;
  unlinkLarge(best);
  const rest = sizeOf(best) - size;
  if (rest >= HEADER + LARGE) {
    // the remainder stays free, as a block of its own after this one
    const r = best + HEADER + size;
    store<u32>(r, LARGE_CLASS);
    store<u32>(r, <u32>size, 12);
    resize(best, size);
    resize(r, rest - HEADER);
    if (last == best) last = r;
    linkLarge(r);
  }
  return best;
}

/** Whether this is the memcheck build (npm run test:memcheck), which poisons freed blocks. */
export function mem_checked(): bool { return isDefined(WASMGRAD_MEMCHECK); }

/** Allocates `size` bytes, 16-byte aligned. Returns 0 when memory cannot grow. */
export function alloc(size: usize): usize {
  if (size > 0xfff00000) return 0;
  let block: usize;
  if (size > LARGE) {
    size = (size + 15) & ~15;
    block = takeLarge(size);
    if (!block) block = carve(size, LARGE_CLASS);
    if (!block) return 0;
  } else {
    const c = classOf(size);
    const headPtr = heads + (<usize>c << 2);
    block = <usize>load<u32>(headPtr);
    if (block) {
      store<u32>(headPtr, load<u32>(block + HEADER));
      freeBytes -= classSize(c);
    } else {
      block = carve(classSize(c), <u32>c);
      if (!block) return 0;
    }
  }
  store<u32>(block, STATE_USED, 4);
  bytesInUse += sizeOf(block);
  blocksInUse++;
  return block + HEADER;
}

/** Like alloc, then zero-fills the payload. */
export function allocZeroed(size: usize): usize {
  const p = alloc(size);
  if (p) memory.fill(p, 0, size);
  return p;
}

/** Whether `block` is a free large block (0: no block). */
function freeLarge(block: usize): bool {
  return block != 0 && load<u32>(block) == LARGE_CLASS && load<u32>(block, 4) == STATE_FREE;
}

/** Returns a block to its class's free list, or merges a large one with its free neighbours. */
export function free(ptr: usize): void {
  if (!ptr) return;
  let block = ptr - HEADER;
  if (load<u32>(block, 4) != STATE_USED) unreachable(); // double free or foreign pointer
  const c = load<u32>(block);
  // the memcheck build (npm run test:memcheck): a read after free sees NaNs and sizes of -1
  if (isDefined(WASMGRAD_MEMCHECK)) memory.fill(ptr, 0xff, sizeOf(block));
  bytesInUse -= sizeOf(block);
  blocksInUse--;
  if (c != LARGE_CLASS) {
    const headPtr = heads + (<usize>c << 2);
    store<u32>(block, STATE_FREE, 4);
    store<u32>(ptr, load<u32>(headPtr));
    store<u32>(headPtr, <u32>block);
    freeBytes += sizeOf(block);
    return;
  }
  const next = nextBlock(block);
  if (next < top && freeLarge(next)) {
    unlinkLarge(next);
    if (last == next) last = block;
    resize(block, sizeOf(block) + HEADER + sizeOf(next));
  }
  const prev = block > heapStart() ? block - HEADER - <usize>load<u32>(block, 12) : 0;
  if (freeLarge(prev)) {
    unlinkLarge(prev);
    if (last == block) last = prev;
    resize(prev, sizeOf(prev) + HEADER + sizeOf(block));
    block = prev;
  }
  if (block == last) {
    // the end of the heap: back to the untouched space, for blocks of any size
    top = block;
    last = block > heapStart() ? block - HEADER - <usize>load<u32>(block, 12) : 0;
    return;
  }
  linkLarge(block);
}

/** Bytes of linear memory that hold no live block and will be reused: free blocks' payloads and the space after top. */
export function mem_bytes_reusable(): usize {
  const end = <usize>memory.size() << 16;
  return freeBytes + end - (top ? top : heapStart());
}
/** Bytes of payload handed out and not yet freed (class-rounded). */
export function mem_bytes_in_use(): usize { return bytesInUse; }
/** Blocks handed out and not yet freed. */
export function mem_blocks_in_use(): u32 { return blocksInUse; }
/** Bytes of linear memory the heap has claimed so far (its high-water mark). */
export function mem_heap_size(): usize { return top ? top - heapStart() : 0; }
/** How many times memory.grow was refused. */
export function mem_failed_grows(): u32 { return failedGrows; }
