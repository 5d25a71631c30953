"""PyTorch 2 functions that Debian's PyTorch 1.13 lacks, composed as ATen 2 composes them.

Importing this module adds them to torch.nn.functional, so every fixture generator calls them
by their PyTorch 2 names (docs/api.md lists them among the PyTorch 2 differences)."""

import math

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


_smooth_l1_loss_113 = F.smooth_l1_loss


def _smooth_l1_loss(input, target, size_average=None, reduce=None, reduction="mean", beta=1.0):
    """PyTorch 2's F.smooth_l1_loss: beta = 0 is l1_loss (1.13's kernel gives −1 as the gradient at d = 0)."""
    if beta == 0.0:
        return F.l1_loss(input, target, size_average=size_average, reduce=reduce, reduction=reduction)
    return _smooth_l1_loss_113(input, target, size_average=size_average, reduce=reduce, reduction=reduction, beta=beta)


def _gaussian_nll_loss(input, target, var, full=False, eps=1e-6, reduction="mean"):
    """PyTorch 2's F.gaussian_nll_loss: var is cloned before its in-place clamp (1.13 clamps the caller's var)."""
    if var.size() != input.size():
        if input.size()[:-1] == var.size():
            var = torch.unsqueeze(var, -1)
        elif input.size()[:-1] == var.size()[:-1] and var.size(-1) == 1:
            pass
        else:
            raise ValueError("var is of incorrect size")
    if reduction != "none" and reduction != "mean" and reduction != "sum":
        raise ValueError(reduction + " is not valid")
    if torch.any(var < 0):
        raise ValueError("var has negative entry/entries")
    var = var.clone()
    with torch.no_grad():
        var.clamp_(min=eps)
    loss = 0.5 * (torch.log(var) + (input - target)**2 / var)
    if full:
        loss += 0.5 * math.log(2 * math.pi)
    if reduction == "mean":
        return loss.mean()
    elif reduction == "sum":
        return loss.sum()
    return loss


if torch.__version__.startswith("1."):
    F.smooth_l1_loss = _smooth_l1_loss
    F.gaussian_nll_loss = _gaussian_nll_loss


# ---- torch.nn.Module (helper modapi) ----------------------------------------------------------

def _module_list_repr(self):
    """PyTorch 2's ModuleList.__repr__: a run of equal reprs prints once, as `(i-j): n x repr`."""
    reprs = [repr(m) for m in self]
    if not reprs:
        return self._get_name() + "()"
    blocks = []  # [start, end, repr]
    for i, r in enumerate(reprs):
        if blocks and blocks[-1][2] == r:
            blocks[-1][1] = i
        else:
            blocks.append([i, i, r])
    lines = []
    for start, end, r in blocks:
        line = f"({start}): {r}" if start == end else f"({start}-{end}): {end - start + 1} x {r}"
        lines.append(torch.nn.modules.module._addindent(line, 2))
    return self._get_name() + "(\n  " + "\n  ".join(lines) + "\n)"


if torch.__version__.startswith("1."):
    torch.nn.ModuleList.__repr__ = _module_list_repr


def register_forward_hook(module, hook, prepend=False):
    """PyTorch 2's module.register_forward_hook(hook, prepend=...): prepend moves the new hook first."""
    handle = module.register_forward_hook(hook)
    if prepend:
        module._forward_hooks.move_to_end(handle.id, last=False)
    return handle


def register_forward_pre_hook(module, hook, prepend=False):
    """PyTorch 2's module.register_forward_pre_hook(hook, prepend=...)."""
    handle = module.register_forward_pre_hook(hook)
    if prepend:
        module._forward_pre_hooks.move_to_end(handle.id, last=False)
    return handle


def named_parameters(module, prefix="", recurse=True, remove_duplicate=True):
    """PyTorch 2's module.named_parameters(prefix, recurse, remove_duplicate) (1.13 has no remove_duplicate):
    each module's parameters, a tensor met before skipped unless remove_duplicate is False."""
    memo = set()
    modules = module.named_modules(prefix=prefix, remove_duplicate=remove_duplicate) if recurse else [(prefix, module)]
    for module_prefix, m in modules:
        for k, v in m._parameters.items():
            if v is None or v in memo:
                continue
            if remove_duplicate:
                memo.add(v)
            yield module_prefix + ("." if module_prefix else "") + k, v


