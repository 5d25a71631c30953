// Strided copy: the one kernel behind expand, permute/transpose and broadcast
// materialisation. `src` is read through per-dim element strides (0 repeats a
// dim, a permutation reorders them), `out` is written contiguously.
//
// Elements are moved as raw words of their size: 32-bit words serve float32 and
// the int32-stored dtypes, 64-bit words float64.

/**
 * Moves T-sized elements between the `nd`-dim view (shape at `shape`, element strides at
 * `strides`, i32s) of `view` and the contiguous `flat`: view → flat (a copy, `scatter` false) or
 * flat → view (`scatter` true, a slice's gradient). Rows of the last dim, outer dims by odometer.
 */
// @ts-ignore: decorator
@inline function stridedMove<T>(view: usize, strides: usize, flat: usize, nd: i32, shape: usize, counters: usize, scatter: bool): void {
  const shift: usize = sizeof<T>() == 8 ? 3 : 2;
  if (nd == 0) {
    if (scatter) store<T>(view, load<T>(flat)); else store<T>(flat, load<T>(view));
    return;
  }
  const last = nd - 1;
  const inner = load<i32>(shape + (<usize>last << 2));
  const si = load<i32>(strides + (<usize>last << 2));
  let rows = 1;
  for (let d = 0; d < last; d++) {
    rows *= load<i32>(shape + (<usize>d << 2));
    store<i32>(counters + (<usize>d << 2), 0);
  }
  let off = 0;
  let o = flat;
  for (let r = 0; r < rows; r++) {
    const base = view + (<usize>off << shift);
    if (scatter) {
      for (let i = 0; i < inner; i++) store<T>(base + (<usize>(i * si) << shift), load<T>(o + (<usize>i << shift)));
    } else if (si == 1) {
      memory.copy(o, base, <usize>inner << shift);
    } else if (si == 0) {
      const v = load<T>(base);
      for (let i = 0; i < inner; i++) store<T>(o + (<usize>i << shift), v);
    } else {
      for (let i = 0; i < inner; i++) store<T>(o + (<usize>i << shift), load<T>(base + (<usize>(i * si) << shift)));
    }
    o += <usize>inner << shift;
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

/** Copies the `nd`-dim view (shape at `shape`, strides at `strides`, i32s) of `src` into `out`, for T-sized elements. */
export function stridedCopyOf<T>(src: usize, strides: usize, out: usize, nd: i32, shape: usize, counters: usize): void {
  stridedMove<T>(src, strides, out, nd, shape, counters, false);
}

/** stridedCopyOf for 4-byte elements (every dtype but float64). */
export function stridedCopy(src: usize, strides: usize, out: usize, nd: i32, shape: usize, counters: usize): void {
  stridedCopyOf<u32>(src, strides, out, nd, shape, counters);
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

/**
 * The reverse of stridedCopyOf: contiguous `src` written into the `nd`-dim view of `out`
 * (shape at `shape`, element strides at `strides`), T-sized elements. A slice's gradient.
 */
export function stridedScatterOf<T>(src: usize, out: usize, strides: usize, nd: i32, shape: usize, counters: usize): void {
  stridedMove<T>(out, strides, src, nd, shape, counters, true);
}

/** stridedScatterOf for 4-byte elements. */
export function stridedScatter(src: usize, out: usize, strides: usize, nd: i32, shape: usize, counters: usize): void {
  stridedScatterOf<u32>(src, out, strides, nd, shape, counters);
}
