"""The loss cases of gen_table_fixtures.py (losses 2, helper losses): F.smooth_l1_loss, huber_loss,
soft_margin_loss (their own nodes) and the losses PyTorch composes (kl_div, margin_ranking_loss,
hinge_embedding_loss, cosine_embedding_loss, poisson_nll_loss, gaussian_nll_loss,
triplet_margin_loss, multilabel_soft_margin_loss), every reduction, float32 and float64, the kinks
(ties at |d| = beta or delta, d = 0, the hinge at the margin), zeros and empty tensors; and the
calls PyTorch refuses.

LOSSES: (name, family, call, make, kwargs); make (and kwargs, when a function) draws the inputs in
the case's seeded scope.
LOSS_ERRORS: (name, call, make, kwargs), kwargs a function too when it draws tensors."""

import gen_fixtures as base

R, NG = base.randn, (lambda *s: base.randn(*s, grad=False))


def T(*v, grad=True, dtype=None):
    import torch
    return torch.tensor(v, dtype=dtype or torch.float32).requires_grad_(grad)


def f64(make):
    """The same inputs in float64 (leaves again, with the same requires_grad)."""
    return lambda: [a.detach().double().requires_grad_(a.requires_grad) if hasattr(a, "is_floating_point") and a.is_floating_point() else a
                    for a in make()]


def classes(*v):
    import torch
    return torch.tensor(v, dtype=torch.int64)


def sign(*shape):
    return base.randn(*shape, grad=False).sign()


def probs(*shape):
    import torch
    return torch.softmax(base.randn(*shape, grad=False), -1)


def labels(c, *shape):
    """Class indices in [0, c) of the given shape."""
    import torch
    base.drawing()
    return torch.randint(0, c, shape)


def log_probs(*shape):
    return torch_log_softmax(base.randn(*shape, grad=False), 1).requires_grad_()


def torch_log_softmax(x, dim):
    import torch
    return torch.log_softmax(x, dim)


INF = float("inf")

REDUCTIONS = ["mean", "sum", "none"]
# differences at the kinks: ±beta (1 and 0.5), 0, and beyond; input − 0 = these
KINKS = [-2.0, -1.0, -0.5, -0.25, -0.0, 0.0, 0.25, 0.5, 1.0, 2.0]

