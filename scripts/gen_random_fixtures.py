#!/usr/bin/env python3
"""Write test/fixtures/random.json from real PyTorch, for test/random.test.ts.

Every float32 is stored as the exact double it widens to (tensor.tolist()),
so the TypeScript side can compare bit for bit.

torch.randn of 16 or more float32 values takes a different code path per ATen
CPU capability (an AVX2 build uses a polynomial log/sincos, the others libm),
so randn is recorded once per capability, each run in a child process with
ATEN_CPU_CAPABILITY set. Everything else is recorded under the machine's own
capability, after checking that it does not depend on the capability.

Usage (Debian's python3-torch lives under the system interpreter):
    /usr/bin/python3 scripts/gen_random_fixtures.py
"""
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "test", "fixtures", "random.json")
SEEDS = [0, 42, 2024]
RAND_SIZES = [1, 3, 15, 16, 17, 100]
RANDN_SIZES = [1, 2, 3, 15, 16, 17, 33, 100]
CAPABILITIES = ["default", "avx2", "avx512"]
SENSITIVE = ["uniform_m05_05", "uniform_m27_31", "normal_2_3_size5", "normal_2_3_size20",
             "linear_4_3", "linear_784_256", "randn_65536_sha256", "uniform_m27_31_65536_sha256"]


def sha256_f32(t):
    import hashlib
    return hashlib.sha256(t.numpy().astype("<f4").tobytes()).hexdigest()


