// nn.RNN, nn.LSTM and nn.GRU as PyTorch 2 has them: the constructor's checks, parameters named and
// shaped as PyTorch's (weight_ih_l0, ..., _reverse, weight_hr_l0 for proj_size), default init
// equal to PyTorch's after manual_seed, forward's checks and messages, unbatched inputs,
// batch_first, bidirectional layers and dropout between layers. The sequence loop composes
// existing ops (rnn_steps.ts) as ATen's CPU implementation does, so autograd gives the gradients.

import type { Tensor } from '../tensor.js';
import { RuntimeError, TypeError, ValueError } from '../errors.js';
import { pyType } from '../args.js';
import { tidy } from '../memory.js';
import { zeros } from '../creation.js';
import { cat, stack } from '../ops/shape.js';
import { index_select } from '../ops/gather_scatter.js';
import { Module } from './module.js';
import { PackedSequence } from './rnn_packing.js';
import { dropout as dropoutFn } from './dropout.js';
import { warnOnce } from './warn.js';
import { pyFloat, type Factory } from './layers.js';
import { cellStep, gateCount, inputGates, type CellWeights, type RnnMode } from './rnn_steps.js';
import { emptyParameter, resetUniform } from './rnn_init.js';

/** The constructor options RNN, LSTM and GRU share (PyTorch's keyword arguments after hidden_size). */
export interface RNNBaseOptions extends Factory {
  num_layers?: number; bias?: boolean; batch_first?: boolean; dropout?: number; bidirectional?: boolean;
}
/** nn.RNN's options: RNNBaseOptions and the nonlinearity. */
export interface RNNOptions extends RNNBaseOptions { nonlinearity?: 'tanh' | 'relu' }
/** nn.LSTM's options: RNNBaseOptions and proj_size (an LSTM with projections). */
export interface LSTMOptions extends RNNBaseOptions { proj_size?: number }

const pyBool = (v: boolean): string => (v ? 'True' : 'False');
const pyTuple = (v: number[]): string => `(${v.join(', ')})`;
/** `new nn.LSTM(10, 20, 2)` as PyTorch's positional num_layers, or the options object. */
const options = <O extends RNNBaseOptions>(a: number | O | undefined, b: O | undefined): O =>
  (typeof a === 'number' ? { ...(b ?? {}), num_layers: a } : a ?? {}) as O;

/** PyTorch's RNNBase: parameters, init, checks and the multi-layer loop; subclasses give forward. */
export abstract class RNNBase extends Module {
  readonly mode: RnnMode;
  readonly input_size: number;
  readonly hidden_size: number;
  readonly num_layers: number;
  readonly bias: boolean;
  readonly batch_first: boolean;
  readonly dropout: number;
  readonly bidirectional: boolean;
  readonly proj_size: number;
  /** The parameter names in PyTorch's order (its _flat_weights_names). */
  readonly _flat_weights_names: string[] = [];
  /** The parameter names per layer and direction (its _all_weights). */
  readonly _all_weights: string[][] = [];

