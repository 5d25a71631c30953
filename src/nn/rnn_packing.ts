// torch.nn.utils.rnn's PackedSequence, pack_padded_sequence and pad_packed_sequence: a batch of
// sequences of different lengths as the rows of each time step, longest sequences first, which the
// recurrent layers (rnn.ts) run without computing on the padding. Composed of existing ops
// (narrow, cat, stack, index_select), so gradients flow through packing and unpacking.

import { Tensor } from '../tensor.js';
import { RuntimeError, ValueError } from '../errors.js';
import { full, tensor } from '../creation.js';
import { cat, stack } from '../ops/shape.js';
import { sort } from '../ops/sort.js';
import { index_select } from '../ops/gather_scatter.js';

// batch_sizes and lengths live on the data's device (PyTorch keeps them on the CPU)
const int64 = (values: number[], device: Tensor['device']): Tensor => tensor(values, { dtype: 'int64', device });

/**
 * Sequences packed by time step: `data` holds step 0's rows (batch_sizes[0] of them), then step 1's,
 * ...; sorted_indices (when the batch was sorted by length) and unsorted_indices (its inverse) map
 * between the packed order and the caller's. Made by pack_padded_sequence; an RNN, LSTM or GRU
 * given one returns one.
 * @example
 * const packed = nn.utils.rnn.pack_padded_sequence(x, [3, 1], { enforce_sorted: false });
 * packed.batch_sizes.tolist(); // [2, 1, 1]
 */
export class PackedSequence {
  constructor(readonly data: Tensor, readonly batch_sizes: Tensor, readonly sorted_indices: Tensor | null = null,
    readonly unsorted_indices: Tensor | null = null) {}

  /** PyTorch's repr of the namedtuple. @example String(packed) */
  toString(): string {
    const s = (t: Tensor | null): string => (t ? String(t) : 'None');
    return `PackedSequence(data=${s(this.data)}, batch_sizes=${s(this.batch_sizes)}, sorted_indices=${s(this.sorted_indices)}, ` +
      `unsorted_indices=${s(this.unsorted_indices)})`;
  }
}

/** pack_padded_sequence's options after input and lengths: PyTorch's keywords. */
export interface PackOptions { batch_first?: boolean; enforce_sorted?: boolean }

/**
 * Packs a padded batch (T, B, *), or (B, T, *) with batch_first, of sequences with the given
 * lengths. With enforce_sorted (the default) the lengths must be decreasing; otherwise the batch is
 * sorted by length first (torch.sort, descending) and the PackedSequence keeps the permutation.
 * @example
 * const x = torch.randn([4, 2, 3]);  // T 4, B 2
 * const packed = nn.utils.rnn.pack_padded_sequence(x, [4, 2]); // data [6, 3], batch_sizes [2, 2, 1, 1]
 */
export function pack_padded_sequence(input: Tensor, lengths: Tensor | number[], batch_first: boolean | PackOptions = false,
  enforce_sorted = true): PackedSequence {
  const o = typeof batch_first === 'object' ? batch_first : { batch_first, enforce_sorted };
  let lens = lengths instanceof Tensor ? (lengths.tolist() as number[]) : lengths.slice();
  let sorted: Tensor | null = null;
  if (o.enforce_sorted === false) {
    const [values, indices] = sort(int64(lens, input.device), 0, true);
    lens = values.tolist() as number[];
    sorted = indices;
    input = index_select(input, o.batch_first ? 0 : 1, sorted);
  }
  // ATen's _pack_padded_sequence
  if (input.numel() === 0) throw new RuntimeError('Cannot pack empty tensors.');
  const x = o.batch_first ? input.transpose(0, 1) : input, B = x.size(1);
  if (lens.length !== B) throw new RuntimeError(`Expected \`len(lengths)\` to be equal to batch_size, but got ${lens.length} (batch_size=${B})`);
  if (!(lens[B - 1] > 0)) throw new RuntimeError("Length of all samples has to be greater than 0, but found an element in 'lengths' that is <= 0");
  for (let i = 1; i < B; i++) {
    if (lens[i] > lens[i - 1]) {
      throw new RuntimeError('`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. You can pass ' +
        '`enforce_sorted=False` to pack_padded_sequence and/or pack_sequence to sidestep this requirement if you do not need ONNX exportability.');
    }
  }
  const batchSizes = Array.from({ length: lens[0] }, (_, t) => lens.filter((l) => l > t).length);
  // PyTorch reads past the input here (its batch_sizes come out of other memory); wasmgrad refuses
  if (lens[0] > x.size(0)) throw new RuntimeError(`pack_padded_sequence: a length (${lens[0]}) exceeds the input's sequence length (${x.size(0)})`);
  const data = cat(batchSizes.map((b, t) => x.select(0, t).narrow(0, 0, b)), 0);
  return new PackedSequence(data, int64(batchSizes, input.device), sorted, sorted ? invertPermutation(sorted) : null);
}

/** PyTorch's invert_permutation: out[perm[i]] = i. */
function invertPermutation(perm: Tensor): Tensor {
  const p = perm.tolist() as number[], out = new Array<number>(p.length);
  p.forEach((v, i) => { out[v] = i; });
  return int64(out, perm.device);
}

/** pad_packed_sequence's options after the sequence: PyTorch's keywords. */
export interface PadPackedOptions { batch_first?: boolean; padding_value?: number; total_length?: number | null }

/**
 * The inverse of pack_padded_sequence: [padded (T, B, *) or (B, T, *), lengths (int64)], in the
 * caller's batch order; T is the longest length, or total_length.
 * @example
 * const [out, lengths] = nn.utils.rnn.pad_packed_sequence(packedOutput, { batch_first: true });
 */
export function pad_packed_sequence(sequence: PackedSequence, batch_first: boolean | PadPackedOptions = false, padding_value = 0.0,
  total_length: number | null = null): [Tensor, Tensor] {
  const o = typeof batch_first === 'object' ? batch_first : { batch_first, padding_value, total_length };
  const sizes = sequence.batch_sizes.tolist() as number[], data = sequence.data;
  let T = sizes.length;
  const total = o.total_length ?? null;
  if (total !== null) {
    if (total < T) {
      throw new ValueError('Expected total_length to be at least the length of the longest sequence in input, but got ' +
        `total_length=${total} and max sequence length being ${T}`);
    }
    T = total;
  }
  const B = sizes[0], rest = data.shape.slice(1), pad = o.padding_value ?? 0;
  const padding = (rows: number): Tensor => full([rows, ...rest], pad, { dtype: data.dtype, device: data.device });
  const steps: Tensor[] = [];
  let offset = 0;
  for (let t = 0; t < T; t++) {
    const b = sizes[t] ?? 0, rows = data.narrow(0, offset, b);
    offset += b;
    steps.push(b === B ? rows : b === 0 ? padding(B) : cat([rows, padding(B - b)], 0));
  }
  let padded = stack(steps, o.batch_first ? 1 : 0);
  const lens = Array.from({ length: B }, (_, i) => sizes.filter((b) => b > i).length);
  let lengths = int64(lens, data.device);
  const un = sequence.unsorted_indices;
  if (un) {
    padded = index_select(padded, o.batch_first ? 0 : 1, un);
    lengths = int64((un.tolist() as number[]).map((i) => lens[i]), data.device);
  }
  return [padded, lengths];
}
