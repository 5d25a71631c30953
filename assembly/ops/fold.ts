// F.unfold (Im2Col, node Im2ColBackward0) and F.fold (Col2Im, Col2ImBackward0) over
// conv's im2col kernel: each image [C, H, W] to its sliding blocks [C·kh·kw, L] and
// back (summing overlaps). Each op's derivative is the other, so create_graph records
// to any order. A 3-D unfold input or 2-D fold input is one unbatched image. The
// record keeps kh | kw << 16, sh | sw << 16 in i0, i1 and ph + pw·65536, dh + dw·65536
// in s0, s1; H and W come from the image side's shape.

import { Op, Err, DType } from '../../abi/abi';
import { newTensor, release, dataOf, ndimOf, shapePtr, dtypeOf, requiresGrad, dataBytes, elemShift } from '../tensors';
import { is_grad_enabled, newRecord, setInput, setParams } from '../tape';
import { SHAPE } from '../scratch';
import { im2col } from '../kernels/conv';

/**
 * Im2Col: x [(N,) C, H, W] to [(N,) C·kh·kw, L]; Col2Im: x [(N,) C·kh·kw, L] to [(N,) C, h, w].
 * The parameters as the record keeps them (validated by the front end); recorded when x requires grad.
 */
export function foldOp(op: i32, x: i32, i0: i32, i1: i32, s0: f64, s1: f64, h: i32, w: i32): i32 {
  const kh = i0 & 0xffff, kw = i0 >>> 16, sh = i1 & 0xffff, sw = i1 >>> 16;
  const pp = <i32>s0, dd = <i32>s1;
  const ph = pp & 0xffff, pw = pp >>> 16, dh = dd & 0xffff, dw = dd >>> 16;
  const toBlocks = op == Op.Im2Col, nd = ndimOf(x), xs = shapePtr(x), dtype = dtypeOf(x);
  const batched = toBlocks ? nd == 4 : nd == 3, b = batched ? 1 : 0;
  const N = batched ? load<i32>(xs) : 1, K = kh * kw;
  const C = toBlocks ? load<i32>(xs + (<usize>b << 2)) : load<i32>(xs + (<usize>b << 2)) / K;
  const H = toBlocks ? load<i32>(xs + (<usize>(b + 1) << 2)) : h, W = toBlocks ? load<i32>(xs + (<usize>(b + 2) << 2)) : w;
  const OH = (H + 2 * ph - dh * (kh - 1) - 1) / sh + 1, OW = (W + 2 * pw - dw * (kw - 1) - 1) / sw + 1;
  if (batched) store<i32>(SHAPE, N);
  const s = SHAPE + (<usize>b << 2);
  if (toBlocks) { store<i32>(s, C * K); store<i32>(s, OH * OW, 4); } else { store<i32>(s, C); store<i32>(s, H, 4); store<i32>(s, W, 8); }
  const out = newTensor(toBlocks ? b + 2 : b + 3, SHAPE, dtype);
  if (!out) return Err.OutOfMemory;
  if (!toBlocks) memory.fill(dataOf(out), 0, dataBytes(out));
  const sz = elemShift(dtype), img = <usize>C * H * W << sz, blocks = <usize>C * K * OH * OW << sz;
  const image = toBlocks ? dataOf(x) : dataOf(out), cols = toBlocks ? dataOf(out) : dataOf(x);
  for (let n = 0; n < N; n++) {
    if (dtype == DType.Float64) im2col<f64>(image + <usize>n * img, C, H, W, kh, kw, sh, sw, ph, pw, dh, dw, OH, OW, cols + <usize>n * blocks, !toBlocks);
    else im2col<f32>(image + <usize>n * img, C, H, W, kh, kw, sh, sw, ph, pw, dh, dw, OH, OW, cols + <usize>n * blocks, !toBlocks);
  }
  if (!is_grad_enabled() || !requiresGrad(x)) return out;
  const r = newRecord(op, 1, out);
  if (!r) { release(out); return Err.OutOfMemory; }
  setInput(r, 0, x);
  setParams(r, s0, s1, i0, i1);
  return out;
}

/** F.unfold / F.fold by op code; p: kh, kw, dh, dw, ph, pw, sh, sw, then fold's output size h, w. */
export function fold_op(op: i32, x: i32, p: usize): i32 {
  return foldOp(op, x, load<i32>(p) | (load<i32>(p, 4) << 16), load<i32>(p, 24) | (load<i32>(p, 28) << 16),
    <f64>load<i32>(p, 16) + <f64>load<i32>(p, 20) * 65536, <f64>load<i32>(p, 8) + <f64>load<i32>(p, 12) * 65536,
    load<i32>(p, 32), load<i32>(p, 36));
}
