// What the generated alias functions and methods do (src/ops/aliases.generated.ts):
// an alias calls its target, looked up when called, since torch.* is the
// module that exports the aliases themselves; a torch.X_ function (and torch.clone,
// torch.detach) calls the Tensor method of that name of its first argument.

import * as torch from '../index.js';
import { Tensor } from '../tensor.js';
import { TypeError } from '../errors.js';
import { pyType } from '../args.js';
import { ALIASES } from './aliases.js';

type Fn = (...args: unknown[]) => unknown;

/** torch.<alias>: PyTorch's torch.<target>, called with the same arguments. */
export function aliasOf<T>(target: string): T {
  return ((...args: unknown[]) => ((torch as unknown as Record<string, Fn>)[target])(...args)) as T;
}

/** torch.<name>(input, ...args): input.<name>(...args) (in place for X_); PyTorch's error when input is no tensor. */
export function methodForm<T>(name: string): T {
  return ((input: unknown, ...args: unknown[]) => {
    if (!(input instanceof Tensor)) throw new TypeError(`${name}(): argument 'input' (position 1) must be Tensor, not ${pyType(input)}`);
    return (input as unknown as Record<string, Fn>)[name].call(input, ...args);
  }) as T;
}

/** Tensor.<alias> (and <alias>_) call Tensor.<target> (and <target>_), for the rows with those forms. */
export function installAliasMethods(): void {
  const proto = Tensor.prototype as unknown as Record<string, Fn>;
  for (const [alias, [target, forms]] of Object.entries(ALIASES)) {
    const has = forms.split(' ');
    const define = (name: string, to: string): void => {
      Object.defineProperty(proto, name, { value: function (this: Tensor, ...args: unknown[]) { return proto[to].call(this, ...args); }, writable: true, configurable: true });
    };
    if (has.includes('method')) define(alias, target);
    if (has.includes('method_')) define(`${alias}_`, `${target}_`);
  }
}
