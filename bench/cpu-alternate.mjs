// Median CPU time (process.cpuUsage, user + system) per call of a few rows, against one built package:
// less disturbed than wall time on a loaded machine. For before/after, alternate two builds:
//   node bench/cpu-alternate.mjs /path/to/base/dist wasm ce,bce; node bench/cpu-alternate.mjs "$PWD/dist" wasm ce,bce; ...
const torch = await import(process.argv[2] + '/index.js');
const F = torch.nn.functional;
const device = process.argv[3] || 'wasm';
const only = process.argv[4] ? process.argv[4].split(',') : null;
torch.manual_seed(0);
const xg = torch.randn([1024, 1024], { requires_grad: true, device });
const x = torch.randn([1024, 1024], { device });
const y = torch.tensor(Array.from({ length: 1024 }, (_, i) => (i * 37) % 1024), { dtype: 'int64', device });
const a = torch.randn([1_000_000], { device }), b = torch.randn([1_000_000], { device });
const prob = a.sigmoid(), half = torch.full([1_000_000], 0.3, { device });
const probg = prob.detach().requires_grad_();
let rows = {
  ce: () => { F.cross_entropy(xg, y).backward(); xg.grad = null; },
  ce_fwd: () => { F.cross_entropy(xg, y); },
  lsm_fwd: () => F.log_softmax(x, 1),
  elementwise: () => a.mul(b).add(a),
  bce: () => F.binary_cross_entropy(prob, half),
  bce_bwd: () => { F.binary_cross_entropy(probg, half).backward(); probg.grad = null; },
};
if (only) rows = Object.fromEntries(Object.entries(rows).filter(([k]) => only.includes(k)));
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const w0 = performance.now();
while (performance.now() - w0 < 3000) for (const fn of Object.values(rows)) torch.tidy(() => { fn(); });
const out = [];
for (const [name, fn] of Object.entries(rows)) {
  const t = [];
  for (let i = 0; i < 41; i++) { const t0 = cpu(); torch.tidy(() => { fn(); }); t.push(cpu() - t0); }
  t.sort((p, q) => p - q);
  out.push(`${name}=${t[20].toFixed(2)}`);
}
console.log(device, out.join(' '));
