"""More torch.* forms of nn functions (src/ops/torch_nn_forms.ts, helper h-torchnn) in real PyTorch:
torch.batch_norm, instance_norm, native_batch_norm / native_layer_norm / native_group_norm, kl_div,
ctc_loss, max_pool1d_with_indices, constant_pad_nd, convolution, feature_dropout(_), native_dropout,
native_channel_shuffle, grid_sampler, affine_grid_generator, norm_except_dim, the recurrent cells
(rnn_tanh_cell, rnn_relu_cell, lstm_cell, gru_cell) and layers with flat weights (rnn_tanh, rnn_relu,
lstm, gru).

Output: test/fixtures/torch_nn_forms.json = {"generator", "torch", "cases": [CASE], "errors": [ERROR]}.
CASE is gen_fixtures.py's (run_case: call, args, outputs, grad_fn of the first output, upstream,
gradients of the tensor arguments), drawn inside seeded(name); a random call (dropout) also has
"seed": torch.manual_seed(seed) runs right before the call, so the test draws the same mask.
ERROR = {"name", "call", "args", "kwargs", "error", "error_type"} (gen_fixtures.py's error()).
Run with /usr/bin/python3 (the system interpreter has torch).
"""

import os
import sys

import system_torch  # noqa: F401 -- re-executes with /usr/bin/python3 when torch is missing
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_fixtures as base  # noqa: E402  (the seeding, the argument encoding, run_case and error)

OUT = os.path.join(base.OUT_DIR, "torch_nn_forms.json")
L = base.L


def U(*shape, lo=-2.0, hi=2.0, grad=True, dtype=torch.float32):
    return (torch.rand(shape, dtype=dtype) * (hi - lo) + lo).requires_grad_(grad)


def C(*shape):
    """a constant input (running statistics, targets): no gradient"""
    return U(*shape, grad=False)


def lp(T, B, K):
    return torch.randn(T, B, K).log_softmax(2).detach().requires_grad_()


def params(mode, inp, hid, layers=1, bidir=False, bias=True, proj=0):
    gates = {"lstm": 4, "gru": 3}.get(mode, 1) * hid
    D = 2 if bidir else 1
    real = proj or hid
    out = []
    for layer in range(layers):
        for _ in range(D):
            size = inp if layer == 0 else real * D
            out += [U(gates, size, lo=-0.5, hi=0.5), U(gates, real, lo=-0.5, hi=0.5)]
            if bias:
                out += [U(gates, lo=-0.5, hi=0.5), U(gates, lo=-0.5, hi=0.5)]
            if proj:
                out += [U(proj, hid, lo=-0.5, hi=0.5)]
    return L(out)


