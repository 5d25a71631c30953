"""PyTorch's aliases and torch.X_ in-place functions (the table of src/ops/aliases.ts), and the
torch.* forms of F functions (src/ops/torch_functional.ts).

Checks that PyTorch has every name the table gives (torch.<alias>, Tensor.<alias>,
Tensor.<alias>_, torch.X_) and that each alias gives what its target gives, then records,
for each form, a call on seeded inputs: the result, its grad_fn name and the gradients
of the inputs for a seeded upstream gradient.

Output: test/fixtures/torch_forms.json = {"generator", "torch", "cases": [CASE, ...]},
CASE = {"name", "call" ("torch.x" / "Tensor.x"), "args" (gen_fixtures.enc_arg; the first
is the tensor a Tensor.* call runs on), "inplace", "pick" (the result's element to check, for an
array result), "out", "grad_fn", "upstream", "grads"}; "errors": [{"name", "call", "args", "type", "message"}].
An in-place call runs on a clone of its (leaf) first argument, as PyTorch requires.
"""

import os
import re
import sys

import system_torch  # noqa: F401 -- re-executes with /usr/bin/python3 when torch is missing
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_fixtures as base  # noqa: E402  (the seeding and the argument encoding)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(base.OUT_DIR, "torch_forms.json")


def read_table():
    """The alias rows and the torch.X_ list, parsed from src/ops/aliases.ts."""
    text = open(os.path.join(ROOT, "src/ops/aliases.ts")).read()
    rows = re.findall(r"^  (\w+): \['(\w+)', '([\w ]+)'\],$", text, re.M)
    inplace = re.search(r"TORCH_INPLACE = \[([^\]]*)\]", text).group(1)
    methods = re.search(r"TORCH_METHOD_FORMS = \[([^\]]*)\]", text).group(1)
    return [(a, t, f.split()) for a, t, f in rows], re.findall(r"'(\w+)'", inplace) + re.findall(r"'(\w+)'", methods)


def U(shape, lo=-2.0, hi=2.0):
    return (torch.rand(shape) * (hi - lo) + lo).requires_grad_()


# target -> its arguments on seeded inputs (drawn inside the case's seed)
ARGS = {
    "abs": lambda: [U([3, 4])],
    "acos": lambda: [U([3, 4], -0.9, 0.9)],
    "asin": lambda: [U([3, 4], -0.9, 0.9)],
    "atanh": lambda: [U([3, 4], -0.9, 0.9)],
    "acosh": lambda: [U([3, 4], 1.1, 3.0)],
    "atan2": lambda: [U([3, 4]), U([4], 0.5, 2.0)],
    "clamp": lambda: [U([3, 4]), -0.5, 0.5],
    "clamp_max": lambda: [U([3, 4]), 0.3],
    "clamp_min": lambda: [U([3, 4]), -0.3],
    "cat": lambda: [base.L([U([2, 3]), U([1, 3])])],
    "vstack": lambda: [base.L([U([3]), U([2, 3])])],
    "div": lambda: [U([3, 4]), U([3, 4], 0.5, 2.0)],
    "mul": lambda: [U([3, 4]), U([1, 4])],
    "sub": lambda: [U([3, 4]), U([3, 1])],
    "xlogy": lambda: [U([3, 4], 0.1, 2.0), U([3, 4], 0.1, 2.0)],
    "fill": lambda: [U([3, 4]), 0.7],
    "log": lambda: [U([3, 4], 0.1, 2.0)],
    "log10": lambda: [U([3, 4], 0.1, 2.0)],
    "log2": lambda: [U([3, 4], 0.1, 2.0)],
    "log1p": lambda: [U([3, 4], -0.5, 2.0)],
    "sqrt": lambda: [U([3, 4], 0.1, 2.0)],
    "rsqrt": lambda: [U([3, 4], 0.5, 2.0)],
    "reciprocal": lambda: [U([3, 4], 0.5, 2.0)],
    "logit": lambda: [U([3, 4], 0.1, 0.9)],
    "round": lambda: [U([3, 4], -3.0, 3.0)],
}