def capture():
    """Everything this interpreter's torch produces, as a JSON-able dict."""
    import torch

    out = {"capability": None, "seeds": {}}
    try:
        out["capability"] = torch.backends.cpu.get_cpu_capability().lower()
    except AttributeError:  # torch < 2.0 has no public query; parse the config
        for line in torch.__config__.show().splitlines():
            if "CPU capability usage" in line:
                cap = line.split(":")[1].strip().lower()
                out["capability"] = "default" if cap == "no avx" else cap
    for seed in SEEDS:
        s = {}
        s["rand"] = {}
        for n in RAND_SIZES:
            torch.manual_seed(seed)
            s["rand"][str(n)] = torch.rand(n).tolist()
        s["randn"] = {}
        for n in RANDN_SIZES:
            torch.manual_seed(seed)
            s["randn"][str(n)] = torch.randn(n).tolist()
        # randn(1) twice: the second call must use the cached Box-Muller sine.
        torch.manual_seed(seed)
        s["randn_1_twice"] = [torch.randn(1).tolist(), torch.randn(1).tolist()]
        torch.manual_seed(seed)
        s["sequence"] = {
            "rand5": torch.rand(5).tolist(),
            "randn20": torch.randn(20).tolist(),
            "rand3": torch.rand(3).tolist(),
        }
        torch.manual_seed(seed)
        s["uniform_m05_05"] = torch.empty(10).uniform_(-0.5, 0.5).tolist()
        torch.manual_seed(seed)
        s["uniform_m27_31"] = torch.empty(40).uniform_(-2.7, 3.1).tolist()
        torch.manual_seed(seed)
        s["normal_2_3_size5"] = torch.empty(5).normal_(2.0, 3.0).tolist()
        torch.manual_seed(seed)
        s["normal_2_3_size20"] = torch.empty(20).normal_(2.0, 3.0).tolist()
        torch.manual_seed(seed)
        lin = torch.nn.Linear(4, 3)
        s["linear_4_3"] = {
            "weight": lin.weight.detach().flatten().tolist(),
            "bias": lin.bias.detach().tolist(),
        }
        torch.manual_seed(seed)
        lin = torch.nn.Linear(784, 256)
        s["linear_784_256"] = {
            "weight_first20": lin.weight.detach().flatten()[:20].tolist(),
            "weight_last5": lin.weight.detach().flatten()[-5:].tolist(),
            "bias": lin.bias.detach().tolist(),
        }
        # 65536 values catch rare one-ulp rounding differences that the short
        # lists above miss; stored as SHA-256 of the little-endian float32 bytes.
        torch.manual_seed(seed)
        s["randn_65536_sha256"] = sha256_f32(torch.randn(65536))
        torch.manual_seed(seed)
        s["uniform_m27_31_65536_sha256"] = sha256_f32(torch.empty(65536).uniform_(-2.7, 3.1))
        torch.manual_seed(seed)
        s["randperm10"] = torch.randperm(10).tolist()
        torch.manual_seed(seed)
        s["randint_0_10_8"] = torch.randint(0, 10, (8,)).tolist()
        torch.manual_seed(seed)
        s["randint_m5_1000_6"] = torch.randint(-5, 1000, (6,)).tolist()
        # bernoulli (helper leftovers): u < p with rand's draws (24 bits for float32 p, 53 for float64)
        p = torch.tensor([0.0, 0.1, 0.5, 0.9, 1.0, 0.3, 0.7, 0.25, 0.999, 0.001, 0.5, 0.6])
        torch.manual_seed(seed)
        s["bernoulli_f32"] = torch.bernoulli(p).tolist()
        s["bernoulli_f64_after"] = torch.bernoulli(p.double().reshape(3, 4)).flatten().tolist()
        torch.manual_seed(seed)
        s["bernoulli_inplace_f64_03"] = torch.zeros(10, dtype=torch.float64).bernoulli_(0.3).tolist()
        # random_: randint's draws; without bounds [0, 2^24] (float32), [0, 2^53] (float64), {0, 1} (bool)
        for key, make in [("random_f32", lambda: torch.empty(6).random_()),
                          ("random_to", lambda: torch.empty(6).random_(10)),
                          ("random_from_to", lambda: torch.empty(2, 3).random_(-3, 7)),
                          ("random_f64", lambda: torch.empty(4, dtype=torch.float64).random_()),
                          ("random_bool", lambda: torch.empty(6, dtype=torch.bool).random_()),
                          ("random_int64_bounded", lambda: torch.empty(5, dtype=torch.long).random_(-5, 1000))]:
            torch.manual_seed(seed)
            s[key] = make().flatten().tolist()
        # a number p: one 53-bit uniform per element on float32 too (this PyTorch has no MKL)
        torch.manual_seed(seed)
        s["bernoulli_inplace_f32_03"] = torch.zeros(10).bernoulli_(0.3).tolist()
        torch.manual_seed(seed)
        s["bernoulli_number_p_f32"] = torch.bernoulli(torch.zeros(2, 5), 0.7).flatten().tolist()
        torch.manual_seed(seed)
        s["bernoulli_inplace_tensor"] = torch.zeros(4, 3).bernoulli_(p[:3]).flatten().tolist()
        # multinomial (helper leftovers): exponential_ keys + topk, or cumulative sums + binary search
        w = torch.tensor([[0.1, 0.0, 2.0, 0.4, 1.5, 0.3], [1.0, 1.0, 1.0, 0.0, 0.0, 3.0]])
        torch.manual_seed(seed)
        s["multinomial_no_replacement"] = torch.multinomial(w, 3).flatten().tolist()
        s["multinomial_one_after"] = torch.multinomial(w[0].double(), 1).tolist()
        torch.manual_seed(seed)
        s["multinomial_replacement"] = torch.multinomial(w, 7, replacement=True).flatten().tolist()
        s["multinomial_replacement_f64_after"] = torch.multinomial(w[1].double(), 5, True).tolist()
        torch.manual_seed(seed)
        s["multinomial_all_of_4"] = torch.multinomial(w[1, :4], 4).tolist()
        out["seeds"][str(seed)] = s
    return out


# ---- torch.Generator (helper generator) ---------------------------------------------------
# Each case draws from its own torch.Generator().manual_seed(crc32(name)); "then" is the next
# torch.rand(3) of that generator (it advanced as PyTorch's did) and "default_after" the default
# generator's next torch.rand(2) after torch.manual_seed(crc32(name) + 1) and the call (the call
# left it alone). test/random.test.ts runs the same calls, by name, on both devices.
P12 = [0.0, 0.1, 0.5, 0.9, 1.0, 0.3, 0.7, 0.25, 0.999, 0.001, 0.5, 0.6]
W = [[0.1, 0.0, 2.0, 0.4, 1.5, 0.3], [1.0, 1.0, 1.0, 0.0, 0.0, 3.0]]


