// A small character-level transformer (GPT-style: token and position embeddings, causal
// self-attention layers, a linear head) trained on the public-domain poems in
// examples/data/poems.txt, then sampled from with a seeded torch.Generator and torch.multinomial.
//
//   npm run example:transformer                  # same as: npx tsx examples/char-transformer.ts
//   npx tsx examples/char-transformer.ts --device js --steps 300 --sample 300
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import * as torch from '../src/index.js';
import { progressBar, StatusLine } from './progress.js';

const { nn, optim } = torch;
const F = torch.nn.functional;

// ---- command line ----------------------------------------------------------
const { values: args } = parseArgs({
  options: {
    device: { type: 'string', default: 'wasm' },
    steps: { type: 'string', default: '500' },
    'batch-size': { type: 'string', default: '32' },
    sample: { type: 'string', default: '400' }, // characters to generate
    seed: { type: 'string', default: '0' }, // the sampling generator's seed
  },
});
const device = args.device!;
const steps = Number(args.steps), batchSize = Number(args['batch-size']), sampleLength = Number(args.sample), seed = Number(args.seed);
if (device !== 'wasm' && device !== 'js') throw new Error(`--device must be wasm or js, got ${device}`);
for (const [name, v] of [['--steps', steps], ['--batch-size', batchSize], ['--sample', sampleLength]] as const) {
  if (!(Number.isInteger(v) && v > 0)) throw new Error(`${name} must be a positive integer`);
}
if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');

torch.manual_seed(0);
torch.set_default_device(device);

// ---- data: one index per character -------------------------------------------
const text = readFileSync(new URL('./data/poems.txt', import.meta.url), 'utf8');
const vocab = [...new Set(text)].sort();
const index = new Map(vocab.map((c, i) => [c, i]));
const encoded = Int32Array.from(text, (c) => index.get(c)!);
const context = 32; // characters the model sees at once
console.log(`device: ${device}`);
console.log(`data:   ${text.length} characters of examples/data/poems.txt, ${vocab.length} distinct`);

/** `batchSize` windows of `context` characters at random offsets, and each window shifted by one (the targets). */
function batch(gen: torch.Generator): [torch.Tensor, torch.Tensor] {
  const starts = torch.randint(0, text.length - context, [batchSize], { generator: gen }).tolist() as number[];
  const x = new Int32Array(batchSize * context), y = new Int32Array(batchSize * context);
  starts.forEach((s, b) => {
    x.set(encoded.subarray(s, s + context), b * context);
    y.set(encoded.subarray(s + 1, s + 1 + context), b * context);
  });
  return [torch.tensor(x, { dtype: torch.long }).reshape([batchSize, context]), torch.tensor(y, { dtype: torch.long }).reshape([batchSize, context])];
}

// ---- model -----------------------------------------------------------------
/** Token plus learned position embeddings, causal encoder layers, a linear head to next-character logits. */
class CharTransformer extends nn.Module {
  readonly tokens: torch.nn.Embedding;
  readonly positions: torch.nn.Embedding;
  readonly layers: torch.nn.TransformerEncoder;
  readonly head: torch.nn.Linear;

  constructor(vocabSize: number, dModel: number, nhead: number, nLayers: number) {
    super();
    this.tokens = new nn.Embedding(vocabSize, dModel);
    this.positions = new nn.Embedding(context, dModel);
    const layer = new nn.TransformerEncoderLayer(dModel, nhead, { dim_feedforward: 4 * dModel, dropout: 0, batch_first: true, norm_first: true });
    this.layers = new nn.TransformerEncoder(layer, nLayers, { enable_nested_tensor: false });
    this.head = new nn.Linear(dModel, vocabSize);
  }

  /** [batch, time] character indices to [batch, time, vocab] logits; position t sees only positions <= t. */
  forward(idx: torch.Tensor): torch.Tensor {
    const t = idx.shape[1];
    const mask = nn.Transformer.generate_square_subsequent_mask(t);
    const h = this.tokens(idx).add(this.positions(torch.arange(t, { dtype: torch.long })));
    return this.head(this.layers(h, { mask, is_causal: true }));
  }
}

const model = new CharTransformer(vocab.length, 64, 4, 2);
const nParams = model.parameters().reduce((n, p) => n + p.numel(), 0);
console.log(`model:  ${nParams} parameters (2 layers, d_model 64, 4 heads, context ${context})`);
const opt = new optim.AdamW(model.parameters(), { lr: 3e-3 });

// ---- training --------------------------------------------------------------
const dataGen = new torch.Generator().manual_seed(1234);
const status = new StatusLine();
const every = Math.max(1, Math.floor(steps / 10)); // ten progress lines off a TTY
let recent = 0, recentN = 0, lastLoss = NaN;
const t0 = performance.now();
for (let step = 1; step <= steps; step++) {
  torch.tidy(() => {
    const [x, y] = batch(dataGen);
    opt.zero_grad();
    const logits = model(x);
    const loss = F.cross_entropy(logits.reshape([-1, vocab.length]), y.reshape([-1]));
    loss.backward();
    opt.step();
    lastLoss = loss.item();
  });
  recent += lastLoss;
  recentN++;
  const line = `step ${progressBar(step, steps)}  loss ${(recent / recentN).toFixed(4)}`;
  status.update(line);
  if (step % every === 0 || step === steps) {
    status.done(line);
    recent = recentN = 0;
  }
}
const seconds = (performance.now() - t0) / 1000;
console.log(`final loss:     ${lastLoss.toFixed(4)} (uniform guessing: ${Math.log(vocab.length).toFixed(4)})`);
console.log(`training time:  ${seconds.toFixed(2)} s for ${steps} steps (${((1000 * seconds) / steps).toFixed(2)} ms/step)`);

// ---- sampling --------------------------------------------------------------
/** `n` characters after `prompt`, each drawn from the model's softmax over the last `context` characters. */
function sample(prompt: string, n: number, gen: torch.Generator): string {
  const out = Array.from(prompt, (c) => index.get(c)!);
  model.eval();
  torch.no_grad(() => {
    for (let i = 0; i < n; i++) {
      torch.tidy(() => {
        const window = out.slice(-context);
        const logits = model(torch.tensor([window], { dtype: torch.long }));
        const probs = F.softmax(logits.select(1, window.length - 1), -1);
        out.push(Number(torch.multinomial(probs, 1, { generator: gen }).item()));
      });
    }
  });
  return out.map((i) => vocab[i]).join('');
}
const prompt = 'Tyger';
console.log(`sample (seed ${seed}, prompt "${prompt}"):\n---`);
console.log(sample(prompt, sampleLength, new torch.Generator().manual_seed(seed)));
console.log('---');