# (name, call, args, [seed]): the first part of a name is the torch function
CASES = [
    ("batch_norm/training", lambda: [U(4, 3, 5), U(3), U(3), C(3), U(3, lo=0.5, hi=2.0, grad=False), True, 0.1, 1e-5, False]),
    ("batch_norm/eval", lambda: [U(4, 3, 5), U(3), U(3), C(3), U(3, lo=0.5, hi=2.0, grad=False), False, 0.1, 1e-5, False]),
    ("batch_norm/no affine no stats", lambda: [U(4, 3), None, None, None, None, True, 0.1, 1e-3, True]),
    ("batch_norm/float64", lambda: [U(2, 3, 2, 2, dtype=torch.float64), U(3, dtype=torch.float64), None, None, None, True, 0.1, 1e-5, False]),
    ("instance_norm", lambda: [U(2, 3, 5), U(3), U(3), None, None, True, 0.1, 1e-5, False]),
    ("instance_norm/running stats", lambda: [U(2, 3, 5), None, None, C(3), U(3, lo=0.5, hi=2.0, grad=False), False, 0.1, 1e-5, False]),
    ("native_batch_norm/training", lambda: [U(4, 3, 5), U(3), U(3), C(3), U(3, lo=0.5, hi=2.0, grad=False), True, 0.1, 1e-5]),
    ("native_batch_norm/eval", lambda: [U(4, 3, 5), U(3), U(3), C(3), U(3, lo=0.5, hi=2.0, grad=False), False, 0.1, 1e-5]),
    ("batch_norm/eval nan inf", lambda: [torch.tensor([[1.0, float("nan")], [float("inf"), 2.0], [0.5, -1.0]]).requires_grad_(),
                                         U(2), U(2), C(2), U(2, lo=0.5, hi=2.0, grad=False), False, 0.1, 1e-5, False]),
    ("native_layer_norm/constant rows", lambda: [torch.tensor([[1.5, 1.5, 1.5], [0.0, 0.0, 0.0]]).requires_grad_(), [3], None, None, 1e-5]),
    ("native_layer_norm", lambda: [U(2, 3, 4), [4], U(4), U(4), 1e-5]),
    ("native_layer_norm/two dims no affine", lambda: [U(2, 3, 4), [3, 4], None, None, 1e-3]),
    ("native_group_norm", lambda: [U(2, 4, 3), U(4), U(4), 2, 4, 3, 2, 1e-5]),
    ("native_group_norm/no affine", lambda: [U(3, 6, 2, 2), None, None, 3, 6, 4, 3, 1e-5]),
    ("kl_div", lambda: [U(3, 4), U(3, 4, lo=0.0, hi=1.0, grad=False)]),  # no reduction given: 'none'
    ("kl_div/mean", lambda: [U(3, 4), U(3, 4, lo=0.0, hi=1.0, grad=False), 1]),
    ("kl_div/none", lambda: [U(3, 4), U(3, 4, lo=0.0, hi=1.0, grad=False), 0]),
    ("kl_div/sum zeros in target", lambda: [U(3, 4), torch.tensor([[0.0, 0.5, 0.5, 0.0], [1.0, 0.0, 0.0, 0.0], [0.25] * 4]), 2]),
    ("kl_div/log_target", lambda: [U(3, 4), U(3, 4, grad=False), 1], {"log_target": True}),
    ("ctc_loss", lambda: [lp(6, 2, 4), torch.tensor([[1, 2], [1, 1]]), [6, 5], [2, 2]]),  # no reduction given: 'none'
    ("ctc_loss/mean", lambda: [lp(6, 2, 4), torch.tensor([[1, 2], [1, 1]]), [6, 5], [2, 2], 0, 1]),
    ("ctc_loss/tensors none", lambda: [lp(6, 2, 4), torch.tensor([[1, 2], [3, 3]]), torch.tensor([6, 6]), torch.tensor([2, 1]), 0, 0]),
    ("ctc_loss/sum blank 3", lambda: [lp(5, 2, 4), torch.tensor([1, 2, 0, 1]), [5, 4], [3, 1], 3, 2, True]),
    ("embedding_bag", lambda: [U(5, 3), torch.tensor([0, 1, 2, 4, 4]), torch.tensor([0, 2])]),
    ("embedding_bag/mean", lambda: [U(5, 3), torch.tensor([0, 1, 2, 4, 4]), torch.tensor([0, 2]), False, 1]),
    ("embedding_bag/max empty bag", lambda: [U(5, 3), torch.tensor([0, 1, 2, 4, 3]), torch.tensor([0, 2, 2]), False, 2]),
    ("embedding_bag/sum padding_idx", lambda: [U(5, 3), torch.tensor([0, 1, 2, 4, 1]), torch.tensor([0, 2, 2]), False, 0, False, None, False, 1]),
    ("embedding_bag/mean padding_idx", lambda: [U(5, 3), torch.tensor([0, 1, 2, 4, 1]), torch.tensor([0, 2, 2]), False, 1, False, None, False, -4]),
    ("embedding_bag/max padding_idx last offset", lambda: [U(5, 3), torch.tensor([0, 1, 2, 4, 1]), torch.tensor([0, 2, 5]), False, 2, False, None, True, 1]),
    ("embedding_bag/per_sample_weights", lambda: [U(5, 3), torch.tensor([0, 1, 2, 4, 4]), torch.tensor([0, 3]), False, 0, False, U(5)]),
    ("embedding_bag/int32", lambda: [U(4, 2), torch.tensor([3, 1, 0], dtype=torch.int32), torch.tensor([0, 1], dtype=torch.int32), False, 1]),
    ("max_pool1d_with_indices", lambda: [U(2, 3, 8), 3, 2]),
    ("max_pool1d_with_indices/padding ceil", lambda: [U(2, 3, 8), [2], [], [1], [1], True]),
    ("max_pool1d_with_indices/ties", lambda: [torch.tensor([[[1.0, 1.0, 0.0, 2.0, 2.0, 2.0]]]).requires_grad_(), 2]),
    ("constant_pad_nd", lambda: [U(2, 3, 4), [1, 2], 0.5]),
    ("constant_pad_nd/negative", lambda: [U(2, 3, 4), [-1, 1, 2, 0]]),
    ("constant_pad_nd/empty", lambda: [U(0, 3), [1, 1]]),
    ("convolution/1d", lambda: [U(2, 3, 8), U(4, 3, 3), U(4), [1], [1], [1], False, [0], 1]),
    ("convolution/2d stride dilation groups", lambda: [U(1, 4, 7, 7), U(6, 2, 3, 3), None, [2, 1], [1, 2], [1, 2], False, [0, 0], 2]),
    ("convolution/3d", lambda: [U(1, 2, 4, 4, 4), U(3, 2, 2, 2, 2), U(3), [1, 1, 1], [0, 0, 0], [1, 1, 1], False, [0, 0, 0], 1]),
    ("convolution/transposed 1d", lambda: [U(2, 3, 5), U(3, 2, 3), U(2), [2], [1], [1], True, [1], 1]),
    ("convolution/transposed 2d groups", lambda: [U(1, 4, 3, 3), U(4, 1, 2, 2), None, [2, 2], [0, 0], [1, 1], True, [0, 0], 2]),
    ("feature_dropout/eval", lambda: [U(2, 3, 4), 0.3, False]),
    ("feature_dropout/train", lambda: [U(2, 3, 4), 0.4, True], 11),
    ("feature_dropout/train 2-D", lambda: [U(4, 6), 0.5, True], 12),
    ("feature_dropout_/train", lambda: [U(2, 3, 2, 2), 0.5, True], 13),
    ("native_dropout/train", lambda: [U(3, 4), 0.4, True], 21),
    ("native_dropout/train none", lambda: [U(3, 4), 0.25, None], 22),
    ("native_dropout/eval", lambda: [U(3, 4), 0.4, False]),
    ("native_dropout/p=1", lambda: [U(3, 4), 1.0, True], 23),
    ("native_dropout/p=0", lambda: [U(3, 4), 0.0, True], 24),
    ("feature_dropout/p=1", lambda: [U(2, 3, 4), 1.0, True], 14),
    ("feature_dropout/empty", lambda: [U(0, 3, 4), 0.5, True], 15),
    ("grid_sampler", lambda: [U(1, 2, 4, 4), U(1, 3, 3, 2, lo=-1.0, hi=1.0), 0, 0, False]),
    ("grid_sampler/nearest border", lambda: [U(2, 1, 3, 5), U(2, 2, 4, 2, lo=-1.2, hi=1.2, grad=False), 1, 1, False]),
    ("grid_sampler/reflection aligned", lambda: [U(1, 2, 4, 3), U(1, 2, 2, 2, lo=-1.5, hi=1.5), 0, 2, True]),
    ("affine_grid_generator", lambda: [U(2, 2, 3), [2, 3, 4, 5], False]),
    ("affine_grid_generator/aligned", lambda: [U(1, 2, 3), [1, 1, 3, 3], True]),
    ("norm_except_dim", lambda: [U(4, 3, 2)]),
    ("norm_except_dim/all", lambda: [U(4, 3, 2), 2, -1]),
    ("norm_except_dim/middle pow 1", lambda: [U(4, 3, 2), 1, 1]),
    ("norm_except_dim/last pow 3", lambda: [U(4, 3, 2), 3, 2]),
    ("norm_except_dim/zero row", lambda: [torch.tensor([[0.0, 0.0], [3.0, -4.0]]).requires_grad_()]),
    ("segment_reduce/sum", lambda: ["DATA", "sum"], {"lengths": torch.tensor([2, 0, 3])}),
    ("segment_reduce/mean initial", lambda: ["DATA", "mean"], {"lengths": torch.tensor([2, 0, 3]), "initial": 0.5}),
    ("segment_reduce/mean empty nan", lambda: ["DATA", "mean"], {"offsets": torch.tensor([0, 2, 2, 5])}),
    ("segment_reduce/max", lambda: ["DATA", "max"], {"lengths": torch.tensor([2, 0, 3])}),
    ("segment_reduce/max initial", lambda: ["DATA", "max"], {"lengths": torch.tensor([2, 0, 3]), "initial": 0.0}),
    ("segment_reduce/min unsafe", lambda: ["DATA", "min"], {"lengths": torch.tensor([1, 4]), "unsafe": True}),
    ("segment_reduce/prod zero initial", lambda: ["DATA0", "prod"], {"lengths": torch.tensor([2, 0, 3]), "initial": 2.0}),
    ("segment_reduce/sum 1-D axis -1", lambda: [U(5), "sum"], {"lengths": torch.tensor([3, 2]), "axis": -1}),
    ("rnn_tanh_cell/saturated", lambda: [torch.tensor([[1e4, -1e4, 0.0, 1.0]]).requires_grad_(), U(1, 5), U(5, 4), U(5, 5), U(5), U(5)]),
    ("rnn_tanh_cell", lambda: [U(3, 4), U(3, 5), U(5, 4), U(5, 5), U(5), U(5)]),
    ("rnn_relu_cell/no bias", lambda: [U(3, 4), U(3, 5), U(5, 4), U(5, 5)]),
    ("lstm_cell", lambda: [U(3, 4), L([U(3, 5), U(3, 5)]), U(20, 4), U(20, 5), U(20), U(20)]),
    ("lstm_cell/cell state", lambda: [U(3, 4), L([U(3, 5), U(3, 5)]), U(20, 4), U(20, 5), U(20), U(20)], None, 1),
    ("gru_cell", lambda: [U(3, 4), U(3, 5), U(15, 4), U(15, 5), U(15), U(15)]),
    ("rnn_tanh", lambda: [U(4, 3, 2), U(1, 3, 5), params("rnn", 2, 5), True, 1, 0.0, False, False, False]),
    ("rnn_relu/two layers no bias batch_first", lambda: [U(3, 4, 2), U(2, 3, 5), params("rnn", 2, 5, 2, bias=False), False, 2, 0.0, False, False, True]),
    ("gru/bidirectional", lambda: [U(4, 2, 3), U(2, 2, 5), params("gru", 3, 5, 1, bidir=True), True, 1, 0.0, False, True, False]),
    ("lstm", lambda: [U(4, 3, 2), L([U(1, 3, 5), U(1, 3, 5)]), params("lstm", 2, 5), True, 1, 0.0, False, False, False]),
    ("lstm/h_n", lambda: [U(4, 3, 2), L([U(1, 3, 5), U(1, 3, 5)]), params("lstm", 2, 5), True, 1, 0.0, False, False, False], None, 1),
    ("lstm/two layers bidirectional batch_first c_n", lambda: [U(3, 4, 2), L([U(4, 3, 5), U(4, 3, 5)]),
                                                               params("lstm", 2, 5, 2, bidir=True), True, 2, 0.0, False, True, True], None, 2),
    ("lstm/proj", lambda: [U(4, 3, 2), L([U(1, 3, 2), U(1, 3, 5)]), params("lstm", 2, 5, proj=2), True, 1, 0.0, False, False, False]),
]

