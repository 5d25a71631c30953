// nn.Conv1d / nn.Conv2d / the pooling modules (helper conv): PyTorch 1.13's default init after
// manual_seed, repr and constructor errors (values printed by /usr/bin/python3 with torch 1.13).

import { describe, it, expect } from 'vitest';
import * as torch from '../src/index.js';

const { nn } = torch;

describe('convolution and pooling modules', () => {
  it('Conv2d initialises as PyTorch after manual_seed(0)', () => {
    torch.manual_seed(0);
    const c = new nn.Conv2d(2, 4, 3, { groups: 2 });
    expect(c.weight.shape).toEqual([4, 1, 3, 3]);
    const w = Array.from(c.weight.flatten().tolist() as number[]).slice(0, 4);
    const want = [-0.0024956068955361843, 0.17881453037261963, -0.2743483781814575, -0.24531301856040955];
    w.forEach((v, i) => expect(v).toBeCloseTo(want[i], 6));
    const b = c.bias!.tolist() as number[];
    [-0.19458016753196716, 0.2865327000617981, 0.14873945713043213, 0.16155752539634705].forEach((v, i) => expect(b[i]).toBeCloseTo(v, 6));
    expect(String(c)).toBe('Conv2d(2, 4, kernel_size=(3, 3), stride=(1, 1), groups=2)');
  });

  it('Conv1d without bias initialises as PyTorch and prints as PyTorch', () => {
    torch.manual_seed(0);
    const c = new nn.Conv1d(3, 2, 2, { stride: 2, bias: false });
    const w = (c.weight.flatten().tolist() as number[]).slice(0, 3);
    [-0.0030564817134290934, 0.21900218725204468, -0.3360067903995514].forEach((v, i) => expect(w[i]).toBeCloseTo(v, 6));
    expect(c.bias).toBeNull();
    expect(String(c)).toBe('Conv1d(3, 2, kernel_size=(2,), stride=(2,), bias=False)');
    expect(c.forward(torch.randn([4, 3, 8])).shape).toEqual([4, 2, 4]);
  });

  it('reprs and forward shapes', () => {
    expect(String(new nn.Conv2d(1, 8, 5, { padding: 'same', dilation: 2 }))).toBe('Conv2d(1, 8, kernel_size=(5, 5), stride=(1, 1), padding=same, dilation=(2, 2))');
    expect(String(new nn.Conv2d(1, 8, [3, 5], { stride: [2, 1], padding: 1 }))).toBe('Conv2d(1, 8, kernel_size=(3, 5), stride=(2, 1), padding=(1, 1))');
    expect(String(new nn.MaxPool2d(2))).toBe('MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)');
    expect(String(new nn.MaxPool2d([3, 2], { stride: 1, padding: 1, ceil_mode: true }))).toBe('MaxPool2d(kernel_size=(3, 2), stride=1, padding=1, dilation=1, ceil_mode=True)');
    expect(String(new nn.AvgPool2d(2))).toBe('AvgPool2d(kernel_size=2, stride=2, padding=0)');
    expect(String(new nn.AvgPool2d(3, { stride: 2, padding: 1, count_include_pad: false }))).toBe('AvgPool2d(kernel_size=3, stride=2, padding=1)');
    expect(String(new nn.AdaptiveAvgPool2d([2, 3]))).toBe('AdaptiveAvgPool2d(output_size=(2, 3))');
    expect(String(new nn.AdaptiveAvgPool2d(1))).toBe('AdaptiveAvgPool2d(output_size=1)');
    // an encoder and decoder: ConvTranspose2d undoes Conv2d's shape (output_size picks the output padding)
    const dec = new nn.ConvTranspose2d(2, 1, 3, { stride: 2, padding: 1 }), enc = new nn.Conv2d(1, 2, 3, { stride: 2, padding: 1 });
    expect(dec.forward(enc.forward(torch.randn([1, 1, 8, 8])), [8, 8]).shape).toEqual([1, 1, 8, 8]);
    const net = new nn.Sequential(new nn.Conv2d(1, 2, 3), new nn.MaxPool2d(2));
    expect(String(net)).toBe('Sequential(\n  (0): Conv2d(1, 2, kernel_size=(3, 3), stride=(1, 1))\n  (1): MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)\n)');
    const x = torch.randn([2, 1, 8, 8]);
    expect(net.forward(x).shape).toEqual([2, 2, 3, 3]);
    expect(new nn.AvgPool2d(2).forward(x).shape).toEqual([2, 1, 4, 4]);
    expect(new nn.AdaptiveAvgPool2d([2, 3]).forward(x).shape).toEqual([2, 1, 2, 3]);
  });

  it("refuses what PyTorch's constructors refuse", () => {
    expect(() => new nn.Conv2d(3, 4, 3, { groups: 2 })).toThrow('in_channels must be divisible by groups');
    expect(() => new nn.Conv2d(4, 3, 3, { groups: 2 })).toThrow('out_channels must be divisible by groups');
    expect(() => new nn.Conv2d(2, 2, 3, { padding: 'foo' as 'same' })).toThrow("Invalid padding string 'foo', should be one of {'same', 'valid'}");
    expect(() => new nn.Conv2d(2, 2, 3, { stride: 2, padding: 'same' })).toThrow("padding='same' is not supported for strided convolutions");
  });
});