def call_with_full_backward_pre_hook(module, hook, *args):
    """module(*args) with PyTorch 2's register_full_backward_pre_hook(hook) for a module with one output,
    composed on 1.13: a hook on the called module's output tensor (the output of its backward-hook
    identity) replaces grad_output before the module's backward, so before the grad_output its full
    backward hooks see."""
    out = module(*args)

    def replace(g):
        r = hook(module, (g,))
        return None if r is None else r[0]
    out.register_hook(replace)
    return out


# ---- torch.load(weights_only=True) (helper ptfile) --------------------------------------------

_BLOCKED_MODULES = ["sys", "os", "posix", "nt"]
_UNSAFE_MESSAGE = ("Re-running `torch.load` with `weights_only` set to `False` will likely succeed, but it can result in "
                   "arbitrary code execution. Do it only if you got the file from a trusted source.")
_DOCS_MESSAGE = ("\n\nCheck the documentation of torch.load to learn more about types accepted by default with weights_only "
                 "https://pytorch.org/docs/stable/generated/torch.load.html.")


def weights_only_message(message_113):
    """PyTorch 2's torch.load(weights_only=True) message for the failure 1.13 reports as message_113: PyTorch 2's
    unpickler names an unsupported GLOBAL its own way (blocking the modules sys, os, posix and nt outright,
    printing builtins without their module), and torch.load words the advice around it anew
    (torch/_weights_only_unpickler.py and serialization.py's _get_wo_message)."""
    import re
    inner = message_113.split("WeightsUnpickler error: ", 1)[1]
    m = re.fullmatch(r"Unsupported class (\S+)", inner)
    if m:
        full = m[1]
        module = full.rsplit(".", 1)[0]
        if module in _BLOCKED_MODULES:
            inner = f"Trying to load unsupported GLOBAL {full} whose module {module} is blocked."
        else:
            shown = full[len("builtins."):] if full.startswith("builtins.") else full
            inner = (f"Unsupported global: GLOBAL {shown} was not an allowed global by default. Please use "
                     f"`torch.serialization.add_safe_globals([{shown}])` or the `torch.serialization.safe_globals([{shown}])` "
                     "context manager to allowlist this global if you trust this class/function.")
    if re.search(r"GLOBAL (\S+) was not an allowed global by default.", inner):
        return ("Weights only load failed. This file can still be loaded, to do so you have two options, "
                "\033[1mdo those steps only if you trust the source of the checkpoint\033[0m. "
                f"\n\t(1) {_UNSAFE_MESSAGE}\n\t(2) Alternatively, to load with `weights_only=True` please check "
                "the recommended steps in the following error message.\n\tWeightsUnpickler error: " + inner + _DOCS_MESSAGE)
    out = f"Weights only load failed. {_UNSAFE_MESSAGE}\n"
    if not re.search(r"whose module (\S+) is blocked", inner):
        out += "Please file an issue with the following so that we can make `weights_only=True` compatible with your use case: WeightsUnpickler error: "
    return out + inner + _DOCS_MESSAGE


# the opcodes and GLOBALs PyTorch 2's weights_only unpickler accepts that wasmgrad's writer may emit: 1.13's
# unpickler lacks BINFLOAT, so a file holding a float is checked against this list and loaded without it
WEIGHTS_ONLY_OPCODES = {"PROTO", "STOP", "GLOBAL", "REDUCE", "BUILD", "APPEND", "APPENDS", "SETITEM", "SETITEMS", "MARK", "TUPLE",
                        "TUPLE1", "TUPLE2", "TUPLE3", "NONE", "NEWFALSE", "NEWTRUE", "EMPTY_TUPLE", "EMPTY_LIST", "EMPTY_DICT",
                        "BININT", "BININT1", "BININT2", "BINFLOAT", "BINUNICODE", "BINPERSID", "BINGET", "LONG_BINGET", "BINPUT",
                        "LONG_BINPUT", "LONG1"}


# ---- torch.Tensor (helper autograd) -----------------------------------------------------------

def _register_post_accumulate_grad_hook(self, hook):
    """PyTorch 2's Tensor.register_post_accumulate_grad_hook, composed on 1.13: a hook of the leaf's
    AccumulateGrad node runs after the node has accumulated .grad, in the engine (grad mode as the
    backward's), and not for autograd.grad (which runs no AccumulateGrad). PyTorch 2's checks and
    its _call_hooks rule: a hook returning something other than None or the leaf is refused."""
    if not self.requires_grad:
        raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
    if self.grad_fn is not None:
        raise RuntimeError("post accumulate grad hooks cannot be registered on non-leaf tensors")
    with torch.enable_grad():
        acc = self.view_as(self).grad_fn.next_functions[0][0]
    # the tensor holds its AccumulateGrad weakly: keep it, so later backwards reach this node
    self._compat_grad_accumulator = acc

    def post(grad_inputs, grad_outputs):
        r = hook(self)
        if r is not None and r is not self:
            raise RuntimeError("Tensor post accumulate grad hooks should return None.")
    return acc.register_hook(post)


