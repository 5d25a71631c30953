// One time step of each recurrent cell, composed of existing ops as ATen's RNN.cpp composes its
// CPU cells (so autograd on both devices gives the gradients): nn.RNN/LSTM/GRU (rnn.ts) run these
// over a sequence with the input projection x·W_ihᵀ + b_ih done for all steps at once, the cell
// modules (rnn_cells.ts) run them once.

import type { Tensor } from '../tensor.js';
import { linear } from '../ops/linalg.js';

/** 'RNN_TANH' | 'RNN_RELU' | 'LSTM' | 'GRU': PyTorch's RNNBase.mode. */
export type RnnMode = 'RNN_TANH' | 'RNN_RELU' | 'LSTM' | 'GRU';

/** The weights of one layer and direction, in PyTorch's order; w_hr only for an LSTM with proj_size. */
export interface CellWeights { w_ih: Tensor; w_hh: Tensor; b_ih: Tensor | null; b_hh: Tensor | null; w_hr: Tensor | null }

/**
 * The gates of (B, n·H) as n (B, H) slices. ATen's unsafe_chunk; narrow here, because chunk's and
 * unbind's pieces are gathered through an index built per element, several times slower.
 */
const gatesOf = (t: Tensor, n: number): Tensor[] => {
  const H = t._shape[1] / n;
  return Array.from({ length: n }, (_, k) => t.narrow(1, k * H, H));
};

/** How many gates a mode stacks in W_ih's rows (PyTorch's gate_size / hidden_size). */
export const gateCount = (mode: RnnMode): number => (mode === 'LSTM' ? 4 : mode === 'GRU' ? 3 : 1);

/** igates = x·W_ihᵀ + b_ih, for one step (B, in) or all steps at once (T, B, in). */
export const inputGates = (x: Tensor, w: CellWeights): Tensor => linear(x, w.w_ih, w.b_ih);

/**
 * One step from the input gates igates (B, gates·H) and the state: the new hidden state, and for an
 * LSTM the new cell state. Intermediates are the caller's to free (the modules run it in tidy()).
 */
export function cellStep(mode: RnnMode, igates: Tensor, h: Tensor, c: Tensor | null, w: CellWeights): [Tensor, Tensor | null] {
  const hgates = linear(h, w.w_hh, w.b_hh);
  if (mode === 'RNN_TANH') return [hgates.add(igates).tanh(), null];
  if (mode === 'RNN_RELU') return [hgates.add(igates).relu(), null];
  if (mode === 'LSTM') {
    // gates in PyTorch's order: input, forget, cell, output
    const [i, f, g, o] = gatesOf(hgates.add(igates), 4);
    const cy = f.sigmoid().mul(c as Tensor).add(i.sigmoid().mul(g.tanh()));
    const hy = o.sigmoid().mul(cy.tanh());
    return [w.w_hr ? hy.matmul(w.w_hr.t()) : hy, cy];
  }
  // GRU: reset r, update z, new n = tanh(igates_n + r·hgates_n); h' = (h − n)·z + n
  const [ir, iz, inew] = gatesOf(igates, 3);
  const [hr, hz, hnew] = gatesOf(hgates, 3);
  const r = hr.add(ir).sigmoid(), z = hz.add(iz).sigmoid();
  const n = inew.add(hnew.mul(r)).tanh();
  return [h.sub(n).mul(z).add(n), null];
}
