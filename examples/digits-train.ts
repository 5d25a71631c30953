// The digits examples' shared training loop (digits-mlp.ts, digits-cnn.ts): shuffled mini-batches
// with a progress bar per epoch, then train and test accuracy and the time taken.
import { parseArgs } from 'node:util';
import * as torch from '../src/index.js';
import { loadDigits, permutation, subset, trainTestSplit, type Digits } from './digits-data.js';
import { progressBar, StatusLine } from './progress.js';

const F = torch.nn.functional;

/** The command line of a digits example (--device, --epochs, --batch-size, --max-steps), checked. */
export interface DigitsOptions { device: 'wasm' | 'js'; epochs: number; batchSize: number; maxSteps?: number }

/**
 * Parse the command line, seed the global generator, make `--device` the default device, and load
 * the digits split 80/20 (the same split for every example), printing what was loaded.
 */
export function setupDigits(defaults: { epochs: number; batchSize: number }): DigitsOptions & { train: Digits; test: Digits } {
  const { values: args } = parseArgs({
    options: {
      device: { type: 'string', default: 'wasm' },
      epochs: { type: 'string', default: String(defaults.epochs) },
      'batch-size': { type: 'string', default: String(defaults.batchSize) },
      'max-steps': { type: 'string' },
    },
  });
  const device = args.device!;
  const epochs = Number(args.epochs);
  const batchSize = Number(args['batch-size']);
  const maxSteps = args['max-steps'] === undefined ? undefined : Number(args['max-steps']);
  if (device !== 'wasm' && device !== 'js') throw new Error(`--device must be wasm or js, got ${device}`);
  if (!(Number.isInteger(epochs) && epochs > 0)) throw new Error('--epochs must be a positive integer');
  if (!(Number.isInteger(batchSize) && batchSize > 0)) throw new Error('--batch-size must be a positive integer');
  if (maxSteps !== undefined && !(Number.isInteger(maxSteps) && maxSteps > 0)) throw new Error('--max-steps must be a positive integer');

  torch.manual_seed(0);
  torch.set_default_device(device);
  const { train, test } = trainTestSplit(loadDigits(), 0.2, 0);
  console.log(`device: ${device}`);
  console.log(`data:   ${train.n} train / ${test.n} test images (8x8, 10 classes)`);
  return { device, epochs, batchSize, maxSteps, train, test };
}

/** What a digits example trains: a model, its optimizer, and how a batch of flat 8x8 images becomes its input. */
export interface DigitsRun {
  model: torch.nn.Module;
  opt: torch.optim.Optimizer;
  /** The model's input from a [n, 64] tensor of pixels in [0, 1]. */
  input: (pixels: torch.Tensor) => torch.Tensor;
  epochs: number;
  batchSize: number;
  /** Stop after this many steps in all (a quick run); the summary still prints. */
  maxSteps?: number;
}

/** The model's accuracy over `data`, without recording a tape. */
export function accuracy(run: DigitsRun, data: Digits): number {
  let correct = 0;
  torch.no_grad(() =>
    torch.tidy(() => {
      const x = run.input(torch.tensor(data.images).reshape([data.n, 64]));
      const [, predicted] = run.model(x).max(1); // [values, indices]
      (predicted.tolist() as number[]).forEach((p, i) => {
        if (Number(p) === data.labels[i]) correct++;
      });
    }),
  );
  return correct / data.n;
}

/** Train with cross-entropy, printing a progress bar per epoch, then train/test accuracy and the time taken. */
export function trainDigits(run: DigitsRun, train: Digits, test: Digits): { testAccuracy: number; seconds: number; steps: number } {
  const { model, opt, epochs, batchSize } = run;
  const stepsPerEpoch = Math.ceil(train.n / batchSize);
  const status = new StatusLine();
  const pad = String(epochs).length;
  let steps = 0;
  const t0 = performance.now();

  training: for (let epoch = 1; epoch <= epochs; epoch++) {
    const order = permutation(train.n, epoch); // a fresh, reproducible shuffle every epoch
    const label = `epoch ${String(epoch).padStart(pad)}/${epochs}`;
    let lossSum = 0;
    for (let b = 0; b < stepsPerEpoch; b++) {
      const batch = subset(train, order.subarray(b * batchSize, (b + 1) * batchSize));
      // tidy() frees every tensor created in the step (activations, loss, ...) when it returns.
      torch.tidy(() => {
        const x = run.input(torch.tensor(batch.images).reshape([batch.n, 64]));
        const y = torch.tensor(batch.labels, { dtype: torch.long });
        opt.zero_grad();
        const loss = F.cross_entropy(model(x), y);
        loss.backward();
        opt.step();
        lossSum += loss.item();
      });
      steps++;
      status.update(`${label} ${progressBar(b + 1, stepsPerEpoch)}  loss ${(lossSum / (b + 1)).toFixed(4)}`);
      if (run.maxSteps !== undefined && steps >= run.maxSteps) {
        status.done(`${label} ${progressBar(b + 1, stepsPerEpoch)}  loss ${(lossSum / (b + 1)).toFixed(4)} (stopped after ${steps} steps)`);
        break training;
      }
    }
    status.done(`${label} ${progressBar(stepsPerEpoch, stepsPerEpoch)}  loss ${(lossSum / stepsPerEpoch).toFixed(4)}`);
  }
  const seconds = (performance.now() - t0) / 1000;
  const testAccuracy = accuracy(run, test);
  console.log(`train accuracy: ${(100 * accuracy(run, train)).toFixed(2)}%`);
  console.log(`test accuracy:  ${(100 * testAccuracy).toFixed(2)}%`);
  console.log(`training time:  ${seconds.toFixed(2)} s for ${steps} steps (${((1000 * seconds) / steps).toFixed(2)} ms/step)`);
  return { testAccuracy, seconds, steps };
}
