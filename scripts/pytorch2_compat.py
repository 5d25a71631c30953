"""PyTorch 2 functions that Debian's PyTorch 1.13 lacks, composed as ATen 2 composes them.

Importing this module adds them to torch.nn.functional, so every fixture generator calls them
by their PyTorch 2 names (docs/api.md lists them among the PyTorch 2 differences)."""

import torch
import torch.nn.functional as F


def _rms_norm(input, normalized_shape, weight=None, eps=None):
    """PyTorch 2's F.rms_norm: input·rsqrt(mean(input², dims) + eps)·weight, eps the dtype's by default."""
    eps = torch.finfo(input.dtype).eps if eps is None else eps
    dims = list(range(input.dim() - len(normalized_shape), input.dim()))
    result = input.mul(torch.rsqrt(input.pow(2).mean(dims, keepdim=True).add_(eps)))
    return result if weight is None else result.mul(weight)


if not hasattr(F, "rms_norm"):
    F.rms_norm = _rms_norm
