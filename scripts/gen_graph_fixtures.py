#!/usr/bin/python3
"""
gen_graph_fixtures.py -- the autograd graphs PyTorch builds, for grad_fn.next_functions and
torch.autograd.graph.to_dot (test/graph.test.ts).

HOW TO RUN
    /usr/bin/python3 scripts/gen_graph_fixtures.py

Output: test/fixtures/graphs.json (deterministic: no random numbers reach it, only graph shapes)

    { "generator", "torch",
      "seed":  GRAPH of the seed notebook's loss (w1 * x1 + b1, sigmoid, binary_cross_entropy)
      "mlp":   GRAPH of F.cross_entropy(Linear(4, 5) -> ReLU -> Linear(5, 3) on a [2, 4] batch)
      "shared": GRAPH of (a * a).sum() + (w * w).sum() with a = w.exp(): a tensor saved twice by one
               node is one saved node, and a saved leaf is the leaf's own node
      "copy":  GRAPH of (w * 3).to(torch.float64).sum(): the ToCopyBackward0 that wasmgrad records for
               t.to(other device) (PyTorch records the same node for a change of device or dtype)
      "cases": [ { "name": <an ops.json or table.json case name>, "graph": GRAPH }, ... ]
                for every ops.json and table.json case whose first output has a grad_fn, rebuilt from the
                case's call/args/kwargs with the same requires_grad flags }

GRAPH = { "root": [shape of the tensor], "nodes": [NODE, ...],
          "dot": torchviz's make_dot(tensor, params) text (seed and mlp only),
          "dot_saved": make_dot(tensor, params, show_saved=True): the saved tensors too
                       (null for a case whose output is a view: torchviz adds the view's base) }
    nodes in the order torchviz's make_dot first reaches them: depth-first from
    tensor.grad_fn, following next_functions in order; node 0 is tensor.grad_fn.
NODE  = { "type": type(fn).__name__ (what torchviz prints, e.g. "AddmmBackward0", "AccumulateGrad"),
          "name": fn.name() ("torch::autograd::AccumulateGrad" for leaves),
          "next": [[index of the node | null, input_nr], ...]   fn.next_functions
          "variable": { "shape": [...], "name": <param name or "">, "leaf": <index> }
                      only on AccumulateGrad: the leaf; "leaf" is its index among the case's
                      tensor arguments in the order test/support/cases.ts decodes them
                      (positional args depth-first, then kwargs), or among the named
                      parameters for seed/mlp }
"""
import functools
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import system_torch  # noqa: F401,E402  (re-executes under /usr/bin/python3 when torch is missing)
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
import index_spec  # noqa: E402,F401  (Tensor.__getitem_spec__: x.index([...]) as x[...])
import gen_fixtures as base  # noqa: E402  (the fixture encoding, decoded)
import pytorch2_compat  # noqa: E402,F401  (F.rms_norm, as PyTorch 2 composes it)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def graph_of(t, leaves, names=None):
    """The graph behind t: leaves is the list of leaf tensors that identify AccumulateGrad's variable."""
    nodes, index = [], {}

    def leaf_index(v):
        for i, leaf in enumerate(leaves):
            if leaf is v:
                return i
        raise AssertionError("a leaf that is not an argument")

    def visit(fn):
        if fn in index:
            return index[fn]
        i = len(nodes)
        index[fn] = i
        node = {"type": type(fn).__name__, "name": fn.name()}
        nodes.append(node)
        if hasattr(fn, "variable"):
            k = leaf_index(fn.variable)
            node["variable"] = {"shape": list(fn.variable.shape), "name": names[k] if names else "", "leaf": k}
        node["next"] = [[None if u is None else visit(u), nr] for u, nr in fn.next_functions]
        return i

    visit(t.grad_fn)
    return {"root": list(t.shape), "nodes": nodes}


# ---- torchviz's make_dot ---------------------------------------------------------
# torchviz is not packaged for Debian: this is its make_dot (v0.0.2, torchviz/dot.py) with
# show_attrs off, writing DOT the way the graphviz package does (bare IDs,
# attributes after the label in sorted order), with the Python id() of each object replaced
# by a number in order of appearance.

DOT_ID = re.compile(r"^([a-zA-Z_][a-zA-Z0-9_]*|-?(\.[0-9]+|[0-9]+(\.[0-9]*)?))$")
DOT_KEYWORDS = {"node", "edge", "graph", "digraph", "subgraph", "strict"}


def quote(s):
    if DOT_ID.match(s) and s.lower() not in DOT_KEYWORDS:
        return s
    return '"' + re.sub(r'(?<!\\)"', '\\"', s) + '"'


SAVED_PREFIX = "_saved_"