  constructor(mode: RnnMode, input_size: number, hidden_size: number, o: LSTMOptions) {
    super();
    const num_layers = o.num_layers ?? 1, dropout = o.dropout ?? 0, proj_size = o.proj_size ?? 0;
    if (typeof dropout !== 'number' || !(dropout >= 0 && dropout <= 1)) {
      throw new ValueError('dropout should be a number in range [0, 1] representing the probability of an element being zeroed');
    }
    if (dropout > 0 && num_layers === 1) {
      warnOnce('dropout option adds dropout after all but last recurrent layer, so non-zero dropout expects num_layers greater ' +
        `than 1, but got dropout=${dropout} and num_layers=${num_layers}`);
    }
    if (!Number.isInteger(hidden_size)) throw new TypeError(`hidden_size should be of type int, got: ${pyType(hidden_size)}`);
    if (hidden_size <= 0) throw new ValueError('hidden_size must be greater than zero');
    if (num_layers <= 0) throw new ValueError('num_layers must be greater than zero');
    if (proj_size < 0) throw new ValueError('proj_size should be a positive integer or zero to disable projections');
    if (proj_size >= hidden_size) throw new ValueError('proj_size has to be smaller than hidden_size');
    this.mode = mode;
    this.input_size = input_size;
    this.hidden_size = hidden_size;
    this.num_layers = num_layers;
    this.dropout = dropout;
    this.proj_size = proj_size;
    this.bias = o.bias ?? true;
    this.batch_first = o.batch_first ?? false;
    this.bidirectional = o.bidirectional ?? false;
    const gates = gateCount(mode) * hidden_size, D = this.bidirectional ? 2 : 1, real = proj_size || hidden_size;
    for (let layer = 0; layer < num_layers; layer++) {
      for (let dir = 0; dir < D; dir++) {
        const sfx = `_l${layer}${dir === 1 ? '_reverse' : ''}`, inSize = layer === 0 ? input_size : real * D;
        const shapes: [string, number[]][] = [[`weight_ih${sfx}`, [gates, inSize]], [`weight_hh${sfx}`, [gates, real]]];
        if (this.bias) shapes.push([`bias_ih${sfx}`, [gates]], [`bias_hh${sfx}`, [gates]]);
        if (proj_size > 0) shapes.push([`weight_hr${sfx}`, [proj_size, hidden_size]]);
        for (const [name, shape] of shapes) this.register_parameter(name, emptyParameter(shape, o));
        this._all_weights.push(shapes.map(([n]) => n));
        this._flat_weights_names.push(...shapes.map(([n]) => n));
      }
    }
    this.reset_parameters();
  }

  /**
   * Every parameter from U(−1/√hidden_size, 1/√hidden_size), in order, as PyTorch's.
   * @example torch.manual_seed(0); lstm.reset_parameters(); // the values of a fresh nn.LSTM after manual_seed(0)
   */
  reset_parameters(): void { resetUniform(this.parameters(), this.hidden_size); }

  /** The parameters per layer and direction, as PyTorch's all_weights. @example lstm.all_weights[0][0] // weight_ih_l0 */
  get all_weights(): Tensor[][] { return this._all_weights.map((names) => names.map((n) => this._parameters.get(n) as Tensor)); }

  /** Does nothing, as PyTorch's off cuDNN. @example rnn.flatten_parameters() */
  flatten_parameters(): void {}

  extra_repr(): string {
    let s = `${this.input_size}, ${this.hidden_size}`;
    if (this.proj_size !== 0) s += `, proj_size=${this.proj_size}`;
    if (this.num_layers !== 1) s += `, num_layers=${this.num_layers}`;
    if (!this.bias) s += ', bias=False';
    if (this.batch_first) s += ', batch_first=True';
    if (this.dropout !== 0) s += `, dropout=${pyFloat(this.dropout)}`;
    if (this.bidirectional) s += `, bidirectional=${pyBool(this.bidirectional)}`;
    return s;
  }

  private weights(index: number): CellWeights {
    const p = (name: string): Tensor | null => (this._parameters.get(name) as Tensor | undefined) ?? null;
    const sfx = `_l${Math.floor(index / (this.bidirectional ? 2 : 1))}${this.bidirectional && index % 2 === 1 ? '_reverse' : ''}`;
    return {
      w_ih: p(`weight_ih${sfx}`) as Tensor, w_hh: p(`weight_hh${sfx}`) as Tensor,
      b_ih: p(`bias_ih${sfx}`), b_hh: p(`bias_hh${sfx}`), w_hr: p(`weight_hr${sfx}`),
    };
  }

