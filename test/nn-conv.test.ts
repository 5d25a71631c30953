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
    it(`convolution records its gradients (values: higher-order.test.ts); avg pooling refuses, not silently zero, on ${device}`, () => {
      const x = torch.randn([1, 1, 4, 4], { requires_grad: true, device });
      const w = torch.randn([1, 1, 2, 2], { requires_grad: true, device });
      const y = torch.nn.functional.conv2d(x, w).pow(2).sum();
      const [gx, gw] = torch.autograd.grad([y], [x, w], { create_graph: true });
      // the input gradient is a transposed convolution, the weight gradient conv's own node
      expect(gx!.grad_fn?.name()).toBe('ConvolutionBackward0');
      expect(gw!.grad_fn?.name()).toBe('ConvolutionBackwardBackward0');
      const a = torch.nn.functional.avg_pool2d(x.pow(2), 2).sum();
      expect(() => torch.autograd.grad([a], [x], { create_graph: true })).toThrow();
      const z = torch.nn.functional.max_pool2d(x.pow(2), 2).sum();
      const [g2] = torch.autograd.grad([z], [x]);
      expect(g2!.shape).toEqual([1, 1, 4, 4]);
    });
  }
});
