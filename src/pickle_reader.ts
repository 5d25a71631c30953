// The restricted unpickler of torch.load(weights_only=True), as PyTorch 2's
// torch/_weights_only_unpickler.py reads a pickle: only its opcodes, only allowlisted GLOBALs
// (OrderedDict, the tensor rebuild functions, the storage types), no other callable and no code
// run. It produces descriptions, not tensors: a tensor is a TensorRecord (its storage reference,
// offset, sizes, strides), made into a tensor by torch.load once the whole file has been checked.
// Every read is bounds-checked; the memo is a Map, so a huge memo index allocates nothing.

import { NotImplementedError, TorchError } from './errors.js';
import { DType } from '../abi/abi.js';

/** Python's pickle.UnpicklingError, as torch.load raises it for a file weights_only refuses or a corrupt pickle. */
export class UnpicklingError extends TorchError {
  override name = 'UnpicklingError';
}

/** A Python tuple (a frozen array once loaded). */
export class PyTuple { constructor(readonly items: PyValue[]) {} }
/** A Python dict or collections.OrderedDict: keys in insertion order. */
export class PyDict { readonly map = new Map<PyValue, PyValue>(); constructor(readonly ordered: boolean) {} }
/** An allowlisted GLOBAL. */
export class PyGlobal { constructor(readonly path: string) {} }
/** persistent_load's ('storage', type, key, location, numel). */
export class StorageRef { constructor(readonly key: string, readonly dtype: DType, readonly typeName: string, readonly numel: number) {} }
/** _rebuild_tensor_v2's arguments (or _rebuild_parameter's, `parameter` set). */
export class TensorRecord {
  constructor(readonly storage: StorageRef, readonly offset: number, readonly size: number[], readonly stride: number[],
    readonly requires_grad: boolean, readonly parameter = false) {}
}
/** A value on the unpickler's stack. */
export type PyValue = null | boolean | number | bigint | string | PyValue[] | PyTuple | PyDict | PyGlobal | StorageRef | TensorRecord | Set<PyValue>;

/** The storage types wasmgrad holds, by their class name in torch. */
export const STORAGE_TYPES: Record<string, DType> = {
  FloatStorage: DType.Float32, DoubleStorage: DType.Float64, LongStorage: DType.Int64, IntStorage: DType.Int32, BoolStorage: DType.Bool,
};
/** What PyTorch's weights_only loader also allows and wasmgrad cannot hold. */
const ALLOWED_ELSEWHERE = new Set(['collections.Counter', 'torch.nn.parameter.Parameter', 'torch.serialization._get_layout', 'torch.Size',
  'torch.Tensor', 'torch.device', '_codecs.encode', 'builtins.bytearray', 'builtins.set', 'builtins.complex', 'torch._tensor._rebuild_from_type_v2',
  ...['qtensor', 'tensor', 'tensor_v3', 'sparse_tensor', 'meta_tensor_no_storage', 'wrapper_subclass', 'parameter_with_state',
    'device_tensor_from_numpy', 'device_tensor_from_cpu_tensor'].map((f) => `torch._utils._rebuild_${f}`),
  ...['Half', 'BFloat16', 'Byte', 'Char', 'Short', 'ComplexFloat', 'ComplexDouble', 'QUInt8', 'QInt8', 'QInt32', 'QUInt4x2', 'QUInt2x4', 'Untyped', 'Typed']
    .map((s) => `torch.${s}Storage`)]);
/** Modules PyTorch 2 refuses even when allowlisted. */
const BLOCKED = ['sys', 'os', 'posix', 'nt'];

/** Python's class of a value, as its messages print it. */
export function pyClass(v: PyValue): string {
  const name = v === null ? 'NoneType' : typeof v === 'boolean' ? 'bool' : typeof v === 'number' ? (Number.isInteger(v) ? 'int' : 'float')
    : typeof v === 'bigint' ? 'int' : typeof v === 'string' ? 'str' : Array.isArray(v) ? 'list' : v instanceof PyTuple ? 'tuple'
      : v instanceof PyDict ? (v.ordered ? 'collections.OrderedDict' : 'dict') : v instanceof TensorRecord ? (v.parameter ? 'torch.nn.parameter.Parameter' : 'torch.Tensor')
        : v instanceof Set ? 'set' : v instanceof StorageRef ? 'torch.storage.TypedStorage' : 'type';
  return `<class '${name}'>`;
}

