// The benchmark table of docs/benchmarks.md: each workload on the wasm and js
// devices in ONE run (the machine is shared and noisy: compare ratios within a
// run), with benchmark.js. Runs against the built package (dist/).
//
//   npm run build && npm run bench            prints the table
//   npm run bench -- --only mlp               one workload
//
// Each figure is the median of benchmark.js's samples (± its relative error of the mean).
//
// Targets are those of issue 2; "target" is judged on the wasm device.
import Benchmark from 'benchmark';
import * as torch from '../dist/index.js';

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
  {
    id: 'matmul', name: 'matmul 256×256 float32 (`torch.mm`)', target: '≥ 30 GFLOP/s (js ≥ 2)',
    setup(device) {
      torch.manual_seed(0);
      const a = torch.randn([256, 256], { device }), b = torch.randn([256, 256], { device });
      return { per: 1, unit: 'GFLOP/s', flops: 2 * 256 ** 3, fn: () => torch.tidy(() => { torch.mm(a, b); }) };
    },
  },
  {
    id: 'mlp', name: 'MLP 784-256-10 training step (ReLU, batch 64, cross-entropy, SGD)', target: '≤ 3 ms',
    setup(device) {
      torch.manual_seed(0);
      torch.set_default_device(device);
      const model = new torch.nn.Sequential(new torch.nn.Linear(784, 256), new torch.nn.ReLU(), new torch.nn.Linear(256, 10));
      const opt = new torch.optim.SGD(model.parameters(), { lr: 0.01 });
      const x = torch.randn([64, 784]);
      const y = torch.tensor(Array.from({ length: 64 }, (_, i) => i % 10), { dtype: 'int64' });
      torch.set_default_device('wasm');
      return {
        per: 1, unit: 'ms', scale: 1e3,
        fn: () => torch.tidy(() => {
          opt.zero_grad();
          F.cross_entropy(model.forward(x), y).backward();
          opt.step();
        }),
      };
    },
  },
  {
    id: 'elementwise', name: 'elementwise `a*b + a` over 1e6 floats', target: '≤ 0.8 ms',
    setup(device) {
      torch.manual_seed(0);
      const a = torch.randn([1_000_000], { device }), b = torch.randn([1_000_000], { device });
      return { per: 1, unit: 'ms', scale: 1e3, fn: () => torch.tidy(() => { a.mul(b).add(a); }) };
    },
  },
];

function measure(w, device) {
  const { fn, per, unit, scale, flops } = w.setup(device);
  for (let i = 0; i < 20; i++) fn(); // warm the JIT (wasm tiers up when hot)
  return new Promise((resolve) => {
    const bench = new Benchmark(`${w.id} ${device}`, fn, { minSamples: 20, maxTime: 3 });
    bench.on('complete', () => {
      // the median, not the mean: a slow spell of the shared machine drags a mean down
      const sorted = bench.stats.sample.slice().sort((x, y) => x - y);
      const seconds = sorted[Math.floor(sorted.length / 2)];
      const value = flops ? flops / seconds / 1e9 : (seconds * scale) / per;
      resolve({ value, unit, rme: bench.stats.rme });
    });
    bench.run();
  });
}

const fmt = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3));

const rows = [];
for (const w of workloads) {
  if (only && w.id !== only) continue;
  const wasm = await measure(w, 'wasm');
  const js = await measure(w, 'js');
  const faster = wasm.unit === 'GFLOP/s' ? wasm.value / js.value : js.value / wasm.value;
  rows.push(`| ${w.name} | ${fmt(wasm.value)} ${wasm.unit} (±${wasm.rme.toFixed(0)}%) | ${fmt(js.value)} ${js.unit} (±${js.rme.toFixed(0)}%) | ${faster.toFixed(1)}× | ${w.target} |`);
  console.error(rows[rows.length - 1]);
}

console.log(`\nNode ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`);
console.log('| workload | wasm | js | wasm speed-up | target (wasm) |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(r);