LOSSES = []
for r in REDUCTIONS:
    LOSSES += [
        (f"smooth_l1_loss/{r}", "loss", "F.smooth_l1_loss", lambda: [R(3, 4), R(3, 4)], {"reduction": r}),
        (f"smooth_l1_loss/{r} beta 0.5 kinks", "loss", "F.smooth_l1_loss", lambda: [T(*KINKS), T(*[0.0] * 10)], {"reduction": r, "beta": 0.5}),
        (f"smooth_l1_loss/{r} float64", "loss", "F.smooth_l1_loss", f64(lambda: [R(2, 5), R(2, 5)]), {"reduction": r, "beta": 0.7}),
        (f"huber_loss/{r}", "loss", "F.huber_loss", lambda: [R(3, 4), R(3, 4)], {"reduction": r}),
        (f"huber_loss/{r} delta 0.5 kinks", "loss", "F.huber_loss", lambda: [T(*KINKS), T(*[0.0] * 10)], {"reduction": r, "delta": 0.5}),
        (f"huber_loss/{r} float64", "loss", "F.huber_loss", f64(lambda: [R(2, 5), R(2, 5)]), {"reduction": r, "delta": 1.5}),
        (f"soft_margin_loss/{r}", "loss", "F.soft_margin_loss", lambda: [R(3, 4), sign(3, 4)], {"reduction": r}),
        (f"soft_margin_loss/{r} float64", "loss", "F.soft_margin_loss", f64(lambda: [R(6), sign(6)]), {"reduction": r}),
        (f"kl_div/{r}", "loss", "F.kl_div", lambda: [R(3, 4), probs(3, 4)], {"reduction": r}),
        (f"kl_div/{r} log_target float64", "loss", "F.kl_div", f64(lambda: [R(3, 4), R(3, 4)]), {"reduction": r, "log_target": True}),
        (f"margin_ranking_loss/{r}", "loss", "F.margin_ranking_loss", lambda: [R(6), R(6), sign(6)], {"reduction": r}),
        (f"margin_ranking_loss/{r} margin float64", "loss", "F.margin_ranking_loss", f64(lambda: [R(5), R(5), sign(5)]), {"reduction": r, "margin": 0.5}),
        (f"hinge_embedding_loss/{r}", "loss", "F.hinge_embedding_loss", lambda: [R(3, 4), sign(3, 4)], {"reduction": r}),
        (f"hinge_embedding_loss/{r} float64", "loss", "F.hinge_embedding_loss", f64(lambda: [R(6), sign(6)]), {"reduction": r, "margin": 0.5}),
        (f"cosine_embedding_loss/{r}", "loss", "F.cosine_embedding_loss", lambda: [R(4, 3), R(4, 3), sign(4)], {"reduction": r}),
        (f"cosine_embedding_loss/{r} margin float64", "loss", "F.cosine_embedding_loss", f64(lambda: [R(4, 3), R(4, 3), sign(4)]), {"reduction": r, "margin": 0.2}),
        (f"poisson_nll_loss/{r}", "loss", "F.poisson_nll_loss", lambda: [R(3, 4), base.uniform(0, 4, 3, 4, grad=False)], {"reduction": r}),
        (f"poisson_nll_loss/{r} rates full float64", "loss", "F.poisson_nll_loss",
         f64(lambda: [base.pos(3, 4), base.uniform(0, 4, 3, 4, grad=False)]), {"reduction": r, "log_input": False, "full": True}),
        (f"gaussian_nll_loss/{r}", "loss", "F.gaussian_nll_loss", lambda: [R(3, 4), R(3, 4), base.pos(3, 4)], {"reduction": r}),
        (f"gaussian_nll_loss/{r} full float64", "loss", "F.gaussian_nll_loss", f64(lambda: [R(3, 4), R(3, 4), base.pos(3, 4)]), {"reduction": r, "full": True}),
        (f"triplet_margin_loss/{r}", "loss", "F.triplet_margin_loss", lambda: [R(4, 5), R(4, 5), R(4, 5)], {"reduction": r}),
        (f"triplet_margin_loss/{r} p 1 swap float64", "loss", "F.triplet_margin_loss",
         f64(lambda: [R(4, 5), R(4, 5), R(4, 5)]), {"reduction": r, "p": 1.0, "swap": True, "margin": 2.0}),
        (f"multilabel_soft_margin_loss/{r}", "loss", "F.multilabel_soft_margin_loss", lambda: [R(3, 4), (sign(3, 4) + 1) / 2], {"reduction": r}),
        (f"multilabel_soft_margin_loss/{r} weight float64", "loss", "F.multilabel_soft_margin_loss",
         f64(lambda: [R(3, 4), (sign(3, 4) + 1) / 2]), lambda r=r: {"reduction": r, "weight": base.pos(4, grad=False).double()}),
        (f"multi_margin_loss/{r}", "loss", "F.multi_margin_loss", lambda: [R(3, 4), classes(0, 3, 1)], {"reduction": r}),
        (f"multi_margin_loss/{r} p 2 margin", "loss", "F.multi_margin_loss", lambda: [R(4, 3), classes(2, 0, 1, 1)], {"reduction": r, "p": 2, "margin": 0.5}),
        (f"multi_margin_loss/{r} weight float64", "loss", "F.multi_margin_loss",
         f64(lambda: [R(3, 5), classes(4, 0, 2)]), lambda r=r: {"reduction": r, "weight": base.pos(5, grad=False).double()}),
        (f"multi_margin_loss/{r} p 2 weight", "loss", "F.multi_margin_loss",
         lambda: [R(2, 4), classes(1, 3)], lambda r=r: {"reduction": r, "p": 2, "weight": base.pos(4, grad=False)}),
        (f"multi_margin_loss/{r} 1-D", "loss", "F.multi_margin_loss", lambda: [R(5), classes(2).reshape(())], {"reduction": r}),
        (f"multilabel_margin_loss/{r}", "loss", "F.multilabel_margin_loss",
         lambda: [R(3, 4), classes(3, 0, -1, 1, 1, 2, 3, -1, 2, -1, 0, 0).reshape(3, 4)], {"reduction": r}),
        (f"multilabel_margin_loss/{r} float64", "loss", "F.multilabel_margin_loss",
         f64(lambda: [R(2, 5), classes(4, -1, 0, 0, 0, 0, 1, 2, 3, 4).reshape(2, 5)]), {"reduction": r}),
        (f"multilabel_margin_loss/{r} 1-D", "loss", "F.multilabel_margin_loss", lambda: [R(4), classes(1, 2, -1, 0)], {"reduction": r}),
    ]