def sign(shape):
    return torch.randint(0, 2, shape).float() * 2 - 1


# the torch.* forms of F functions: name (torch.<name before '/'>), its arguments, [the element of an array result]
TOP_LEVEL = [
    ("dropout", lambda: [U([3, 4]), 0.3, False]),
    ("dropout_", lambda: [U([3, 4]), 0.3, False]),
    ("alpha_dropout", lambda: [U([3, 4]), 0.3, False]),
    ("alpha_dropout_", lambda: [U([3, 4]), 0.3, False]),
    ("feature_alpha_dropout", lambda: [U([2, 3, 4]), 0.3, False]),
    ("feature_alpha_dropout_", lambda: [U([2, 3, 4]), 0.3, False]),
    ("selu", lambda: [U([3, 4])]),
    ("celu", lambda: [U([3, 4]), 1.5]),
    ("threshold", lambda: [U([3, 4]), 0.1, 20.0]),
    ("max_pool1d", lambda: [U([2, 3, 8]), 3, 2]),
    ("max_pool1d/padding", lambda: [U([2, 3, 8]), [2], [], [1], [1], True]),
    ("max_pool2d", lambda: [U([1, 2, 6, 6]), [2, 2]]),
    ("max_pool3d", lambda: [U([1, 1, 4, 4, 4]), 2, 1]),
    ("avg_pool1d", lambda: [U([2, 3, 8]), 3, 2]),
    ("adaptive_avg_pool1d", lambda: [U([2, 3, 8]), 3]),
    ("adaptive_max_pool1d", lambda: [U([2, 3, 8]), 3], 0),
    ("adaptive_max_pool1d/indices", lambda: [U([2, 3, 8]), 3], 1),
    ("conv1d", lambda: [U([2, 3, 8]), U([4, 3, 3]), U([4]), 1, 1]),
    ("conv2d", lambda: [U([1, 2, 5, 5]), U([3, 2, 3, 3]), None, 2, 1]),
    ("embedding", lambda: [U([5, 3]), torch.tensor([[0, 1, 4], [1, 1, 2]])]),
    ("embedding/padding_idx", lambda: [U([5, 3]), torch.tensor([[0, 1, 4], [1, 1, 2]]), 1]),
    ("layer_norm", lambda: [U([2, 3, 4]), [4], U([4]), U([4]), 1e-5, True]),
    ("group_norm", lambda: [U([2, 4, 3]), 2, U([4]), U([4])]),
    ("margin_ranking_loss", lambda: [U([5]), U([5]), sign([5]), 0.2, 2]),
    ("hinge_embedding_loss", lambda: [U([5]), sign([5]), 1.0, 0]),
    ("cosine_embedding_loss", lambda: [U([3, 5]), U([3, 5]), sign([3]), 0.1, 1]),
    ("triplet_margin_loss", lambda: [U([3, 5]), U([3, 5]), U([3, 5])]),  # no reduction given: 'none'
    ("triplet_margin_loss/mean", lambda: [U([3, 5]), U([3, 5]), U([3, 5]), 1.0, 2.0, 1e-6, False, 1]),
    ("binary_cross_entropy_with_logits", lambda: [U([3, 4]), torch.rand(3, 4), None, U([4], 0.5, 2.0).detach(), 1]),
    ("poisson_nll_loss", lambda: [U([3, 4]), torch.rand(3, 4), True, False, 1e-8, 1]),
]

# bad calls of the torch.* forms: PyTorch's error
ERRORS = [
    ("dropout/no train", lambda: [U([3]), 0.5]),
    ("poisson_nll_loss/missing", lambda: [U([3]), U([3])]),
    ("selu/extra", lambda: [U([3]), 1.0]),
]


def target_of(name, aliases):
    """The function a name calls in the end: an alias's target, without the in-place _."""
    bare = name[:-1] if name.endswith("_") else name
    return aliases.get(bare, bare)


