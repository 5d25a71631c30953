// The node of a torch.autograd.Function (src/autograd_function.ts): its forward ran in JS
// under no_grad; this records it. The args buffer holds the tensor inputs, then the tensors
// its ctx saved (at most Rec.NSaved); i0 keeps the host's serial number of the Function call,
// by which the host finds its backward again. A Function that saved its own output keeps the
// output's values as any op's record that needs its result does (saveOutput), and its backward
// reads them back through custom_result: under create_graph that is the record's output again.

import { Op, Err } from '../../abi/abi';
import { argsPtr } from '../scratch';
import { newRecord, setInput, save, saveOutput, setParams } from '../tape';
import { release, retain } from '../tensors';
import { result } from '../grad/helpers';
import { Rec } from '../../abi/abi';
import { copy_tensor } from './create';

/** A copy of `out` made by a new CustomFunction record over nin inputs, saving nsaved tensors (and its output, with saves_output). */
export function custom_record(out: i32, nin: i32, nsaved: i32, serial: i32, saves_output: bool): i32 {
  const args = argsPtr();
  const c = copy_tensor(out);
  if (c < 0) return c;
  const r = newRecord(Op.CustomFunction, nin, c);
  if (!r) { release(c); return Err.OutOfMemory; }
  for (let k = 0; k < nin; k++) setInput(r, k, load<i32>(args + (<usize>k << 2)));
  for (let k = 0; k < nsaved; k++) save(r, k, load<i32>(args + (<usize>(nin + k) << 2)));
  setParams(r, 0, 0, serial, 0);
  if (saves_output) saveOutput(r);
  return c;
}

/** The output of CustomFunction record r as its backward sees it (a new reference; see grad/helpers result). */
export function custom_result(r: usize): i32 {
  const t = result(r);
  if (t > 0 && t == load<i32>(r, Rec.Out)) retain(t);
  return t;
}
