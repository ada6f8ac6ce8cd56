"""numpy twin of bench/sort.bench.js: np.argsort(kind='stable') on the saved keys.

Usage: python3 bench/sort_numpy.py bench/out/<kernel>; prints {label: median ms} as JSON.
"""
import json
import sys

import numpy as np

from npbench import load, median_ms

meta, arrays = load(sys.argv[1])
keys = arrays["keys"]
if "G" in meta:
    x = keys.reshape(meta["G"], meta["K"])
    fn = lambda: np.argsort(x, axis=1, kind="stable")
    check = lambda r: bool(np.all(np.diff(np.take_along_axis(x, r, axis=1), axis=1) >= 0))
else:
    fn = lambda: np.argsort(keys, kind="stable")
    check = lambda r: bool(np.all(np.diff(keys[r]) >= 0))
def assert_sorted(r):
    assert check(r)


print(json.dumps({"numpy": median_ms(fn, 7, assert_sorted)}))
