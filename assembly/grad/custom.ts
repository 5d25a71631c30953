// The derivative of a torch.autograd.Function's node: its backward is JS code, so the
// sweep calls out of WASM for it (the one call out per such node and input). The host
// (src/wasm/device.ts) runs the Function's backward once per node and hands back the
// gradient for each input k: a new tensor id, 0 for none, or Err.Callback when it threw.

import { T } from './helpers';

// @ts-ignore: decorator
@external("env", "custom_backward")
declare function hostBackward(r: usize, g: i32, k: i32): i32;

export function customBackward(r: usize, g: i32, k: i32): i32 { return T(hostBackward(r, g, k)); }
