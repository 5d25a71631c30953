"""The cases of F.embedding_bag and F.ctc_loss for gen_table_fixtures.py (helper ebag): every mode,
2-D input and 1-D input with offsets (include_last_offset), per_sample_weights (their gradient too:
given positionally, where run_case differentiates), padding_idx, scale_grad_by_freq, max_norm, empty
bags, ties in mode 'max', float64; CTC with padded and concatenated targets, lengths as tensors and
lists, unbatched input, every reduction, repeated labels that need a blank between them, empty
targets, too few frames (inf) with and without zero_infinity, blank not 0, float64; and the calls
PyTorch refuses.

BAG_CTC: (name, family, call, make, kwargs); BAG_CTC_ERRORS: (name, call, make, kwargs)."""

import torch

import gen_fixtures as base

R = base.randn


def I(*v):
    return torch.tensor(v, dtype=torch.int64)


def idx(high, *shape):
    """Indices in [0, high) of the given shape, drawn in the case's scope."""
    base.drawing()
    return torch.randint(0, high, shape)


def lp(t, n, c, double=False):
    """log_softmax over the classes of a random (T, N, C) (or (T, C) with n None) leaf."""
    shape = (t, c) if n is None else (t, n, c)
    x = torch.log_softmax(base.randn(*shape, grad=False), -1)
    return (x.double() if double else x).requires_grad_()


def labels(c, *shape):
    """Labels in [1, c): never the blank 0."""
    base.drawing()
    return torch.randint(1, c, shape)


def EB(*args):
    """F.embedding_bag's positional arguments up to per_sample_weights (index 8), so run_case differentiates it."""
    return list(args)


W = lambda *s: R(*s)  # noqa: E731
D = lambda *s: R(*s).detach().double().requires_grad_()  # noqa: E731
NONE8 = [None, 2.0, False, "sum", False]  # max_norm, norm_type, scale_grad_by_freq, mode, sparse

BAG_CTC = []
for mode in ["sum", "mean", "max"]:
    BAG_CTC += [
        (f"embedding_bag/{mode} 2-D", "loss", "F.embedding_bag", lambda: [idx(6, 3, 4), W(6, 3)], {"mode": mode}),
        (f"embedding_bag/{mode} offsets", "loss", "F.embedding_bag", lambda: [idx(7, 8), W(7, 4), I(0, 3, 3, 6)], {"mode": mode}),
        (f"embedding_bag/{mode} include_last_offset", "loss", "F.embedding_bag", lambda: [idx(5, 6), W(5, 2), I(0, 2, 2, 6)],
         {"mode": mode, "include_last_offset": True}),
        (f"embedding_bag/{mode} padding_idx", "loss", "F.embedding_bag", lambda: [I(1, 0, 2, 0, 0, 3, 1), W(4, 3), I(0, 3, 4, 5)],
         {"mode": mode, "padding_idx": 0}),
        (f"embedding_bag/{mode} float64 repeated", "loss", "F.embedding_bag", lambda: [I(2, 2, 1, 0, 2, 1), D(3, 3), I(0, 2)], {"mode": mode}),
        (f"embedding_bag/{mode} empty input", "loss", "F.embedding_bag", lambda: [I(), W(3, 2), I(0, 0)], {"mode": mode}),
    ]
