// nn.RNNCell, nn.LSTMCell and nn.GRUCell as PyTorch 2 has them: one step of the recurrence
// (rnn_steps.ts) with weight_ih, weight_hh, bias_ih, bias_hh initialised as PyTorch's, PyTorch 2's
// rank checks, ATen's size checks and unbatched (1-D) inputs.

import type { Tensor } from '../tensor.js';
import { RuntimeError, ValueError } from '../errors.js';
import { tidy } from '../memory.js';
import { zeros } from '../creation.js';
import { Module } from './module.js';
import type { Factory } from './layers.js';
import { cellStep, gateCount, inputGates, type RnnMode } from './rnn_steps.js';
import { emptyParameter, resetUniform } from './rnn_init.js';

/** The cells' constructor options after input_size and hidden_size. */
export interface RNNCellOptions extends Factory { bias?: boolean }

/** PyTorch's RNNCellBase: the four parameters, init, repr and the shared forward. */
export abstract class RNNCellBase extends Module {
  readonly input_size: number;
  readonly hidden_size: number;
  readonly bias: boolean;
  weight_ih: Tensor;
  weight_hh: Tensor;
  bias_ih: Tensor | null;
  bias_hh: Tensor | null;

  constructor(input_size: number, hidden_size: number, num_chunks: number, o: RNNCellOptions | boolean) {
    super();
    if (typeof o === 'boolean') o = { bias: o }; // nn.GRUCell(4, 3, false): bias positionally, as in PyTorch
    this.input_size = input_size;
    this.hidden_size = hidden_size;
    this.bias = o.bias ?? true;
    const G = num_chunks * hidden_size;
    this.weight_ih = this.register_parameter('weight_ih', emptyParameter([G, input_size], o));
    this.weight_hh = this.register_parameter('weight_hh', emptyParameter([G, hidden_size], o));
    this.bias_ih = this.register_parameter('bias_ih', this.bias ? emptyParameter([G], o) : null);
    this.bias_hh = this.register_parameter('bias_hh', this.bias ? emptyParameter([G], o) : null);
    this.reset_parameters();
  }

  /** Every parameter from U(−1/√hidden_size, 1/√hidden_size), in order, as PyTorch's. @example cell.reset_parameters() */
  reset_parameters(): void { resetUniform(this.parameters(), this.hidden_size); }

  extra_repr(): string {
    let s = `${this.input_size}, ${this.hidden_size}`;
    if (!this.bias) s += ', bias=False';
    if (this instanceof RNNCell && this.nonlinearity !== 'tanh') s += `, nonlinearity=${this.nonlinearity}`;
    return s;
  }

  /**
   * @internal One step: PyTorch 2's rank checks (`hxName(i)` names state i in the message), ATen's
   * size checks, unbatched inputs unsqueezed and the result squeezed back. hx is [h] or [h, c];
   * mode null is RNNCell's unknown nonlinearity, refused after the rank checks as PyTorch does.
   */
  _step(mode: RnnMode | null, input: Tensor, hx: Tensor[] | null, hxName: (i: number) => string): Tensor[] {
    return tidy(() => {
      const name = this._get_name();
      if (input.dim() !== 1 && input.dim() !== 2) throw new ValueError(`${name}: Expected input to be 1D or 2D, got ${input.dim()}D instead`);
      hx?.forEach((t, i) => {
        if (t.dim() !== 1 && t.dim() !== 2) throw new ValueError(`${name}: Expected ${hxName(i)} to be 1D or 2D, got ${t.dim()}D instead`);
      });
      if (mode === null) throw new RuntimeError(`Unknown nonlinearity: ${(this as unknown as RNNCell).nonlinearity}`);
      const batched = input.dim() === 2;
      const x = batched ? input : input.unsqueeze(0);
      const n = mode === 'LSTM' ? 2 : 1;
      const states = hx ? (batched ? hx : hx.map((t) => t.unsqueeze(0)))
        : new Array<Tensor>(n).fill(zeros([x.size(0), this.hidden_size], { dtype: x.dtype, device: x.device }));
      // ATen's check_rnn_cell_forward_input / _hidden
      if (x.size(1) !== this.input_size) throw new RuntimeError(`input has inconsistent input_size: got ${x.size(1)} expected ${this.input_size}`);
      for (const h of states) { // ATen labels both of an LSTM's states hidden0
        if (x.size(0) !== h.size(0)) throw new RuntimeError(`Input batch size ${x.size(0)} doesn't match hidden0 batch size ${h.size(0)}`);
        if (h.size(1) !== this.hidden_size) throw new RuntimeError(`hidden0 has inconsistent hidden_size: got ${h.size(1)}, expected ${this.hidden_size}`);
      }
      const w = { w_ih: this.weight_ih, w_hh: this.weight_hh, b_ih: this.bias_ih, b_hh: this.bias_hh, w_hr: null };
      const [h, c] = cellStep(mode, inputGates(x, w), states[0], states[1] ?? null, w);
      const out = c ? [h, c] : [h];
      return batched ? out : out.map((t) => t.squeeze(0));
    });
  }
}

/**
 * An Elman RNN cell: h' = tanh(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh) (or relu), as PyTorch's nn.RNNCell.
 * @example
 * const cell = new nn.RNNCell(10, 20, { nonlinearity: 'relu' });
 * let h = torch.zeros([3, 20]);
 * for (const x of torch.randn([6, 3, 10]).unbind(0)) h = cell.call(x, h);
 */
export class RNNCell extends RNNCellBase {
  readonly nonlinearity: string;

  constructor(input_size: number, hidden_size: number, options: (RNNCellOptions & { nonlinearity?: 'tanh' | 'relu' }) | boolean = {}) {
    super(input_size, hidden_size, 1, options);
    this.nonlinearity = (typeof options === 'boolean' ? undefined : options.nonlinearity) ?? 'tanh';
  }

  forward(input: Tensor, hx?: Tensor | null): Tensor {
    const nl = this.nonlinearity, mode = nl === 'tanh' ? 'RNN_TANH' : nl === 'relu' ? 'RNN_RELU' : null;
    return this._step(mode, input, hx ? [hx] : null, () => 'hidden')[0];
  }
}

/**
 * An LSTM cell as PyTorch's nn.LSTMCell: forward(input, [h, c]?) returns [h', c'].
 * @example
 * const cell = new nn.LSTMCell(10, 20);
 * const [h, c] = cell.call(torch.randn([3, 10])); // both [3, 20]
 */
export class LSTMCell extends RNNCellBase {
  constructor(input_size: number, hidden_size: number, options: RNNCellOptions | boolean = {}) {
    super(input_size, hidden_size, gateCount('LSTM'), options);
  }

  forward(input: Tensor, hx?: [Tensor, Tensor] | null): [Tensor, Tensor] {
    const [h, c] = this._step('LSTM', input, hx ? [hx[0], hx[1]] : null, (i) => `hx[${i}]`);
    return [h, c];
  }
}

/**
 * A GRU cell as PyTorch's nn.GRUCell: forward(input, h?) returns h'.
 * @example
 * const cell = new nn.GRUCell(4, 8);
 * const h = cell.call(torch.randn([4])); // unbatched: [8]
 */
export class GRUCell extends RNNCellBase {
  constructor(input_size: number, hidden_size: number, options: RNNCellOptions | boolean = {}) {
    super(input_size, hidden_size, gateCount('GRU'), options);
  }

  forward(input: Tensor, hx?: Tensor | null): Tensor { return this._step('GRU', input, hx ? [hx] : null, () => 'hidden')[0]; }
}
