// Train a small MLP on the UCI handwritten digits (8x8 images, 10 classes) with wasmgrad.
//
//   npm start                                  # same as: npx tsx examples/digits-mlp.ts
//   npx tsx examples/digits-mlp.ts --device js --epochs 10 --batch-size 32
import { parseArgs } from 'node:util';
import * as torch from '../src/index.js';
import { loadDigits, permutation, subset, trainTestSplit, type Digits } from './digits-data.js';
import { progressBar, StatusLine } from './progress.js';

const { nn, optim } = torch;
const F = torch.nn.functional;

// ---- command line ----------------------------------------------------------
const { values: args } = parseArgs({
  options: {
    device: { type: 'string', default: 'wasm' },
    epochs: { type: 'string', default: '20' },
    'batch-size': { type: 'string', default: '64' },
  },
});
const device = args.device!;
const epochs = Number(args.epochs);
const batchSize = Number(args['batch-size']);
if (device !== 'wasm' && device !== 'js') throw new Error(`--device must be wasm or js, got ${device}`);
if (!(Number.isInteger(epochs) && epochs > 0)) throw new Error('--epochs must be a positive integer');
if (!(Number.isInteger(batchSize) && batchSize > 0)) throw new Error('--batch-size must be a positive integer');

torch.manual_seed(0);
torch.set_default_device(device);

// ---- data ------------------------------------------------------------------
const { train, test } = trainTestSplit(loadDigits(), 0.2, 0);
console.log(`device: ${device}`);
console.log(`data:   ${train.n} train / ${test.n} test images (8x8, 10 classes)`);

// ---- model and optimizer ---------------------------------------------------
const model = new nn.Sequential(
  new nn.Linear(64, 64),
  new nn.ReLU(),
  new nn.Linear(64, 10),
);
const opt = new optim.Adam(model.parameters(), { lr: 1e-2 });

// ---- training --------------------------------------------------------------
const stepsPerEpoch = Math.ceil(train.n / batchSize);
const status = new StatusLine();
const pad = String(epochs).length;
let steps = 0;
const t0 = performance.now();

for (let epoch = 1; epoch <= epochs; epoch++) {
  const order = permutation(train.n, epoch); // a fresh, reproducible shuffle every epoch
  const label = `epoch ${String(epoch).padStart(pad)}/${epochs}`;
  let lossSum = 0;

  for (let b = 0; b < stepsPerEpoch; b++) {
    const batch = subset(train, order.subarray(b * batchSize, (b + 1) * batchSize));
    // tidy() frees every tensor created in the step (activations, loss, ...) when it returns.
    torch.tidy(() => {
      const x = torch.tensor(batch.images).reshape([batch.n, 64]);
      const y = torch.tensor(batch.labels, { dtype: torch.long });

      opt.zero_grad();
      const loss = F.cross_entropy(model.forward(x), y);
      loss.backward();
      opt.step();

      lossSum += loss.item();
    });
    steps++;
    status.update(`${label} ${progressBar(b + 1, stepsPerEpoch)}`);
  }
  status.done(`${label} ${progressBar(stepsPerEpoch, stepsPerEpoch)}  loss ${(lossSum / stepsPerEpoch).toFixed(4)}`);
}
const seconds = (performance.now() - t0) / 1000;

// ---- evaluation ------------------------------------------------------------
function accuracy(data: Digits): number {
  let correct = 0;
  torch.no_grad(() =>
    torch.tidy(() => {
      const x = torch.tensor(data.images).reshape([data.n, 64]);
      const [, predicted] = model.forward(x).max(1); // [values, indices]
      const labels = predicted.tolist() as number[];
      labels.forEach((p, i) => {
        if (Number(p) === data.labels[i]) correct++;
      });
    }),
  );
  return correct / data.n;
}

console.log(`train accuracy: ${(100 * accuracy(train)).toFixed(2)}%`);
console.log(`test accuracy:  ${(100 * accuracy(test)).toFixed(2)}%`);
console.log(`training time:  ${seconds.toFixed(2)} s for ${steps} steps (${((1000 * seconds) / steps).toFixed(2)} ms/step)`);
