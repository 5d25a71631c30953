// TypeScript strict, CommonJS output: `import = require` types the CommonJS entry.
import torch = require('wasmgrad');

const t = torch.tensor([1.0, 2.0], { requires_grad: true });
const loss = t.mul(t).sum();
loss.backward();
const grad: torch.Tensor | null = t.grad;
console.log(JSON.stringify({ grad: `${grad}`, device: torch.get_default_device() }));