LOSSES += [
    # beta 0 is l1_loss in PyTorch 2 (scripts/pytorch2_compat.py): MeanBackward0, sign(0) = 0 at the tie
    ("smooth_l1_loss/beta 0 kinks", "loss", "F.smooth_l1_loss", lambda: [T(*KINKS), T(*[0.0] * 10)], {"beta": 0.0}),
    ("smooth_l1_loss/broadcast target", "loss", "F.smooth_l1_loss", lambda: [R(3, 4), R(4)], {}),
    ("smooth_l1_loss/empty", "loss", "F.smooth_l1_loss", lambda: [R(0, 3), NG(0, 3)], {}),
    ("smooth_l1_loss/empty sum", "loss", "F.smooth_l1_loss", lambda: [R(0, 3), NG(0, 3)], {"reduction": "sum"}),
    ("huber_loss/broadcast input", "loss", "F.huber_loss", lambda: [R(4), R(3, 4)], {"reduction": "none"}),
    ("huber_loss/empty", "loss", "F.huber_loss", lambda: [R(0), NG(0)], {}),
    ("soft_margin_loss/zeros and broadcast target", "loss", "F.soft_margin_loss", lambda: [T(0.0, -0.0, 3.0, -3.0, 0.0, 1.0).reshape(2, 3), T(1.0, -1.0, 1.0, grad=False)], {"reduction": "none"}),
    ("soft_margin_loss/empty", "loss", "F.soft_margin_loss", lambda: [R(0, 2), NG(0, 2)], {}),
    ("kl_div/batchmean", "loss", "F.kl_div", lambda: [R(3, 4), probs(3, 4)], {"reduction": "batchmean"}),
    ("kl_div/batchmean log_target", "loss", "F.kl_div", lambda: [R(2, 5), R(2, 5)], {"reduction": "batchmean", "log_target": True}),
    ("kl_div/zero target", "loss", "F.kl_div", lambda: [R(2, 3), T(0.0, 0.5, 0.5, 1.0, 0.0, 0.0).reshape(2, 3)], {"reduction": "sum"}),
    ("kl_div/batchmean 0-d", "loss", "F.kl_div", lambda: [R(), T(0.3)], {"reduction": "batchmean"}),
    ("kl_div/empty batchmean", "loss", "F.kl_div", lambda: [R(0, 3), NG(0, 3)], {"reduction": "batchmean"}),
    ("margin_ranking_loss/ties at the margin", "loss", "F.margin_ranking_loss",
     lambda: [T(1.0, 0.0, 2.0, 0.5), T(1.0, 1.0, 1.5, 0.0), T(1.0, -1.0, 1.0, -1.0, grad=False)], {"margin": 0.5, "reduction": "none"}),
    ("margin_ranking_loss/empty", "loss", "F.margin_ranking_loss", lambda: [R(0), R(0), NG(0)], {}),
    ("hinge_embedding_loss/at the margin", "loss", "F.hinge_embedding_loss",
     lambda: [T(1.0, 1.0, 0.0, 0.0, 2.0, 0.5), T(-1.0, 1.0, -1.0, 1.0, -1.0, 0.5, grad=False)], {"reduction": "none"}),
    ("hinge_embedding_loss/empty", "loss", "F.hinge_embedding_loss", lambda: [R(0), NG(0)], {}),
    ("cosine_embedding_loss/1-D inputs 0-d target", "loss", "F.cosine_embedding_loss", lambda: [R(5), R(5), T(-1.0, grad=False).reshape(())], {}),
    ("cosine_embedding_loss/zero rows", "loss", "F.cosine_embedding_loss",
     lambda: [T(0.0, 0.0, 1.0, 2.0).reshape(2, 2), T(1.0, 1.0, 1.0, 2.0).reshape(2, 2), T(1.0, -1.0, grad=False)], {"reduction": "none"}),
    ("poisson_nll_loss/full zero and one counts", "loss", "F.poisson_nll_loss",
     lambda: [R(6), T(0.0, 1.0, 2.0, 0.5, 3.0, 1.0, grad=False)], {"full": True, "reduction": "none"}),
    ("poisson_nll_loss/rates at zero eps", "loss", "F.poisson_nll_loss",
     lambda: [T(0.0, 0.5, 1.0, 2.0), T(0.0, 1.0, 2.0, 0.0, grad=False)], {"log_input": False, "eps": 0.1}),
    ("poisson_nll_loss/empty", "loss", "F.poisson_nll_loss", lambda: [R(0), NG(0)], {}),
    ("gaussian_nll_loss/var clamped to eps", "loss", "F.gaussian_nll_loss",
     lambda: [R(4), R(4), T(0.0, 1e-8, 0.5, 2.0)], {"reduction": "none", "eps": 1e-3}),
    ("gaussian_nll_loss/var one short", "loss", "F.gaussian_nll_loss", lambda: [R(3, 4), R(3, 4), base.pos(3)], {}),
    ("gaussian_nll_loss/var last dim 1", "loss", "F.gaussian_nll_loss", lambda: [R(3, 4), R(3, 4), base.pos(3, 1)], {"reduction": "sum"}),
    ("triplet_margin_loss/1-D", "loss", "F.triplet_margin_loss", lambda: [R(5), R(5), R(5)], {}),
    ("triplet_margin_loss/p 3 eps", "loss", "F.triplet_margin_loss", lambda: [R(3, 4), R(3, 4), R(3, 4)], {"p": 3.0, "eps": 1e-3, "margin": 0.1}),
    ("multi_margin_loss/ties at the margin", "loss", "F.multi_margin_loss",
     lambda: [T(1.0, 0.0, 0.5, 2.0, 0.0, 1.0, 1.0, 1.0, 1.0).reshape(3, 3), classes(0, 2, 1)], {"reduction": "none"}),
    ("multi_margin_loss/ties p 2 float64", "loss", "F.multi_margin_loss",
     f64(lambda: [T(1.0, 0.0, 0.5, 2.0, 0.0, 1.0).reshape(2, 3), classes(0, 1)]), {"p": 2}),
    ("multi_margin_loss/1-D target of one", "loss", "F.multi_margin_loss", lambda: [R(4), classes(3)], {"reduction": "none"}),
    ("multi_margin_loss/0-d input", "loss", "F.multi_margin_loss", lambda: [R(), classes(0).reshape(())], {}),
    ("multilabel_margin_loss/ties at the margin and repeated targets", "loss", "F.multilabel_margin_loss",
     lambda: [T(1.0, 0.0, 0.5, 2.0, 0.0, 1.0, 1.0, 1.0, 1.0).reshape(3, 3), classes(0, 0, -1, 1, -1, 2, 2, 1, 0).reshape(3, 3)], {"reduction": "none"}),
    ("multilabel_margin_loss/0-d input", "loss", "F.multilabel_margin_loss", lambda: [R(), classes(0).reshape(())], {}),
    # cross_entropy's label_smoothing and class probabilities (ATen's compositions)
    *[(f"cross_entropy/label_smoothing {r}", "loss", "F.cross_entropy", lambda: [R(4, 5), classes(0, 4, 2, 2)],
       {"reduction": r, "label_smoothing": 0.2}) for r in REDUCTIONS],
    ("cross_entropy/label_smoothing ignore_index float64", "loss", "F.cross_entropy",
     f64(lambda: [R(4, 3), classes(0, 2, 1, 2)]), {"label_smoothing": 0.1, "ignore_index": 2}),
    ("cross_entropy/label_smoothing ignore_index none", "loss", "F.cross_entropy",
     lambda: [R(3, 3), classes(1, 0, 1)], {"label_smoothing": 0.3, "ignore_index": 1, "reduction": "none"}),
    ("cross_entropy/label_smoothing 1-D", "loss", "F.cross_entropy", lambda: [R(4), classes(3).reshape(())], {"label_smoothing": 1.0}),
    ("cross_entropy/label_smoothing negative is none", "loss", "F.cross_entropy", lambda: [R(2, 3), classes(0, 2)], {"label_smoothing": -0.5}),
    *[(f"cross_entropy/probabilities {r}", "loss", "F.cross_entropy", lambda: [R(3, 4), probs(3, 4)], {"reduction": r}) for r in REDUCTIONS],
    *[(f"cross_entropy/probabilities smoothed {r} float64", "loss", "F.cross_entropy", f64(lambda: [R(3, 4), probs(3, 4)]),
       {"reduction": r, "label_smoothing": 0.25}) for r in REDUCTIONS],
    ("cross_entropy/probabilities 3-D", "loss", "F.cross_entropy", lambda: [R(2, 3, 4), base.uniform(0, 1, 2, 3, 4, grad=False)], {}),
    ("cross_entropy/probabilities 1-D", "loss", "F.cross_entropy", lambda: [R(4), probs(4)], {}),
    ("cross_entropy/probabilities target requires grad", "loss", "F.cross_entropy", lambda: [R(2, 3), R(2, 3)], {"reduction": "sum"}),
    # nll_loss's and cross_entropy's class weights (the nll kernel on both devices)
    *[(f"nll_loss/weight {r}", "loss", "F.nll_loss", lambda: [R(5, 4), classes(0, 3, 1, 3, 2)],
       lambda r=r: {"reduction": r, "weight": base.pos(4, grad=False)}) for r in REDUCTIONS],
    ("nll_loss/weight ignore_index float64", "loss", "F.nll_loss", f64(lambda: [R(4, 3), classes(0, 2, 1, 2)]),
     lambda: {"ignore_index": 2, "weight": base.pos(3, grad=False).double()}),
    ("nll_loss/weight 1-D", "loss", "F.nll_loss", lambda: [R(4), classes(3).reshape(())], lambda: {"weight": base.pos(4, grad=False)}),
    ("nll_loss/weight 1-D none", "loss", "F.nll_loss", lambda: [R(4), classes(1).reshape(())],
     lambda: {"weight": base.pos(4, grad=False), "reduction": "none"}),
    ("nll_loss/weight zeros", "loss", "F.nll_loss", lambda: [R(2, 3), classes(0, 1)], {"weight": T(0.0, 0.0, 1.0, grad=False)}),
    *[(f"cross_entropy/weight {r}", "loss", "F.cross_entropy", lambda: [R(4, 3), classes(2, 0, 1, 2)],
       lambda r=r: {"reduction": r, "weight": base.pos(3, grad=False)}) for r in REDUCTIONS],
    ("cross_entropy/weight float64 ignore_index", "loss", "F.cross_entropy", f64(lambda: [R(3, 5), classes(4, 0, 4)]),
     lambda: {"ignore_index": 0, "weight": base.pos(5, grad=False).double()}),
    # the binary cross entropies' weight (elementwise, broadcast to the input)
    *[(f"binary_cross_entropy/weight {r}", "loss", "F.binary_cross_entropy", lambda: [base.uniform(0.05, 0.95, 3, 4), base.uniform(0, 1, 3, 4, grad=False)],
       lambda r=r: {"reduction": r, "weight": base.pos(4, grad=False)}) for r in REDUCTIONS],
    ("binary_cross_entropy/weight float64 full shape", "loss", "F.binary_cross_entropy",
     f64(lambda: [base.uniform(0.05, 0.95, 2, 3), base.uniform(0, 1, 2, 3, grad=False)]), lambda: {"weight": base.pos(2, 3, grad=False).double()}),
    ("binary_cross_entropy/weight target requires grad", "loss", "F.binary_cross_entropy",
     lambda: [base.uniform(0.05, 0.95, 4), base.uniform(0, 1, 4)], lambda: {"weight": base.pos(4, grad=False), "reduction": "sum"}),
    *[(f"binary_cross_entropy_with_logits/weight {r}", "loss", "F.binary_cross_entropy_with_logits", lambda: [R(3, 4), base.uniform(0, 1, 3, 4, grad=False)],
       lambda r=r: {"reduction": r, "weight": base.pos(3, 1, grad=False)}) for r in REDUCTIONS],
    ("binary_cross_entropy_with_logits/weight float64 target requires grad", "loss", "F.binary_cross_entropy_with_logits",
     f64(lambda: [R(5), base.uniform(0, 1, 5)]), lambda: {"weight": base.pos(5, grad=False).double()}),
    # binary_cross_entropy_with_logits's pos_weight, broadcast against the target (one per class, a column, a scalar)
    *[(f"binary_cross_entropy_with_logits/pos_weight {r}", "loss", "F.binary_cross_entropy_with_logits",
       lambda: [R(3, 4), base.uniform(0, 1, 3, 4, grad=False)], lambda r=r: {"reduction": r, "pos_weight": base.pos(4, grad=False)}) for r in REDUCTIONS],
    *[(f"binary_cross_entropy_with_logits/pos_weight and weight {r} float64", "loss", "F.binary_cross_entropy_with_logits",
       f64(lambda: [R(2, 3), base.uniform(0, 1, 2, 3, grad=False)]),
       lambda r=r: {"reduction": r, "weight": base.pos(2, 1, grad=False).double(), "pos_weight": base.pos(3, grad=False).double()}) for r in REDUCTIONS],
    ("binary_cross_entropy_with_logits/pos_weight column target requires grad", "loss", "F.binary_cross_entropy_with_logits",
     lambda: [R(3, 2), base.uniform(0, 1, 3, 2)], lambda: {"pos_weight": base.pos(3, 1, grad=False), "reduction": "sum"}),
    ("binary_cross_entropy_with_logits/pos_weight 0-d weight target requires grad float64", "loss", "F.binary_cross_entropy_with_logits",
     f64(lambda: [R(4), base.uniform(0, 1, 4)]), lambda: {"pos_weight": T(2.5, grad=False).double().reshape(()), "weight": base.pos(4, grad=False).double()}),
    ("binary_cross_entropy_with_logits/pos_weight 3-D", "loss", "F.binary_cross_entropy_with_logits",
     lambda: [R(2, 3, 2), base.uniform(0, 1, 2, 3, 2, grad=False)], lambda: {"pos_weight": base.pos(3, 2, grad=False), "reduction": "none"}),
    ("binary_cross_entropy_with_logits/pos_weight zeros and ones", "loss", "F.binary_cross_entropy_with_logits",
     lambda: [R(2, 3), T(0.0, 1.0, 0.5, 1.0, 0.0, 1.0, grad=False).reshape(2, 3)], {"pos_weight": T(0.0, 1.0, 4.0, grad=False)}),
    ("binary_cross_entropy_with_logits/pos_weight empty", "loss", "F.binary_cross_entropy_with_logits",
     lambda: [R(0, 3), NG(0, 3)], lambda: {"pos_weight": base.pos(3, grad=False)}),
    ("binary_cross_entropy_with_logits/pos_weight float64 on float32", "loss", "F.binary_cross_entropy_with_logits",
     lambda: [R(2, 3), base.uniform(0, 1, 2, 3, grad=False)], lambda: {"pos_weight": base.pos(3, grad=False).double()}),
    # nll_loss and cross_entropy with extra dims (N, C, d1, ..., dK): 4-D through nll_loss2d, the others viewed as (N, C, 1, -1)
    *[(f"nll_loss/3-D {r}", "loss", "F.nll_loss", lambda: [log_probs(2, 3, 4), labels(3, 2, 4)], {"reduction": r}) for r in REDUCTIONS],
    *[(f"nll_loss/4-D {r}", "loss", "F.nll_loss", lambda: [log_probs(2, 3, 2, 3), labels(3, 2, 2, 3)], {"reduction": r}) for r in REDUCTIONS],
    *[(f"nll_loss/5-D {r}", "loss", "F.nll_loss", lambda: [log_probs(2, 3, 2, 2, 2), labels(3, 2, 2, 2, 2)], {"reduction": r}) for r in REDUCTIONS],
    *[(f"nll_loss/4-D weight ignore_index {r} float64", "loss", "F.nll_loss", f64(lambda: [log_probs(2, 4, 3, 2), labels(4, 2, 3, 2)]),
       lambda r=r: {"reduction": r, "ignore_index": 1, "weight": base.pos(4, grad=False).double()}) for r in REDUCTIONS],
    *[(f"nll_loss/3-D weight {r}", "loss", "F.nll_loss", lambda: [log_probs(3, 4, 5), labels(4, 3, 5)],
       lambda r=r: {"reduction": r, "weight": base.pos(4, grad=False)}) for r in REDUCTIONS],
    ("nll_loss/4-D weight of shape (1, C)", "loss", "F.nll_loss", lambda: [log_probs(2, 3, 2, 2), labels(3, 2, 2, 2)],
     lambda: {"weight": base.pos(1, 3, grad=False)}),
    ("nll_loss/4-D cascade", "loss", "F.nll_loss", lambda: [log_probs(2, 3, 16, 20), labels(3, 2, 16, 20)], {}),
    ("nll_loss/4-D cascade weight float64", "loss", "F.nll_loss", f64(lambda: [log_probs(3, 2, 12, 15), labels(2, 3, 12, 15)]),
     lambda: {"weight": base.pos(2, grad=False).double(), "reduction": "sum"}),
    *[(f"nll_loss/{d} every target ignored {r}", "loss", "F.nll_loss", lambda d=d: [log_probs(2, 3, *[2] * (d - 2)), classes(*[-100] * 2 ** (d - 1)).reshape(2, *[2] * (d - 2))],
       {"reduction": r}) for d in (2, 3, 4) for r in REDUCTIONS],
    ("nll_loss/4-D every target ignored weight", "loss", "F.nll_loss", lambda: [log_probs(2, 3, 2, 2), classes(*[5] * 8).reshape(2, 2, 2)],
     lambda: {"ignore_index": 5, "weight": base.pos(3, grad=False)}),
    *[(f"nll_loss/3-D empty batch {r}", "loss", "F.nll_loss", lambda: [R(0, 3, 4), labels(3, 0, 4)], {"reduction": r}) for r in REDUCTIONS],
    *[(f"nll_loss/4-D empty batch {r}", "loss", "F.nll_loss", lambda: [R(0, 3, 2, 2), labels(3, 0, 2, 2)], {"reduction": r}) for r in REDUCTIONS],
    ("nll_loss/3-D no positions sum", "loss", "F.nll_loss", lambda: [R(2, 3, 0), labels(3, 2, 0)], {"reduction": "sum"}),
    ("nll_loss/4-D infinite log-probabilities", "loss", "F.nll_loss",
     lambda: [T(-INF, 0.0, -1.0, -INF, -2.0, -INF, 0.0, -0.5, -INF, -3.0, -INF, -1.0).reshape(1, 3, 2, 2), classes(0, 1, 2, 0).reshape(1, 2, 2)], {"reduction": "none"}),
    *[(f"cross_entropy/3-D {r}", "loss", "F.cross_entropy", lambda: [R(2, 4, 3), labels(4, 2, 3)], {"reduction": r}) for r in REDUCTIONS],
    *[(f"cross_entropy/4-D {r}", "loss", "F.cross_entropy", lambda: [R(2, 3, 2, 2), labels(3, 2, 2, 2)], {"reduction": r}) for r in REDUCTIONS],
    ("cross_entropy/5-D weight ignore_index float64", "loss", "F.cross_entropy", f64(lambda: [R(2, 3, 2, 1, 2), labels(3, 2, 2, 1, 2)]),
     lambda: {"ignore_index": 2, "weight": base.pos(3, grad=False).double()}),
    *[(f"cross_entropy/4-D label_smoothing ignore_index {r}", "loss", "F.cross_entropy", lambda: [R(2, 3, 2, 2), labels(3, 2, 2, 2)],
       {"reduction": r, "label_smoothing": 0.2, "ignore_index": 0}) for r in REDUCTIONS],
    *[(f"cross_entropy/label_smoothing weight {r}", "loss", "F.cross_entropy", lambda: [R(4, 3), classes(0, 2, 1, 2)],
       lambda r=r: {"reduction": r, "label_smoothing": 0.3, "weight": base.pos(3, grad=False)}) for r in REDUCTIONS],
    *[(f"cross_entropy/3-D label_smoothing weight ignore_index {r} float64", "loss", "F.cross_entropy",
       f64(lambda: [R(2, 3, 4), labels(3, 2, 4)]), lambda r=r: {"reduction": r, "label_smoothing": 0.1, "ignore_index": 1, "weight": base.pos(3, grad=False).double()})
      for r in REDUCTIONS],
    ("cross_entropy/label_smoothing weight 1-D", "loss", "F.cross_entropy", lambda: [R(4), classes(2).reshape(())],
     lambda: {"label_smoothing": 0.4, "weight": base.pos(4, grad=False)}),
    *[(f"cross_entropy/probabilities weight {r}", "loss", "F.cross_entropy", lambda: [R(3, 4), probs(3, 4)],
       lambda r=r: {"reduction": r, "weight": base.pos(4, grad=False)}) for r in REDUCTIONS],
    *[(f"cross_entropy/probabilities 4-D weight smoothed {r} float64", "loss", "F.cross_entropy",
       f64(lambda: [R(2, 3, 2, 2), torch_log_softmax(NG(2, 3, 2, 2), 1).exp()]),
       lambda r=r: {"reduction": r, "label_smoothing": 0.2, "weight": base.pos(3, grad=False).double()}) for r in REDUCTIONS],
    ("cross_entropy/probabilities negative ignore_index", "loss", "F.cross_entropy", lambda: [R(2, 3), probs(2, 3)], {"ignore_index": -5}),
    ("cross_entropy/4-D every target ignored", "loss", "F.cross_entropy", lambda: [R(2, 3, 2, 2), classes(*[-100] * 8).reshape(2, 2, 2)], {}),
    *[(f"cross_entropy/3-D empty batch {r}", "loss", "F.cross_entropy", lambda: [R(0, 3, 4), labels(3, 0, 4)], {"reduction": r}) for r in REDUCTIONS],
    ("cross_entropy/4-D infinite logits", "loss", "F.cross_entropy",
     lambda: [T(INF, 0.0, -INF, 1.0, -INF, 2.0, -INF, 0.0, 0.0, -INF, 3.0, -INF).reshape(1, 3, 2, 2), classes(0, 0, 1, 2).reshape(1, 2, 2)], {"reduction": "none"}),
    ("multilabel_soft_margin_loss/soft targets", "loss", "F.multilabel_soft_margin_loss", lambda: [R(2, 5), base.uniform(0, 1, 2, 5, grad=False)], {"reduction": "none"}),
]