def generator_cases(torch):
    p, w = torch.tensor(P12), torch.tensor(W)
    m, s = torch.tensor([[0.5, -1.0, 2.0]]), torch.tensor([[1.0], [0.5], [2.0], [3.0]])
    return {
        "rand/3x5": ("torch.rand(3, 5, generator=g)", lambda g: torch.rand(3, 5, generator=g)),
        "rand/100": ("torch.rand(100, generator=g)", lambda g: torch.rand(100, generator=g)),
        "randn/7": ("torch.randn(7, generator=g)", lambda g: torch.randn(7, generator=g)),
        "randn/2x17": ("torch.randn(2, 17, generator=g)", lambda g: torch.randn(2, 17, generator=g)),
        "randint/0-10/8": ("torch.randint(0, 10, (8,), generator=g)", lambda g: torch.randint(0, 10, (8,), generator=g)),
        "randint/1000/2x3": ("torch.randint(1000, (2, 3), generator=g)", lambda g: torch.randint(1000, (2, 3), generator=g)),
        "randperm/12": ("torch.randperm(12, generator=g)", lambda g: torch.randperm(12, generator=g)),
        "normal/2-3/5": ("torch.normal(2.0, 3.0, (5,), generator=g)", lambda g: torch.normal(2.0, 3.0, (5,), generator=g)),
        "normal/-1-0.5/20": ("torch.normal(-1.0, 0.5, (20,), generator=g)", lambda g: torch.normal(-1.0, 0.5, (20,), generator=g)),
        "bernoulli/f32 p": ("torch.bernoulli(p, generator=g)", lambda g: torch.bernoulli(p, generator=g)),
        "bernoulli/f64 p": ("torch.bernoulli(p.double(), generator=g)", lambda g: torch.bernoulli(p.double(), generator=g)),
        "bernoulli/number p f64": ("torch.bernoulli(torch.zeros(10, dtype=torch.float64), 0.3, generator=g)",
                                   lambda g: torch.bernoulli(torch.zeros(10, dtype=torch.float64), 0.3, generator=g)),
        "Tensor.bernoulli/f32 p": ("p.bernoulli(generator=g)", lambda g: p.bernoulli(generator=g)),
        "Tensor.bernoulli_/f64 0.3": ("torch.zeros(10, dtype=torch.float64).bernoulli_(0.3, generator=g)",
                                      lambda g: torch.zeros(10, dtype=torch.float64).bernoulli_(0.3, generator=g)),
        "Tensor.bernoulli_/tensor p": ("torch.zeros(4, 3).bernoulli_(p[:3], generator=g)", lambda g: torch.zeros(4, 3).bernoulli_(p[:3], generator=g)),
        "multinomial/no replacement": ("torch.multinomial(w, 3, generator=g)", lambda g: torch.multinomial(w, 3, generator=g)),
        "multinomial/replacement": ("torch.multinomial(w, 7, True, generator=g)", lambda g: torch.multinomial(w, 7, True, generator=g)),
        "Tensor.multinomial/one f64": ("w[0].double().multinomial(1, generator=g)", lambda g: w[0].double().multinomial(1, generator=g)),
        "uniform_/f32 -2.7 3.1": ("torch.empty(40).uniform_(-2.7, 3.1, generator=g)", lambda g: torch.empty(40).uniform_(-2.7, 3.1, generator=g)),
        "uniform_/f32 default": ("torch.empty(2, 3).uniform_(generator=g)", lambda g: torch.empty(2, 3).uniform_(generator=g)),
        "uniform_/f64 -2.7 3.1": ("torch.empty(10, dtype=torch.float64).uniform_(-2.7, 3.1, generator=g)",
                                  lambda g: torch.empty(10, dtype=torch.float64).uniform_(-2.7, 3.1, generator=g)),
        "normal_/f32 2 3 x5": ("torch.empty(5).normal_(2.0, 3.0, generator=g)", lambda g: torch.empty(5).normal_(2.0, 3.0, generator=g)),
        "normal_/f32 2 3 x20": ("torch.empty(20).normal_(2.0, 3.0, generator=g)", lambda g: torch.empty(20).normal_(2.0, 3.0, generator=g)),
        "normal_/f64 x5": ("torch.empty(5, dtype=torch.float64).normal_(generator=g)", lambda g: torch.empty(5, dtype=torch.float64).normal_(generator=g)),
        "normal/tensor tensor": ("torch.normal(m, s, generator=g)", lambda g: torch.normal(m, s, generator=g)),
        "normal/tensor float": ("torch.normal(torch.arange(20.0), 2.5, generator=g)", lambda g: torch.normal(torch.arange(20.0), 2.5, generator=g)),
        "normal/tensor default std": ("torch.normal(m, generator=g)", lambda g: torch.normal(m, generator=g)),
        "normal/float tensor f64": ("torch.normal(1.5, torch.arange(18.0).double(), generator=g)",
                                    lambda g: torch.normal(1.5, torch.arange(18.0).double(), generator=g)),
        "rand/f64 2x3": ("torch.rand(2, 3, dtype=torch.float64, generator=g)", lambda g: torch.rand(2, 3, dtype=torch.float64, generator=g)),
        "randn/f64 5": ("torch.randn(5, dtype=torch.float64, generator=g)", lambda g: torch.randn(5, dtype=torch.float64, generator=g)),
        "randn/f64 20": ("torch.randn(20, dtype=torch.float64, generator=g)", lambda g: torch.randn(20, dtype=torch.float64, generator=g)),
        "normal/f64 size": ("torch.normal(2.0, 3.0, (7,), dtype=torch.float64, generator=g)",
                            lambda g: torch.normal(2.0, 3.0, (7,), dtype=torch.float64, generator=g)),
        "normal_/f64 1 2 x37": ("torch.empty(37, dtype=torch.float64).normal_(1.0, 2.0, generator=g)",
                                lambda g: torch.empty(37, dtype=torch.float64).normal_(1.0, 2.0, generator=g)),
    }


