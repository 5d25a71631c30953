// Issue 9's transcendental rows on the wasm device against one built package: median ms of 15
// calls after 8 s of warm-up, all rows on one line. For before/after on a shared machine, run it
// alternately against two builds (each a worktree with its own `npm run build`):
//
//   node bench/alternate.mjs /path/to/base/dist; node bench/alternate.mjs "$PWD/dist"; ... (repeat)
const torch = await import(process.argv[2] + '/index.js');
const F = torch.nn.functional;
torch.manual_seed(0);
const a = torch.randn([1_000_000]), pos = a.abs(), x = torch.randn([1024, 1024]);
const prob = a.sigmoid(), half = torch.full([1_000_000], 0.3);
const xg = torch.randn([1024, 1024], { requires_grad: true });
const y = torch.tensor(Array.from({ length: 1024 }, (_, i) => (i * 37) % 1024), { dtype: 'int64' });
const rows = {
  gelu: () => F.gelu(a), gelu_tanh: () => F.gelu(a, { approximate: 'tanh' }), silu: () => F.silu(a),
  softplus: () => F.softplus(a), erf: () => a.erf(), expm1: () => a.expm1(), log1p: () => pos.log1p(),
  logsumexp: () => torch.logsumexp(x, 1), softmax_dim0: () => F.softmax(x, 0), log_softmax_dim0: () => F.log_softmax(x, 0),
  cross_entropy: () => { F.cross_entropy(xg, y).backward(); xg.grad = null; },
  sigmoid: () => a.sigmoid(), sin: () => a.sin(), cos: () => a.cos(), pow: () => pos.pow(2.5),
  exp: () => a.exp(), tanh: () => a.tanh(), softmax: () => F.softmax(x, 1), mul: () => a.mul(a), elementwise: () => a.mul(pos).add(a),
  bce: () => F.binary_cross_entropy(prob, half), bce_logits: () => F.binary_cross_entropy_with_logits(a, half),
};
if (a.device !== 'wasm') throw new Error(a.device);
// warm up: wasm tiers up to TurboFan in the background (slow on a loaded machine)
const w0 = performance.now();
while (performance.now() - w0 < 8000) for (const fn of Object.values(rows)) torch.tidy(() => { fn(); });
const out = [];
for (const [name, fn] of Object.entries(rows)) {
  for (let i = 0; i < 3; i++) torch.tidy(() => { fn(); });
  const t = [];
  for (let i = 0; i < 15; i++) { const t0 = performance.now(); torch.tidy(() => { fn(); }); t.push(performance.now() - t0); }
  t.sort((p, q) => p - q);
  out.push(`${name}=${t[7].toFixed(2)}`);
}
console.log(out.join(' '));
