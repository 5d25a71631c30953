"""PyTorch 2 module classes that Debian's PyTorch 1.13 lacks or defines differently, written as
PyTorch 2's torch/nn/modules define them, for scripts/gen_nn_more_module_fixtures.py
(docs/api.md lists them among the PyTorch 2 differences):

- ZeroPad1d, ZeroPad3d and CircularPad1d/2d/3d (PyTorch 2.1), new;
- Softmax2d: a ValueError on an input that is not 3-D or 4-D (1.13: an assert);
- InstanceNorm1d/2d/3d: PyTorch 2 checks the input's channels against num_features (an error with
  affine, else a warning)."""

import warnings

import torch.nn.functional as F
from torch import nn
from torch.nn.modules.utils import _ntuple, _pair, _quadruple


class ZeroPad1d(nn.ConstantPad1d):
    def __init__(self, padding):
        super().__init__(padding, 0.0)

    def extra_repr(self):
        return f"{self.padding}"


class ZeroPad3d(nn.ConstantPad3d):
    def __init__(self, padding):
        super().__init__(padding, 0.0)

    def extra_repr(self):
        return f"{self.padding}"


class _CircularPadNd(nn.Module):
    def forward(self, input):
        self._check_input_dim(input)
        return F.pad(input, self.padding, "circular")

    def extra_repr(self):
        return f"{self.padding}"


def _circular(name, n, tuple_of, ranks):
    def __init__(self, padding):
        _CircularPadNd.__init__(self)
        self.padding = tuple_of(padding)

    def _check_input_dim(self, input):
        if input.dim() not in ranks:
            raise ValueError(f"expected {ranks[0]}D or {ranks[1]}D input (got {input.dim()}D input)")

    return type(name, (_CircularPadNd,), {"__init__": __init__, "_check_input_dim": _check_input_dim})


CircularPad1d = _circular("CircularPad1d", 1, _pair, (2, 3))
CircularPad2d = _circular("CircularPad2d", 2, _quadruple, (3, 4))
CircularPad3d = _circular("CircularPad3d", 3, _ntuple(6), (4, 5))


class Softmax2d(nn.Softmax2d):
    def forward(self, input):
        if input.dim() not in (3, 4):
            raise ValueError(f"Softmax2d: expected input to be 3D or 4D, got {input.dim()}D instead")
        return F.softmax(input, -3, _stacklevel=5)


def _instance_norm_forward(self, input):
    """PyTorch 2's _InstanceNorm.forward."""
    self._check_input_dim(input)
    feature_dim = input.dim() - self._get_no_batch_dim()
    if input.size(feature_dim) != self.num_features:
        if self.affine:
            raise ValueError(
                f"expected input's size at dim={feature_dim} to match num_features"
                f" ({self.num_features}), but got: {input.size(feature_dim)}.")
        warnings.warn(f"input's size at dim={feature_dim} does not match num_features. "
                      "You can silence this warning by not passing in num_features, "
                      "which is not used because affine=False")
    if input.dim() == self._get_no_batch_dim():
        return self._handle_no_batch_input(input)
    return self._apply_instance_norm(input)


InstanceNorm1d = type("InstanceNorm1d", (nn.InstanceNorm1d,), {"forward": _instance_norm_forward})
InstanceNorm2d = type("InstanceNorm2d", (nn.InstanceNorm2d,), {"forward": _instance_norm_forward})
InstanceNorm3d = type("InstanceNorm3d", (nn.InstanceNorm3d,), {"forward": _instance_norm_forward})