describe('second derivatives through convolution and pooling', () => {
  for (const device of ['wasm', 'js'] as const) {
    it(`convolution records its gradients (values: higher-order.test.ts); avg pooling too (values: higher-order.test.ts) on ${device}`, () => {
      const x = torch.randn([1, 1, 4, 4], { requires_grad: true, device });
      const w = torch.randn([1, 1, 2, 2], { requires_grad: true, device });
      const y = torch.nn.functional.conv2d(x, w).pow(2).sum();
      const [gx, gw] = torch.autograd.grad([y], [x, w], { create_graph: true });
      // the input gradient is a transposed convolution, the weight gradient conv's own node
      expect(gx!.grad_fn?.name()).toBe('ConvolutionBackward0');
      expect(gw!.grad_fn?.name()).toBe('ConvolutionBackwardBackward0');
      const a = torch.nn.functional.avg_pool2d(x.pow(2), 2).sum();
      const [ga] = torch.autograd.grad([a], [x], { create_graph: true });
      expect(ga!.requires_grad && ga!.grad_fn !== null).toBe(true);
      const z = torch.nn.functional.max_pool2d(x.pow(2), 2).sum();
      const [g2] = torch.autograd.grad([z], [x]);
      expect(g2!.shape).toEqual([1, 1, 4, 4]);
    });
  }
});

describe('conv3d and conv_transpose3d: compositions of the 2-D family (helper conv3d)', () => {
  for (const device of ['wasm', 'js'] as const) {
    it(`pass gradcheck and gradgradcheck in float64 (create_graph works), on ${device}; values: nn-sampling.test.ts`, () => {
      torch.tidy(() => {
        torch.manual_seed(5);
        const o = { device, dtype: torch.float64 };
        const F = torch.nn.functional;
        const checks: [(...t: torch.Tensor[]) => torch.Tensor, torch.Tensor[]][] = [
          [(x, w, b) => F.conv3d(x, w, b, { stride: [2, 1, 1], padding: [1, 0, 1], dilation: [1, 2, 1] }),
            [torch.randn([1, 2, 3, 4, 3], o), torch.randn([2, 2, 2, 2, 2], o), torch.randn([2], o)]],
          [(x, w, b) => F.conv_transpose3d(x, w, b, { stride: 2, padding: [1, 0, 0], output_padding: [1, 0, 1] }),
            [torch.randn([1, 2, 2, 2, 2], o), torch.randn([2, 1, 2, 2, 2], o), torch.randn([1], o)]],
        ];
        for (const [fn, inputs] of checks) {
          const leaves = inputs.map((t) => t.requires_grad_());
          expect(torch.autograd.gradcheck(fn, leaves)).toBe(true);
          expect(torch.autograd.gradgradcheck(fn, leaves)).toBe(true);
        }
      });
    });

    it(`torch.conv3d / torch.conv_transpose3d are the F functions; nn.Conv3d / nn.ConvTranspose3d hold PyTorch's weight layouts, on ${device}`, () => {
      expect(torch.conv3d).toBe(torch.nn.functional.conv3d);
      expect(torch.conv_transpose3d).toBe(torch.nn.functional.conv_transpose3d);
      // values, repr and init: the module cases of nn-sampling.test.ts
      expect(new nn.Conv3d(4, 6, [1, 2, 3], { groups: 2, device }).weight.shape).toEqual([6, 2, 1, 2, 3]);
      expect(new nn.ConvTranspose3d(4, 6, [1, 2, 3], { groups: 2, device }).weight.shape).toEqual([4, 3, 1, 2, 3]);
      // PyTorch's slow kernels also convolve int64 (conv3d: int32 too); wasmgrad's 3-D path is float only and says so
      const i = torch.ones([1, 1, 2, 2, 2], { dtype: torch.int64, device });
      expect(() => torch.nn.functional.conv3d(i, i)).toThrow(torch.NotImplementedError);
      expect(() => torch.nn.functional.conv_transpose3d(i, i)).toThrow(torch.NotImplementedError);
    });

    it(`name the result's node after the composition's last step, not PyTorch's ConvolutionBackward0 (docs/api.md), on ${device}`, () => {
      const x = torch.randn([1, 2, 2, 2, 2], { requires_grad: true, device }), w = torch.randn([2, 2, 1, 1, 1], { device });
      // the output slices made contiguous again (the permute of [N, OD, O, OH, OW] to [N, O, OD, OH, OW])
      expect(torch.nn.functional.conv3d(x, w).grad_fn?.name()).toBe('CloneBackward0');
      expect(torch.nn.functional.conv_transpose3d(x, w, torch.zeros([2], { device })).grad_fn?.name()).toBe('AddBackward0');
    });
  }
});