LOSS_ERRORS = [
    ("smooth_l1_loss/negative beta", "F.smooth_l1_loss", lambda: [R(3), R(3)], {"beta": -1.0}),
    ("smooth_l1_loss/bad reduction", "F.smooth_l1_loss", lambda: [R(3), R(3)], {"reduction": "batchmean"}),
    ("smooth_l1_loss/shapes", "F.smooth_l1_loss", lambda: [R(3), R(4)], {}),
    ("huber_loss/zero delta", "F.huber_loss", lambda: [R(3), R(3)], {"delta": 0.0}),
    ("huber_loss/negative delta", "F.huber_loss", lambda: [R(3), R(3)], {"delta": -1.0}),
    ("huber_loss/bad reduction", "F.huber_loss", lambda: [R(3), R(3)], {"reduction": "bogus"}),
    ("soft_margin_loss/target larger", "F.soft_margin_loss", lambda: [R(3), NG(2, 3)], {}),
    ("soft_margin_loss/target requires grad", "F.soft_margin_loss", lambda: [R(3), R(3)], {}),
    ("kl_div/bad reduction", "F.kl_div", lambda: [R(3), R(3)], {"reduction": "bogus"}),
    ("margin_ranking_loss/dims differ", "F.margin_ranking_loss", lambda: [R(3), R(3), NG(3, 1)], {}),
    ("hinge_embedding_loss/bad reduction", "F.hinge_embedding_loss", lambda: [R(3), NG(3)], {"reduction": "bogus"}),
    ("cosine_embedding_loss/2-D target", "F.cosine_embedding_loss", lambda: [R(3, 2), R(3, 2), NG(3, 1)], {}),
    ("cosine_embedding_loss/1-D target 1-D inputs", "F.cosine_embedding_loss", lambda: [R(3), R(3), NG(3)], {}),
    ("cosine_embedding_loss/0-d target 2-D inputs", "F.cosine_embedding_loss", lambda: [R(2, 3), R(2, 3), NG()], {}),
    ("poisson_nll_loss/bad reduction", "F.poisson_nll_loss", lambda: [R(3), NG(3)], {"reduction": "bogus"}),
    ("gaussian_nll_loss/var size", "F.gaussian_nll_loss", lambda: [R(3), R(3), base.pos(2)], {}),
    ("gaussian_nll_loss/negative var", "F.gaussian_nll_loss", lambda: [R(3), R(3), T(1.0, -1.0, 2.0)], {}),
    ("gaussian_nll_loss/bad reduction", "F.gaussian_nll_loss", lambda: [R(3), R(3), base.pos(3)], {"reduction": "bogus"}),
    ("triplet_margin_loss/dims differ", "F.triplet_margin_loss", lambda: [R(3), R(3), R(2, 3)], {}),
    ("multi_margin_loss/target out of range", "F.multi_margin_loss", lambda: [R(2, 3), classes(0, 3)], {}),
    ("multi_margin_loss/negative target", "F.multi_margin_loss", lambda: [R(2, 3), classes(-1, 0)], {}),
    ("multi_margin_loss/p 3", "F.multi_margin_loss", lambda: [R(2, 3), classes(0, 1)], {"p": 3}),
    ("multi_margin_loss/target size", "F.multi_margin_loss", lambda: [R(2, 3), classes(0, 1, 2)], {}),
    ("multi_margin_loss/2-D target", "F.multi_margin_loss", lambda: [R(2, 3), classes(0, 1).reshape(1, 2)], {}),
    ("multi_margin_loss/3-D input", "F.multi_margin_loss", lambda: [R(2, 3, 4), classes(0, 1)], {}),
    ("multi_margin_loss/no classes", "F.multi_margin_loss", lambda: [R(2, 0), classes(0, 1)], {}),
    ("multi_margin_loss/int32 target", "F.multi_margin_loss", lambda: [R(2, 3), classes(0, 1).int()], {}),
    ("multi_margin_loss/bad reduction", "F.multi_margin_loss", lambda: [R(2, 3), classes(0, 1)], {"reduction": "bogus"}),
    ("multilabel_margin_loss/target out of range", "F.multilabel_margin_loss", lambda: [R(2, 3), classes(0, 3, -1, 0, 1, 2).reshape(2, 3)], {}),
    ("multilabel_margin_loss/target below -1", "F.multilabel_margin_loss", lambda: [R(3), classes(-2, 0, 1)], {}),
    ("multilabel_margin_loss/target size", "F.multilabel_margin_loss", lambda: [R(2, 3), classes(0, 1)], {}),
    ("multilabel_margin_loss/1-D target size", "F.multilabel_margin_loss", lambda: [R(3), classes(0, 1)], {}),
    ("multilabel_margin_loss/3-D input", "F.multilabel_margin_loss", lambda: [R(2, 3, 4), classes(0, 1)], {}),
    ("multilabel_margin_loss/int32 target", "F.multilabel_margin_loss", lambda: [R(3), classes(0, 1, -1).int()], {}),
    ("cross_entropy/label_smoothing above 1", "F.cross_entropy", lambda: [R(2, 3), classes(0, 2)], {"label_smoothing": 1.5}),
    ("cross_entropy/probabilities label_smoothing above 1", "F.cross_entropy", lambda: [R(2, 3), probs(2, 3)], {"label_smoothing": 2.0}),
    ("cross_entropy/probabilities ignore_index", "F.cross_entropy", lambda: [R(2, 3), probs(2, 3)], {"ignore_index": 1}),
    ("cross_entropy/probabilities int target", "F.cross_entropy", lambda: [R(2, 3), classes(0, 1, 0, 1, 1, 0).reshape(2, 3)], {}),
    ("nll_loss/weight size", "F.nll_loss", lambda: [R(3, 4), classes(0, 3, 1)], lambda: {"weight": NG(3)}),
    ("nll_loss/weight 2-D", "F.nll_loss", lambda: [R(3, 4), classes(0, 3, 1)], lambda: {"weight": NG(2, 2)}),
    ("nll_loss/weight float64", "F.nll_loss", lambda: [R(3, 4), classes(0, 3, 1)], lambda: {"weight": NG(4).double()}),
    ("nll_loss/weight requires grad", "F.nll_loss", lambda: [R(3, 4), classes(0, 3, 1)], lambda: {"weight": R(4)}),
    ("cross_entropy/weight size", "F.cross_entropy", lambda: [R(3, 4), classes(0, 3, 1)], lambda: {"weight": NG(5)}),
    ("binary_cross_entropy/weight size", "F.binary_cross_entropy", lambda: [base.uniform(0.1, 0.9, 3, 4), NG(3, 4).sigmoid()], lambda: {"weight": NG(3)}),
    ("binary_cross_entropy/weight requires grad", "F.binary_cross_entropy", lambda: [base.uniform(0.1, 0.9, 3), NG(3).sigmoid()], lambda: {"weight": R(3)}),
    ("binary_cross_entropy_with_logits/weight size", "F.binary_cross_entropy_with_logits", lambda: [R(3, 4), NG(3, 4)], lambda: {"weight": NG(3)}),
    ("binary_cross_entropy_with_logits/weight larger", "F.binary_cross_entropy_with_logits", lambda: [R(3, 4), NG(3, 4)], lambda: {"weight": NG(2, 3, 4)}),
    ("binary_cross_entropy_with_logits/weight requires grad", "F.binary_cross_entropy_with_logits", lambda: [R(3), NG(3)], lambda: {"weight": R(3)}),
    ("binary_cross_entropy_with_logits/pos_weight size", "F.binary_cross_entropy_with_logits", lambda: [R(3, 4), NG(3, 4)], lambda: {"pos_weight": NG(3)}),
    ("binary_cross_entropy_with_logits/pos_weight larger", "F.binary_cross_entropy_with_logits", lambda: [R(3, 4), NG(3, 4)],
     lambda: {"pos_weight": NG(2, 3, 4)}),
    ("binary_cross_entropy_with_logits/pos_weight requires grad", "F.binary_cross_entropy_with_logits", lambda: [R(3), NG(3)],
     lambda: {"pos_weight": R(3)}),
    ("nll_loss/3-D target size", "F.nll_loss", lambda: [R(2, 3, 4), labels(3, 2, 5)], {}),
    ("nll_loss/3-D target 1-D", "F.nll_loss", lambda: [R(2, 3, 4), labels(3, 2)], {}),
    ("nll_loss/3-D target 3-D", "F.nll_loss", lambda: [R(2, 3, 4), labels(3, 2, 4, 1)], {}),
    ("nll_loss/2-D target batch", "F.nll_loss", lambda: [R(2, 3), labels(3, 3, 4)], {}),
    ("nll_loss/2-D target 2-D", "F.nll_loss", lambda: [R(2, 3), labels(3, 2, 4)], {}),
    ("nll_loss/4-D target batch", "F.nll_loss", lambda: [R(2, 3, 4, 5), labels(3, 3, 4, 5)], {}),
    ("nll_loss/4-D target 2-D", "F.nll_loss", lambda: [R(2, 3, 4, 5), labels(3, 2, 4)], {}),
    ("nll_loss/4-D target 4-D", "F.nll_loss", lambda: [R(2, 3, 4, 5), labels(3, 2, 4, 5, 1)], {}),
    ("nll_loss/4-D target size", "F.nll_loss", lambda: [R(2, 3, 4, 5), labels(3, 2, 4, 6)], {}),
    ("nll_loss/5-D target size", "F.nll_loss", lambda: [R(2, 3, 4, 5, 2), labels(3, 2, 4, 5)], {}),
    ("nll_loss/0-d input", "F.nll_loss", lambda: [R(), classes(0).reshape(())], {}),
    ("nll_loss/3-D no classes", "F.nll_loss", lambda: [R(2, 0, 4), labels(3, 2, 4)], {}),
    ("nll_loss/4-D target out of range", "F.nll_loss", lambda: [R(2, 3, 1, 2), classes(0, 1, 3, 2).reshape(2, 1, 2)], {}),
    ("nll_loss/3-D negative target", "F.nll_loss", lambda: [R(2, 3, 2), classes(0, -1, 1, 2).reshape(2, 2)], {}),
    ("nll_loss/4-D int32 target", "F.nll_loss", lambda: [R(2, 3, 2, 2), labels(3, 2, 2, 2).int()], {}),
    ("nll_loss/4-D weight size", "F.nll_loss", lambda: [R(2, 3, 2, 2), labels(3, 2, 2, 2)], lambda: {"weight": NG(4)}),
    ("nll_loss/3-D weight size", "F.nll_loss", lambda: [R(2, 3, 2), labels(3, 2, 2)], lambda: {"weight": NG(2)}),
    ("nll_loss/4-D weight float64", "F.nll_loss", lambda: [R(2, 3, 2, 2), labels(3, 2, 2, 2)], lambda: {"weight": NG(3).double()}),
    ("cross_entropy/4-D target size", "F.cross_entropy", lambda: [R(2, 3, 4, 5), labels(3, 2, 4, 6)], {}),
    ("cross_entropy/3-D target size", "F.cross_entropy", lambda: [R(2, 3, 4), labels(3, 2, 5)], {}),
    ("cross_entropy/probabilities weight size", "F.cross_entropy", lambda: [R(2, 3, 4), probs(2, 3, 4)], lambda: {"weight": NG(4)}),
    ("cross_entropy/3-D label_smoothing weight size", "F.cross_entropy", lambda: [R(2, 3, 4), labels(3, 2, 4)],
     lambda: {"weight": NG(2), "label_smoothing": 0.1}),
    ("cross_entropy/label_smoothing weight size", "F.cross_entropy", lambda: [R(2, 3), labels(3, 2)],
     lambda: {"weight": NG(2), "label_smoothing": 0.1}),
    ("multilabel_soft_margin_loss/bad reduction", "F.multilabel_soft_margin_loss", lambda: [R(2, 3), NG(2, 3)], {"reduction": "bogus"}),
]
