import * as torch from 'wasmgrad';
import { seed } from '../seed.mjs';

torch.ready().then(
  () => postMessage([seed(torch), seed(torch, 'js')]),
  (e) => postMessage([String(e)]),
);
