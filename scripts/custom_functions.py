"""torch.autograd.Function subclasses the fixture generators record, each a Tensor method so a
fixture case can call it (test/support/custom_functions.ts writes the same ones in wasmgrad).

LegendrePolynomial3 is PyTorch's own example (the "Defining new autograd functions" tutorial);
MulAdd has two tensor inputs and a number, saves two tensors, returns None for the number and,
for y, a gradient of the broadcast shape that PyTorch's engine sums back to y's shape.
"""

import torch


class LegendrePolynomial3(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input):
        ctx.save_for_backward(input)
        return 0.5 * (5 * input ** 3 - 3 * input)

    @staticmethod
    def backward(ctx, grad_output):
        input, = ctx.saved_tensors
        return grad_output * 1.5 * (5 * input ** 2 - 1)


class MulAdd(torch.autograd.Function):
    """x * y * alpha + y, y broadcast over x's leading dims."""

    @staticmethod
    def forward(ctx, x, y, alpha):
        ctx.save_for_backward(x, y)
        ctx.alpha = alpha
        return x * y * alpha + y

    @staticmethod
    def backward(ctx, g):
        x, y = ctx.saved_tensors
        return g * y * ctx.alpha, g * x * ctx.alpha + g, None


torch.Tensor.__legendre_p3__ = lambda self: LegendrePolynomial3.apply(self)
torch.Tensor.__mul_add_fn__ = lambda self, y, alpha: MulAdd.apply(self, y, alpha)