BAG_CTC += [
    ("embedding_bag/mean default", "loss", "F.embedding_bag", lambda: [idx(5, 2, 3), W(5, 4)], {}),
    ("embedding_bag/max ties", "loss", "F.embedding_bag",
     lambda: [I(0, 1, 2, 1, 0), torch.tensor([[1.0, 2.0, 0.5], [1.0, -1.0, 0.5], [0.0, 2.0, 0.5]], requires_grad=True), I(0, 3)], {"mode": "max"}),
    ("embedding_bag/max negative padding_idx", "loss", "F.embedding_bag", lambda: [I(3, 3, 1, 2, 3), W(4, 2), I(0, 2, 2)],
     {"mode": "max", "padding_idx": -1}),
    ("embedding_bag/per_sample_weights", "loss", "F.embedding_bag", lambda: EB(idx(6, 7), W(6, 3), I(0, 2, 5), *NONE8, R(7)), {}),
    ("embedding_bag/per_sample_weights 2-D padding_idx", "loss", "F.embedding_bag",
     lambda: EB(I(1, 2, 0, 0, 2, 1).reshape(2, 3), W(3, 4), None, *NONE8, R(2, 3)), {"padding_idx": 2}),
    ("embedding_bag/per_sample_weights float64", "loss", "F.embedding_bag",
     lambda: EB(idx(4, 5), D(4, 3), I(0, 1, 1), *NONE8, D(5)), {}),
    ("embedding_bag/per_sample_weights no grad", "loss", "F.embedding_bag",
     lambda: EB(idx(4, 2, 2), W(4, 3), None, *NONE8, R(2, 2, grad=False)), {}),
    ("embedding_bag/scale_grad_by_freq sum", "loss", "F.embedding_bag", lambda: [I(1, 1, 0, 1, 3, 0), W(4, 2), I(0, 4)],
     {"mode": "sum", "scale_grad_by_freq": True}),
    ("embedding_bag/scale_grad_by_freq mean padding_idx", "loss", "F.embedding_bag", lambda: [I(1, 1, 2, 2, 3, 1), W(4, 2), I(0, 3)],
     {"scale_grad_by_freq": True, "padding_idx": 2}),
    ("embedding_bag/scale_grad_by_freq psw", "loss", "F.embedding_bag",
     lambda: EB(I(0, 0, 2, 0), W(3, 2), I(0, 2), None, 2.0, True, "sum", False, R(4)), {}),
    ("embedding_bag/max_norm", "loss", "F.embedding_bag", lambda: [I(0, 2, 2, 3), W(5, 3) * 2, I(0, 1)], {"max_norm": 1.5}),
    ("embedding_bag/max_norm norm_type 1", "loss", "F.embedding_bag", lambda: [I(1, 0, 3), W(4, 3), I(0, 2)], {"max_norm": 1.0, "norm_type": 1.0, "mode": "sum"}),
    ("embedding_bag/int32", "loss", "F.embedding_bag", lambda: [I(0, 2, 1, 1).int(), W(3, 2), I(0, 1, 1).int()], {"mode": "sum"}),
    ("embedding_bag/all padding", "loss", "F.embedding_bag", lambda: [I(1, 1, 1, 0), W(3, 2), I(0, 3)], {"mode": "mean", "padding_idx": 1}),
]

for r in ["mean", "sum", "none"]:
    BAG_CTC += [
        (f"ctc_loss/{r} padded", "loss", "F.ctc_loss", lambda: [lp(6, 3, 5), labels(5, 3, 3), I(6, 5, 6), I(3, 2, 1)], {"reduction": r}),
        (f"ctc_loss/{r} concatenated lists", "loss", "F.ctc_loss", lambda: [lp(7, 2, 4), labels(4, 5), [7, 6], [3, 2]], {"reduction": r}),
        (f"ctc_loss/{r} unbatched", "loss", "F.ctc_loss", lambda: [lp(5, None, 4), labels(4, 2), I(5), I(2)], {"reduction": r}),
        (f"ctc_loss/{r} float64 blank 2", "loss", "F.ctc_loss",
         lambda: [lp(6, 2, 4, double=True), I(0, 1, 3, 1, 1, 0), I(6, 6), I(3, 3)], {"reduction": r, "blank": 2}),
        (f"ctc_loss/{r} too short zero_infinity", "loss", "F.ctc_loss",
         lambda: [lp(4, 3, 3), I(1, 1, 1, 2, 1, 2, 1, 2, 1), I(4, 4, 3), I(3, 3, 3)], {"reduction": r, "zero_infinity": True}),
    ]
BAG_CTC += [
    ("ctc_loss/repeated labels need a blank", "loss", "F.ctc_loss", lambda: [lp(5, 2, 3), I(1, 1, 2, 2), I(5, 3), I(2, 2)], {"reduction": "none"}),
    ("ctc_loss/too short inf", "loss", "F.ctc_loss", lambda: [lp(3, 2, 3), I(1, 1, 2, 2), I(2, 3), I(2, 2)], {"reduction": "none"}),
    ("ctc_loss/empty targets", "loss", "F.ctc_loss", lambda: [lp(4, 2, 3), I(1, 2), I(4, 3), I(0, 2)], {"reduction": "none"}),
    ("ctc_loss/int32 targets tuple lengths", "loss", "F.ctc_loss", lambda: [lp(5, 2, 6), labels(6, 2, 4).int(), (5, 4), (4, 2)], {}),
    ("ctc_loss/int32 lengths", "loss", "F.ctc_loss", lambda: [lp(5, 2, 4), labels(4, 2, 2), I(5, 3).int(), I(2, 1).int()], {}),
    ("ctc_loss/float64 sum long", "loss", "F.ctc_loss", lambda: [lp(12, 2, 5, double=True), labels(5, 2, 5), I(12, 10), I(5, 4)], {"reduction": "sum"}),
    ("ctc_loss/mean zero-length target", "loss", "F.ctc_loss", lambda: [lp(4, 2, 3), labels(3, 2, 2), I(4, 4), I(0, 2)], {}),
]

