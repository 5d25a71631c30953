// The node of a torch.autograd.Function (src/autograd_function.ts): its forward ran in JS
// under no_grad; this records it. The args buffer holds the tensor inputs, then the tensors
// its ctx saved (at most Rec.NSaved); i0 keeps the host's serial number of the Function call,
// by which the host finds its backward again.

import { Op, Err } from '../../abi/abi';
import { argsPtr } from '../scratch';
import { newRecord, setInput, save, setParams } from '../tape';
import { release } from '../tensors';
import { copy_tensor } from './create';

/** A copy of `out` made by a new CustomFunction record over nin inputs, saving nsaved tensors. */
export function custom_record(out: i32, nin: i32, nsaved: i32, serial: i32): i32 {
  const args = argsPtr();
  const c = copy_tensor(out);
  if (c < 0) return c;
  const r = newRecord(Op.CustomFunction, nin, c);
  if (!r) { release(c); return Err.OutOfMemory; }
  for (let k = 0; k < nin; k++) setInput(r, k, load<i32>(args + (<usize>k << 2)));
  for (let k = 0; k < nsaved; k++) save(r, k, load<i32>(args + (<usize>(nin + k) << 2)));
  setParams(r, 0, 0, serial, 0);
  return c;
}