  /**
   * @internal PyTorch's forward: for a tensor, the rank checks (`name` and the unbatched messages
   * differ per class, as PyTorch's); for a PackedSequence, hx permuted into its sorted order; then
   * the default zero state, check_forward_args and the layers. hx is [h_0] or, for an LSTM,
   * [h_0, c_0]; returns the output (a PackedSequence for one) and the final states.
   */
  _forward(input: Tensor | PackedSequence, hx: Tensor[] | null): [Tensor | PackedSequence, Tensor[]] {
    const packed = input instanceof PackedSequence ? input : null;
    const [out, finals] = tidy(() => this.run(input, hx));
    return [packed ? new PackedSequence(out, packed.batch_sizes, packed.sorted_indices, packed.unsorted_indices) : out, finals];
  }

  private run(input: Tensor | PackedSequence, hx: Tensor[] | null): [Tensor, Tensor[]] {
    const lstm = this.mode === 'LSTM', batchDim = this.batch_first ? 0 : 1;
    let x: Tensor, states = hx, sizes: number[] | null = null, batched = true;
    if (input instanceof PackedSequence) {
      x = input.data;
      sizes = input.batch_sizes.tolist() as number[];
      const sorted = input.sorted_indices;
      if (states && sorted) states = states.map((t) => index_select(t, 1, sorted));
    } else {
      const d = input.dim();
      if (d !== 2 && d !== 3) {
        const name = lstm ? 'LSTM' : this.mode === 'GRU' ? 'GRU' : 'RNN';
        throw new ValueError(`${name}: Expected input to be 2D or 3D, got ${d}D ${name === 'RNN' ? 'tensor ' : ''}instead`);
      }
      batched = d === 3;
      if (hx) {
        const want = batched ? 3 : 2, dims = hx.map((t) => t.dim());
        if (dims.some((k) => k !== want)) {
          const what = batched ? 'For batched 3-D input' : 'For unbatched 2-D input';
          throw new RuntimeError(lstm ? `${what}, hx and cx should also be ${want}-D but got (${dims[0]}-D, ${dims[1]}-D) tensors`
            : `${what}, hx should also be ${want}-D but got ${dims[0]}-D tensor`);
        }
      }
      x = batched ? input : input.unsqueeze(batchDim);
      if (hx && !batched) states = hx.map((t) => t.unsqueeze(1));
    }
    const B = sizes ? sizes[0] : x.size(batchDim), D = this.bidirectional ? 2 : 1, real = this.proj_size || this.hidden_size;
    const h0 = states ? states[0] : zeros([this.num_layers * D, B, real], { dtype: x.dtype, device: x.device });
    const c0 = !lstm ? null : states ? states[1] : zeros([this.num_layers * D, B, this.hidden_size], { dtype: x.dtype, device: x.device });
    // check_forward_args
    const rank = sizes ? 2 : 3;
    if (x.dim() !== rank) throw new RuntimeError(`input must have ${rank} dimensions, got ${x.dim()}`);
    if (x.size(-1) !== this.input_size) {
      throw new RuntimeError(`input.size(-1) must be equal to input_size. Expected ${this.input_size}, got ${x.size(-1)}`);
    }
    const check = (t: Tensor, size: number, label: string): void => {
      const e = [this.num_layers * D, B, size];
      if (t.dim() !== 3 || t.size().some((s, i) => s !== e[i])) throw new RuntimeError(`Expected ${label} ${pyTuple(e)}, got [${t.size().join(', ')}]`);
    };
    check(h0, real, lstm ? 'hidden[0] size' : 'hidden size');
    if (c0) check(c0, this.hidden_size, 'hidden[1] size');
    if (input instanceof PackedSequence) {
      const [out, finals] = this.layers(x, sizes as number[], h0, c0);
      const unsorted = input.unsorted_indices;
      return [out, unsorted ? finals.map((t) => index_select(t, 1, unsorted)) : finals];
    }
    // a (T, B, in) tensor is the packed case with every batch size B
    const seq = this.batch_first ? x.transpose(0, 1) : x, T = seq.size(0);
    const [data, finals] = this.layers(seq.reshape([T * B, this.input_size]), new Array<number>(T).fill(B), h0, c0);
    let out = data.view([T, B, data.size(1)]);
    if (this.batch_first) out = out.transpose(0, 1);
    if (!batched) return [out.squeeze(batchDim), finals.map((t) => t.squeeze(1))];
    return [out, finals];
  }

