import { it } from 'vitest';
import { torch } from './support/torch.js';
it('x', () => {
  for (const device of ['wasm', 'js'] as const) {
    const base = torch.arange(6, { device, dtype: torch.float32 });
    const p1 = base.narrow(0, 0, 3).detach().requires_grad_();
    const p2 = base.narrow(0, 3, 3).detach().requires_grad_();
    const opt = new torch.optim.SGD([p1, p2], { lr: 0.5 });
    p1.sum().add(p2.sum().mul(2)).backward();
    opt.step();
    console.log(device, 'base', Array.from(base.dataSync()), 'p1', Array.from(p1.dataSync()));
    torch.no_grad(() => p2.mul_(10));
    console.log(device, 'after p2.mul_', Array.from(base.dataSync()), 'p1', Array.from(p1.dataSync()), 'p2', Array.from(p2.dataSync()));
  }
});
