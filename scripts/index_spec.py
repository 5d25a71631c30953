"""wasmgrad's spelling of Python's x[...] (docs/api.md, "Indexing") and of in-place methods, for the fixture generators.

A fixture keeps the index as JSON, e.g. [":", 1] or ["...", None, "1::2"] (int64 and bool tensors
as tensors); in PyTorch that is
x[index_key(spec)], and `Tensor.__getitem_spec__(x, spec)` calls it, so the generators can record
it like any method (the tests call x.index(spec) for it).
"""

import torch


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