  private layers(input: Tensor, sizes: number[], h0: Tensor, c0: Tensor | null): [Tensor, Tensor[]] {
    const p = this.dropout !== 0 && this.training ? this.dropout : 0;
    return rnnLayers(this.mode, this.num_layers, this.bidirectional, p, (i) => this.weights(i), input, sizes, h0, c0);
  }
}

/**
 * @internal ATen's packed layers over data (N, in) whose steps have `sizes` rows (decreasing): each
 * layer and direction (its weights(layer·D + direction)), dropout p (0: none) between layers.
 * Forward, a sequence's final state is taken when the batch shrinks past it; in reverse, sequences
 * join with their initial state as it grows. nn.RNN/LSTM/GRU and torch.rnn_tanh/lstm/gru run it.
 */
export function rnnLayers(mode: RnnMode, num_layers: number, bidirectional: boolean, dropout: number, weights: (index: number) => CellWeights,
  input: Tensor, sizes: number[], h0: Tensor, c0: Tensor | null): [Tensor, Tensor[]] {
  const D = bidirectional ? 2 : 1, T = sizes.length, N = input.size(0);
  const hs: Tensor[] = [], cs: Tensor[] = [];
  const rows = (t: Tensor, start: number, n: number): Tensor => (start === 0 && n === t.size(0) ? t : t.narrow(0, start, n));
  let x = input;
  for (let layer = 0; layer < num_layers; layer++) {
    const outs: Tensor[] = [];
    for (let dir = 0; dir < D; dir++) {
      const index = layer * D + dir, w = weights(index);
      const igates = inputGates(x, w); // all steps at once, a narrow of it per step
      const hInit = h0.select(0, index), cInit = c0 ? c0.select(0, index) : null;
      const steps = new Array<Tensor>(T), doneH: Tensor[] = [], doneC: Tensor[] = [];
      let h: Tensor, c: Tensor | null;
      if (dir === 0) {
        [h, c] = [hInit, cInit];
        for (let t = 0, offset = 0, last = sizes[0]; t < T; offset += sizes[t], last = sizes[t], t++) {
          const b = sizes[t];
          if (b < last) {
            doneH.unshift(h.narrow(0, b, last - b));
            if (c) doneC.unshift(c.narrow(0, b, last - b));
            [h, c] = [h.narrow(0, 0, b), c && c.narrow(0, 0, b)];
          }
          [h, c] = cellStep(mode, rows(igates, offset, b), h, c, w);
          steps[t] = h;
        }
      } else {
        let last = sizes[T - 1];
        [h, c] = [rows(hInit, 0, last), cInit && rows(cInit, 0, last)];
        for (let t = T - 1, offset = N; t >= 0; last = sizes[t], t--) {
          const b = sizes[t];
          if (b > last) {
            h = cat([h, hInit.narrow(0, last, b - last)], 0);
            if (c && cInit) c = cat([c, cInit.narrow(0, last, b - last)], 0);
          }
          offset -= b;
          [h, c] = cellStep(mode, rows(igates, offset, b), h, c, w);
          steps[t] = h;
        }
      }
      outs.push(T === 1 ? steps[0] : cat(steps, 0));
      hs.push(doneH.length ? cat([h, ...doneH], 0) : h);
      if (c) cs.push(doneC.length ? cat([c, ...doneC], 0) : c);
    }
    x = D === 2 ? cat(outs, 1) : outs[0];
    if (dropout !== 0 && layer < num_layers - 1) x = dropoutFn(x, dropout, true);
  }
  return [x, c0 ? [stack(hs, 0), stack(cs, 0)] : [stack(hs, 0)]];
}

