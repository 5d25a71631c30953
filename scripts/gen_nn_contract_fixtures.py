#!/usr/bin/env python3
"""The torch.nn module contract (issue 8): one table, one row per exported module class, each checked for
the same four facets against real PyTorch: test/fixtures/nn_contract.json, read by test/nn-contract.test.ts.

A row is a class name, its constructor arguments as JSON (positionals, then keywords; a nested module is
{"module": row-like}, a tensor {"tensor": ...}) and its forward inputs. With torch.manual_seed(seed), the
seed a CRC of the row's id, the module is built and recorded: repr, the default-initialised state_dict
(names, shapes, values: default init equals PyTorch's after manual_seed), the forward outputs (nested
tuples flattened) and the gradients of sum(output * cotangent) over the floating outputs with a node,
with respect to the inputs that require grad and then every parameter. Inputs and cotangents come from a
torch.Generator seeded from the row, so the global stream after construction is the module's own: the
stochastic modules run in training mode where wasmgrad reproduces PyTorch's stream (dropout), and the
forward's draws (RReLU, FractionalMaxPool) follow construction as in PyTorch. Lazy modules record their
state_dict after the first forward (materialised shapes and values), and every row whose buffers the
forward changes (running statistics) records them again after it.

PyTorch 2 semantics where 1.13 differs: the transformer stack and MultiheadAttention's forward
(pytorch2_attention.install()), ZeroPad1d/3d, CircularPad1d-3d, Softmax2d and InstanceNorm's checks
(pytorch2_modules), RMSNorm and LPPool3d (gen_nn_modules_extra_fixtures), RNN's and losses' PyTorch 2
forms (pytorch2_compat), Upsample's quoted mode in repr (gen_module_init_args_fixtures.pt2_repr).

Run: /usr/bin/python3 scripts/gen_nn_contract_fixtures.py"""
import json
import math
import os
import sys
import warnings
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import system_torch  # noqa: F401,E402 -- re-executes with /usr/bin/python3 when torch is missing
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch import nn  # noqa: E402

import gen_fixtures as base  # noqa: E402
import pytorch2_compat  # noqa: F401,E402 -- PyTorch 2's RNN checks, ModuleList repr, losses
import pytorch2_attention  # noqa: E402
import pytorch2_modules as nn2  # noqa: E402
import gen_nn_modules_extra_fixtures as extra  # noqa: E402
from gen_module_init_args_fixtures import pt2_repr  # noqa: E402

pytorch2_attention.install()
warnings.simplefilter("ignore")

OUT = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "nn_contract.json")

