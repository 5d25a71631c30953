// The derivative of a torch.autograd.Function's node: its own backward, run by the front end
// (src/autograd_function.ts) through src/custom_backward.ts.

import type { JsRecord, JsTensor } from '../tensor.js';
import { customBackward as host } from '../../custom_backward.js';
import { jsDevice } from '../device.js';

export const customBackward = (r: JsRecord, g: JsTensor, k: number): JsTensor | null => host(jsDevice, r, g, k) as JsTensor | null;
