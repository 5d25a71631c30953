// The derivative of torch.scatter_reduce (src/js/ops/scatter_reduce.ts), as assembly/grad/scatter_reduce.ts.

import type { JsRecord, JsTensor } from '../tensor.js';
import { scatterReduceBackward as compute } from '../ops/scatter_reduce.js';

export function scatterReduceBackward(r: JsRecord, g: JsTensor, k: number): JsTensor {
  return compute(k, g, r.saved[1]!, r.saved[2]!, r.out, r.saved[0]!, r.i0, r.i1 !== 0);
}
