#!/usr/bin/python3
"""gen_threads_fixtures.py -- torch.set_num_threads's argument errors in real PyTorch:
test/fixtures/threads.json, read by test/threads.test.ts (helper threads). The thread count
is restored after each call.

HOW TO RUN
    /usr/bin/python3 scripts/gen_threads_fixtures.py
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import system_torch  # noqa: F401,E402 -- re-executes with /usr/bin/python3 when torch is missing
import torch  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "threads.json")

# (name, argument as JSON: JS passes the same value)
CASES = [("zero", 0), ("negative", -1), ("float", 1.5), ("str", "2"), ("bool", True)]


def main():
    before = torch.get_num_threads()
    errors = []
    for name, arg in CASES:
        try:
            torch.set_num_threads(arg)
            raise SystemExit(f"{name}: set_num_threads({arg!r}) did not raise")
        except RuntimeError as e:
            errors.append({"name": name, "arg": arg, "type": type(e).__name__, "message": str(e)})
        finally:
            torch.set_num_threads(before)
    with open(OUT, "w") as f:
        json.dump({"torch": torch.__version__, "errors": errors}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
