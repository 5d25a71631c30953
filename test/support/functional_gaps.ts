// Options of torch.nn.functional that wasmgrad does not implement yet, by the name of their case in
// fixtures/functional_options.json: test/functional-options.test.ts checks that each still raises
// NotImplementedError, test/functional-coverage.test.ts does not count them as covered.

/** Case name → why it is a gap. */
export const KNOWN_GAPS: Record<string, string> = {
  'F.embedding scale_grad_by_freq': 'F.embedding(scale_grad_by_freq) is not implemented: its backward scales by the index counts',
};

/** The (function, option) pairs those cases stand for, in test/functional-coverage.test.ts's notation. */
export const GAP_PAIRS: Record<string, string> = {
  'F.embedding scale_grad_by_freq=true': 'F.embedding scale_grad_by_freq',
};
