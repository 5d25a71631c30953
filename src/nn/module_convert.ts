// Module.to / float / double / type / cpu / half / bfloat16 / share_memory (helper h-modules):
// PyTorch's Module._apply. A parameter keeps its identity and takes the converted values as
// `param.data = converted` does (so an optimizer holding it keeps working), its .grad converted
// too; a buffer is replaced by its converted tensor, as PyTorch's `self._buffers[key] = fn(buf)`.

import { Tensor } from '../tensor.js';
import { DTYPES, TorchDtype, isDtypeName, parseDtype, isFloating } from '../dtype.js';
import { NotImplementedError, TypeError } from '../errors.js';
import { no_grad } from '../autograd.js';
import { registerFinalizer, unregisterFinalizer, untrack } from '../runtime.js';
import { dropHooks } from '../tensor_hooks.js';
import type { DeviceName } from '../device.js';
import type { DType } from '../../abi/abi.js';
import type { Module } from './module.js';

/** Module.to's keyword arguments (`non_blocking` is accepted: every copy here is synchronous). */
export interface ModuleToOptions { device?: DeviceName; dtype?: TorchDtype | string; non_blocking?: boolean }

/** @internal `p` takes over `src`'s values, dtype and device in place (PyTorch's `p.data = src`); src is disposed. */
export function setData(p: Tensor, src: Tensor): void {
  const w = p as unknown as { _dev: Tensor['_dev']; _h: Tensor['_h']; _shape: number[]; _dtype: DType; _gradWrapper: Tensor | null };
  const oldDev = p._dev, oldH = p.h, rg = p.requires_grad, escaped = p.isEscaped;
  if (escaped) unregisterFinalizer(p);
  src._dev.retain(src.h);
  w._dev = src._dev; w._h = src._h; w._shape = src._shape.slice(); w._dtype = src._dtype; w._gradWrapper = null;
  p._strides = src._strides; p._offset = src._offset; p._view = null;
  src.dispose();
  if (rg) p._dev.setRequiresGrad(p._h, true);
  oldDev.noteHeld(-1);
  p._dev.noteHeld(1);
  dropHooks(oldH);
  oldDev.release(oldH);
  if (escaped) registerFinalizer(p, p._dev, p._h);
}

/** PyTorch's Module._apply(fn): children first, then each parameter (and its grad) in place and each buffer replaced. */
export function applyToModule<M extends Module>(m: M, fn: (t: Tensor) => Tensor): M {
  for (const c of m.children()) applyToModule(c, fn);
  no_grad(() => {
    for (const [, p] of m._parameters) {
      if (p === null) continue;
      const applied = fn(p);
      const g = p.grad, gApplied = g === null ? null : fn(g);
      if (applied !== p) setData(p, applied);
      if (g !== null && gApplied !== g) { untrack(gApplied!); p.grad = gApplied; }
    }
    for (const [k, b] of m._buffers) {
      if (b === null) continue;
      const applied = fn(b);
      if (applied === b) continue;
      untrack(applied);
      m._buffers.set(k, applied);
      // the field that names the buffer (Python reads it from _buffers) follows it
      const fields = m as unknown as Record<string, unknown>;
      if (fields[k] === b) fields[k] = applied;
    }
  });
  return m;
}

/** torch._C._nn._parse_to: `(device, dtype, non_blocking)`, `(dtype, non_blocking)`, `(tensor, non_blocking)` or keywords. */
function parseTo(args: unknown[]): { device?: DeviceName; dtype?: DType } {
  const last = args[args.length - 1];
  const isOptions = typeof last === 'object' && last !== null && !(last instanceof Tensor) && !(last instanceof TorchDtype);
  const pos = isOptions ? args.slice(0, -1) : args.slice();
  const o = (isOptions ? last : {}) as ModuleToOptions;
  let device = o.device, dtype = o.dtype;
  const first = pos[0];
  if (first instanceof Tensor) { device = first.device; dtype = first.dtype; pos.shift(); }
  else if (first instanceof TorchDtype || (typeof first === 'string' && isDtypeName(first))) { dtype = first as TorchDtype; pos.shift(); }
  else if (typeof first === 'string') {
    device = first as DeviceName; pos.shift();
    if (pos[0] instanceof TorchDtype || (typeof pos[0] === 'string' && isDtypeName(pos[0]))) dtype = pos.shift() as TorchDtype;
  } else if (first === null || first === undefined) pos.shift();
  if (pos.length > 1 || (pos.length === 1 && typeof pos[0] !== 'boolean')) {
    throw new TypeError(`to() received an invalid combination of arguments - got (${args.map((a) => typeof a).join(', ')})`);
  }
  return { device, dtype: parseDtype(dtype, 'to') };
}

/** Module.to: floating tensors to the dtype, every tensor to the device. */
export function moduleTo<M extends Module>(m: M, args: unknown[]): M {
  const { device, dtype } = parseTo(args);
  if (dtype !== undefined && !isFloating(dtype)) {
    throw new TypeError(`nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=torch.${DTYPES[dtype].name}`);
  }
  return applyToModule(m, (t) => {
    const d = isFloating(t._dtype) && dtype !== undefined ? DTYPES[dtype] : undefined;
    return device === undefined && d === undefined ? t : t.to({ device, dtype: d });
  });
}

/** Module.float / double: the floating tensors to `dtype`, the others kept. */
export const floatingTo = <M extends Module>(m: M, dtype: DType): M => applyToModule(m, (t) => (isFloating(t._dtype) ? t.to(DTYPES[dtype]) : t));

/** Module.half / bfloat16: refused as Tensor.half / bfloat16 refuse (wasmgrad holds no 16-bit floats). */
export function unsupportedModuleDtype(method: string, dtype: string): never {
  throw new NotImplementedError(`wasmgrad: Module.${method}() converts to torch.${dtype}, which wasmgrad does not hold (it holds tensors of float32, float64, int64, int32 and bool)`);
}
