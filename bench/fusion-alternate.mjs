// Deferred elementwise kernels (docs/benchmarks.md, "Elementwise chains"): two built packages in ONE
// process, alternated row by row and round by round, so the shared machine's load hits both alike.
// Per row and round: the median CPU time (user + system) of 41 calls; at the end, per row, the median
// over rounds of new / old.
//
//   cp -r dist /tmp/old-dist   (before the change)  ...  node bench/fusion-alternate.mjs /tmp/old-dist "$PWD/dist" [rounds] [row,row]
const [oldDir, newDir] = process.argv.slice(2, 4);
const rounds = Number(process.argv[4] ?? 5);
const builds = { old: await import(oldDir + '/index.js'), new: await import(newDir + '/index.js') };

function rowsOf(torch) {
  const F = torch.nn.functional;
  torch.manual_seed(0);
  const a = torch.randn([1_000_000]), b = torch.randn([1_000_000]);
  // issue 9's tiny op chain and MLP step, as bench/run.mjs times them
  const w = torch.tensor([0.999], { requires_grad: true }), bias = torch.tensor([0.001], { requires_grad: true });
  const chain = () => { let x = torch.tensor([1.0]); for (let i = 0; i < 100; i++) x = x.mul(w).add(bias); return x; };
  const model = new torch.nn.Sequential(new torch.nn.Linear(784, 256), new torch.nn.ReLU(), new torch.nn.Linear(256, 10));
  const opt = new torch.optim.SGD(model.parameters(), { lr: 0.01 });
  const x = torch.randn([64, 784]);
  const y = torch.tensor(Array.from({ length: 64 }, (_, i) => i % 10), { dtype: 'int64' });
  return {
    // the bench row: the temporary is disposed unread by tidy
    elementwise: { per: 1, fn: () => { a.mul(b).add(a); } },
    // the temporary outlives the next op, which then has to compute it
    elementwise_kept: { per: 1, fn: () => { const t = a.mul(b); t.add(a); t.neg(); } },
    tiny: { per: 200, fn: () => { torch.no_grad(chain); } },
    mlp: { per: 1, fn: () => { opt.zero_grad(); F.cross_entropy(model.forward(x), y).backward(); opt.step(); } },
  };
}

const only = process.argv[5]?.split(',');
const pick = (r) => (only ? Object.fromEntries(Object.entries(r).filter(([k]) => only.includes(k))) : r);
const rows = Object.fromEntries(Object.entries(builds).map(([k, torch]) => [k, pick(rowsOf(torch))]));
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
function time(torch, { fn, per }) {
  const t = [];
  for (let i = 0; i < 41; i++) { const t0 = cpu(); torch.tidy(fn); t.push(cpu() - t0); }
  t.sort((p, q) => p - q);
  return t[20] / per;
}
for (const [k, torch] of Object.entries(builds)) {
  const w0 = performance.now();
  while (performance.now() - w0 < 3000) for (const r of Object.values(rows[k])) torch.tidy(r.fn);
}
const ratios = {};
for (let r = 0; r < rounds; r++) {
  const line = [];
  for (const name of Object.keys(rows.old)) {
    const v = {};
    for (const k of r % 2 ? ['new', 'old'] : ['old', 'new']) v[k] = time(builds[k], rows[k][name]);
    (ratios[name] ??= []).push(v.new / v.old);
    line.push(`${name} ${v.old.toPrecision(3)}→${v.new.toPrecision(3)}`);
  }
  console.log(`round ${r + 1} (ms per call; tiny: per op):`, line.join('  '));
}
const med = (xs) => xs.slice().sort((p, q) => p - q)[xs.length >> 1];
console.log('new/old, median over rounds:', Object.entries(ratios).map(([k, xs]) => `${k} ${med(xs).toFixed(2)}`).join('  '));
