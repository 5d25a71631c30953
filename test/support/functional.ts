// What the functional-autograd scenario tests share (scripts/gen_functional_fixtures.py):
// a result's nesting and its tensors under flat keys, the generator's `report`.

import { torch } from './torch.js';

type Nested = torch.Tensor | Nested[];

/** The nesting of a result: 'T' for a tensor, '(T, T)' for a tuple (a JS array). */
export function structure(r: Nested): string {
  return r instanceof torch.Tensor ? 'T' : `(${r.map(structure).join(', ')})`;
}

function flat(name: string, r: Nested, out: Record<string, unknown>): void {
  if (r instanceof torch.Tensor) out[name] = r;
  else r.forEach((e, k) => flat(`${name}_${k}`, e, out));
}

/** Each named result's structure under `<name>_structure` and its tensors under `<name>_i_j`. */
export function report(results: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, r] of Object.entries(results)) {
    out[`${name}_structure`] = structure(r as Nested);
    flat(name, r as Nested, out);
  }
  return out;
}

/** A Function computing x * x whose backward is backward(x, g) (the generator's square_with_backward). */
export function squareWithBackward(backward: (x: torch.Tensor, g: torch.Tensor) => torch.Tensor): typeof torch.autograd.Function {
  return class Square extends torch.autograd.Function {
    static forward(ctx: torch.autograd.FunctionCtx, x: torch.Tensor): torch.Tensor { ctx.save_for_backward(x); return x.mul(x); }
    static backward(ctx: torch.autograd.FunctionCtx, g: torch.Tensor): torch.Tensor { return backward(ctx.saved_tensors[0]!, g); }
  };
}
