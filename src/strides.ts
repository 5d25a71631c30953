// The strides PyTorch would give a tensor. wasmgrad's data is always
// contiguous (a view is a dense copy kept in step with its base, src/alias.ts),
// but whether PyTorch's view() may alias depends on the layout the view ops
// produce: the front end keeps that layout (Tensor._strides, null for row-major,
// and Tensor._offset, the storage offset) so that view() refuses exactly where
// PyTorch refuses and stride(), storage_offset() and is_contiguous() answer as
// PyTorch's do. Ops other than the view ops give row-major results at offset 0.

import type { Shape } from './shape.js';

/** Row-major strides of `shape`. */
export function contiguousStrides(shape: Shape): number[] {
  const out = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    out[d] = s;
    s *= Math.max(shape[d], 1);
  }
  return out;
}

/**
 * `strides`, or null when they are contiguous for `shape` (PyTorch's rule: sizes of 1 may
 * have any stride, and an empty tensor is always contiguous).
 */
export function layout(shape: Shape, strides: readonly number[]): number[] | null {
  if (shape.includes(0)) return null;
  let expected = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    if (shape[d] === 1) continue;
    if (strides[d] !== expected) return strides.slice();
    expected *= shape[d];
  }
  return null;
}

/**
 * The strides of old viewed as `newShape` without copying, or null when no
 * strides can (PyTorch's computeStride, aten/src/ATen/TensorUtils.cpp).
 */
export function computeStride(oldShape: Shape, oldStride: readonly number[], newShape: Shape): number[] | null {
  if (oldShape.length === 0) return newShape.map(() => 1);
  const numel = oldShape.reduce((a, b) => a * b, 1);
  if (numel === 0 && oldShape.join() === newShape.join()) return oldStride.slice();
  const out = new Array<number>(newShape.length);
  if (numel === 0) {
    for (let d = newShape.length - 1; d >= 0; d--) {
      out[d] = d === newShape.length - 1 ? 1 : Math.max(newShape[d + 1], 1) * out[d + 1];
    }
    return out;
  }
  let viewD = newShape.length - 1;
  let chunkBase = oldStride[oldStride.length - 1];
  let tensorNumel = 1, viewNumel = 1;
  for (let d = oldShape.length - 1; d >= 0; d--) {
    tensorNumel *= oldShape[d];
    // a chunk ends where the next-outer dim does not continue it
    if (d === 0 || (oldShape[d - 1] !== 1 && oldStride[d - 1] !== tensorNumel * chunkBase)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
        out[viewD] = viewNumel * chunkBase;
        viewNumel *= newShape[viewD];
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (d > 0) {
        chunkBase = oldStride[d - 1];
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  return viewD === -1 ? out : null;
}

/** Strides after expand to `out` (PyTorch's inferExpandGeometry): broadcast dims get stride 0. */
export function expandStrides(shape: Shape, strides: readonly number[], out: Shape): number[] {
  const lead = out.length - shape.length;
  return out.map((s, i) => (i < lead ? 0 : shape[i - lead] === 1 && s !== 1 ? 0 : strides[i - lead]));
}

/** Strides after unsqueeze at dim k (PyTorch's inferUnsqueezeGeometry). */
export function unsqueezeStrides(shape: Shape, strides: readonly number[], k: number): number[] {
  const out = strides.slice();
  out.splice(k, 0, k >= shape.length ? 1 : shape[k] * strides[k]);
  return out;
}

/** Whether the layout covers its elements exactly once (clone keeps such a layout, as PyTorch's preserve_format). */
export function nonOverlappingAndDense(shape: Shape, strides: readonly number[]): boolean {
  const dims = shape.map((_, i) => i).filter((i) => shape[i] !== 1).sort((a, b) => strides[a] - strides[b]);
  let expected = 1;
  for (const d of dims) {
    if (strides[d] !== expected) return false;
    expected *= shape[d];
  }
  return true;
}