# torch.X(*args) that PyTorch refuses: its exception and message
ERRORS = [
    ("batch_norm/missing", lambda: [U(4, 3)]),
    ("batch_norm/weight size", lambda: [U(4, 3), U(4), None, None, None, True, 0.1, 1e-5, False]),
    ("kl_div/float reduction", lambda: [U(3), U(3), 1.5]),
    ("ctc_loss/float lengths", lambda: [lp(6, 2, 4), torch.tensor([[1, 2], [1, 1]]), 6.5, [2, 2]]),
    ("convolution/unbatched", lambda: [U(3, 8), U(4, 3, 3), None, [1], [0], [1], False, [0], 1]),
    ("convolution/missing", lambda: [U(2, 3, 8), U(4, 3, 3), None, [1], [0], [1], False]),
    ("feature_dropout/p", lambda: [U(2, 3), 1.5, True]),
    ("native_group_norm/size", lambda: [U(2, 4, 3), None, None, 2, 4, 4, 2, 1e-5]),
    ("rnn_tanh_cell/input size", lambda: [U(3, 4), U(3, 5), U(5, 3), U(5, 5)]),
    ("rnn_tanh_cell/batch", lambda: [U(3, 4), U(2, 5), U(5, 4), U(5, 5)]),
    ("gru_cell/hidden size", lambda: [U(3, 4), U(3, 4), U(15, 4), U(15, 5)]),
    ("lstm_cell/one state", lambda: [U(3, 4), L([U(3, 5)]), U(20, 4), U(20, 5)]),
    ("lstm_cell/tensor state", lambda: [U(3, 4), U(3, 5), U(20, 4), U(20, 5)]),
    ("lstm/tensor state", lambda: [U(4, 3, 2), U(1, 3, 5), params("lstm", 2, 5), True, 1, 0.5, False, False, False]),
    ("native_dropout/missing", lambda: [U(3), 0.5]),
    ("native_layer_norm/shape", lambda: [U(2, 3), [4], None, None, 1e-5]),
    ("constant_pad_nd/odd pad", lambda: [U(2, 3), [1, 2, 3]]),
    ("constant_pad_nd/long pad", lambda: [U(2, 3), [1, 1, 1, 1, 1, 1]]),
    ("max_pool1d_with_indices/kernel 0", lambda: [U(2, 3, 8), 0]),
    ("grid_sampler/grid size", lambda: [U(1, 2, 4, 4), U(1, 3, 3, 3), 0, 0, False]),
    ("kl_div/missing", lambda: [U(3)]),
    ("segment_reduce/no lengths", lambda: [U(5, 2), "sum"]),
    ("segment_reduce/reduction", lambda: [U(5, 2), "foo"], {"lengths": torch.tensor([2, 3])}),
    ("segment_reduce/lengths sum", lambda: [U(5, 2), "sum"], {"lengths": torch.tensor([1, 1])}),
    ("segment_reduce/negative length", lambda: [U(5, 2), "sum"], {"offsets": torch.tensor([0, 3, 2, 5])}),
    ("segment_reduce/axis", lambda: [U(5, 2), "sum"], {"lengths": torch.tensor([2, 3]), "axis": 1}),
    ("embedding_bag/padding_idx range", lambda: [U(5, 3), torch.tensor([0, 1]), torch.tensor([0]), False, 0, False, None, False, 5]),
    ("ctc_loss/blank", lambda: [lp(6, 2, 4), torch.tensor([[1, 2], [1, 1]]), [6, 5], [2, 2], 4]),
]