/** An unsupported GLOBAL, worded as PyTorch 2's weights_only unpickler words it. */
function unsupportedGlobal(module: string, name: string): TorchError {
  const full = `${module}.${name}`;
  if (BLOCKED.includes(module)) return new UnpicklingError(`Trying to load unsupported GLOBAL ${full} whose module ${module} is blocked.`);
  if (ALLOWED_ELSEWHERE.has(full)) return new NotImplementedError(`wasmgrad: torch.load does not support GLOBAL ${full} (PyTorch's weights_only loader allows it; wasmgrad holds tensors of float32, float64, int64, int32 and bool, and containers)`);
  const shown = module === 'builtins' ? name : full; // PyTorch 2 prints builtins without their module
  return new UnpicklingError(`Unsupported global: GLOBAL ${shown} was not an allowed global by default. Please use ` +
    `\`torch.serialization.add_safe_globals([${shown}])\` or the \`torch.serialization.safe_globals([${shown}])\` context manager to ` +
    'allowlist this global if you trust this class/function.');
}

const int = (v: PyValue): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const intTuple = (v: PyValue): v is PyTuple => v instanceof PyTuple && v.items.every((x) => int(x) && x >= 0);

/** _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata]). */
function rebuildTensor(args: PyValue[]): TensorRecord {
  const [storage, offset, size, stride, requires_grad] = args;
  if (args.length < 6 || args.length > 7 || !(storage instanceof StorageRef) || !int(offset) || offset < 0 || !intTuple(size) || !intTuple(stride) ||
    size.items.length !== stride.items.length || typeof requires_grad !== 'boolean') {
    throw new UnpicklingError('_rebuild_tensor_v2 expects (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])');
  }
  return new TensorRecord(storage, offset, size.items as number[], stride.items as number[], requires_grad);
}

