// The benchmark table of docs/benchmarks.md: each workload on the wasm and js
// devices in ONE run (the machine is shared and noisy: compare ratios within a
// run), with benchmark.js. Runs against the built package (dist/).
//
//   npm run build && npm run bench            prints the table
//   npm run bench -- --only mlp               one workload
//   npm run bench -- --only threads           the 1- vs 2-thread table alone
//
// Each figure is the median of benchmark.js's samples (± its relative error of the mean).
// The same run probes the machine's f32x4 mul+add peak and memory bandwidth
// (bench/limits.mjs); "of limit" is the share of that limit a row reaches:
// peak GFLOP/s for products, and for the memory-bound rows the time the
// least traffic the op must make would take at the measured bandwidth.
//
// Targets are those of issues 2 and 9; "target" is judged on the wasm device.
import Benchmark from 'benchmark';
import * as torch from '../dist/index.js';
import { probeLimits } from './limits.mjs';

const F = torch.nn.functional;
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;

/** 100 steps of x = x*w + b on 1-element tensors: 200 tiny ops. */
function tinyChain(device) {
  const w = torch.tensor([0.999], { device, requires_grad: true });
  const b = torch.tensor([0.001], { device, requires_grad: true });
  const N = 100;
  const run = () => {
    let x = torch.tensor([1.0], { device });
    for (let i = 0; i < N; i++) x = x.mul(w).add(b);
    return x;
  };
  return { w, b, run, ops: 2 * N };
}

const MB = 1e6;
/** Seconds to move `bytes` at the probed bandwidth of kernels with `streams` arrays. */
const memSeconds = (bytes, streams) => (lim) => bytes / ((streams === 3 ? lim.bw3 : lim.bw2) * 1e9);
/** Seconds for `flops` at the probed mul+add peak. */
const peakSeconds = (flops) => (lim) => flops / (lim.peakGflops * 1e9);

/** A unary op over 1e6 floats: reads 4 MB, writes 4 MB. */
function unaryWorkload(id, op, target, input = (a) => a) {
  return {
    id, name: `\`${id}\` over 1e6 floats`, target, limit: memSeconds(8 * MB, 2),
    setup(device) {
      torch.manual_seed(0);
      const a = input(torch.randn([1_000_000], { device }));
      return { per: 1, unit: 'ms', scale: 1e3, fn: () => torch.tidy(() => { op(a); }) };
    },
  };
}

/** A row-wise op over 1024×1024 logits (softmax family). */
function rowsWorkload(id, name, op, target) {
  return {
    id, name, target, limit: memSeconds(8 * MB, 2),
    setup(device) {
      torch.manual_seed(0);
      const x = torch.randn([1024, 1024], { device });
      return { per: 1, unit: 'ms', scale: 1e3, fn: () => torch.tidy(() => { op(x); }) };
    },
  };
}

/** PyTorch's Legendre example as a torch.autograd.Function (examples/legendre-function.ts). */
class LegendreP3 extends torch.autograd.Function {
  static forward(ctx, input) { ctx.save_for_backward(input); return input.pow(3).mul(5).sub(input.mul(3)).mul(0.5); }
  static backward(ctx, g) { const [input] = ctx.saved_tensors; return g.mul(1.5).mul(input.pow(2).mul(5).sub(1)); }
}

/** One classifier training step, timed in ms: zero_grad, cross-entropy forward and backward, the optimizer's step. */
const trainingStep = (model, opt, x, y) => ({
  per: 1, unit: 'ms', scale: 1e3,
  fn: () => torch.tidy(() => {
    opt.zero_grad();
    F.cross_entropy(model.forward(x), y).backward();
    opt.step();
  }),
});