def main():
    cases = []
    for name, make, *rest in CASES:
        if name.startswith("segment_reduce"):
            with base.seeded(name):
                args = make()
                if isinstance(args[0], str):  # DATA: random; DATA0: with zeros, for prod
                    args[0] = U(5, 2) if args[0] == "DATA" else torch.tensor([[1.0, 2.0], [0.0, -1.0], [3.0, 0.5], [0.0, 4.0], [2.0, 2.0]]).requires_grad_()
                kwargs = {k: (v() if callable(v) else v) for k, v in rest[0].items()}
                cases.append(base.run_case(name, "nn", "torch.segment_reduce", args, kwargs))
            continue
        kwargs = rest[0] if rest and isinstance(rest[0], dict) else None
        seed = rest[0] if rest and isinstance(rest[0], int) else None
        pick = rest[1] if len(rest) > 1 else None
        fn = name.split("/")[0]
        with base.seeded(name):
            args = make()
            if seed is not None:
                torch.manual_seed(seed)
            if fn.endswith("_") and isinstance(args[0], torch.Tensor):  # in place: on a copy of the leaf
                args[0] = args[0].detach().clone()
            if pick is None:
                c = base.run_case(name, "nn", f"torch.{fn}", args, kwargs, grads=fn != "native_channel_shuffle")
            else:
                # a later output of a tuple: its gradient, with the call run again on the same inputs
                getattr(torch, fn)  # the function exists
                c = pick_case(name, fn, args, kwargs, pick, seed)
        if seed is not None:
            c["seed"] = seed
        cases.append(c)
    with base.seeded("native_channel_shuffle"):
        cases.append(channel_shuffle_case(U(2, 6, 2), 3))
    errors = [error(name, make, *kw) for name, make, *kw in ERRORS]
    base.write(OUT, {"generator": "scripts/gen_torch_nn_forms_fixtures.py", "torch": torch.__version__,
                     "cases": cases, "errors": errors})
    print(f"{OUT}: {len(cases)} cases, {len(errors)} errors")


