// PyTorch's autograd node names, by op code: what `t.grad_fn.name()` and the
// printed `grad_fn=<...>` show. They come from the op table's `node` column.

import { Op } from '../abi/abi.js';
import { ops } from './ops/table.js';

export const gradFnNames: { readonly [K in Op]: string } = (() => {
  const names: Record<number, string> = { [Op.None]: '', [Op.Count]: '' };
  for (const [code, row] of Object.entries(ops)) names[Number(code)] = row.node;
  return names as { [K in Op]: string };
})();