/** Reads one pickle, returning its top object. */
export function unpickle(bytes: Uint8Array, persistentLoad: (pid: PyValue[]) => StorageRef): PyValue {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0, stack: PyValue[] = [];
  const metastack: PyValue[][] = [];
  const memo = new Map<number, PyValue>();
  const need = (n: number): number => {
    if (pos + n > bytes.length) throw new UnpicklingError('pickle data was truncated');
    const at = pos;
    pos += n;
    return at;
  };
  const pop = (): PyValue => {
    if (!stack.length) throw new UnpicklingError('unpickling stack underflow');
    return stack.pop()!;
  };
  const top = (): PyValue => {
    if (!stack.length) throw new UnpicklingError('unpickling stack underflow');
    return stack[stack.length - 1];
  };
  const popMark = (): PyValue[] => {
    const items = stack;
    if (!metastack.length) throw new UnpicklingError('could not find MARK');
    stack = metastack.pop()!;
    return items;
  };
  const line = (): string => {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0) throw new UnpicklingError('pickle data was truncated');
    const s = new TextDecoder().decode(bytes.subarray(pos, end));
    pos = end + 1;
    return s;
  };
  const utf8 = (n: number): string => {
    const at = need(n);
    try { return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(at, at + n)); } catch { throw new UnpicklingError("'utf-8' codec can't decode the pickle's string"); }
  };
  const getMemo = (i: number): PyValue => {
    if (!memo.has(i)) throw new UnpicklingError(`Memo value not found at index ${i}`);
    return memo.get(i)!;
  };
  const setItems = (items: PyValue[], op: string): void => {
    const d = top();
    if (!(d instanceof PyDict)) throw new UnpicklingError(`Can only ${op} for dict, collections.OrderedDict, collections.Counter, but got ${pyClass(d)}`);
    for (let i = 0; i + 1 < items.length; i += 2) d.map.set(items[i], items[i + 1]);
  };
  const extend = (items: PyValue[]): void => {
    const l = top();
    if (!Array.isArray(l)) throw new UnpicklingError(`Can only append to lists, but got ${pyClass(l)}`);
    for (const x of items) l.push(x); // not push(...items): a long run would overflow the call's arguments
  };
  for (;;) {
    const op = bytes[need(1)];
    switch (op) {
      case 0x80: need(1); break; // PROTO
      case 0x2e: return pop(); // STOP
      case 0x63: { // GLOBAL
        const module = line(), name = line(), path = `${module}.${name}`;
        if (path === 'collections.OrderedDict' || path === 'torch._utils._rebuild_tensor_v2' || path === 'torch._utils._rebuild_parameter' ||
          (module === 'torch' && name in STORAGE_TYPES)) stack.push(new PyGlobal(path));
        else throw unsupportedGlobal(module, name);
        break;
      }
      case 0x52: { // REDUCE
        const args = pop(), fn = pop();
        if (!(fn instanceof PyGlobal) || !(args instanceof PyTuple)) throw new UnpicklingError(`Trying to call reduce for unrecognized function ${pyClass(fn)}`);
        const a = args.items;
        if (fn.path === 'collections.OrderedDict') {
          const d = new PyDict(true);
          const pairs = a.length === 1 && Array.isArray(a[0]) ? a[0] : [];
          if (a.length > 1 || (a.length === 1 && !Array.isArray(a[0]))) throw new UnpicklingError('OrderedDict expects no argument or a list of pairs');
          for (const p of pairs) {
            if (!(p instanceof PyTuple) || p.items.length !== 2) throw new UnpicklingError('OrderedDict expects no argument or a list of pairs');
            d.map.set(p.items[0], p.items[1]);
          }
          stack.push(d);
        } else if (fn.path === 'torch._utils._rebuild_tensor_v2') stack.push(rebuildTensor(a));
        else if (fn.path === 'torch._utils._rebuild_parameter') {
          const [t, rg] = a;
          if (a.length !== 3 || !(t instanceof TensorRecord) || typeof rg !== 'boolean') throw new UnpicklingError('_rebuild_parameter expects (data, requires_grad, backward_hooks)');
          stack.push(new TensorRecord(t.storage, t.offset, t.size, t.stride, rg, true));
        } else throw new UnpicklingError(`Trying to call reduce for unrecognized function ${fn.path}`);
        break;
      }
      case 0x62: { // BUILD: only OrderedDict's state (a state dict's _metadata), which torch.load's result does not carry
        const state = pop(), inst = top();
        if (!(inst instanceof PyDict && inst.ordered) || !(state instanceof PyDict)) {
          throw new UnpicklingError(`Can only build Tensor, Parameter, OrderedDict or types allowlisted via \`add_safe_globals\`, but got ${pyClass(inst)}`);
        }
        break;
      }
      case 0x81: { // NEWOBJ: only nn.Parameter in PyTorch, whose GLOBAL wasmgrad never allows
        pop(); // the arguments, above the class
        const cls = pop();
        throw new UnpicklingError(`Can only create new object for nn.Parameter or classes allowlisted via \`add_safe_globals\` but got ${pyClass(cls)}`);
      }
      case 0x61: extend([pop()]); break; // APPEND
      case 0x65: extend(popMark()); break; // APPENDS
      case 0x73: { const v = pop(), k = pop(); setItems([k, v], 'SETITEM'); break; } // SETITEM
      case 0x75: setItems(popMark(), 'SETITEMS'); break; // SETITEMS
      case 0x28: metastack.push(stack); stack = []; break; // MARK
      case 0x74: { const items = popMark(); stack.push(new PyTuple(items)); break; } // TUPLE (popMark first: it replaces the stack)
      case 0x85: case 0x86: case 0x87: { // TUPLE1-3
        const n = op - 0x84;
        if (stack.length < n) throw new UnpicklingError('unpickling stack underflow');
        stack.push(new PyTuple(stack.splice(stack.length - n, n)));
        break;
      }
      case 0x4e: stack.push(null); break; // NONE
      case 0x89: stack.push(false); break; // NEWFALSE
      case 0x88: stack.push(true); break; // NEWTRUE
      case 0x29: stack.push(new PyTuple([])); break; // EMPTY_TUPLE
      case 0x5d: stack.push([]); break; // EMPTY_LIST
      case 0x7d: stack.push(new PyDict(false)); break; // EMPTY_DICT
      case 0x8f: stack.push(new Set()); break; // EMPTY_SET
      case 0x4a: stack.push(view.getInt32(need(4), true)); break; // BININT
      case 0x4b: stack.push(bytes[need(1)]); break; // BININT1
      case 0x4d: stack.push(view.getUint16(need(2), true)); break; // BININT2
      case 0x47: stack.push(view.getFloat64(need(8), false)); break; // BINFLOAT (big-endian)
      case 0x58: stack.push(utf8(view.getUint32(need(4), true))); break; // BINUNICODE
      case 0x55: stack.push(utf8(bytes[need(1)])); break; // SHORT_BINSTRING, decoded as torch.load's encoding='utf-8'
      case 0x8a: { // LONG1: little-endian two's complement
        const n = bytes[need(1)], at = need(n);
        let v = 0n;
        for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[at + i]);
        if (n > 0 && bytes[at + n - 1] & 0x80) v -= 1n << BigInt(8 * n);
        stack.push(Number.isSafeInteger(Number(v)) ? Number(v) : v);
        break;
      }
      case 0x51: { // BINPERSID
        const pid = pop();
        if (!(pid instanceof PyTuple)) throw new UnpicklingError(`persistent_load id must be tuple or int, but got ${pyClass(pid)}`);
        if (pid.items.length > 0 && pid.items[0] !== 'storage') throw new UnpicklingError(`Only persistent_load of storage is allowed, but got ${pyClass(pid.items[0])}`);
        stack.push(persistentLoad(pid.items));
        break;
      }
      case 0x68: stack.push(getMemo(bytes[need(1)])); break; // BINGET
      case 0x6a: stack.push(getMemo(view.getUint32(need(4), true))); break; // LONG_BINGET
      case 0x71: memo.set(bytes[need(1)], top()); break; // BINPUT
      case 0x72: memo.set(view.getUint32(need(4), true), top()); break; // LONG_BINPUT
      default: throw new UnpicklingError(`Unsupported operand ${op}`);
    }
  }
}
