// F.conv3d / F.conv_transpose3d (helper conv3d), composed of the 2-D convolution family and
// F.unfold / F.fold along the depth, after conv.ts / conv_transpose.ts have checked the arguments
// as PyTorch does. Every step records, so the input, weight and bias gradients (and create_graph,
// to any order) are those of the 2-D ops; the result's node is CloneBackward0 / AddBackward0
// rather than PyTorch's one ConvolutionBackward0 (docs/api.md).
//
//   conv3d:  the kd depth taps of each output slice become channels (unfold with a (kd, 1) kernel
//            over [N, C, D, H·W]: channel c·kd + i), the OD slices join the batch, and one conv2d
//            by the weight viewed [O, C/g·kd, kh, kw] (the same channel order) convolves H and W.
//   conv_transpose3d: each input slice is conv_transpose2d-ed by the weight viewed
//            [C_in, C_out/g·kd, kh, kw] (output channel co·kd + i: tap i of channel co), then the
//            taps are summed into their output slices by fold with a (kd, 1) kernel; fold runs
//            unpadded and F.pad crops the padding (and adds output_padding's zeros) in depth.

import { Tensor } from '../tensor.js';
import { tidy } from '../memory.js';
import { unfold, fold } from './fold.js';
import { pad } from './gather_scatter.js';
import { conv2d } from './conv.js';
import { conv_transpose2d } from './conv_transpose.js';

/** The 3-D convolution of x [N, C, D, H, W] by w [O, C/groups, kd, kh, kw] (+ bias) into outShape, arguments checked. */
export function conv3dComposed(x: Tensor, w: Tensor, bias: Tensor | null, stride: number[], padding: number[], dilation: number[],
  groups: number, outShape: number[]): Tensor {
  return tidy(() => {
    const [N, C, D, H, W] = x._shape, [O, Cg, kd, kh, kw] = w._shape, [, , OD, OH, OW] = outShape;
    const cols = unfold(x.reshape(N, C, D, H * W), [kd, 1], [dilation[0], 1], [padding[0], 0], [stride[0], 1]);
    const slices = cols.reshape(N, C * kd, OD, H, W).permute(0, 2, 1, 3, 4).reshape(N * OD, C * kd, H, W);
    const y = conv2d(slices, w.reshape(O, Cg * kd, kh, kw), bias, stride.slice(1), padding.slice(1), dilation.slice(1), groups);
    return y.reshape(N, OD, O, OH, OW).permute(0, 2, 1, 3, 4).contiguous();
  });
}

/**
 * The 3-D transposed convolution of x [N, C_in, D, H, W] by w [C_in, C_out/groups, kd, kh, kw]
 * (+ bias) into outShape [N, C_out, OD, OH, OW], arguments checked.
 */
export function convTranspose3dComposed(x: Tensor, w: Tensor, bias: Tensor | null, stride: number[], padding: number[],
  outputPadding: number[], dilation: number[], groups: number, outShape: number[]): Tensor {
  return tidy(() => {
    const [N, Cin, D, H, W] = x._shape, [, Cog, kd, kh, kw] = w._shape, [, Cout, OD, OH, OW] = outShape;
    const slices = x.permute(0, 2, 1, 3, 4).reshape(N * D, Cin, H, W);
    const y = conv_transpose2d(slices, w.reshape(Cin, Cog * kd, kh, kw), null, stride.slice(1), padding.slice(1),
      outputPadding.slice(1), groups, dilation.slice(1)); // [N·D, C_out·kd, OH, OW]
    const taps = y.reshape(N, D, Cout, kd, OH, OW).permute(0, 2, 4, 5, 3, 1).reshape(N, Cout * OH * OW * kd, D);
    // the unpadded depth (D − 1)·sd + dd·(kd − 1) + 1, cropped by the padding and extended by output_padding
    const full = (D - 1) * stride[0] + dilation[0] * (kd - 1) + 1;
    const summed = fold(taps, [full, 1], [kd, 1], [dilation[0], 1], 0, [stride[0], 1]); // [N, C_out·OH·OW, full, 1]
    const depth = pad(summed, [0, 0, -padding[0], OD - full + padding[0]]);
    const out = depth.reshape(N, Cout, OH, OW, OD).permute(0, 1, 4, 2, 3).contiguous();
    return bias ? out.add(bias.reshape(1, Cout, 1, 1, 1)) : out;
  });
}