/** Each workload: setup(device) returns { fn, per, unit } — fn is timed, per divides the time. */
const workloads = [
  {
    id: 'tiny', name: 'tiny op forward (`x = x*w + b`, 1 element)', target: '≤ 0.5 µs/op',
    setup(device) {
      const chain = tinyChain(device);
      return { per: chain.ops, unit: 'µs/op', scale: 1e6, fn: () => torch.tidy(() => { torch.no_grad(chain.run); }) };
    },
  },
  {
    id: 'tiny-backward', name: 'tiny op forward + backward', target: '≤ 1.5 µs/op',
    setup(device) {
      const chain = tinyChain(device);
      return {
        per: chain.ops, unit: 'µs/op', scale: 1e6,
        fn: () => torch.tidy(() => {
          chain.run().backward();
          chain.w.grad = null;
          chain.b.grad = null;
        }),
      };
    },
  },
  // a torch.autograd.Function's node against the same formula built in: the difference is
  // what the sweep's call out to JS (and the Function's own bookkeeping) costs per node
  ...[['function', 'torch.autograd.Function', true], ['function-inline', 'the same formula built in', false]].map(([id, what, custom]) => ({
    id, name: `Legendre P3 forward + backward, 1 element, ${what}`, target: '—',
    setup(device) {
      const x = torch.tensor([0.3], { device, requires_grad: true });
      const P3 = LegendreP3.apply;
      const inline = (t) => t.pow(3).mul(5).sub(t.mul(3)).mul(0.5);
      return {
        per: 1, unit: 'µs', scale: 1e6,
        fn: () => torch.tidy(() => { (custom ? P3(x) : inline(x)).sum().backward(); x.grad = null; }),
      };
    },
  })),
  {
    id: 'seed', name: "seed example forward + backward (logistic regression)", target: '≤ 10 µs',
    setup(device) {
      const y = torch.tensor([1.0], { device }), x1 = torch.tensor([1.3], { device });
      const w1 = torch.tensor([2.0], { device, requires_grad: true });
      const b1 = torch.tensor([0.5], { device, requires_grad: true });
      return {
        per: 1, unit: 'µs', scale: 1e6,
        fn: () => torch.tidy(() => {
          const loss = F.binary_cross_entropy(torch.sigmoid(w1.mul(x1).add(b1)), y);
          loss.backward();
          w1.grad = null;
          b1.grad = null;
        }),
      };
    },
  },
  ...[256, 1024].map((n) => ({
    id: `matmul${n}`, name: `matmul ${n}×${n} float32 (\`torch.mm\`)`, target: '≥ 50 GFLOP/s', limit: peakSeconds(2 * n ** 3),
    setup(device) {
      torch.manual_seed(0);
      const a = torch.randn([n, n], { device }), b = torch.randn([n, n], { device });
      return { per: 1, unit: 'GFLOP/s', flops: 2 * n ** 3, fn: () => torch.tidy(() => { torch.mm(a, b); }) };
    },
  })),
  {
    // gemm flops: layer 1 forward and weight gradient (x needs no gradient), layer 2 forward and both gradients
    id: 'mlp', name: 'MLP 784-256-10 training step (ReLU, batch 64, cross-entropy, SGD)', target: '≤ 1.2 ms',
    limit: peakSeconds(2 * 2 * 64 * 784 * 256 + 3 * 2 * 64 * 256 * 10),
    setup(device) {
      torch.manual_seed(0);
      torch.set_default_device(device);
      const model = new torch.nn.Sequential(new torch.nn.Linear(784, 256), new torch.nn.ReLU(), new torch.nn.Linear(256, 10));
      const opt = new torch.optim.SGD(model.parameters(), { lr: 0.01 });
      const x = torch.randn([64, 784]);
      const y = torch.tensor(Array.from({ length: 64 }, (_, i) => i % 10), { dtype: 'int64' });
      torch.set_default_device('wasm');
      return trainingStep(model, opt, x, y);
    },
  },
  {
    // issue 9's CNN step (helper examples). flops: conv1 forward and weight gradient (x needs none),
    // conv2 forward, input and weight gradients, the linear layer's three products: ≈ 191 MFLOP
    id: 'cnn', name: 'CNN training step (conv 1→16, 16→32, 3×3 pad 1, ReLU, max-pool 2 each; linear; batch 32, 28×28, cross-entropy, SGD)',
    target: '≤ 6 ms', limit: peakSeconds(2 * 2 * 32 * 784 * 16 * 9 + 3 * 2 * 32 * 196 * 32 * 16 * 9 + 3 * 2 * 32 * 1568 * 10),
    setup(device) {
      torch.manual_seed(0);
      const { nn } = torch;
      const model = new nn.Sequential(new nn.Conv2d(1, 16, 3, { padding: 1, device }), new nn.ReLU(), new nn.MaxPool2d(2),
        new nn.Conv2d(16, 32, 3, { padding: 1, device }), new nn.ReLU(), new nn.MaxPool2d(2), new nn.Flatten(), new nn.Linear(32 * 7 * 7, 10, { device }));
      const opt = new torch.optim.SGD(model.parameters(), { lr: 0.01 });
      const x = torch.randn([32, 1, 28, 28], { device });
      const y = torch.tensor(Array.from({ length: 32 }, (_, i) => i % 10), { dtype: 'int64', device });
      return trainingStep(model, opt, x, y);
    },
  },
  {
    // gemm flops: the input projection (forward, weight gradient: x needs none) and the recurrent
    // product (forward and both gradients) over T steps: 2·T·B·4H·(2·in + 3·H)
    id: 'lstm', name: 'LSTM 64→128 forward + backward (seq 32, batch 16, `nn.LSTM`)', target: '—',
    limit: peakSeconds(2 * 32 * 16 * 4 * 128 * (2 * 64 + 3 * 128)),
    setup(device) {
      torch.manual_seed(0);
      const lstm = new torch.nn.LSTM(64, 128, { device });
      const x = torch.randn([32, 16, 64], { device });
      return {
        per: 1, unit: 'ms', scale: 1e3,
        fn: () => torch.tidy(() => {
          const [out] = lstm.call(x);
          out.sum().backward();
          lstm.zero_grad();
        }),
      };
    },
  },
  unaryWorkload('sigmoid', (a) => a.sigmoid(), '≤ 0.4 ms'),
  unaryWorkload('tanh', (a) => a.tanh(), '≤ 0.4 ms'),
  unaryWorkload('exp', (a) => a.exp(), '≤ 0.4 ms'),
  unaryWorkload('gelu', (a) => F.gelu(a), '≤ 0.4 ms'),
  unaryWorkload('gelu_tanh', (a) => F.gelu(a, { approximate: 'tanh' }), '≤ 0.4 ms'),
  unaryWorkload('silu', (a) => F.silu(a), '—'),
  unaryWorkload('softplus', (a) => F.softplus(a), '—'),
  unaryWorkload('erf', (a) => a.erf(), '—'),
  unaryWorkload('expm1', (a) => a.expm1(), '—'),
  unaryWorkload('log1p', (a) => a.log1p(), '—', (a) => a.abs()),
  // issue 9's sin, cos, pow (h-simd2)
  unaryWorkload('sin', (a) => a.sin(), '—'),
  unaryWorkload('cos', (a) => a.cos(), '—'),
  unaryWorkload('pow', (a) => a.pow(2.5), '—', (a) => a.abs()),
  rowsWorkload('softmax', 'softmax rows 1024×1024', (x) => F.softmax(x, 1), '≤ 0.5 ms'),
  rowsWorkload('log_softmax', 'log_softmax rows 1024×1024', (x) => F.log_softmax(x, 1), '≤ 0.5 ms'),
  rowsWorkload('logsumexp', 'logsumexp rows 1024×1024', (x) => torch.logsumexp(x, 1), '—'),
  rowsWorkload('softmax_dim0', 'softmax over dim 0 of 1024×1024 (strided)', (x) => F.softmax(x, 0), '—'),
  {
    // the least traffic: read the logits once, write their gradient once
    id: 'cross_entropy', name: 'cross_entropy 1024×1024 forward + backward', target: '≤ 1.5 ms', limit: memSeconds(8 * MB, 2),
    setup(device) {
      torch.manual_seed(0);
      const x = torch.randn([1024, 1024], { device, requires_grad: true });
      const y = torch.tensor(Array.from({ length: 1024 }, (_, i) => (i * 37) % 1024), { dtype: 'int64', device });
      return {
        per: 1, unit: 'ms', scale: 1e3,
        fn: () => torch.tidy(() => {
          F.cross_entropy(x, y).backward();
          x.grad = null;
        }),
      };
    },
  },
  {
    // x[i] = row one row at a time (issue 6): the positions written come from x's shape and strides,
    // O(row), not from an index over all of x's 1e6 positions
    id: 'index-put-row', name: '`x.index_put_([i], row)`: one row of a 1024×1024 matrix', target: '—',
    setup(device) {
      const x = torch.zeros([1024, 1024], { device }), row = torch.ones([1024], { device });
      let i = 0;
      return { per: 1, unit: 'µs', scale: 1e6, fn: () => torch.tidy(() => { x.index_put_([i++ % 1024], row); }) };
    },
  },
  {
    id: 'elementwise', name: 'elementwise `a*b + a` over 1e6 floats', target: '≤ 0.3 ms', limit: memSeconds(12 * MB, 3),
    setup(device) {
      torch.manual_seed(0);
      const a = torch.randn([1_000_000], { device }), b = torch.randn([1_000_000], { device });
      return { per: 1, unit: 'ms', scale: 1e3, fn: () => torch.tidy(() => { a.mul(b).add(a); }) };
    },
  },
];