class ChannelShuffle(nn.ChannelShuffle):
    """PyTorch 2's channel_shuffle is differentiable (a composite of views); 1.13 has no derivative."""

    def forward(self, x):
        n, c = x.shape[:2]
        return x.reshape(n, self.groups, c // self.groups, *x.shape[2:]).transpose(1, 2).reshape(x.shape)


# PyTorch 2's definitions of the classes 1.13 lacks or defines differently
CLASSES = {
    "ZeroPad1d": nn2.ZeroPad1d, "ZeroPad3d": nn2.ZeroPad3d, "CircularPad1d": nn2.CircularPad1d,
    "CircularPad2d": nn2.CircularPad2d, "CircularPad3d": nn2.CircularPad3d, "Softmax2d": nn2.Softmax2d,
    "InstanceNorm1d": nn2.InstanceNorm1d, "InstanceNorm2d": nn2.InstanceNorm2d, "InstanceNorm3d": nn2.InstanceNorm3d,
    "RMSNorm": extra.RMSNorm, "LPPool3d": extra.LPPool3d,
    "ChannelShuffle": ChannelShuffle, "NonDynamicallyQuantizableLinear": nn.modules.linear.NonDynamicallyQuantizableLinear,
}

# Exported torch.nn classes that get no row, each with its reason (the test's coverage check reads these).
EXCLUDED = {
    "Module": "the abstract base: no forward",
    "ModuleList": "a container without forward",
    "ModuleDict": "a container without forward",
    "ParameterList": "a container without forward",
    "ParameterDict": "a container without forward",
    "RNNBase": "the abstract base of RNN/LSTM/GRU (its forward needs a mode's subclass)",
    "RNNCellBase": "the abstract base of the cells: no forward",
    "SyncBatchNorm": "multi-process synchronised statistics: no process group in wasmgrad",
}


# ---- input specs: each a function of the row's generator g ---------------------------------------------

def R(*shape):
    """seeded normal floats that require grad"""
    return lambda g: torch.randn(shape, generator=g).requires_grad_()


def T(*shape):
    """seeded normal floats, a target (no grad)"""
    return lambda g: torch.randn(shape, generator=g)


def P(*shape):
    """probabilities in (0, 1) that require grad"""
    return lambda g: torch.sigmoid(torch.randn(shape, generator=g)).requires_grad_()


def PT(*shape):
    """probabilities in [0, 1), a target"""
    return lambda g: torch.rand(shape, generator=g)


def POS(*shape):
    """positive floats that require grad (a variance)"""
    return lambda g: (torch.rand(shape, generator=g) + 0.5).requires_grad_()


def POST(*shape):
    """positive floats, a target (Poisson counts' rates)"""
    return lambda g: torch.rand(shape, generator=g) * 3


def SIGN(*shape):
    """±1 targets"""
    return lambda g: torch.randint(0, 2, shape, generator=g).float() * 2 - 1


def BIN(*shape):
    """0/1 float targets"""
    return lambda g: torch.randint(0, 2, shape, generator=g).float()


def I(high, *shape, low=0):  # noqa: E743
    """integer indices / class targets in [low, high)"""
    return lambda g: torch.randint(low, high, shape, generator=g)


def D(*shape):
    """seeded normal float64s that require grad"""
    return lambda g: torch.randn(shape, generator=g, dtype=torch.float64).requires_grad_()


def K(*values):
    """given floats that require grad (kinks, ties, ±inf, NaN)"""
    return lambda g: torch.tensor(values).requires_grad_()


# every activation's kinks and thresholds, both infinities and NaN
KINK_VALUES = [-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0, 6.0, 20.0, float("inf"), float("-inf"), float("nan")]
KINKS = K(*KINK_VALUES)
# 32 values: every element goes through PyTorch's vectorized CPU loop (AVX2 and AVX512 alike), whose
# hardtanh/hardswish gradients at NaN and at 3 differ from its scalar loop's (docs/api.md); wasmgrad's are the
# vectorized ones, so the 12-value rows of those two are known mismatches
KINKS32 = K(*(KINK_VALUES * 3)[:32])


def B(*rows):
    """a bool mask (True: masked out)"""
    return lambda g: torch.tensor(rows, dtype=torch.bool)


def CAUSAL(n):
    """PyTorch's float causal mask: -inf above the diagonal"""
    return lambda g: pytorch2_attention._generate_square_subsequent_mask(n)


def V(value):
    """a plain JSON argument (CTC's lengths)"""
    return lambda g: value


def LOGP(*shape):
    """log-probabilities over the last dim, a leaf that requires grad"""
    return lambda g: torch.randn(shape, generator=g).log_softmax(-1).detach().requires_grad_()


def POOLED(nd, *shape):
    """max_pool{nd}d(x, 2)'s values (a leaf that requires grad) and indices: MaxUnpool's two inputs"""
    def make(g):
        v, i = getattr(F, f"max_pool{nd}d")(torch.randn(shape, generator=g), 2, return_indices=True)
        return [v.detach().requires_grad_(), i]
    return make


def W(values):
    """a tensor argument (a loss's class weights)"""
    return {"tensor": base.enc_tensor(torch.tensor(values), requires_grad=False)}


def M(cls, *args, **kwargs):
    """a nested module argument (TransformerEncoder's layer, its norm)"""
    return {"module": {"cls": cls, "args": list(args), "kwargs": kwargs}}


# ---- the table: (id, class, args, kwargs, inputs, options) ---------------------------------------------
X = R(2, 3, 4)
ROWS = [
    # activations
    ("CELU", "CELU", [0.5], {}, [X]),
    ("ELU", "ELU", [], {}, [X]),
    ("GELU", "GELU", [], {}, [X]),
    ("GELU tanh", "GELU", [], {"approximate": "tanh"}, [X]),
    ("GLU", "GLU", [], {}, [R(2, 4)]),
    ("Hardshrink", "Hardshrink", [], {}, [X]),
    ("Hardsigmoid", "Hardsigmoid", [], {}, [X]),
    ("Hardswish", "Hardswish", [], {}, [X]),
    ("Hardtanh", "Hardtanh", [-0.5, 1.5], {}, [X]),
    ("Identity", "Identity", [], {}, [X]),
    ("LeakyReLU", "LeakyReLU", [0.2], {}, [X]),
    ("LogSigmoid", "LogSigmoid", [], {}, [X]),
    ("LogSoftmax", "LogSoftmax", [], {"dim": 1}, [X]),
    ("Mish", "Mish", [], {}, [X]),
    ("PReLU", "PReLU", [], {}, [X]),
    ("PReLU 3 channels", "PReLU", [3, 0.1], {}, [X]),
    ("RReLU", "RReLU", [], {}, [X]),
    ("RReLU eval", "RReLU", [0.1, 0.3], {}, [X], {"eval": True}),
    ("ReLU", "ReLU", [], {}, [X]),
    ("ReLU6", "ReLU6", [], {}, [R(2, 3, 4)]),
    ("SELU", "SELU", [], {}, [X]),
    ("SiLU", "SiLU", [], {}, [X]),
    ("Sigmoid", "Sigmoid", [], {}, [X]),
    ("Softmax", "Softmax", [], {"dim": 1}, [X]),
    ("Softmax2d", "Softmax2d", [], {}, [R(2, 3, 2, 2)]),
    ("Softmin", "Softmin", [], {"dim": 1}, [X]),
    ("Softplus", "Softplus", [], {"beta": 2, "threshold": 1.5}, [X]),
    ("Softshrink", "Softshrink", [], {}, [X]),
    ("Softsign", "Softsign", [], {}, [X]),
    ("Tanh", "Tanh", [], {}, [X]),
    ("Tanhshrink", "Tanhshrink", [], {}, [X]),
    ("Threshold", "Threshold", [0.1, 0.5], {}, [X]),
    # integral floats: JSON keeps 1.0 a Python float, JS reads 1; wasmgrad must still print PyTorch's "1.0"
    ("Threshold integral floats", "Threshold", [1.0, 2.0], {}, [X]),
    ("ELU alpha=2.0", "ELU", [2.0], {}, [X]),
    # linear
    ("Linear", "Linear", [3, 4], {}, [R(2, 3)]),
    ("Linear bias=False", "Linear", [3, 4], {"bias": False}, [R(2, 3)]),
    ("Bilinear", "Bilinear", [3, 2, 4], {}, [R(2, 3), R(2, 2)]),
    ("LazyLinear", "LazyLinear", [4], {}, [R(2, 3)]),
    ("NonDynamicallyQuantizableLinear", "NonDynamicallyQuantizableLinear", [3, 4], {}, [R(2, 3)]),
    # convolutions
    ("Conv1d", "Conv1d", [2, 3, 3], {}, [R(2, 2, 5)]),
    ("Conv1d groups, stride, dilation", "Conv1d", [2, 4, 2], {"stride": 2, "dilation": 2, "groups": 2}, [R(2, 2, 7)]),
    ("Conv2d", "Conv2d", [2, 3, 3], {}, [R(1, 2, 5, 5)]),
    ("Conv2d padding=1 bias=False", "Conv2d", [2, 3, 3], {"padding": 1, "bias": False}, [R(1, 2, 4, 4)]),
    ("Conv2d padding_mode=reflect", "Conv2d", [2, 3, 3], {"padding": 1, "padding_mode": "reflect"}, [R(1, 2, 4, 4)]),
    ("Conv2d padding_mode=circular", "Conv2d", [2, 3, 3], {"padding": 1, "padding_mode": "circular"}, [R(1, 2, 4, 4)]),
    ("Conv2d padding_mode=replicate", "Conv2d", [2, 3, 3], {"padding": 1, "padding_mode": "replicate"}, [R(1, 2, 4, 4)]),
    ("Conv2d padding=same", "Conv2d", [2, 3, 3], {"padding": "same"}, [R(1, 2, 4, 4)]),
    ("Conv3d", "Conv3d", [2, 3, 2], {}, [R(1, 2, 3, 3, 3)]),
    ("ConvTranspose1d", "ConvTranspose1d", [2, 3, 3], {}, [R(2, 2, 4)]),
    ("ConvTranspose2d", "ConvTranspose2d", [2, 3, 3], {}, [R(1, 2, 3, 3)]),
    ("ConvTranspose2d stride output_padding", "ConvTranspose2d", [2, 4, 3], {"stride": 2, "output_padding": 1, "groups": 2}, [R(1, 2, 3, 3)]),
    ("ConvTranspose3d", "ConvTranspose3d", [2, 3, 2], {}, [R(1, 2, 2, 2, 2)]),
    ("LazyConv1d", "LazyConv1d", [3, 3], {}, [R(2, 2, 5)]),
    ("LazyConv2d", "LazyConv2d", [3, 3], {}, [R(1, 2, 5, 5)]),
    ("LazyConv3d", "LazyConv3d", [3, 2], {}, [R(1, 2, 3, 3, 3)]),
    ("LazyConvTranspose1d", "LazyConvTranspose1d", [3, 3], {}, [R(2, 2, 4)]),
    ("LazyConvTranspose2d", "LazyConvTranspose2d", [3, 3], {}, [R(1, 2, 3, 3)]),
    ("LazyConvTranspose3d", "LazyConvTranspose3d", [3, 2], {}, [R(1, 2, 2, 2, 2)]),
    # pooling
    ("AvgPool1d", "AvgPool1d", [2], {}, [R(2, 3, 6)]),
    ("AvgPool2d", "AvgPool2d", [2], {}, [R(1, 2, 4, 4)]),
    ("AvgPool2d padding ceil_mode", "AvgPool2d", [3], {"stride": 2, "padding": 1, "ceil_mode": True, "count_include_pad": False}, [R(1, 2, 5, 5)]),
    ("AvgPool3d", "AvgPool3d", [2], {}, [R(1, 2, 4, 4, 4)]),
    ("MaxPool1d", "MaxPool1d", [2], {}, [R(2, 3, 6)]),
    ("MaxPool2d", "MaxPool2d", [2], {}, [R(1, 2, 4, 4)]),
    ("MaxPool2d return_indices", "MaxPool2d", [3], {"stride": 2, "padding": 1, "return_indices": True}, [R(1, 2, 5, 5)]),
    ("MaxPool3d", "MaxPool3d", [2], {}, [R(1, 2, 4, 4, 4)]),
    ("AdaptiveAvgPool1d", "AdaptiveAvgPool1d", [3], {}, [R(2, 3, 7)]),
    ("AdaptiveAvgPool2d", "AdaptiveAvgPool2d", [2], {}, [R(1, 2, 5, 5)]),
    ("AdaptiveAvgPool3d", "AdaptiveAvgPool3d", [2], {}, [R(1, 2, 3, 4, 5)]),
    ("AdaptiveMaxPool1d", "AdaptiveMaxPool1d", [3], {}, [R(2, 3, 7)]),
    ("AdaptiveMaxPool2d", "AdaptiveMaxPool2d", [2], {"return_indices": True}, [R(1, 2, 5, 5)]),
    ("AdaptiveMaxPool3d", "AdaptiveMaxPool3d", [2], {}, [R(1, 2, 3, 4, 5)]),
    ("LPPool1d", "LPPool1d", [2, 2], {}, [R(2, 3, 6)]),
    ("LPPool2d", "LPPool2d", [2, 2], {}, [R(1, 2, 4, 4)]),
    ("LPPool3d", "LPPool3d", [2, 2], {}, [R(1, 2, 4, 4, 4)]),
    ("FractionalMaxPool2d", "FractionalMaxPool2d", [2], {"output_size": 3}, [R(1, 2, 5, 5)]),
    ("FractionalMaxPool3d", "FractionalMaxPool3d", [2], {"output_size": 3}, [R(1, 2, 5, 5, 5)]),
    ("MaxUnpool1d", "MaxUnpool1d", [2], {}, [POOLED(1, 2, 3, 6)]),
    ("MaxUnpool2d", "MaxUnpool2d", [2], {}, [POOLED(2, 1, 2, 4, 4)]),
    ("MaxUnpool3d", "MaxUnpool3d", [2], {}, [POOLED(3, 1, 2, 4, 4, 4)]),
    # normalisation
    ("BatchNorm1d", "BatchNorm1d", [3], {}, [R(4, 3)]),
    ("BatchNorm2d", "BatchNorm2d", [3], {}, [R(2, 3, 2, 2)]),
    ("BatchNorm2d eval", "BatchNorm2d", [3], {}, [R(2, 3, 2, 2)], {"eval": True}),
    ("BatchNorm2d momentum=None affine=False", "BatchNorm2d", [3], {"momentum": None, "affine": False}, [R(2, 3, 2, 2)]),
    ("BatchNorm3d", "BatchNorm3d", [3], {}, [R(2, 3, 2, 2, 2)]),
    ("LazyBatchNorm1d", "LazyBatchNorm1d", [], {}, [R(4, 3)]),
    ("LazyBatchNorm2d", "LazyBatchNorm2d", [], {}, [R(2, 3, 2, 2)]),
    ("LazyBatchNorm3d", "LazyBatchNorm3d", [], {}, [R(2, 3, 2, 2, 2)]),
    ("InstanceNorm1d", "InstanceNorm1d", [3], {}, [R(2, 3, 5)]),
    ("InstanceNorm2d", "InstanceNorm2d", [3], {}, [R(2, 3, 3, 3)]),
    ("InstanceNorm2d affine track_running_stats", "InstanceNorm2d", [3], {"affine": True, "track_running_stats": True}, [R(2, 3, 3, 3)]),
    ("InstanceNorm3d", "InstanceNorm3d", [3], {}, [R(2, 3, 2, 2, 2)]),
    ("LazyInstanceNorm1d", "LazyInstanceNorm1d", [], {}, [R(2, 3, 5)]),
    ("LazyInstanceNorm2d", "LazyInstanceNorm2d", [], {}, [R(2, 3, 3, 3)]),
    ("LazyInstanceNorm3d", "LazyInstanceNorm3d", [], {}, [R(2, 3, 2, 2, 2)]),
    ("LayerNorm", "LayerNorm", [4], {}, [R(2, 3, 4)]),
    ("LayerNorm 2 dims no affine", "LayerNorm", [[3, 4]], {"elementwise_affine": False}, [R(2, 3, 4)]),
    ("GroupNorm", "GroupNorm", [2, 4], {}, [R(2, 4, 3)]),
    ("LocalResponseNorm", "LocalResponseNorm", [2], {}, [R(2, 4, 3, 3)]),
    ("CrossMapLRN2d", "CrossMapLRN2d", [3], {}, [R(1, 4, 3, 3)]),
    ("RMSNorm", "RMSNorm", [4], {}, [R(2, 3, 4)]),
    # dropout (training mode: wasmgrad draws PyTorch's masks after the same seed)
    ("Dropout", "Dropout", [], {}, [R(3, 4)]),
    ("Dropout eval", "Dropout", [0.3], {}, [R(3, 4)], {"eval": True}),
    ("Dropout1d", "Dropout1d", [], {}, [R(2, 3, 4)]),
    ("Dropout2d", "Dropout2d", [], {}, [R(2, 3, 2, 2)]),
    ("Dropout3d", "Dropout3d", [], {}, [R(2, 3, 2, 2, 2)]),
    ("AlphaDropout", "AlphaDropout", [], {}, [R(3, 4)]),
    ("FeatureAlphaDropout", "FeatureAlphaDropout", [], {}, [R(2, 3, 2, 2)]),
    # sparse
    ("Embedding", "Embedding", [5, 3], {}, [I(5, 2, 4)]),
    ("Embedding padding_idx", "Embedding", [5, 3], {"padding_idx": 0}, [V([[0, 2, 0], [4, 1, 2]])]),
    ("EmbeddingBag", "EmbeddingBag", [5, 3], {}, [I(5, 2, 4)]),
    ("EmbeddingBag sum with offsets", "EmbeddingBag", [5, 3], {"mode": "sum"}, [I(5, 6), V([0, 2, 2])]),
    # recurrent
    ("RNN", "RNN", [3, 4], {}, [R(5, 2, 3)]),
    ("RNN relu 2 layers batch_first", "RNN", [3, 4, 2], {"nonlinearity": "relu", "batch_first": True}, [R(2, 5, 3)]),
    ("LSTM", "LSTM", [3, 4], {}, [R(5, 2, 3)]),
    ("LSTM bidirectional 2 layers", "LSTM", [3, 4, 2], {"bidirectional": True}, [R(5, 2, 3)]),
    ("LSTM proj_size", "LSTM", [3, 4], {"proj_size": 2, "batch_first": True}, [R(2, 5, 3)]),
    ("GRU", "GRU", [3, 4], {}, [R(5, 2, 3)]),
    ("GRU bias=False", "GRU", [3, 4], {"bias": False}, [R(5, 3)]),
    ("RNNCell", "RNNCell", [3, 4], {}, [R(2, 3)]),
    ("LSTMCell", "LSTMCell", [3, 4], {}, [R(2, 3)]),
    ("GRUCell", "GRUCell", [3, 4], {}, [R(2, 3)]),
    # attention
    ("MultiheadAttention", "MultiheadAttention", [4, 2], {}, [R(3, 2, 4), R(3, 2, 4), R(3, 2, 4)]),
    ("MultiheadAttention kdim vdim batch_first", "MultiheadAttention", [4, 2],
     {"kdim": 3, "vdim": 5, "batch_first": True, "bias": False}, [R(2, 3, 4), R(2, 5, 3), R(2, 5, 5)]),
    ("TransformerEncoderLayer", "TransformerEncoderLayer", [8, 2, 16, 0.0], {}, [R(3, 2, 8)]),
    ("TransformerEncoderLayer norm_first gelu batch_first", "TransformerEncoderLayer", [8, 2, 16, 0.0],
     {"activation": "gelu", "norm_first": True, "batch_first": True}, [R(2, 3, 8)]),
    ("TransformerDecoderLayer", "TransformerDecoderLayer", [8, 2, 16, 0.0], {}, [R(3, 2, 8), R(4, 2, 8)]),
    ("TransformerEncoder", "TransformerEncoder", [M("TransformerEncoderLayer", 8, 2, 16, 0.0), 2], {}, [R(3, 2, 8)]),
    ("TransformerEncoder norm", "TransformerEncoder", [M("TransformerEncoderLayer", 8, 2, 16, 0.0), 1],
     {"norm": M("LayerNorm", 8)}, [R(3, 2, 8)]),
    ("TransformerDecoder", "TransformerDecoder", [M("TransformerDecoderLayer", 8, 2, 16, 0.0), 2], {}, [R(3, 2, 8), R(4, 2, 8)]),
    ("Transformer", "Transformer", [],
     {"d_model": 8, "nhead": 2, "num_encoder_layers": 1, "num_decoder_layers": 1, "dim_feedforward": 16, "dropout": 0.0},
     [R(4, 2, 8), R(3, 2, 8)]),
    # wrappers
    ("Sequential", "Sequential", [M("Linear", 3, 4), M("ReLU"), M("Linear", 4, 2)], {}, [R(2, 3)]),
    ("DataParallel", "DataParallel", [M("Linear", 3, 4)], {}, [R(2, 3)]),
    # shape and sampling
    ("Flatten", "Flatten", [], {}, [R(2, 3, 4)]),
    ("Unflatten", "Unflatten", [1, [2, 2]], {}, [R(3, 4)]),
    ("Fold", "Fold", [[3, 3], 2], {}, [R(1, 4, 4)]),
    ("Unfold", "Unfold", [2], {}, [R(1, 2, 3, 3)]),
    ("PixelShuffle", "PixelShuffle", [2], {}, [R(1, 4, 2, 2)]),
    ("PixelUnshuffle", "PixelUnshuffle", [2], {}, [R(1, 1, 4, 4)]),
    ("ChannelShuffle", "ChannelShuffle", [2], {}, [R(1, 4, 2, 2)]),
    ("Upsample", "Upsample", [], {"scale_factor": 2}, [R(1, 1, 2, 3)]),
    ("Upsample bilinear", "Upsample", [], {"scale_factor": 2, "mode": "bilinear"}, [R(1, 1, 2, 3)]),
    ("UpsamplingNearest2d", "UpsamplingNearest2d", [], {"scale_factor": 2}, [R(1, 1, 2, 3)]),
    ("UpsamplingBilinear2d", "UpsamplingBilinear2d", [], {"scale_factor": 2}, [R(1, 1, 2, 3)]),
    # padding
    ("ConstantPad1d", "ConstantPad1d", [2, 1.5], {}, [R(2, 3)]),
    ("ConstantPad2d", "ConstantPad2d", [[1, 0, 2, 1], 0.5], {}, [R(1, 2, 2)]),
    ("ConstantPad3d", "ConstantPad3d", [1, -0.5], {}, [R(1, 1, 2, 2, 2)]),
    ("ZeroPad1d", "ZeroPad1d", [2], {}, [R(2, 3)]),
    ("ZeroPad2d", "ZeroPad2d", [1], {}, [R(1, 2, 2)]),
    ("ZeroPad3d", "ZeroPad3d", [1], {}, [R(1, 1, 2, 2, 2)]),
    ("ReflectionPad1d", "ReflectionPad1d", [2], {}, [R(1, 2, 4)]),
    ("ReflectionPad2d", "ReflectionPad2d", [1], {}, [R(1, 1, 3, 3)]),
    ("ReflectionPad3d", "ReflectionPad3d", [1], {}, [R(1, 1, 2, 2, 2)]),
    ("ReplicationPad1d", "ReplicationPad1d", [2], {}, [R(1, 2, 4)]),
    ("ReplicationPad2d", "ReplicationPad2d", [1], {}, [R(1, 1, 3, 3)]),
    ("ReplicationPad3d", "ReplicationPad3d", [1], {}, [R(1, 1, 2, 2, 2)]),
    ("CircularPad1d", "CircularPad1d", [2], {}, [R(1, 2, 4)]),
    ("CircularPad2d", "CircularPad2d", [1], {}, [R(1, 1, 3, 3)]),
    ("CircularPad3d", "CircularPad3d", [1], {}, [R(1, 1, 2, 2, 2)]),
    # distances
    ("CosineSimilarity", "CosineSimilarity", [], {}, [R(3, 4), R(3, 4)]),
    ("PairwiseDistance", "PairwiseDistance", [], {}, [R(3, 4), R(3, 4)]),
    # losses
    ("L1Loss", "L1Loss", [], {}, [R(3, 4), T(3, 4)]),
    ("MSELoss", "MSELoss", [], {}, [R(3, 4), T(3, 4)]),
    ("MSELoss reduction=none", "MSELoss", [], {"reduction": "none"}, [R(3, 4), T(3, 4)]),
    ("SmoothL1Loss", "SmoothL1Loss", [], {"beta": 0.5}, [R(3, 4), T(3, 4)]),
    ("HuberLoss", "HuberLoss", [], {"delta": 0.5}, [R(3, 4), T(3, 4)]),
    ("BCELoss", "BCELoss", [], {}, [P(3, 4), PT(3, 4)]),
    ("BCEWithLogitsLoss", "BCEWithLogitsLoss", [], {}, [R(3, 4), PT(3, 4)]),
    ("KLDivLoss", "KLDivLoss", [], {"reduction": "batchmean"}, [LOGP(3, 4), PT(3, 4)]),
    ("NLLLoss", "NLLLoss", [], {}, [LOGP(3, 5), I(5, 3)]),
    ("NLLLoss2d", "NLLLoss2d", [], {}, [R(2, 3, 2, 2), I(3, 2, 2, 2)]),
    ("CrossEntropyLoss", "CrossEntropyLoss", [], {}, [R(3, 5), I(5, 3)]),
    ("CrossEntropyLoss label_smoothing", "CrossEntropyLoss", [], {"label_smoothing": 0.1, "ignore_index": 1}, [R(4, 5), I(5, 4)]),
    ("PoissonNLLLoss", "PoissonNLLLoss", [], {}, [R(3, 4), POST(3, 4)]),
    ("GaussianNLLLoss", "GaussianNLLLoss", [], {}, [R(3, 4), T(3, 4), POS(3, 4)]),
    ("HingeEmbeddingLoss", "HingeEmbeddingLoss", [], {}, [R(3, 4), SIGN(3, 4)]),
    ("SoftMarginLoss", "SoftMarginLoss", [], {}, [R(3, 4), SIGN(3, 4)]),
    ("MarginRankingLoss", "MarginRankingLoss", [0.5], {}, [R(4), R(4), SIGN(4)]),
    ("CosineEmbeddingLoss", "CosineEmbeddingLoss", [0.1], {}, [R(3, 4), R(3, 4), SIGN(3)]),
    ("MultiLabelMarginLoss", "MultiLabelMarginLoss", [], {}, [R(2, 4), V([[3, 0, -1, 1], [1, 2, 3, -1]])]),
    ("MultiLabelSoftMarginLoss", "MultiLabelSoftMarginLoss", [], {}, [R(3, 4), BIN(3, 4)]),
    ("MultiMarginLoss", "MultiMarginLoss", [], {}, [R(3, 4), I(4, 3)]),
    ("TripletMarginLoss", "TripletMarginLoss", [], {}, [R(3, 4), R(3, 4), R(3, 4)]),
    ("TripletMarginWithDistanceLoss", "TripletMarginWithDistanceLoss", [], {"margin": 0.5, "swap": True}, [R(3, 4), R(3, 4), R(3, 4)]),
    ("CTCLoss", "CTCLoss", [], {}, [LOGP(6, 2, 4), I(4, 2, 3, low=1), V([6, 5]), V([3, 2])]),
    ("AdaptiveLogSoftmaxWithLoss", "AdaptiveLogSoftmaxWithLoss", [8, 10, [4, 8]], {}, [R(3, 8), I(10, 3)]),
    # options that matter
    ("CrossEntropyLoss weight", "CrossEntropyLoss", [], {"weight": W([0.5, 1.5, 1.0, 2.0, 0.25])}, [R(3, 5), I(5, 3)]),
    ("CrossEntropyLoss probabilities", "CrossEntropyLoss", [], {"label_smoothing": 0.2}, [R(3, 5), PT(3, 5)]),
    ("NLLLoss weight sum", "NLLLoss", [W([0.5, 1.5, 1.0, 2.0, 0.25])], {"reduction": "sum"}, [LOGP(3, 5), I(5, 3)]),
    ("BCEWithLogitsLoss pos_weight", "BCEWithLogitsLoss", [], {"pos_weight": W([2.0, 0.5, 1.0, 3.0])}, [R(3, 4), PT(3, 4)]),
    ("BCELoss weight", "BCELoss", [W([2.0, 0.5, 1.0, 3.0])], {}, [P(3, 4), PT(3, 4)]),
    ("MultiMarginLoss p=2 weight", "MultiMarginLoss", [2, 0.5, W([1.0, 2.0, 0.5, 1.5])], {}, [R(3, 4), I(4, 3)]),
    ("MultiLabelSoftMarginLoss weight", "MultiLabelSoftMarginLoss", [W([1.0, 2.0, 0.5, 1.5])], {}, [R(3, 4), BIN(3, 4)]),
    ("KLDivLoss log_target", "KLDivLoss", [], {"reduction": "sum", "log_target": True}, [LOGP(3, 4), LOGP(3, 4)]),
    ("PoissonNLLLoss full no log", "PoissonNLLLoss", [False, True], {}, [POS(3, 4), POST(3, 4)]),
    ("GaussianNLLLoss full sum", "GaussianNLLLoss", [], {"full": True, "reduction": "sum"}, [R(3, 4), T(3, 4), POS(3, 1)]),
    ("TripletMarginLoss p=1 swap", "TripletMarginLoss", [], {"margin": 0.5, "p": 1, "swap": True}, [R(3, 4), R(3, 4), R(3, 4)]),
    ("CTCLoss sum zero_infinity", "CTCLoss", [], {"blank": 3, "reduction": "sum", "zero_infinity": True},
     [LOGP(5, 2, 4), I(3, 2, 4), V([5, 2]), V([3, 4])]),
    ("Softplus default", "Softplus", [], {}, [X]),
    ("Softmax dim=-1", "Softmax", [-1], {}, [X]),
    ("Hardtanh integral", "Hardtanh", [-2.0, 2.0], {}, [X]),
    ("Embedding max_norm", "Embedding", [5, 3], {"max_norm": 1.0}, [I(5, 2, 4)]),
    ("Embedding scale_grad_by_freq", "Embedding", [5, 3], {"scale_grad_by_freq": True}, [V([[0, 2, 0], [4, 1, 2]])]),
    ("EmbeddingBag max padding_idx", "EmbeddingBag", [5, 3], {"mode": "max", "padding_idx": 1}, [I(5, 2, 4)]),
    ("GroupNorm no affine", "GroupNorm", [3, 6], {"affine": False, "eps": 1e-3}, [R(2, 6, 2)]),
    ("BatchNorm1d no running stats", "BatchNorm1d", [3], {"track_running_stats": False, "momentum": 0.3}, [R(4, 3, 2)]),
    ("Conv3d stride padding dilation", "Conv3d", [2, 2, [2, 1, 2]], {"stride": [1, 2, 1], "padding": 1, "dilation": [1, 1, 2]}, [R(1, 2, 3, 4, 5)]),
    ("ConvTranspose1d dilation groups no bias", "ConvTranspose1d", [4, 2, 3], {"dilation": 2, "groups": 2, "bias": False}, [R(2, 4, 3)]),
    ("Upsample size bicubic align_corners", "Upsample", [[3, 5]], {"mode": "bicubic", "align_corners": True}, [R(1, 1, 2, 3)]),
    ("Upsample trilinear", "Upsample", [], {"scale_factor": 1.5, "mode": "trilinear"}, [R(1, 1, 2, 2, 3)]),
    ("Upsample linear", "Upsample", [], {"scale_factor": 2, "mode": "linear"}, [R(1, 2, 3)]),
    ("RNN dropout between layers", "RNN", [3, 4, 2], {"dropout": 0.5}, [R(5, 2, 3)]),
    ("GRU 2 layers bidirectional batch_first", "GRU", [3, 4, 2], {"bidirectional": True, "batch_first": True}, [R(2, 5, 3)]),
    ("MultiheadAttention dropout", "MultiheadAttention", [4, 2, 0.5], {}, [R(3, 2, 4), R(3, 2, 4), R(3, 2, 4)]),
    ("MultiheadAttention add_bias_kv add_zero_attn", "MultiheadAttention", [4, 2], {"add_bias_kv": True, "add_zero_attn": True},
     [R(3, 2, 4), R(3, 2, 4), R(3, 2, 4)]),
    ("TransformerEncoderLayer default dropout", "TransformerEncoderLayer", [8, 2, 16], {}, [R(3, 2, 8)]),
    ("TransformerDecoderLayer norm_first batch_first", "TransformerDecoderLayer", [8, 2, 16, 0.0],
     {"norm_first": True, "batch_first": True, "activation": "gelu"}, [R(2, 3, 8), R(2, 4, 8)]),
    ("Transformer batch_first norm_first", "Transformer", [],
     {"d_model": 8, "nhead": 2, "num_encoder_layers": 2, "num_decoder_layers": 1, "dim_feedforward": 16, "dropout": 0.0,
      "batch_first": True, "norm_first": True}, [R(2, 4, 8), R(2, 3, 8)]),
    ("AdaptiveLogSoftmaxWithLoss div_value head_bias", "AdaptiveLogSoftmaxWithLoss", [6, 9, [3, 6]], {"div_value": 2.0, "head_bias": True},
     [R(4, 6), I(9, 4)]),
    ("Bilinear bias=False", "Bilinear", [3, 2, 4, False], {}, [R(2, 3), R(2, 2)]),
    ("PReLU init integral", "PReLU", [2, 1.0], {}, [R(3, 2)]),
    ("Fold stride padding dilation", "Fold", [[4, 5], [2, 2]], {"stride": [2, 1], "padding": 1, "dilation": 1}, [R(1, 8, 18)]),
    ("Unfold stride dilation", "Unfold", [[2, 3]], {"dilation": [1, 2], "padding": 1, "stride": 2}, [R(1, 2, 4, 5)]),
    ("LPPool2d ceil_mode float norm", "LPPool2d", [1.5, [2, 3]], {"stride": 2, "ceil_mode": True}, [P(1, 2, 5, 5)]),
    ("FractionalMaxPool2d output_ratio return_indices", "FractionalMaxPool2d", [[2, 3]], {"output_ratio": 0.5, "return_indices": True},
     [R(1, 2, 6, 8)]),
    ("CosineSimilarity dim=0 eps", "CosineSimilarity", [0, 1e-3], {}, [R(3, 4), R(3, 4)]),
    ("PairwiseDistance p=1 keepdim", "PairwiseDistance", [1.0, 1e-5, True], {}, [R(3, 4), R(3, 4)]),
    ("LocalResponseNorm params", "LocalResponseNorm", [3, 0.001, 0.5, 2.0], {}, [R(2, 5, 3)]),
    ("InstanceNorm1d unbatched affine", "InstanceNorm1d", [3], {"affine": True}, [R(3, 5)]),
    # float64 modules
    ("Linear float64", "Linear", [3, 4], {"dtype": "float64"}, [D(2, 3)]),
    ("Conv2d float64", "Conv2d", [2, 3, 2], {"dtype": "float64"}, [D(1, 2, 3, 3)]),
    ("ConvTranspose1d float64", "ConvTranspose1d", [2, 3, 2], {"dtype": "float64"}, [D(1, 2, 3)]),
    ("BatchNorm1d float64", "BatchNorm1d", [3], {"dtype": "float64"}, [D(4, 3)]),
    ("LayerNorm float64", "LayerNorm", [4], {"dtype": "float64"}, [D(2, 4)]),
    ("GroupNorm float64", "GroupNorm", [2, 4], {"dtype": "float64"}, [D(2, 4, 3)]),
    ("Embedding float64", "Embedding", [5, 3], {"dtype": "float64"}, [I(5, 2, 4)]),
    ("LSTM float64", "LSTM", [3, 4], {"dtype": "float64"}, [D(5, 2, 3)]),
    ("GRUCell float64", "GRUCell", [3, 4], {"dtype": "float64"}, [D(2, 3)]),
    ("MultiheadAttention float64", "MultiheadAttention", [4, 2], {"dtype": "float64"}, [D(3, 2, 4), D(3, 2, 4), D(3, 2, 4)]),
    ("Bilinear float64", "Bilinear", [3, 2, 4], {"dtype": "float64"}, [D(2, 3), D(2, 2)]),
    ("PReLU float64", "PReLU", [], {"dtype": "float64"}, [D(2, 3)]),
    ("TransformerEncoderLayer float64", "TransformerEncoderLayer", [8, 2, 16, 0.0], {"dtype": "float64"}, [D(3, 2, 8)]),
    # unbatched and empty inputs
    ("Conv1d unbatched", "Conv1d", [2, 3, 3], {}, [R(2, 5)]),
    ("MaxPool2d unbatched", "MaxPool2d", [2], {}, [R(2, 4, 4)]),
    ("MultiheadAttention unbatched", "MultiheadAttention", [4, 2], {}, [R(3, 4), R(5, 4), R(5, 4)]),
    ("TransformerEncoderLayer unbatched", "TransformerEncoderLayer", [8, 2, 16, 0.0], {}, [R(3, 8)]),
    ("LSTMCell unbatched", "LSTMCell", [3, 4], {}, [R(3)]),
    ("Linear empty batch", "Linear", [3, 4], {}, [R(0, 3)]),
    ("Conv2d empty batch", "Conv2d", [2, 3, 2], {}, [R(0, 2, 3, 3)]),
    ("AdaptiveAvgPool2d None", "AdaptiveAvgPool2d", [[None, 2]], {}, [R(1, 2, 3, 5)]),
    ("Flatten dims", "Flatten", [0, -2], {}, [R(2, 3, 4)]),
    ("Softmin implicit dim", "Softmin", [], {}, [R(2, 3, 4)]),
    # kinks, ±inf and NaN
    ("ReLU kinks", "ReLU", [], {}, [KINKS]),
    ("ReLU6 kinks", "ReLU6", [], {}, [KINKS]),
    ("LeakyReLU kinks", "LeakyReLU", [], {}, [KINKS]),
    ("ELU kinks", "ELU", [], {}, [KINKS]),
    ("CELU kinks", "CELU", [0.5], {}, [KINKS]),
    ("SELU kinks", "SELU", [], {}, [KINKS]),
    ("GELU kinks", "GELU", [], {}, [KINKS]),
    ("GELU tanh kinks", "GELU", [], {"approximate": "tanh"}, [KINKS]),
    ("SiLU kinks", "SiLU", [], {}, [KINKS]),
    ("Mish kinks", "Mish", [], {}, [KINKS]),
    ("Hardtanh kinks", "Hardtanh", [], {}, [KINKS]),
    ("Hardtanh kinks vectorized", "Hardtanh", [], {}, [KINKS32]),
    ("ReLU6 kinks vectorized", "ReLU6", [], {}, [KINKS32]),
    ("Hardswish kinks vectorized", "Hardswish", [], {}, [KINKS32]),
    ("Hardswish kinks", "Hardswish", [], {}, [KINKS]),
    ("Hardsigmoid kinks", "Hardsigmoid", [], {}, [KINKS]),
    ("Hardshrink kinks", "Hardshrink", [], {}, [KINKS]),
    ("Softshrink kinks", "Softshrink", [], {}, [KINKS]),
    ("Threshold kinks", "Threshold", [1.0, -2.0], {}, [KINKS]),
    ("Softplus kinks", "Softplus", [], {"beta": 0.5, "threshold": 1.5}, [KINKS]),
    ("Softsign kinks", "Softsign", [], {}, [KINKS]),
    ("Tanhshrink kinks", "Tanhshrink", [], {}, [KINKS]),
    ("Sigmoid kinks", "Sigmoid", [], {}, [KINKS]),
    ("Tanh kinks", "Tanh", [], {}, [KINKS]),
    ("LogSigmoid kinks", "LogSigmoid", [], {}, [KINKS]),
    ("PReLU kinks", "PReLU", [], {}, [KINKS]),
    ("RReLU eval kinks", "RReLU", [], {}, [KINKS], {"eval": True}),
    ("Softmax ties inf", "Softmax", [0], {}, [K(1.0, 1.0, float("-inf"), 2.0)]),
    ("LogSoftmax ties inf", "LogSoftmax", [0], {}, [K(1.0, 1.0, float("-inf"), 2.0)]),
    ("MaxPool1d ties", "MaxPool1d", [2], {"stride": 1}, [lambda g: torch.tensor([[[1.0, 1.0, 2.0, 2.0, 0.0, 0.0]]]).requires_grad_()]),
    ("AdaptiveMaxPool1d ties", "AdaptiveMaxPool1d", [2], {}, [lambda g: torch.tensor([[[3.0, 3.0, 1.0, 5.0, 5.0]]]).requires_grad_()]),
    ("L1Loss ties", "L1Loss", [], {}, [K(0.0, 1.0, 2.0), lambda g: torch.tensor([0.0, 1.5, 2.0])]),
    ("SmoothL1Loss beta=0", "SmoothL1Loss", [], {"beta": 0.0}, [K(0.0, 1.0, 2.0), lambda g: torch.tensor([0.0, 1.5, 2.0])]),
    # forward's keyword arguments
    ("MultiheadAttention key_padding_mask per-head weights", "MultiheadAttention", [4, 2], {},
     [R(3, 2, 4), R(3, 2, 4), R(3, 2, 4)],
     {"forward_kwargs": {"key_padding_mask": B([False, False, True], [False, True, True]), "average_attn_weights": V(False)}}),
    ("MultiheadAttention attn_mask no weights", "MultiheadAttention", [4, 2], {"batch_first": True},
     [R(2, 3, 4), R(2, 3, 4), R(2, 3, 4)], {"forward_kwargs": {"attn_mask": CAUSAL(3), "need_weights": V(False)}}),
    ("TransformerEncoderLayer causal src_mask", "TransformerEncoderLayer", [8, 2, 16, 0.0], {}, [R(4, 2, 8)],
     {"forward_kwargs": {"src_mask": CAUSAL(4), "is_causal": V(True)}}),
    ("TransformerEncoder src_key_padding_mask", "TransformerEncoder", [M("TransformerEncoderLayer", 8, 2, 16, 0.0), 2], {},
     [R(3, 2, 8)], {"forward_kwargs": {"src_key_padding_mask": B([False, False, True], [False, True, True])}}),
    ("Transformer tgt_mask", "Transformer", [],
     {"d_model": 8, "nhead": 2, "num_encoder_layers": 1, "num_decoder_layers": 1, "dim_feedforward": 16, "dropout": 0.0},
     [R(4, 2, 8), R(3, 2, 8)], {"forward_kwargs": {"tgt_mask": CAUSAL(3)}}),
    ("TransformerDecoderLayer masks", "TransformerDecoderLayer", [8, 2, 16, 0.0], {}, [R(3, 2, 8), R(4, 2, 8)],
     {"forward_kwargs": {"tgt_mask": CAUSAL(3), "memory_key_padding_mask": B([False, False, False, True], [False, True, False, False])}}),
    ("GRU with h0", "GRU", [3, 4, 2], {}, [R(5, 2, 3), R(2, 2, 4)]),
    ("RNNCell with hx", "RNNCell", [3, 4], {"nonlinearity": "relu"}, [R(2, 3), R(2, 4)]),
    ("ConvTranspose2d output_size", "ConvTranspose2d", [2, 3, 3], {"stride": 2}, [R(1, 2, 3, 3)],
     {"forward_kwargs": {"output_size": V([8, 8])}}),
    ("MaxUnpool2d output_size", "MaxUnpool2d", [2], {}, [POOLED(2, 1, 2, 5, 5)], {"forward_kwargs": {"output_size": V([5, 5])}}),
    ("Softmax2d unbatched", "Softmax2d", [], {}, [R(3, 2, 2)]),
    ("CTCLoss tensor lengths", "CTCLoss", [], {"reduction": "none"},
     [LOGP(6, 2, 4), I(4, 2, 3, low=1), lambda g: torch.tensor([6, 4]), lambda g: torch.tensor([3, 1])]),
    ("HuberLoss at delta", "HuberLoss", [], {"delta": 0.5}, [K(0.0, 1.0, 2.0), lambda g: torch.tensor([0.5, 1.5, 2.0])]),
]

# a long-valued list input (Embedding's indices, MultiLabelMarginLoss's target) is a tensor on both sides
LONG_VALUES = {"Embedding padding_idx", "Embedding scale_grad_by_freq", "MultiLabelMarginLoss", "EmbeddingBag sum with offsets"}


def seed_of(row_id):
    return zlib.crc32(row_id.encode()) % 1000003


def build(cls, args, kwargs):
    def arg(a, k=None):
        if isinstance(a, dict) and "module" in a:
            s = a["module"]
            return build(s["cls"], s["args"], s["kwargs"])
        if isinstance(a, dict) and "tensor" in a:
            return base.dec_tensor(a["tensor"])
        if k == "dtype":  # wasmgrad's dtype names are PyTorch's without "torch."
            return getattr(torch, a)
        if isinstance(a, list):  # a JS array is a Python tuple (module_init_args.json's convention)
            return tuple(arg(x) for x in a)
        return a
    klass = CLASSES.get(cls) or getattr(nn, cls)
    return klass(*[arg(a) for a in args], **{k: arg(v, k) for k, v in kwargs.items()})


def flatten(r):
    if r is None:  # MultiheadAttention's weights with need_weights=False
        return []
    if isinstance(r, torch.Tensor):
        return [r]
    if isinstance(r, (tuple, list)):
        return [t for x in r for t in flatten(x)]
    raise TypeError(type(r))


def enc_value(v):
    if isinstance(v, torch.Tensor):
        return {"tensor": base.enc_tensor(v)}
    return {"value": v}


def state(m):
    return [[n, base.enc_tensor(t, requires_grad=False)] for n, t in m.state_dict().items()]


def row(row_id, cls, args, kwargs, inputs, options=None):
    options = options or {}
    seed = seed_of(row_id)
    g = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    m = build(cls, args, kwargs)
    if options.get("eval"):
        m.eval()
    lazy = cls.startswith("Lazy")
    r = {"id": row_id, "cls": cls, "seed": seed, "args": args, "kwargs": kwargs, "eval": bool(options.get("eval")),
         "repr": pt2_repr(m)}
    if not lazy:
        r["state_dict"] = state(m)
    before = {} if lazy else {n: t.clone() for n, t in m.state_dict().items()}
    xs = []
    for spec in inputs:
        v = spec(g)
        xs.extend(v if isinstance(v, list) and v and isinstance(v[0], torch.Tensor) else [v])
    if row_id in LONG_VALUES:
        xs = [torch.tensor(x) if isinstance(x, list) else x for x in xs]
    kw = {k: spec(g) for k, spec in options.get("forward_kwargs", {}).items()}
    out = flatten(m(*xs, **kw))
    if lazy:
        r["repr_after"] = pt2_repr(m)
        r["state_dict"] = state(m)
    elif any(not torch.equal(before[n], t) for n, t in m.state_dict().items()):
        r["state_dict_after"] = state(m)
    r["inputs"] = [enc_value(x) for x in xs]
    if kw:
        r["forward_kwargs"] = {k: enc_value(v) for k, v in kw.items()}
    r["outputs"] = [base.enc_tensor(o, requires_grad=False) for o in out]
    diff = [o for o in out if o.grad_fn is not None]
    cots = [torch.randn(o.shape, generator=g, dtype=o.dtype) for o in diff]
    wrt = [x for x in xs if isinstance(x, torch.Tensor) and x.requires_grad] + [p for _, p in m.named_parameters()]
    r["cotangents"] = [base.enc_tensor(c, requires_grad=False) for c in cots]
    if diff and wrt:
        total = sum((o * c).sum() for o, c in zip(diff, cots))
        grads = torch.autograd.grad(total, wrt, allow_unused=True)
        r["grads"] = [base.enc_tensor(torch.zeros_like(w) if gr is None else gr, requires_grad=False) for w, gr in zip(wrt, grads)]
    else:
        r["grads"] = []
    return r


def main():
    rows = [row(*spec) for spec in ROWS]
    ids = [r["id"] for r in rows]
    assert len(set(ids)) == len(ids)
    with open(OUT, "w") as f:
        json.dump({"excluded": EXCLUDED, "rows": rows}, f, separators=(",", ":"))
        f.write("\n")
    print(f"{len(rows)} rows, {len({r['cls'] for r in rows})} classes -> {os.path.relpath(OUT)}")


if __name__ == "__main__":
    main()
