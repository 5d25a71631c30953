// PyTorch's aliases (its docs say "Alias for torch.X"), as one table, and
// PyTorch's torch.X_ in-place functions, as one list. scripts/gen_aliases.ts
// turns both into src/ops/aliases.generated.ts: the torch.* functions and the
// Tensor methods, typed as their targets. scripts/gen_torch_forms_fixtures.py reads
// this file, checks that PyTorch has every name, and records what each call
// gives in PyTorch (test/torch-forms.test.ts compares, on both devices).
//
// Row: alias: [target, forms]. Forms: 'torch' (torch.alias), 'method'
// (Tensor.alias), 'method_' (Tensor.alias_, calling Tensor.target_).

/** Where PyTorch has an alias: torch.*, a Tensor method, an in-place Tensor method. */
export type AliasForm = 'torch' | 'method' | 'method_';

/** alias → [PyTorch's target, the forms PyTorch has]. */
export const ALIASES = {
  absolute: ['abs', 'torch method method_'],
  arccos: ['acos', 'torch method method_'],
  arccosh: ['acosh', 'torch method method_'],
  arcsin: ['asin', 'torch method method_'],
  arcsinh: ['asinh', 'torch method method_'],
  arctan: ['atan', 'torch method method_'],
  arctan2: ['atan2', 'torch method method_'],
  arctanh: ['atanh', 'torch method method_'],
  clip: ['clamp', 'torch method method_'],
  concat: ['cat', 'torch'],
  concatenate: ['cat', 'torch'],
  divide: ['div', 'torch method method_'],
  true_divide: ['div', 'torch method method_'],
  fix: ['trunc', 'torch method method_'],
  multiply: ['mul', 'torch method method_'],
  negative: ['neg', 'torch method method_'],
  subtract: ['sub', 'torch method method_'],
  row_stack: ['vstack', 'torch'],
} as const satisfies Record<string, readonly [string, string]>;

/**
 * torch.special.X → the torch.X it calls, as PyTorch 2's torch.special (helper h-special).
 * scripts/gen_aliases.ts writes src/ops/special_aliases.generated.ts from it.
 */
export const SPECIAL_ALIASES = {
  digamma: 'digamma', psi: 'digamma', gammaln: 'lgamma', erf: 'erf', erfc: 'erfc', erfinv: 'erfinv',
  expit: 'sigmoid', logit: 'logit', exp2: 'exp2', expm1: 'expm1', log1p: 'log1p', sinc: 'sinc',
  xlogy: 'xlogy', i0: 'i0', softmax: 'softmax', log_softmax: 'log_softmax', logsumexp: 'logsumexp',
} as const satisfies Record<string, string>;

/**
 * PyTorch's torch.X_(input, ...) functions, which write input in place as
 * input.X_(...) does: one rule makes them all (the aliases' in-place forms too).
 */
export const TORCH_INPLACE = [
  'abs_', 'acos_', 'arccos_', 'acosh_', 'arccosh_', 'asin_', 'arcsin_', 'asinh_', 'arcsinh_',
  'atan_', 'arctan_', 'atanh_', 'arctanh_', 'ceil_', 'clamp_', 'clip_', 'clamp_max_', 'clamp_min_',
  'cos_', 'cosh_', 'deg2rad_', 'rad2deg_', 'erf_', 'erfc_', 'exp_', 'exp2_', 'expm1_', 'fill_', 'fix_',
  'floor_', 'frac_', 'log_', 'log10_', 'log1p_', 'log2_', 'logit_', 'nan_to_num_', 'neg_', 'negative_',
  'reciprocal_', 'relu_', 'round_', 'rsqrt_', 'sigmoid_', 'sin_', 'sinc_', 'sinh_', 'sqrt_', 'square_',
  'tan_', 'tanh_', 'trunc_', 'xlogy_', 'zero_',
] as const;

/** PyTorch's torch.X(input, ...) functions that are input.X(...), by the same rule. */
export const TORCH_METHOD_FORMS = ['clone', 'detach'] as const;