function measure(w, device) {
  const { fn, per, unit, scale, flops } = w.setup(device);
  // warm the JIT (wasm tiers up when hot), for at most a second on slow workloads
  const t0 = performance.now();
  for (let i = 0; i < 20 && performance.now() - t0 < 1000; i++) fn();
  return new Promise((resolve) => {
    const bench = new Benchmark(`${w.id} ${device}`, fn, { minSamples: 20, maxTime: 3 });
    bench.on('complete', () => {
      // the median, not the mean: a slow spell of the shared machine drags a mean down
      const sorted = bench.stats.sample.slice().sort((x, y) => x - y);
      const seconds = sorted[Math.floor(sorted.length / 2)];
      const value = flops ? flops / seconds / 1e9 : (seconds * scale) / per;
      resolve({ value, unit, seconds: seconds / per, rme: bench.stats.rme });
    });
    bench.run();
  });
}

const fmt = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3));

const limits = await probeLimits();
const limitRows = [
  `| f32x4 mul+add peak (12 independent chains) | ${fmt(limits.peakGflops)} GFLOP/s |`,
  `| memory bandwidth, 2 streams in + 1 out, 1e6 floats each | ${fmt(limits.bw3)} GB/s |`,
  `| memory bandwidth, 1 stream in + 1 out, 1e6 floats each | ${fmt(limits.bw2)} GB/s |`,
];
limitRows.forEach((r) => console.error(r));