/**
 * A multi-layer Elman RNN: h_t = tanh(x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh) (or relu), as
 * PyTorch's nn.RNN. forward(input, h_0?) returns [output, h_n]; input is (L, N, H_in), (N, L, H_in)
 * with batch_first, or unbatched (L, H_in).
 * @example
 * torch.manual_seed(0);
 * const rnn = new nn.RNN(10, 20, { num_layers: 2 });       // RNN(10, 20, num_layers=2)
 * const [output, h_n] = rnn.call(torch.randn([5, 3, 10])); // [5, 3, 20], [2, 3, 20]
 */
export class RNN extends RNNBase {
  readonly nonlinearity: 'tanh' | 'relu';

  constructor(input_size: number, hidden_size: number, num_layers?: number | RNNOptions, opts?: RNNOptions) {
    const o = options(num_layers, opts);
    if ('proj_size' in o) throw new ValueError('proj_size argument is only supported for LSTM, not RNN or GRU');
    const nl = o.nonlinearity ?? 'tanh';
    if (nl !== 'tanh' && nl !== 'relu') throw new ValueError(`Unknown nonlinearity '${nl}'. Select from 'tanh' or 'relu'.`);
    super(nl === 'tanh' ? 'RNN_TANH' : 'RNN_RELU', input_size, hidden_size, o);
    this.nonlinearity = nl;
  }

  forward(input: PackedSequence, hx?: Tensor | null): [PackedSequence, Tensor];
  forward(input: Tensor, hx?: Tensor | null): [Tensor, Tensor];
  forward(input: Tensor | PackedSequence, hx?: Tensor | null): [Tensor | PackedSequence, Tensor] {
    const [out, [h]] = this._forward(input, hx ? [hx] : null);
    return [out, h];
  }
}

/**
 * A multi-layer LSTM as PyTorch's nn.LSTM (gates i, f, g, o; proj_size projects h). forward(input,
 * [h_0, c_0]?) returns [output, [h_n, c_n]].
 * @example
 * torch.manual_seed(0);
 * const lstm = new nn.LSTM(64, 128, { batch_first: true });
 * const [out, [h, c]] = lstm.call(torch.randn([16, 32, 64])); // out [16, 32, 128], h and c [1, 16, 128]
 */
export class LSTM extends RNNBase {
  constructor(input_size: number, hidden_size: number, num_layers?: number | LSTMOptions, opts?: LSTMOptions) {
    super('LSTM', input_size, hidden_size, options(num_layers, opts));
  }

  forward(input: PackedSequence, hx?: [Tensor, Tensor] | null): [PackedSequence, [Tensor, Tensor]];
  forward(input: Tensor, hx?: [Tensor, Tensor] | null): [Tensor, [Tensor, Tensor]];
  forward(input: Tensor | PackedSequence, hx?: [Tensor, Tensor] | null): [Tensor | PackedSequence, [Tensor, Tensor]] {
    const [out, [h, c]] = this._forward(input, hx ? [hx[0], hx[1]] : null);
    return [out, [h, c]];
  }
}

/**
 * A multi-layer GRU as PyTorch's nn.GRU (gates r, z, n). forward(input, h_0?) returns [output, h_n].
 * @example
 * const gru = new nn.GRU(8, 16, { bidirectional: true });
 * const [out, h] = gru.call(torch.randn([7, 8])); // unbatched: out [7, 32], h [2, 16]
 */
export class GRU extends RNNBase {
  constructor(input_size: number, hidden_size: number, num_layers?: number | RNNBaseOptions, opts?: RNNBaseOptions) {
    const o = options(num_layers, opts);
    if ('proj_size' in o) throw new ValueError('proj_size argument is only supported for LSTM, not RNN or GRU');
    super('GRU', input_size, hidden_size, o);
  }

  forward(input: PackedSequence, hx?: Tensor | null): [PackedSequence, Tensor];
  forward(input: Tensor, hx?: Tensor | null): [Tensor, Tensor];
  forward(input: Tensor | PackedSequence, hx?: Tensor | null): [Tensor | PackedSequence, Tensor] {
    const [out, [h]] = this._forward(input, hx ? [hx] : null);
    return [out, h];
  }
}
