// The wasm device's convolution rule measured both ways in one process (docs/design.md, "Convolution
// on the wasm device"): each round times F.conv2d, its input gradient (F.conv_transpose2d, the same
// product) and its weight gradient (autograd.grad over a kept graph) under each set of the rule's
// limits in turn, set through the module's conv_set_rule(max taps, max padded-image floats, max
// weight-gradient taps). Per piece: the minimum over the rounds of each round's best of 7 calls, and
// the median over the rounds of the ratio to the first set (this machine is shared: compare ratios).
//
//   node bench/conv-rule.mjs [dist] ['[[N, Cin, H, Cout], ...]'] ['{"name": [max, image, w], ...}'] [rounds]
//   STEP=1 node bench/conv-rule.mjs      # also the CNN row's whole training step
const dist = process.argv[2] ?? new URL('../dist', import.meta.url).pathname;
const torch = await import(dist + '/index.js');
const raw = (await import(dist + '/src/wasm/device.js')).wasmDevice.raw;
const F = torch.nn.functional;
const shapes = JSON.parse(process.argv[3] ?? '[[32, 1, 28, 16], [32, 16, 14, 32]]');
const sets = JSON.parse(process.argv[4] ?? '{"gemm": [0, 0, 0], "rule": [576, 16384, 36]}');
const rounds = +(process.argv[5] ?? 9);

/** The best of 7 calls, after 3 unmeasured ones. */
function best(fn) {
  for (let i = 0; i < 3; i++) torch.tidy(fn);
  let t = Infinity;
  for (let i = 0; i < 7; i++) { const t0 = performance.now(); torch.tidy(fn); t = Math.min(t, performance.now() - t0); }
  return t;
}
const median = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];

torch.manual_seed(0);
for (const [N, Ci, H, Co] of shapes) {
  const x = torch.randn([N, Ci, H, H]), w = torch.randn([Co, Ci, 3, 3]), b = torch.randn([Co]), g = torch.randn([N, Co, H, H]);
  const wl = w.clone().requires_grad_(), kept = F.conv2d(x, wl, null, 1, 1);
  const { nn } = torch;
  const model = new nn.Sequential(new nn.Conv2d(1, 16, 3, { padding: 1 }), new nn.ReLU(), new nn.MaxPool2d(2),
    new nn.Conv2d(16, 32, 3, { padding: 1 }), new nn.ReLU(), new nn.MaxPool2d(2), new nn.Flatten(), new nn.Linear(1568, 10));
  const opt = new torch.optim.SGD(model.parameters(), { lr: 0.01 });
  const xs = torch.randn([32, 1, 28, 28]), ys = torch.tensor(Array.from({ length: 32 }, (_, i) => i % 10), { dtype: 'int64' });
  const pieces = {
    forward: () => F.conv2d(x, w, b, 1, 1),
    'input grad': () => F.conv_transpose2d(g, w, null, 1, 1),
    'weight grad': () => torch.autograd.grad(kept, [wl], { grad_outputs: [g], retain_graph: true }),
    ...(process.env.STEP ? { 'CNN step': () => { opt.zero_grad(); F.cross_entropy(model.call(xs), ys).backward(); opt.step(); } } : {}),
  };
  const res = {};
  for (let k = 0; k < rounds; k++) for (const [name, limits] of Object.entries(sets)) {
    raw.conv_set_rule(...limits);
    for (const [p, fn] of Object.entries(pieces)) ((res[p] ??= {})[name] ??= []).push(best(fn));
  }
  raw.conv_set_rule(576, 16384, 36);
  console.log(`[${N}, ${Ci}, ${H}, ${H}] → ${Co}, 3×3, padding 1, ${rounds} rounds (ms; ratio to ${Object.keys(sets)[0]}):`);
  for (const [p, byName] of Object.entries(res)) {
    const first = Object.values(byName)[0];
    console.log(`  ${p}: ` + Object.entries(byName).map(([name, v]) =>
      `${name} ${Math.min(...v).toFixed(2)} (×${median(v.map((t, i) => t / first[i])).toFixed(2)})`).join(' | '));
  }
}
