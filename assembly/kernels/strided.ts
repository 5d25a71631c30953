// Strided copy: the one kernel behind expand, permute/transpose and broadcast
// materialisation. `src` is read through per-dim element strides (0 repeats a
// dim, a permutation reorders them), `out` is written contiguously.
//
// Elements are moved as raw 32-bit words, so it serves float32 and int64 (i32
// stored) tensors alike.

/** Copies the `nd`-dim view (shape at `shape`, strides at `strides`, i32s) of `src` into `out`. */
export function stridedCopy(src: usize, strides: usize, out: usize, nd: i32, shape: usize, counters: usize): void {
  if (nd == 0) { store<u32>(out, load<u32>(src)); return; }
  const last = nd - 1;
  const inner = load<i32>(shape + (<usize>last << 2));
  const si = load<i32>(strides + (<usize>last << 2));
  let rows = 1;
  for (let d = 0; d < last; d++) {
    rows *= load<i32>(shape + (<usize>d << 2));
    store<i32>(counters + (<usize>d << 2), 0);
  }
  let off = 0;
  let o = out;
  for (let r = 0; r < rows; r++) {
    const base = src + (<usize>off << 2);
    if (si == 1) {
      memory.copy(o, base, <usize>inner << 2);
    } else if (si == 0) {
      const v = load<u32>(base);
      for (let i = 0; i < inner; i++) store<u32>(o + (<usize>i << 2), v);
    } else {
      for (let i = 0; i < inner; i++) store<u32>(o + (<usize>i << 2), load<u32>(base + (<usize>(i * si) << 2)));
    }
    o += <usize>inner << 2;
    for (let d = last - 1; d >= 0; d--) {
      const cp = counters + (<usize>d << 2);
      const c = load<i32>(cp) + 1;
      const s = load<i32>(strides + (<usize>d << 2));
      if (c < load<i32>(shape + (<usize>d << 2))) {
        store<i32>(cp, c);
        off += s;
        break;
      }
      store<i32>(cp, 0);
      off -= s * (c - 1);
    }
  }
}

/**
 * Element strides of a contiguous tensor of `ndIn` dims (shape at `inShape`)
 * seen as `nd` dims right-aligned (NumPy broadcasting): 0 for dims it lacks or
 * has as 1 where the target is larger.
 */
export function broadcastStrides(ndIn: i32, inShape: usize, nd: i32, outShape: usize, strides: usize): void {
  let stride = 1;
  for (let d = nd - 1; d >= 0; d--) {
    const di = d - (nd - ndIn);
    let s = 0;
    if (di >= 0) {
      const size = load<i32>(inShape + (<usize>di << 2));
      s = size == 1 && load<i32>(outShape + (<usize>d << 2)) != 1 ? 0 : stride;
      stride *= size;
    }
    store<i32>(strides + (<usize>d << 2), s);
  }
}
