// F.channel_shuffle / torch.channel_shuffle (helper modules), composed as a view, a transpose and a
// reshape, with PyTorch's checks.

import { RuntimeError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { bind } from '../signature.js';
import { parseSchema } from '../schema.js';

const channelShuffleSchema = parseSchema('channel_shuffle(Tensor input, int groups) -> Tensor');

/**
 * Channel shuffle of an (N, C, *) input in `groups`: channel g·(C/groups) + i goes to i·groups + g
 * (a view as (N, groups, C/groups, *), the two group dims swapped, reshaped back).
 * @example F.channel_shuffle(torch.arange(8).float().reshape([1, 4, 2]), 2) // channels 0, 2, 1, 3
 */
export function channel_shuffle(input: Tensor, groups: number): Tensor;
export function channel_shuffle(...args: unknown[]): Tensor {
  const a = bind(channelShuffleSchema, args, null, 'channel_shuffle');
  const input = a.input as Tensor, groups = a.groups as number, shape = input._shape;
  if (shape.length <= 2) throw new RuntimeError(`channel_shuffle expects input with > 2 dims, but got input with sizes [${shape.join(', ')}]`);
  if (groups <= 0) throw new RuntimeError(`Number of groups to divide channels in must be positive. Value of groups:${groups}`);
  const C = shape[1];
  if (C % groups !== 0) throw new RuntimeError(`Number of channels must be divisible by groups. Got ${C} channels and ${groups} groups.`);
  const grouped = input.view([shape[0], groups, C / groups, ...shape.slice(2)]);
  try {
    const swapped = grouped.transpose(1, 2);
    try { return swapped.reshape(shape.slice()); } finally { swapped.dispose(); }
  } finally {
    grouped.dispose();
  }
}
