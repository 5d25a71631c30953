// The seed notebook (shared/seed-pytorch-autograd.md), line for line:
// logistic regression forward pass, then the gradients of the loss two ways,
// with torch.autograd.grad() and with backward().
//
//   npx tsx examples/logistic-regression.ts [--device wasm|js]

import * as torch from '../src/index.js';

const F = torch.nn.functional;
const grad = torch.autograd.grad;

const deviceArg = process.argv.indexOf('--device');
if (deviceArg > 0) torch.set_default_device(process.argv[deviceArg + 1] as torch.DeviceName);

// ## Logistic Regression Forward Pass (Initial Prediction)
{
  // true label
  const y = torch.tensor([1.0]);
  // input feature
  const x1 = torch.tensor([1.3]);
  // weight
  const w1 = torch.tensor([2.0]);
  // bias
  const b1 = torch.tensor([0.5]);

  // weighted sum
  const z1 = w1.mul(x1).add(b1);
  // sigmoid activation
  const y_hat = torch.sigmoid(z1);
  // binary cross-entropy loss
  const loss = F.binary_cross_entropy(y_hat, y);

  console.log(`Weighted sum (z1): ${z1}`);
  console.log(`Predicted value (y_hat): ${y_hat}`);
  console.log(`Loss: ${loss.item()}\n`);
}

// ## The same, with requires_grad=True for w and b
{
  const y = torch.tensor([1.0]);
  const x1 = torch.tensor([1.3]);
  const w1 = torch.tensor([2.0], { requires_grad: true });
  const b1 = torch.tensor([0.5], { requires_grad: true });
  const z1 = w1.mul(x1).add(b1);
  const y_hat = torch.sigmoid(z1);
  const loss = F.binary_cross_entropy(y_hat, y);

  // NOTE: retain_graph is needed here because we'll have to keep the "tracking info"
  const grad_L_w1 = grad(loss, w1, { retain_graph: true });
  const grad_L_b1 = grad(loss, b1, { retain_graph: true });

  console.log(`Partial gradient of loss with respect to w1: ${grad_L_w1[0]}`);
  console.log(`Partial gradient of loss with respect to b1: ${grad_L_b1[0]}`);

  // You can also use the .backward() method on the loss tensor to compute the gradients
  loss.backward();
  console.log(`Gradient of loss with respect to w1 using backward(): ${w1.grad}`);
  console.log(`Gradient of loss with respect to b1 using backward(): ${b1.grad}`);
}
