// The seed example (logistic regression, one step) as every consumer host runs
// it: one line of what it prints, to compare with PyTorch's fixtures.
// `device` undefined runs on the default device and names it.
export function seed(torch, device) {
  const F = torch.nn.functional;
  const y = torch.tensor([1.0], { device });
  const x1 = torch.tensor([1.3], { device });
  const w1 = torch.tensor([2.0], { device, requires_grad: true });
  const b1 = torch.tensor([0.5], { device, requires_grad: true });
  const z1 = w1.mul(x1).add(b1);
  const y_hat = torch.sigmoid(z1);
  const loss = F.binary_cross_entropy(y_hat, y);
  const [grad_w1] = torch.autograd.grad(loss, w1, { retain_graph: true });
  loss.backward();
  return [z1.device, `${z1}`, `${y_hat}`, `${loss}`, loss.item(), `${grad_w1}`, `${w1.grad}`, `${b1.grad}`].join(' | ');
}
