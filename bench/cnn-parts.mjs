// Where the time of bench/run.mjs's CNN training step goes (docs/benchmarks.md): each piece of the
// step timed alone on both devices, in one run. A gradient's time is (forward + autograd.grad) minus
// the forward alone, with only the tensor whose gradient is wanted requiring grad, so each backward
// kernel is timed by itself. Runs against the built package (dist/).
//
//   npm run build && node bench/cnn-parts.mjs
import * as torch from '../dist/index.js';
import { medianMs } from './limits.mjs';

const F = torch.nn.functional;

/** The median ms of 30 runs of fn, each inside tidy, after a warm-up. */
const median = (fn) => medianMs(() => torch.tidy(() => { fn(); }), 30);

/** The step's tensors: the batch, the two conv layers' weights, the activations each layer takes in. */
function setup(device) {
  torch.manual_seed(0);
  const { nn } = torch;
  const conv1 = new nn.Conv2d(1, 16, 3, { padding: 1, device }), conv2 = new nn.Conv2d(16, 32, 3, { padding: 1, device });
  const fc = new nn.Linear(32 * 7 * 7, 10, { device });
  const x = torch.randn([32, 1, 28, 28], { device });
  const y = torch.tensor(Array.from({ length: 32 }, (_, i) => i % 10), { dtype: 'int64', device });
  const h1 = torch.no_grad(() => conv1.call(x));                     // [32, 16, 28, 28]
  const p1 = torch.no_grad(() => F.max_pool2d(F.relu(h1), 2));       // [32, 16, 14, 14]
  const h2 = torch.no_grad(() => conv2.call(p1));                    // [32, 32, 14, 14]
  const p2 = torch.no_grad(() => F.max_pool2d(F.relu(h2), 2).flatten(1)); // [32, 1568]
  const model = new nn.Sequential(conv1, new nn.ReLU(), new nn.MaxPool2d(2), conv2, new nn.ReLU(), new nn.MaxPool2d(2), new nn.Flatten(), fc);
  const opt = new torch.optim.SGD(model.parameters(), { lr: 0.01 });
  return { conv1, conv2, fc, x, y, h1, p1, h2, p2, model, opt };
}

/** A fresh leaf copy of t requiring grad (the one tensor a gradient is asked of). */
const leaf = (t) => t.detach().clone().requires_grad_();
const detached = (t) => t.detach().clone();

/** [label, forward-only fn, forward + grad fn | null] per piece. */
function pieces(s) {
  const w1 = leaf(s.conv1.weight), w2 = leaf(s.conv2.weight), b1 = detached(s.conv1.bias), b2 = detached(s.conv2.bias);
  const p1g = leaf(s.p1), h1g = leaf(s.h1), h2g = leaf(s.h2), p2g = leaf(s.p2);
  const W1 = detached(s.conv1.weight), W2 = detached(s.conv2.weight);
  const g = (out, input) => torch.autograd.grad(out, [input], { grad_outputs: [torch.ones_like(out)] });
  return [
    ['conv1 forward (1→16, 28×28)', () => F.conv2d(s.x, W1, b1, 1, 1), null],
    ['conv1 weight grad', () => F.conv2d(s.x, w1, b1, 1, 1), () => g(F.conv2d(s.x, w1, b1, 1, 1), w1)],
    ['ReLU + max-pool 1 forward ([32, 16, 28, 28])', () => F.max_pool2d(F.relu(s.h1), 2), null],
    ['ReLU + max-pool 1 backward', () => F.max_pool2d(F.relu(h1g), 2), () => g(F.max_pool2d(F.relu(h1g), 2), h1g)],
    ['conv2 forward (16→32, 14×14)', () => F.conv2d(s.p1, W2, b2, 1, 1), null],
    ['conv2 input grad', () => F.conv2d(p1g, W2, b2, 1, 1), () => g(F.conv2d(p1g, W2, b2, 1, 1), p1g)],
    ['conv2 weight grad', () => F.conv2d(s.p1, w2, b2, 1, 1), () => g(F.conv2d(s.p1, w2, b2, 1, 1), w2)],
    ['ReLU + max-pool 2 forward ([32, 32, 14, 14])', () => F.max_pool2d(F.relu(s.h2), 2), null],
    ['ReLU + max-pool 2 backward', () => F.max_pool2d(F.relu(h2g), 2), () => g(F.max_pool2d(F.relu(h2g), 2), h2g)],
    ['linear + cross-entropy forward + backward', () => null, () => g(F.cross_entropy(F.linear(p2g, s.fc.weight.detach(), s.fc.bias.detach()), s.y), p2g)],
    ['SGD step (all parameters)', () => null, () => s.opt.step()],
  ];
}

const fmt = (ms) => (ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const results = {};
for (const device of ['wasm', 'js']) {
  const s = setup(device);
  for (const p of s.model.parameters()) p.grad = torch.zeros_like(p);
  const rows = pieces(s).map(([label, fwd, both]) => {
    const f = median(fwd);
    return [label, both ? Math.max(0, median(both) - f) : f];
  });
  const step = median(() => { s.opt.zero_grad(); F.cross_entropy(s.model.call(s.x), s.y).backward(); s.opt.step(); });
  results[device] = { rows, step };
}
console.log(`Node ${process.version}, ${new Date().toISOString().slice(0, 10)}: median ms\n`);
console.log('| piece of the CNN step | wasm | share | js | share |');
console.log('|---|---|---|---|---|');
results.wasm.rows.forEach(([label, ms], i) => {
  const js = results.js.rows[i][1];
  console.log(`| ${label} | ${fmt(ms)} | ${(100 * ms / results.wasm.step).toFixed(0)}% | ${fmt(js)} | ${(100 * js / results.js.step).toFixed(0)}% |`);
});
const sum = (d) => results[d].rows.reduce((a, [, ms]) => a + ms, 0);
console.log(`| sum of the pieces | ${fmt(sum('wasm'))} | | ${fmt(sum('js'))} | |`);
console.log(`| whole step (bench/run.mjs's CNN row, timed here) | ${fmt(results.wasm.step)} | 100% | ${fmt(results.js.step)} | 100% |`);
