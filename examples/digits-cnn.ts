// Train a small convolutional network on the UCI handwritten digits (8x8 images, 10 classes):
// conv 3x3 -> ReLU -> max-pool 2, twice, then a linear layer, cross-entropy and Adam.
//
//   npm run example:cnn                          # same as: npx tsx examples/digits-cnn.ts
//   npx tsx examples/digits-cnn.ts --device js --epochs 10 --batch-size 32
//   npx tsx examples/digits-cnn.ts --max-steps 20  # a quick run (the test does this)
import * as torch from '../src/index.js';
import { setupDigits, trainDigits } from './digits-train.js';

const { nn, optim } = torch;

const { epochs, batchSize, maxSteps, train, test } = setupDigits({ epochs: 15, batchSize: 32 });

// ---- model and optimizer ---------------------------------------------------
const model = new nn.Sequential(
  new nn.Conv2d(1, 16, 3, { padding: 1 }), // [n, 16, 8, 8]
  new nn.ReLU(),
  new nn.MaxPool2d(2), // [n, 16, 4, 4]
  new nn.Conv2d(16, 32, 3, { padding: 1 }), // [n, 32, 4, 4]
  new nn.ReLU(),
  new nn.MaxPool2d(2), // [n, 32, 2, 2]
  new nn.Flatten(),
  new nn.Linear(32 * 2 * 2, 10),
);
console.log(String(model));
const opt = new optim.Adam(model.parameters(), { lr: 3e-3 });

// ---- training and evaluation -----------------------------------------------
trainDigits({ model, opt, epochs, batchSize, maxSteps, input: (pixels) => pixels.reshape([-1, 1, 8, 8]) }, train, test);