def call(fn, args, inplace):
    """fn(*args), on a clone of the first argument when in place; returns (result, leaves)."""
    leaves = [a for a in args if isinstance(a, torch.Tensor)] + [t for a in args if isinstance(a, base.L) for t in a]
    if inplace:
        args = [args[0].clone()] + list(args[1:])
    return fn(*args), leaves


def record(name, call_name, fn, args, inplace, check, pick=None):
    out, leaves = call(fn, args, inplace)
    if check is not None:
        expected, _ = call(check, args, inplace)
        assert torch.equal(out, expected), f"{name}: the alias differs from its target"
    if pick is not None:
        out = out[pick]
    upstream = torch.randn(out.shape)
    result = {
        "name": name, "call": call_name, "args": [base.enc_arg(a) for a in args], "inplace": inplace, "pick": pick,
        "out": base.enc_tensor(out), "grad_fn": type(out.grad_fn).__name__ if out.grad_fn else None, "upstream": base.enc_tensor(upstream),
    }
    if not out.requires_grad:  # indices
        return {**result, "grads": [None for _ in leaves]}
    try:
        (out * upstream).sum().backward()
    except NotImplementedError as e:  # acosh_: PyTorch has no derivative for it
        return {**result, "backward_error": {"type": type(e).__name__, "message": str(e)}}
    return {**result, "grads": [base.enc_tensor(t.grad) if t.grad is not None else None for t in leaves]}


def main():
    rows, torch_inplace = read_table()
    aliases = {a: t for a, t, _ in rows}
    missing, cases = [], []

    def case(name, call_name, fn, check, inplace, arg_name):
        with base.seeded(name):
            cases.append(record(name, call_name, fn, ARGS.get(arg_name, lambda: [U([3, 4])])(), inplace, check))

    for alias, target, forms in rows:
        for form in forms:
            if form == "torch":
                if not hasattr(torch, alias):
                    missing.append(f"torch.{alias}")
                    continue
                case(f"torch.{alias}", f"torch.{alias}", getattr(torch, alias), getattr(torch, target), False, target)
            else:
                method = alias + ("_" if form == "method_" else "")
                if not hasattr(torch.Tensor, method):
                    missing.append(f"Tensor.{method}")
                    continue
                to = target + ("_" if form == "method_" else "")
                case(f"Tensor.{method}", f"Tensor.{method}", lambda x, *a, m=method: getattr(x, m)(*a),
                     lambda x, *a, m=to: getattr(x, m)(*a), form == "method_", target)
    for name in torch_inplace:
        if not hasattr(torch, name):
            missing.append(f"torch.{name}")
            continue
        t = target_of(name, aliases)
        case(f"torch.{name}", f"torch.{name}", getattr(torch, name), lambda x, *a, m=name: getattr(x, m)(*a), name.endswith("_"), t)
    for name, make, *rest in TOP_LEVEL:
        with base.seeded(name):
            cases.append(record(name, f"torch.{name.split('/')[0]}", getattr(torch, name.split("/")[0]), make(),
                                name.split("/")[0].endswith("_"), None, *rest))
    errors = []
    for name, args in ERRORS:
        with base.seeded(name):
            args = args()
            try:
                getattr(torch, name.split("/")[0])(*args)
                raise AssertionError(f"{name} did not raise")
            except (TypeError, RuntimeError) as e:
                errors.append({"name": name, "call": f"torch.{name.split('/')[0]}", "args": [base.enc_arg(a) for a in args],
                               "type": type(e).__name__, "message": str(e)})
    # the test fails on any name listed here: the table names something PyTorch lacks
    base.write(OUT, {"generator": "scripts/gen_torch_forms_fixtures.py", "torch": torch.__version__, "missing": missing,
                     "cases": cases, "errors": errors})
    print(f"{OUT}: {len(cases)} cases, missing {missing}")


if __name__ == "__main__":
    main()
