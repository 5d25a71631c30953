// The wasm device's derivatives: the rule for each op is generated from the op
// table (src/ops/table.ts) into generated/derivatives.generated.ts. Rules are
// written with the device's own ops (grad/helpers.ts), which record when grad
// mode is on: that is how create_graph differentiates them. The helpers track
// the temporaries of one rule and free all but the result, and turn any
// negative Err id into an early exit, so a rule stays one expression.

import { begin, end } from './grad/helpers';
import { rule } from './generated/derivatives.generated';

/** The gradient for input k of record r (a new tensor id, owned by the caller), or a negative Err. */
export function gradient(r: usize, g: i32, k: i32): i32 {
  begin();
  return end(rule(r, g, k));
}
