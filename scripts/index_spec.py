"""wasmgrad's spelling of Python's x[...] (docs/api.md, "Indexing") and of in-place methods, for the fixture generators.

A fixture keeps the index as JSON, e.g. [":", 1] or ["...", None, "1::2"] (int64 and bool tensors
as tensors); in PyTorch that is
x[index_key(spec)], and `Tensor.__getitem_spec__(x, spec)` calls it, so the generators can record
it like any method (the tests call x.index(spec) for it).
"""

import torch
import torch.nn.functional as F

import custom_functions  # noqa: F401 (Tensor.__legendre_p3__, __mul_add_fn__: torch.autograd.Function cases)


def index_key(spec):
    def item(it):
        if it is None or isinstance(it, (int, torch.Tensor)):
            return it
        if it == "...":
            return Ellipsis
        return slice(*[int(p) if p.strip() else None for p in it.split(":")])
    return tuple(item(it) for it in spec)


torch.Tensor.__getitem_spec__ = lambda self, spec: self[index_key(spec)]


# x.name_(*args) on a copy of x (x.clone(), so x stays a leaf and its gradient flows
# through the in-place node): how the generators record in-place methods
torch.Tensor.__inplace__ = lambda self, name, *args, **kwargs: getattr(self.clone(), name)(*args, **kwargs)
# F.name_(x.clone(), ...): torch.nn.functional's in-place forms (F.elu_), recorded the same way
F.__inplace__ = lambda self, name, *args, **kwargs: getattr(F, name)(self.clone(), *args, **kwargs)

# x.name: a property (x.T, x.mT), recorded like a method
torch.Tensor.__property__ = lambda self, name: getattr(self, name)

# x.t().name(*args): a method on a transposed, non-contiguous view of x (contiguous(), and ops
# whose result depends on the input's strides)
torch.Tensor.__transposed__ = lambda self, name, *args, **kwargs: getattr(self.t(), name)(*args, **kwargs)


# wasmgrad's x.index_put_(items, values) (docs/api.md, "Indexing"): a list of tensors with a tensor
# of values is PyTorch's index_put_; any other index is Python's x[...] = values (libtorch's
# index_put_ over TensorIndex). With accumulate, PyTorch's index_put_ decides (and raises).
_index_put_ = torch.Tensor.index_put_


def _index_put_items(self, indices, values, accumulate=False):
    items = indices if isinstance(indices, (list, tuple)) else [indices]
    if accumulate or (items and all(isinstance(t, torch.Tensor) for t in items) and isinstance(values, torch.Tensor)):
        key = index_key(items) if isinstance(indices, (list, tuple)) else index_key(items)[0]
        return _index_put_(self, key, values, accumulate)
    self[index_key(items)] = values
    return self


torch.Tensor.index_put_ = _index_put_items