if not hasattr(torch.Tensor, "register_post_accumulate_grad_hook"):
    torch.Tensor.register_post_accumulate_grad_hook = _register_post_accumulate_grad_hook

# ---- recurrent layers (helper rnn) ------------------------------------------------------------
# PyTorch 2's Python-level checks that 1.13's nn.RNN/LSTM/GRU and the cells lack, made before
# 1.13's own code runs (the computation is the same _VF kernels in both).

def _rnn_base_init(init):
    def wrapped(self, mode, input_size, hidden_size, num_layers=1, *args, **kwargs):
        """PyTorch 2's RNNBase.__init__ checks of hidden_size and num_layers (after dropout's)."""
        dropout = kwargs.get("dropout", args[2] if len(args) > 2 else 0.0)
        if not isinstance(dropout, numbers.Number) or not 0 <= dropout <= 1 or isinstance(dropout, bool):
            raise ValueError("dropout should be a number in range [0, 1] representing the probability of an element being zeroed")
        if not isinstance(hidden_size, int):
            raise TypeError(f"hidden_size should be of type int, got: {type(hidden_size).__name__}")
        if hidden_size <= 0:
            raise ValueError("hidden_size must be greater than zero")
        if num_layers <= 0:
            raise ValueError("num_layers must be greater than zero")
        init(self, mode, input_size, hidden_size, num_layers, *args, **kwargs)
    return wrapped


def _rnn_init(init):
    def wrapped(self, *args, **kwargs):
        """PyTorch 2's nn.RNN: nonlinearity may be the fourth positional argument; its message names the choices."""
        if "proj_size" not in kwargs:
            nonlinearity = args[3] if len(args) > 3 else kwargs.get("nonlinearity", "tanh")
            if len(args) > 3:
                args = args[:3] + args[4:]
                kwargs["nonlinearity"] = nonlinearity
            if nonlinearity not in ("tanh", "relu"):
                raise ValueError(f"Unknown nonlinearity '{nonlinearity}'. Select from 'tanh' or 'relu'.")
        init(self, *args, **kwargs)
    return wrapped


def _rnn_forward(forward, name, suffix):
    def wrapped(self, input, hx=None):
        """PyTorch 2's rank check of a tensor input (ValueError) before the rest of forward."""
        if isinstance(input, torch.Tensor) and input.dim() not in (2, 3):
            raise ValueError(f"{name}: Expected input to be 2D or 3D, got {input.dim()}D {suffix}instead")
        return forward(self, input, hx)
    return wrapped


def _cell_forward(forward, name, lstm):
    def wrapped(self, input, hx=None):
        """PyTorch 2's cell rank checks (ValueError), where 1.13 asserts."""
        if input.dim() not in (1, 2):
            raise ValueError(f"{name}: Expected input to be 1D or 2D, got {input.dim()}D instead")
        for idx, value in enumerate((hx if lstm else (hx,)) if hx is not None else ()):
            if value.dim() not in (1, 2):
                label = f"hx[{idx}]" if lstm else "hidden"
                raise ValueError(f"{name}: Expected {label} to be 1D or 2D, got {value.dim()}D instead")
        return forward(self, input, hx)
    return wrapped


if torch.__version__.startswith("1."):
    import numbers  # noqa: E402

    torch.nn.RNNBase.__init__ = _rnn_base_init(torch.nn.RNNBase.__init__)
    torch.nn.RNN.__init__ = _rnn_init(torch.nn.RNN.__init__)
    torch.nn.RNN.forward = _rnn_forward(torch.nn.RNN.forward, "RNN", "tensor ")
    torch.nn.LSTM.forward = _rnn_forward(torch.nn.LSTM.forward, "LSTM", "")
    torch.nn.GRU.forward = _rnn_forward(torch.nn.GRU.forward, "GRU", "")
    torch.nn.RNNCell.forward = _cell_forward(torch.nn.RNNCell.forward, "RNNCell", False)
    torch.nn.LSTMCell.forward = _cell_forward(torch.nn.LSTMCell.forward, "LSTMCell", True)
    torch.nn.GRUCell.forward = _cell_forward(torch.nn.GRUCell.forward, "GRUCell", False)
