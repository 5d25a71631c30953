// PyTorch's "Defining new autograd functions" example, line for line: fit
// y = a + b * P3(c + d * x) to sin(x), where P3, the Legendre polynomial of degree 3, is a
// torch.autograd.Function with its own forward and backward. It prints PyTorch's losses
// (test/autograd-function.test.ts compares them with PyTorch's, from
// scripts/gen_function_fixtures.py).
//
//   npx tsx examples/legendre-function.ts [--device wasm|js]

import * as torch from '../src/index.js';

const deviceArg = process.argv.indexOf('--device');
if (deviceArg > 0) torch.set_default_device(process.argv[deviceArg + 1] as torch.DeviceName);

class LegendrePolynomial3 extends torch.autograd.Function {
  /**
   * In the forward pass we receive a Tensor containing the input and return a Tensor
   * containing the output. ctx is a context object that can be used to stash information
   * for backward computation.
   */
  static forward(ctx: torch.autograd.FunctionCtx, input: torch.Tensor): torch.Tensor {
    ctx.save_for_backward(input);
    return input.pow(3).mul(5).sub(input.mul(3)).mul(0.5);
  }

  /**
   * In the backward pass we receive a Tensor containing the gradient of the loss with
   * respect to the output, and we need to compute the gradient of the loss with respect
   * to the input.
   */
  static backward(ctx: torch.autograd.FunctionCtx, grad_output: torch.Tensor): torch.Tensor {
    const [input] = ctx.saved_tensors;
    return grad_output.mul(1.5).mul(input!.pow(2).mul(5).sub(1));
  }
}

// Create Tensors to hold input and outputs.
const x = torch.linspace(-Math.PI, Math.PI, 2000);
const y = torch.sin(x);

// Create random Tensors for weights. For this example, we need 4 weights:
// y = a + b * P3(c + d * x); these weights need to be initialized not too far from the
// correct result to ensure convergence. requires_grad: true means we want the gradients.
const a = torch.full([], 0.0, { requires_grad: true });
const b = torch.full([], -1.0, { requires_grad: true });
const c = torch.full([], 0.0, { requires_grad: true });
const d = torch.full([], 0.3, { requires_grad: true });

const learning_rate = 5e-6;
for (let t = 0; t < 2000; t++) {
  torch.tidy(() => {
    // To apply our Function, we use Function.apply and alias it as `P3`.
    const P3 = LegendrePolynomial3.apply;

    // Forward pass: compute predicted y using operations; we compute P3 using our custom
    // autograd operation.
    const y_pred = a.add(b.mul(P3(c.add(d.mul(x)))));

    // Compute and print loss
    const loss = y_pred.sub(y).pow(2).sum();
    if (t % 100 === 99) console.log(t, loss.item());

    // Use autograd to compute the backward pass.
    loss.backward();

    // Update weights using gradient descent
    torch.no_grad(() => {
      for (const p of [a, b, c, d]) {
        p.sub_(p.grad!.mul(learning_rate));
        p.grad = null;
      }
    });
  });
}

console.log(`Result: y = ${a.item()} + ${b.item()} * P3(${c.item()} + ${d.item()} x)`);