def error(name, make, kwargs=None):
    """gen_fixtures.py's error(), with a list of tensors passed as a plain list (PyTorch's messages name its type)."""
    kwargs = kwargs or {}
    with base.seeded(name):
        args = make()
    rec = {"name": name, "call": f"torch.{name.split('/')[0]}", "args": [base.enc_arg(a) for a in args],
           "kwargs": {k: base.enc_arg(v) for k, v in kwargs.items()}}
    try:
        getattr(torch, name.split("/")[0])(*[list(a) if isinstance(a, L) else a for a in args], **kwargs)
    except Exception as e:  # noqa: BLE001 -- we record whatever PyTorch raises
        return {**rec, "error": str(e), "error_type": type(e).__name__}
    raise AssertionError(f"{name}: expected an error")


def channel_shuffle_case(x, groups):
    """torch.native_channel_shuffle's values; its node and gradients from PyTorch 2's composition
    (math_channel_shuffle), since 1.13 has no derivative for it."""
    c = base.run_case("native_channel_shuffle", "nn", "torch.native_channel_shuffle", [x, groups], None, grads=False)
    b, ch = x.shape[:2]
    y = x.view(b, groups, ch // groups, -1).permute(0, 2, 1, 3).contiguous().reshape(x.shape)
    assert torch.equal(y, torch.native_channel_shuffle(x, groups))
    upstream = torch.randn(y.shape)
    (y * upstream).sum().backward()
    return {**c, "grad_fn": type(y.grad_fn).__name__, "upstream": base.enc_tensor(upstream),
            "grads": [base.enc_tensor(x.grad, requires_grad=False), None]}


def pick_case(name, fn, args, kwargs, pick, seed):
    """run_case with output `pick` first (run_case backprops from the first output)."""
    wrapper = f"__pick{pick}_{fn}"
    setattr(torch, wrapper, lambda *a, **k: (lambda out: (out[pick],) + tuple(o for i, o in enumerate(out) if i != pick))(getattr(torch, fn)(*a, **k)))
    c = base.run_case(name, "nn", f"torch.{wrapper}", args, kwargs)
    delattr(torch, wrapper)
    c["call"] = f"torch.{fn}"
    c["pick"] = pick
    return c


if __name__ == "__main__":
    main()
