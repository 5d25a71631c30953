// The demo's training loop, in a Web Worker so the page stays responsive: the
// digits MLP of examples/digits-mlp.ts (Linear 64→64, ReLU, Linear 64→10,
// cross_entropy, Adam), trained in slices of ~50 ms with a progress message
// after each, so device switches and predictions are answered while it trains.

import * as torch from '../../src/index.js';
import { parseDigits, permutation, subset, trainTestSplit, type Digits } from '../digits-format.js';
import type { DeviceName, FromWorker, ToWorker } from './protocol.js';

const F = torch.nn.functional;
const BATCH = 64;
const LR = 1e-2;
const SLICE_MS = 50;

const post = (m: FromWorker): void => (self as unknown as Worker).postMessage(m);

let data: { train: Digits; test: Digits } | null = null;
let params: [string, torch.Tensor][] = [];
let opt: torch.optim.Adam | null = null;
let device: DeviceName = 'wasm';
let wanted: DeviceName = 'wasm';
let run = 0; // bumped by every 'train', so an older loop stops

function forward(x: torch.Tensor): torch.Tensor {
  const [[, w1], [, b1], [, w2], [, b2]] = params;
  return F.linear(F.relu(F.linear(x, w1, b1)), w2, b2);
}

/** A fresh model on `dev`, initialised as PyTorch's nn.Linear does. */
function init(dev: DeviceName): void {
  for (const [, p] of params) p.dispose();
  torch.manual_seed(0);
  params = new torch.nn.Sequential(new torch.nn.Linear(64, 64, { device: dev }), new torch.nn.ReLU(),
    new torch.nn.Linear(64, 10, { device: dev })).named_parameters();
  opt = new torch.optim.Adam(params.map(([, p]) => p), { lr: LR });
  device = wanted = dev;
}

/** Moves the parameters to `dev` (Adam's moment estimates start again there). */
function moveTo(dev: DeviceName): void {
  params = torch.no_grad(() => params.map(([name, p]) => {
    const q = p.to(dev).requires_grad_();
    p.dispose();
    return [name, q] as [string, torch.Tensor];
  }));
  opt = new torch.optim.Adam(params.map(([, p]) => p), { lr: LR });
  device = dev;
}

const batchTensors = (d: Digits) => [
  torch.tensor(d.images, { device }).reshape([d.n, 64]),
  torch.tensor(d.labels, { dtype: 'int64', device }),
] as const;

function accuracy(d: Digits): number {
  return torch.tidy(() => torch.no_grad(() => {
    const [x] = batchTensors(d);
    const predicted = forward(x).max(1)[1].dataSync();
    let correct = 0;
    for (let i = 0; i < d.n; i++) if (predicted[i] === d.labels[i]) correct++;
    return correct / d.n;
  }));
}

/** The graph of one training step's loss, as torchviz would draw it, without and with the saved tensors. */
function graphOfOneStep(d: Digits): FromWorker {
  return torch.tidy(() => {
    const [x, y] = batchTensors(subset(d, [0, 1, 2, 3]));
    const loss = F.cross_entropy(forward(x), y);
    const { to_dot } = torch.autograd.graph;
    return { type: 'graph', dot: to_dot(loss, { params }), dotSaved: to_dot(loss, { params, show_saved: true }) };
  });
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 0));

async function train(epochs: number): Promise<void> {
  const me = ++run;
  const { train, test } = data!;
  init(wanted);
  post(graphOfOneStep(train));
  const stepsPerEpoch = Math.ceil(train.n / BATCH);
  const totalSteps = epochs * stepsPerEpoch;
  const t0 = performance.now();
  let step = 0, acc = NaN, lossSum = 0, lossCount = 0, sliceStart = performance.now(), sliceSteps = 0;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const order = permutation(train.n, epoch);
    for (let b = 0; b < stepsPerEpoch; b++) {
      if (wanted !== device) moveTo(wanted);
      const batch = subset(train, order.subarray(b * BATCH, (b + 1) * BATCH));
      torch.tidy(() => {
        const [x, y] = batchTensors(batch);
        opt!.zero_grad();
        const loss = F.cross_entropy(forward(x), y);
        loss.backward();
        opt!.step();
        lossSum += loss.item();
      });
      lossCount++;
      step++;
      sliceSteps++;
      const now = performance.now();
      if (b === stepsPerEpoch - 1) acc = accuracy(test);
      if (now - sliceStart >= SLICE_MS || step === totalSteps) {
        post({
          type: 'progress', device, epoch, step, totalSteps, loss: lossSum / lossCount, accuracy: acc,
          stepsPerSecond: sliceSteps / ((now - sliceStart) / 1000),
        });
        lossSum = lossCount = sliceSteps = 0;
        await pause(); // let 'device' and 'predict' messages in
        if (me !== run) return;
        sliceStart = performance.now();
      }
    }
  }
  post({ type: 'done', accuracy: acc, seconds: (performance.now() - t0) / 1000 });
}

function predict(pixels: number[]): number[] {
  return torch.tidy(() => torch.no_grad(() =>
    Array.from(F.softmax(forward(torch.tensor([pixels], { device })), 1).dataSync())));
}

self.onmessage = async (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  try {
    if (m.type === 'train') { wanted = m.device; await train(m.epochs); }
    if (m.type === 'device') wanted = m.device;
    if (m.type === 'predict' && params.length) post({ type: 'probs', probs: predict(m.pixels) });
  } catch (err) {
    post({ type: 'error', message: String(err) });
  }
};

async function main(): Promise<void> {
  await torch.ready();
  const bytes = new Uint8Array(await (await fetch('digits.bin')).arrayBuffer());
  data = trainTestSplit(parseDigits(bytes), 0.2, 0);
  post({ type: 'ready', train: data.train.n, test: data.test.n, stepsPerEpoch: Math.ceil(data.train.n / BATCH) });
}
main().catch((err) => post({ type: 'error', message: String(err) }));
