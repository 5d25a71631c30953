// One error class: with "sideEffects": false nothing else is bundled.
import { RuntimeError } from 'wasmgrad';

globalThis.__result = { name: new RuntimeError('x').name };
