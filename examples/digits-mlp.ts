// Train a small MLP on the UCI handwritten digits (8x8 images, 10 classes) with wasmgrad.
//
//   npm start                                  # same as: npx tsx examples/digits-mlp.ts
//   npx tsx examples/digits-mlp.ts --device js --epochs 10 --batch-size 32
import * as torch from '../src/index.js';
import { setupDigits, trainDigits } from './digits-train.js';

const { nn, optim } = torch;

const { epochs, batchSize, maxSteps, train, test } = setupDigits({ epochs: 20, batchSize: 64 });

// ---- model and optimizer ---------------------------------------------------
const model = new nn.Sequential(
  new nn.Linear(64, 64),
  new nn.ReLU(),
  new nn.Linear(64, 10),
);
const opt = new optim.Adam(model.parameters(), { lr: 1e-2 });

// ---- training and evaluation -----------------------------------------------
trainDigits({ model, opt, epochs, batchSize, maxSteps, input: (pixels) => pixels }, train, test);