BAG_CTC_ERRORS = [
    ("embedding_bag/2-D input without columns", "F.embedding_bag", lambda: [idx(4, 2, 0), W(4, 3)], {}),
    ("embedding_bag/offsets with 2-D input", "F.embedding_bag", lambda: [idx(3, 2, 2), W(3, 2), I(0, 1)], {}),
    ("embedding_bag/1-D input without offsets", "F.embedding_bag", lambda: [idx(3, 4), W(3, 2)], {}),
    ("embedding_bag/2-D offsets", "F.embedding_bag", lambda: [idx(3, 4), W(3, 2), I(0, 1).reshape(1, 2)], {}),
    ("embedding_bag/3-D input", "F.embedding_bag", lambda: [idx(3, 1, 2, 2), W(3, 2)], {}),
    ("embedding_bag/bad mode", "F.embedding_bag", lambda: [idx(3, 2, 2), W(3, 2)], {"mode": "min"}),
    ("embedding_bag/per_sample_weights mean", "F.embedding_bag", lambda: [idx(3, 2, 2), W(3, 2)],
     lambda: {"mode": "mean", "per_sample_weights": R(2, 2)}),
    ("embedding_bag/per_sample_weights shape", "F.embedding_bag", lambda: [idx(3, 4), W(3, 2), I(0, 2)],
     lambda: {"mode": "sum", "per_sample_weights": R(3)}),
    ("embedding_bag/offsets start", "F.embedding_bag", lambda: [idx(3, 4), W(3, 2), I(1, 2)], {}),
    ("embedding_bag/offsets past the input", "F.embedding_bag", lambda: [idx(3, 4), W(3, 2), I(0, 5)], {}),
    # mode 'max' and a negative index: ATen's own check (1.13's 'sum' and 'mean' report it from fbgemm, in other words)
    ("embedding_bag/index out of range", "F.embedding_bag", lambda: [I(0, 3, 1), W(3, 2), I(0, 1)], {"mode": "max"}),
    ("embedding_bag/negative index", "F.embedding_bag", lambda: [I(0, -1, 1), W(3, 2), I(0, 1)], {"mode": "max"}),
    ("embedding_bag/per_sample_weights dtype", "F.embedding_bag", lambda: [idx(3, 2), D(3, 2), I(0)], lambda: {"mode": "sum", "per_sample_weights": R(2)}),
    ("embedding_bag/int64 weight", "F.embedding_bag", lambda: [idx(3, 2), torch.ones(3, 2, dtype=torch.int64), I(0)], {"mode": "sum"}),
    ("embedding_bag/float input", "F.embedding_bag", lambda: [R(2, 2, grad=False), W(3, 2)], {}),
    ("embedding_bag/max scale_grad_by_freq", "F.embedding_bag", lambda: [idx(3, 2, 2), W(3, 2)], {"mode": "max", "scale_grad_by_freq": True}),
    ("embedding_bag/padding_idx out of range", "F.embedding_bag", lambda: [idx(3, 2, 2), W(3, 2)], {"padding_idx": 3}),
    ("embedding_bag/include_last_offset no offsets", "F.embedding_bag", lambda: [I(), W(3, 2), I()], {"include_last_offset": True}),
    ("ctc_loss/blank out of range", "F.ctc_loss", lambda: [lp(4, 2, 3), I(1, 1), I(4, 4), I(1, 1)], {"blank": 3}),
    ("ctc_loss/input_lengths size", "F.ctc_loss", lambda: [lp(4, 2, 3), I(1, 1), I(4), I(1, 1)], {}),
    ("ctc_loss/target_lengths size", "F.ctc_loss", lambda: [lp(4, 2, 3), I(1, 1), [4, 4], [1, 1, 1]], {}),
    ("ctc_loss/concatenated size", "F.ctc_loss", lambda: [lp(4, 2, 3), I(1, 1, 2), I(4, 4), I(1, 1)], {}),
    ("ctc_loss/padded too narrow", "F.ctc_loss", lambda: [lp(4, 2, 3), I(1, 1, 2, 2).reshape(2, 2), I(4, 4), I(3, 1)], {}),
    ("ctc_loss/input length too long", "F.ctc_loss", lambda: [lp(4, 2, 3), I(1, 1), I(5, 4), I(1, 1)], {}),
    ("ctc_loss/4-D log_probs", "F.ctc_loss", lambda: [R(4, 2, 3, 1), I(1, 1), I(4, 4), I(1, 1)], {}),
    ("ctc_loss/bad reduction", "F.ctc_loss", lambda: [lp(4, 2, 3), I(1, 1), I(4, 4), I(1, 1)], {"reduction": "avg"}),
    ("ctc_loss/padded batch size", "F.ctc_loss", lambda: [lp(4, 2, 3), I(1, 1, 2).reshape(3, 1), I(4, 4), I(1, 1)], {}),
]
