// Tensors and tape records of the js device: the same model as the wasm
// device's slots and records (assembly/tensors.ts, assembly/tape.ts), as plain
// objects over typed arrays. The garbage collector frees them, so there is no
// refcounting here; "freeing what the graph no longer needs" is dropping the
// references (saved tensors after a backward without retain_graph).

import { Op, DType, Limits, PackState } from '../../abi/abi.js';
import { checkStorage } from '../shape.js';

export type { Data } from '../device.js';
import type { Data } from '../device.js';

export class JsTensor {
  requiresGrad = false;
  retainsGrad = false;
  /** Tensor.register_hook gave it hooks: the sweep runs them on its gradient */
  hasHooks = false;
  gradFn: JsRecord | null = null;
  grad: JsTensor | null = null;
  /** during autograd.grad: 1 + this tensor's index among the inputs */
  capture = 0;
  /** PyTorch's version counter: how many times the values were changed in place */
  version = 0;
  constructor(
    public data: Data,
    public shape: number[],
    public dtype: DType = DType.Float32,
  ) {}
  get numel(): number { return this.data.length; }
}

/** A new tensor of the given shape and dtype (zeros): storage as src/device.ts's Data says. */
export function empty(shape: number[], dtype: DType = DType.Float32): JsTensor {
  let n = 1;
  for (const s of shape) n *= s;
  // the front ends check sizes; this catches a result shape (broadcast, matmul) beyond the limit
  if (!(n <= Limits.MaxNumel)) checkStorage(shape);
  const data = dtype === DType.Float32 ? new Float32Array(n) : dtype === DType.Float64 ? new Float64Array(n) : new Int32Array(n);
  return new JsTensor(data, shape, dtype);
}

const same = (x: number): number => x;

/** How a computed value is rounded to a dtype's storage: float32 rounds, float64 (and the integer paths, which truncate themselves) keep it. */
export function roundOf(dtype: DType): (x: number) => number {
  return dtype === DType.Float32 ? Math.fround : same;
}

export interface JsInput {
  /** the record that made this input, when it is a non-leaf that requires grad */
  producer: JsRecord | null;
  /** the input itself, when it is a leaf that requires grad (AccumulateGrad) */
  leaf: JsTensor | null;
  needsGrad: boolean;
  shape: number[];
}

export class JsRecord {
  inputs: JsInput[] = [];
  private kept: (JsTensor | null)[] = [];
  /** the versions of the saved tensors when they were saved; null while all are 0 (the usual case) */
  savedVersions: number[] | null = null;
  /** the version of the output when it was saved */
  outVersion = 0;
  private keepsResult = false;
  /** the tensors the derivative needs; saving one notes its version */
  get saved(): (JsTensor | null)[] { return this.kept; }
  set saved(ts: (JsTensor | null)[]) {
    this.kept = ts;
    let versions: number[] | null = null;
    for (let k = 0; k < ts.length; k++) {
      const v = ts[k]?.version ?? 0;
      if (v) (versions ??= new Array<number>(ts.length).fill(0))[k] = v;
    }
    this.savedVersions = versions;
  }
  /** the derivative needs the output's values; saving them notes the output's version */
  get savesResult(): boolean { return this.keepsResult; }
  set savesResult(on: boolean) {
    this.keepsResult = on;
    this.outVersion = this.out.version;
  }
  s0 = 0;
  s1 = 0;
  i0 = 0;
  i1 = 0;
  /** extra integer parameters (permutation, cat sizes) */
  ints: number[] = [];
  freed = false;
  /** the op keeps its scalar operand as a saved tensor in PyTorch (mul, div by a number) */
  savesScalar = false;
  // backward bookkeeping
  gradAcc: JsTensor | null = null;
  deps = 0;
  visited = false;
  ready = false;
  /** saved-tensor hooks: PackState.Pending when made while they were on, then the serial of its packed saves */
  packed = 0;
  constructor(public op: Op, public out: JsTensor) {}
  get hasSaved(): boolean { return this.savesResult || this.savesScalar || this.saved.length > 0; }
}

let gradEnabled = true;
export function setGradEnabled(on: boolean): void { gradEnabled = on; }
// saved-tensor hooks are on: new records are marked for packing
let packing = false;
export function setPacking(on: boolean): void { packing = on; }
export function isGradEnabled(): boolean { return gradEnabled; }

/** Records op as the producer of out when any input requires grad (and grad mode is on). */
export function record(op: Op, out: JsTensor, inputs: JsTensor[]): JsRecord | null {
  if (!gradEnabled) return null;
  let any = false;
  for (const t of inputs) if (t.requiresGrad) { any = true; break; }
  if (!any) return null;
  const r = new JsRecord(op, out);
  if (packing) r.packed = PackState.Pending;
  for (const t of inputs) {
    r.inputs.push({
      producer: t.requiresGrad ? t.gradFn : null,
      leaf: t.requiresGrad && !t.gradFn ? t : null,
      needsGrad: t.requiresGrad,
      shape: t.shape,
    });
  }
  out.gradFn = r;
  out.requiresGrad = true;
  return r;
}

/** The op's result values, for derivatives that need them. */
export function resultOf(r: JsRecord): JsTensor {
  return r.out;
}
