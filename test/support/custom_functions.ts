// The torch.autograd.Function subclasses of scripts/custom_functions.py, in wasmgrad: the
// fixture cases 'autograd.Function/*' call them (support/cases.ts).

import { torch } from './torch.js';

type Ctx = torch.autograd.FunctionCtx;

/** PyTorch's example: P3(x) = (5x³ − 3x) / 2, its derivative 1.5 (5x² − 1). */
export class LegendrePolynomial3 extends torch.autograd.Function {
  static forward(ctx: Ctx, input: torch.Tensor): torch.Tensor {
    ctx.save_for_backward(input);
    return input.pow(3).mul(5).sub(input.mul(3)).mul(0.5);
  }
  static backward(ctx: Ctx, grad_output: torch.Tensor): torch.Tensor {
    const [input] = ctx.saved_tensors;
    return grad_output.mul(1.5).mul(input!.pow(2).mul(5).sub(1));
  }
}

/** x * y * alpha + y; y's gradient comes back in the broadcast shape, for the engine to sum. */
export class MulAdd extends torch.autograd.Function {
  static forward(ctx: Ctx, x: torch.Tensor, y: torch.Tensor, alpha: number): torch.Tensor {
    ctx.save_for_backward(x, y);
    ctx.alpha = alpha;
    return x.mul(y).mul(alpha).add(y);
  }
  static backward(ctx: Ctx, g: torch.Tensor): (torch.Tensor | null)[] {
    const [x, y] = ctx.saved_tensors;
    const alpha = ctx.alpha as number;
    return [g.mul(y!).mul(alpha), g.mul(x!).mul(alpha).add(g), null];
  }
}