/** The share of its limit a measurement reaches (1 = at the limit). */
const ofLimit = (w, m) => (w.limit ? `${fmt((100 * w.limit(limits)) / m.seconds)}%` : "—");

const rows = [];
for (const w of workloads) {
  if (only && w.id !== only) continue;
  const wasm = await measure(w, 'wasm');
  const js = await measure(w, 'js');
  const faster = wasm.unit === 'GFLOP/s' ? wasm.value / js.value : js.value / wasm.value;
  rows.push(`| ${w.name} | ${fmt(wasm.value)} ${wasm.unit} (±${wasm.rme.toFixed(0)}%) | ${ofLimit(w, wasm)} | ${fmt(js.value)} ${js.unit} (±${js.rme.toFixed(0)}%) | ${ofLimit(w, js)} | ${faster.toFixed(1)}× | ${w.target} |`);
  console.error(rows[rows.length - 1]);
}

// Threads (torch.set_num_threads, helper threads): matmul 1024 and the MLP step on the wasm device
// on 1 and 2 threads, alternated twice in this run (the better median of each kept), with the ratio
const threadRows = [];
for (const w of workloads.filter((x) => ['matmul1024', 'mlp'].includes(x.id))) {
  if (only && only !== w.id && only !== 'threads') continue;
  const best = { 1: null, 2: null };
  for (let pass = 0; pass < 2; pass++) {
    for (const n of [1, 2]) {
      await torch.set_num_threads(n);
      const m = await measure(w, 'wasm');
      if (!best[n] || m.seconds < best[n].seconds) best[n] = m;
    }
  }
  await torch.set_num_threads(1);
  const [one, two] = [best[1], best[2]];
  const target = w.id === 'mlp' ? '≤ 0.8 ms' : '≥ 1.8× one thread';
  threadRows.push(`| ${w.name}, 2 threads | ${fmt(one.value)} ${one.unit} (±${one.rme.toFixed(0)}%) | ${fmt(two.value)} ${two.unit} (±${two.rme.toFixed(0)}%) | ${(one.seconds / two.seconds).toFixed(2)}× | ${target} |`);
  console.error(threadRows[threadRows.length - 1]);
}

console.log(`\nNode ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`);
console.log('| limit | measured |');
console.log('|---|---|');
for (const r of limitRows) console.log(r);
console.log('');
console.log('| workload | wasm | of limit | js | of limit | wasm speed-up | target (wasm) |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
if (threadRows.length) {
  console.log('');
  console.log('| workload (wasm) | 1 thread | 2 threads | 2 threads vs 1 | target |');
  console.log('|---|---|---|---|---|');
  for (const r of threadRows) console.log(r);
}
