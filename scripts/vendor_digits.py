#!/usr/bin/env python3
"""Vendor scikit-learn's copy of the UCI optical digits into examples/data/digits.bin.

Input : sklearn/datasets/data/digits.csv.gz (used by sklearn.datasets.load_digits),
        1,797 rows of 65 comma-separated integers: 64 pixels (0..16), then the label (0..9).
Output: examples/data/digits.bin, 1,797 records of 65 bytes each
        (64 pixel bytes in row-major 8x8 order, then the label byte); no header.

Usage (Debian's python3-sklearn lives under the system interpreter):
    /usr/bin/python3 scripts/vendor_digits.py            # write the file, then verify it
    /usr/bin/python3 scripts/vendor_digits.py --check    # only verify the existing file
    /usr/bin/python3 scripts/vendor_digits.py --csv PATH # use a given digits.csv.gz
"""
import argparse
import csv
import gzip
import hashlib
import io
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "examples", "data", "digits.bin")
DEBIAN_CSV = "/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz"
N, FEATURES, RECORD = 1797, 64, 65


def find_csv():
    try:
        import sklearn.datasets

        path = os.path.join(os.path.dirname(sklearn.datasets.__file__), "data", "digits.csv.gz")
        if os.path.exists(path):
            return path
    except ImportError:
        pass
    if os.path.exists(DEBIAN_CSV):
        return DEBIAN_CSV
    sys.exit("digits.csv.gz not found: install python3-sklearn or pass --csv")


def read_csv(path):
    with gzip.open(path, "rt") as f:
        rows = [[int(float(v)) for v in row] for row in csv.reader(f) if row]
    assert len(rows) == N, f"expected {N} rows, got {len(rows)}"
    for i, row in enumerate(rows):
        assert len(row) == RECORD, f"row {i}: {len(row)} values"
        assert all(0 <= v <= 16 for v in row[:FEATURES]), f"row {i}: pixel out of 0..16"
        assert 0 <= row[FEATURES] <= 9, f"row {i}: label {row[FEATURES]}"
    return rows


def histogram(labels):
    h = [0] * 10
    for y in labels:
        h[y] += 1
    return h


def verify(blob):
    assert len(blob) == N * RECORD, f"{OUT}: {len(blob)} bytes, expected {N * RECORD}"
    labels = [blob[i * RECORD + FEATURES] for i in range(N)]
    print(f"{os.path.relpath(OUT, ROOT)}: {N} records x {RECORD} bytes = {len(blob)} bytes")
    print("sha256:", hashlib.sha256(blob).hexdigest())
    print("class histogram:", histogram(labels))
    try:
        import numpy as np
        from sklearn.datasets import load_digits
    except ImportError:
        print("sklearn not importable with this interpreter; skipped the load_digits() comparison")
        return
    d = load_digits()
    arr = np.frombuffer(blob, dtype=np.uint8).reshape(N, RECORD)
    assert d.data.shape == (N, FEATURES) and d.target.shape == (N,)
    assert np.array_equal(arr[:, :FEATURES].astype(d.data.dtype), d.data), "pixels differ"
    assert np.array_equal(arr[:, FEATURES].astype(d.target.dtype), d.target), "labels differ"
    assert np.array_equal(arr[:, :FEATURES].reshape(N, 8, 8), d.images), "images differ"
    assert histogram(labels) == np.bincount(d.target, minlength=10).tolist()
    print("matches sklearn.datasets.load_digits() exactly (data, images, target)")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--csv", help="path to digits.csv.gz (default: from the installed sklearn)")
    ap.add_argument("--check", action="store_true", help="only verify the existing digits.bin")
    args = ap.parse_args()
    if not args.check:
        src = args.csv or find_csv()
        rows = read_csv(src)
        blob = bytes(v for row in rows for v in row)
        os.makedirs(os.path.dirname(OUT), exist_ok=True)
        with open(OUT, "wb") as f:
            f.write(blob)
        print("read", src)
    with open(OUT, "rb") as f:
        verify(f.read())


if __name__ == "__main__":
    main()