def make_dot(var, params, show_saved=False):
    param_map = {id(v): k for k, v in params.items()}
    numbers = {}
    body = []
    seen = set()

    def num(obj):
        return numbers.setdefault(id(obj), len(numbers))

    def node(obj, label, fillcolor=None):
        fill = f" fillcolor={fillcolor}" if fillcolor else ""
        body.append(f"\t{num(obj)} [label={quote(label)}{fill}]")

    def edge(a, b, dir=None):
        body.append(f"\t{num(a)} -> {num(b)}" + (f" [dir={dir}]" if dir else ""))

    def size_to_str(size):
        return "(" + (", ").join(["%d" % v for v in size]) + ")"

    def get_var_name(var, name=None):
        if not name:
            name = param_map[id(var)] if id(var) in param_map else ""
        return "%s\n %s" % (name, size_to_str(var.size()))

    def add_nodes(fn):
        if fn in seen:
            return
        seen.add(fn)
        if show_saved:
            for attr in dir(fn):
                if not attr.startswith(SAVED_PREFIX):
                    continue
                val = getattr(fn, attr)
                seen.add(val)
                attr = attr[len(SAVED_PREFIX):]
                if torch.is_tensor(val):
                    edge(fn, val, dir="none")
                    node(val, get_var_name(val, attr), "orange")
                if isinstance(val, tuple):
                    for i, t in enumerate(val):
                        if torch.is_tensor(t):
                            name = attr + "[%s]" % str(i)
                            edge(fn, t, dir="none")
                            node(t, get_var_name(t, name), "orange")
        if hasattr(fn, "variable"):
            var = fn.variable
            seen.add(var)
            node(var, get_var_name(var), "lightblue")
            edge(var, fn)
        node(fn, str(type(fn).__name__))
        if hasattr(fn, "next_functions"):
            for u in fn.next_functions:
                if u[0] is not None:
                    edge(u[0], fn)
                    add_nodes(u[0])

    seen.add(var)
    node(var, get_var_name(var), "darkolivegreen1")
    if var.grad_fn:
        add_nodes(var.grad_fn)
        edge(var.grad_fn, var)
    assert not var._is_view()  # torchviz would add the base tensor (not drawn by wasmgrad)
    size = max(12, len(body) * 0.15)  # resize_graph
    return "\n".join(["digraph {", f"\tgraph [size={quote(str(size) + ',' + str(size))}]",
                      "\tnode [align=left fontname=monospace fontsize=10 height=0.2 ranksep=0.1 shape=box style=filled]",
                      *body, "}", ""])


def seed_graph():
    # the notebook's second run: w1 and b1 require grad
    y = torch.tensor([1.0])
    x1 = torch.tensor([1.3])
    w1 = torch.tensor([2.0], requires_grad=True)
    b1 = torch.tensor([0.5], requires_grad=True)
    z1 = w1 * x1 + b1
    y_hat = torch.sigmoid(z1)
    loss = F.binary_cross_entropy(y_hat, y)
    g = graph_of(loss, [w1, b1], ["w1", "b1"])
    g["dot"] = make_dot(loss, {"w1": w1, "b1": b1})
    g["dot_saved"] = make_dot(loss, {"w1": w1, "b1": b1}, show_saved=True)
    return g


def mlp_graph():
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(4, 5), torch.nn.ReLU(), torch.nn.Linear(5, 3))
    x = torch.randn(2, 4)
    y = torch.tensor([0, 2])
    loss = F.cross_entropy(model(x), y)
    named = list(model.named_parameters())
    g = graph_of(loss, [p for _, p in named], [n for n, _ in named])
    g["dot"] = make_dot(loss, dict(named))
    g["dot_saved"] = make_dot(loss, dict(named), show_saved=True)
    return g


def shared_graph():
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    a = w.exp()
    loss = (a * a).sum() + (w * w).sum()
    g = graph_of(loss, [w], ["w"])
    g["dot"] = make_dot(loss, {"w": w})
    g["dot_saved"] = make_dot(loss, {"w": w}, show_saved=True)
    return g


def copy_graph():
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    return graph_of((w * 3).to(torch.float64).sum(), [w])


# ---- the ops.json and table.json cases, rebuilt -------------------------------------------------

DUNDER = {"__rsub__", "__rtruediv__", "__rpow__", "__radd__", "__rmul__"}


def call(c, args, kwargs):
    ns, name = c["call"].split(".", 1)
    if ns == "torch":  # torch.linalg.cross too
        return functools.reduce(getattr, name.split("."), torch)(*args, **kwargs)
    if ns == "F":
        return getattr(F, name)(*args, **kwargs)
    if name in DUNDER:  # reflected operators: Python calls them on the right operand
        return getattr(args[0], name)(*args[1:])
    return getattr(args[0], name)(*args[1:], **kwargs)


def case_graphs():
    cases = []
    for name in ("ops.json", "table.json"):
        with open(os.path.join(ROOT, "test/fixtures", name)) as f:
            # names are unique within a file: table.json's carry the file's name
            cases += [c if name == "ops.json" else {**c, "name": f"table.json:{c['name']}"} for c in json.load(f)["cases"]]
    out = []
    for c in cases:
        leaves = []
        args = [base.dec_arg(a, leaves) for a in c["args"]]
        # a dtype keyword is written by name (softmax's dtype="float64")
        kwargs = {k: getattr(torch, v) if k == "dtype" else base.dec_arg(v, leaves) for k, v in c["kwargs"].items()}
        result = call(c, args, kwargs)
        first = result[0] if isinstance(result, (tuple, list)) else result
        if first.grad_fn is None:
            continue
        graph = graph_of(first, leaves)
        # torchviz draws the base of a view too, which wasmgrad does not track: no text for those
        graph["dot_saved"] = None if first._is_view() else make_dot(first, {}, show_saved=True)
        out.append({"name": c["name"], "graph": graph})
    return out


def main():
    fixture = {
        "generator": "scripts/gen_graph_fixtures.py",
        "torch": torch.__version__,
        "seed": seed_graph(),
        "mlp": mlp_graph(),
        "shared": shared_graph(),
        "copy": copy_graph(),
        "cases": case_graphs(),
    }
    path = os.path.join(ROOT, "test/fixtures/graphs.json")
    # one line per graph, so that a change shows as the lines of the graphs it changes
    lines = [f" {json.dumps(k)}: {json.dumps(v)}," for k, v in fixture.items() if k != "cases"]
    lines += [' "cases": ['] + [f"  {json.dumps(c)}," for c in fixture["cases"]]
    lines[-1] = lines[-1].rstrip(",")
    with open(path, "w") as f:
        f.write("{\n" + "\n".join(lines) + "\n ]\n}\n")
    print(f"wrote {path}: {len(fixture['cases'])} op graphs, seed and mlp")


if __name__ == "__main__":
    main()
