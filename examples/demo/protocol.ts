// The messages between the demo page (page.ts) and its training worker (worker.ts).

export type DeviceName = 'wasm' | 'js';

export type ToWorker =
  | { type: 'train'; device: DeviceName; epochs: number }
  /** moves the parameters to the other device; training goes on there */
  | { type: 'device'; device: DeviceName }
  /** 64 pixels of an 8x8 image in [0, 1], row-major */
  | { type: 'predict'; pixels: number[] };

export type FromWorker =
  | { type: 'ready'; train: number; test: number; stepsPerEpoch: number }
  | {
    type: 'progress'; device: DeviceName; epoch: number; step: number; totalSteps: number;
    /** mean training loss over the steps since the last message */
    loss: number;
    /** test accuracy after the last finished epoch (NaN before the first) */
    accuracy: number;
    stepsPerSecond: number;
  }
  | { type: 'done'; accuracy: number; seconds: number }
  /** to_dot of one step's loss, without and with show_saved */
  | { type: 'graph'; dot: string; dotSaved: string }
  | { type: 'probs'; probs: number[] }
  | { type: 'error'; message: string };
