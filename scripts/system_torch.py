"""Imported first by every fixture generator: PyTorch comes from Debian's python3-torch, which only
the system interpreter /usr/bin/python3 sees. When another python3 (a pyenv shim, as `npm run
fixtures` may find first on PATH) cannot import torch, the generator is re-executed with
/usr/bin/python3."""
import os
import sys

try:
    import torch  # noqa: F401
except ImportError:
    if os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    raise