def raised(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 -- recording what PyTorch raises
        return {"error_type": type(e).__name__, "error": str(e)}
    raise AssertionError("expected an error")


def generator_fixture(torch):
    import zlib
    out = {"cases": []}
    for name, (python, call) in generator_cases(torch).items():
        seed = zlib.crc32(name.encode())
        g = torch.Generator().manual_seed(seed)
        torch.manual_seed(seed + 1)
        t = call(g)
        out["cases"].append({
            "name": name, "seed": seed, "python": python, "shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""),
            "values": t.flatten().tolist(), "then": torch.rand(3, generator=g).tolist(), "default_after": torch.rand(2).tolist(),
        })
    # two generators and the default one, interleaved: each keeps its own stream
    s1, s2, s3 = (zlib.crc32(n) for n in (b"interleave/g1", b"interleave/g2", b"interleave/default"))
    g1, g2 = torch.Generator().manual_seed(s1), torch.Generator().manual_seed(s2)
    torch.manual_seed(s3)
    w = torch.tensor(W)
    steps = [
        ("torch.rand(4, generator=g1)", lambda: torch.rand(4, generator=g1)),
        ("torch.randn(3, generator=g2)", lambda: torch.randn(3, generator=g2)),
        ("torch.rand(2)", lambda: torch.rand(2)),
        ("torch.randint(0, 100, (5,), generator=g1)", lambda: torch.randint(0, 100, (5,), generator=g1)),
        ("torch.randn(20)", lambda: torch.randn(20)),
        ("torch.normal(0.0, 1.0, (3,), generator=g2)", lambda: torch.normal(0.0, 1.0, (3,), generator=g2)),
        ("torch.randperm(6, generator=g1)", lambda: torch.randperm(6, generator=g1)),
        ("torch.rand(3)", lambda: torch.rand(3)),
        ("torch.multinomial(w, 2, generator=g2)", lambda: torch.multinomial(w, 2, generator=g2)),
        ("torch.randn(1)", lambda: torch.randn(1)),
    ]
    out["interleave"] = {"seeds": [s1, s2, s3], "steps": [{"python": py, "values": f().flatten().tolist()} for py, f in steps]}
    # get_state / set_state: PyTorch's bytes, and replays from them (with a cached normal sample too)
    seed = zlib.crc32(b"replay")
    g = torch.Generator().manual_seed(seed)
    torch.rand(5, generator=g)
    s1 = g.get_state()
    a = torch.randn(3, generator=g)  # three scalar normals leave the sine sample cached
    s2 = g.get_state()
    b, c = torch.randn(1, generator=g), torch.rand(4, generator=g)
    g.set_state(s2)
    assert torch.equal(torch.randn(1, generator=g), b)
    out["replay"] = {
        "seed": seed, "state_after_rand5": s1.tolist(), "randn3": a.tolist(), "state_after_randn3": s2.tolist(),
        "randn1": b.tolist(), "rand4": c.tolist(),
        "fresh_state_head": torch.Generator().get_state()[:32].tolist(),
    }
    seed = zlib.crc32(b"rng_state")
    torch.manual_seed(seed)
    torch.randn(7)
    st = torch.get_rng_state()
    out["rng_state"] = {"seed": seed, "state_after_randn7": st.tolist(), "rand3": torch.rand(3).tolist()}
    out["initial_seeds"] = [[str(v), str(torch.Generator().manual_seed(v).initial_seed())] for v in (-1, 2 ** 40 + 3, 2 ** 63 + 5)]
    g = torch.Generator()
    big = torch.zeros(5056, dtype=torch.uint8)
    out["errors"] = {
        "set_state float": raised(lambda: g.set_state(torch.zeros(5056))),
        "set_state short": raised(lambda: g.set_state(torch.zeros(10, dtype=torch.uint8))),
        "set_state zeros": raised(lambda: g.set_state(big)),
        "set_state int": raised(lambda: g.set_state(5)),
        "manual_seed float": raised(lambda: g.manual_seed(1.5)),
        "manual_seed str": raised(lambda: g.manual_seed("a")),
        "Generator cuda": raised(lambda: torch.Generator(device="cuda")),
        "Generator meta": raised(lambda: torch.Generator(device="meta")),
    }
    return out


def run_child(capability):
    env = dict(os.environ)
    if capability is not None:
        env["ATEN_CPU_CAPABILITY"] = capability
    res = subprocess.run([sys.executable, __file__, "--child"], env=env,
                         check=True, capture_output=True, text=True)
    return json.loads(res.stdout)


def main():
    if "--child" in sys.argv:
        json.dump(capture(), sys.stdout)
        return
    import torch

    native = run_child(None)
    per_cap = {}
    for cap in CAPABILITIES:
        got = run_child(cap)
        # torch silently falls back when a capability is not available here.
        if got["capability"] != cap:
            print(f"capability {cap}: unavailable (got {got['capability']}), skipped")
            continue
        for seed in map(str, SEEDS):
            a, b = native["seeds"][seed], got["seeds"][seed]
            for key in a:
                if key in SENSITIVE or key == "randn":
                    continue
                if key == "sequence":
                    assert a[key]["rand5"] == b[key]["rand5"] and a[key]["rand3"] == b[key]["rand3"]
                    continue
                assert a[key] == b[key], f"{key} (seed {seed}) differs under {cap}"
            assert a["randn"]["15"] == b["randn"]["15"]
        sensitive = {
            seed: {
                # Below 16 values every capability shares the scalar path.
                "randn": {n: v for n, v in d["randn"].items() if int(n) >= 16},
                "sequence_randn20": d["sequence"]["randn20"],
                **{key: d[key] for key in SENSITIVE},
            }
            for seed, d in got["seeds"].items()
        }
        # Identical capabilities are stored once, to keep the file small.
        same = [c for c, v in per_cap.items() if v == sensitive]
        per_cap[cap] = {"same_as": same[0]} if same else sensitive
        if same:
            print(f"capability {cap}: same results as {same[0]}")

    for d in native["seeds"].values():
        for key in SENSITIVE:
            del d[key]
        d["randn"] = {n: v for n, v in d["randn"].items() if int(n) < 16}
        del d["sequence"]["randn20"]

    fixture = {
        "generated_by": "scripts/gen_random_fixtures.py",
        "torch_version": torch.__version__,
        "native_capability": native["capability"],
        "default_initial_seed": torch.Generator().initial_seed(),
        # torch.Generator and the generator keyword, under this machine's capability
        "generators": dict(generator_fixture(torch), capability=native["capability"]),
        # Values that do not depend on the ATen CPU capability.
        "seeds": native["seeds"],
        # Values from kernels whose float rounding (FMA contraction, vector
        # log/sincos) differs between the capability builds.
        "by_capability": {
            cap: {seed: v[seed] for seed in v} if "same_as" not in v else v
            for cap, v in per_cap.items()
        },
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(fixture, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {OUT} ({os.path.getsize(OUT)} bytes), capabilities: {list(per_cap)}")


if __name__ == "__main__":
    main()
