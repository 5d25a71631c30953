// torch.nn.utils.rnn.pad_sequence: variable-length sequences padded into one tensor.

import { Tensor } from '../tensor.js';
import { RuntimeError } from '../errors.js';
import { full } from '../creation.js';
import { tidy } from '../memory.js';
import { cat, stack } from '../ops/shape.js';
import { PackedSequence, pack_padded_sequence, pad_packed_sequence } from './rnn_packing.js';

/** pad_sequence's options, PyTorch's keywords. */
export interface PadSequenceOptions {
  /** Output (batch, longest, *) instead of (longest, batch, *). */
  batch_first?: boolean;
  /** The value of the padding (default 0). */
  padding_value?: number;
}

/**
 * Pads a list of (L_i, *) tensors with `padding_value` to the longest L and stacks them, as
 * `torch.nn.utils.rnn.pad_sequence`: (L, B, *), or (B, L, *) with batch_first. The result has
 * the first sequence's dtype; the others are broadcast into its trailing shape as PyTorch's
 * copy_ does (with its error when they cannot be).
 *
 * @example
 * nn.utils.rnn.pad_sequence([torch.ones(3), torch.ones(1)], { batch_first: true }); // [[1, 1, 1], [1, 0, 0]]
 */
export function pad_sequence(sequences: readonly Tensor[], batch_first: boolean | PadSequenceOptions = false, padding_value = 0.0): Tensor {
  const o = typeof batch_first === 'object' ? batch_first : { batch_first, padding_value };
  if (sequences.length === 0) throw new RuntimeError('received an empty list of sequences');
  const first = sequences[0];
  const trailing = first.shape.slice(1);
  const maxLen = Math.max(...sequences.map((s) => s.size(0)));
  const padded = sequences.map((s) => {
    const length = s.size(0);
    checkBroadcast([length, ...trailing], s.shape);
    const body = s.to(first.dtype).expand([length, ...trailing]);
    if (length === maxLen) return body;
    const pad = full([maxLen - length, ...trailing], o.padding_value ?? 0, { dtype: first.dtype.name, device: first.device });
    return cat([body, pad], 0);
  });
  return stack(padded, o.batch_first ? 0 : 1);
}

/** copy_'s broadcast of a sequence (b) into its slot (a), with PyTorch's message where a size clashes. */
function checkBroadcast(a: number[], b: number[]): void {
  const n = Math.max(a.length, b.length);
  for (let i = n - 1; i >= 0; i--) {
    const sizeA = a[i - n + a.length] ?? 1, sizeB = b[i - n + b.length] ?? 1;
    if (sizeA !== sizeB && sizeA !== 1 && sizeB !== 1) {
      throw new RuntimeError(`The size of tensor a (${sizeA}) must match the size of tensor b (${sizeB}) at non-singleton dimension ${i}`);
    }
  }
}

// the packed form the recurrent layers take (src/nn/rnn_packing.ts)
export { PackedSequence, pack_padded_sequence, pad_packed_sequence } from './rnn_packing.js';

/**
 * Packs a list of (L_i, *) sequences, as `torch.nn.utils.rnn.pack_sequence`: pad_sequence, then
 * pack_padded_sequence with their lengths (decreasing unless `enforce_sorted: false`).
 * @example
 * const packed = nn.utils.rnn.pack_sequence([torch.tensor([1, 2, 3]), torch.tensor([4, 5]), torch.tensor([6])]);
 * // packed.data: [1, 4, 6, 2, 5, 3], batch_sizes: [3, 2, 1]
 */
export function pack_sequence(sequences: readonly Tensor[], enforce_sorted: boolean | { enforce_sorted?: boolean } = true): PackedSequence {
  const sorted = typeof enforce_sorted === 'object' ? enforce_sorted.enforce_sorted ?? true : enforce_sorted;
  const lengths = sequences.map((v) => v.size(0));
  const padded = pad_sequence(sequences);
  try {
    return pack_padded_sequence(padded, lengths, { enforce_sorted: sorted });
  } finally {
    padded.dispose();
  }
}

/**
 * The sequences of a PackedSequence as a list of (L_i, *) tensors, in the caller's order, as
 * `torch.nn.utils.rnn.unpack_sequence` (pad_packed_sequence with batch_first, each row cut to its length).
 * @example nn.utils.rnn.unpack_sequence(nn.utils.rnn.pack_sequence([a, b, c])) // [a, b, c]
 */
export function unpack_sequence(packed_sequences: PackedSequence): Tensor[] {
  return tidy(() => {
    const [padded, lengths] = pad_packed_sequence(packed_sequences, { batch_first: true });
    return (lengths.tolist() as number[]).map((length, i) => padded.select(0, i).narrow(0, 0, length));
  });
}
