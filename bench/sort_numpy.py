"""numpy twin of bench/sort.bench.js: np.argsort(kind='stable') on the saved keys.

Usage: python3 bench/sort_numpy.py bench/out/<kernel>; prints {label: median ms} as JSON.
"""
import json
import os
import sys
import timeit

import numpy as np

d = sys.argv[1]
meta = json.load(open(os.path.join(d, "meta.json")))
keys = np.fromfile(os.path.join(d, "keys.bin"), dtype="<f8")
if "G" in meta:
    x = keys.reshape(meta["G"], meta["K"])
    fn = lambda: np.argsort(x, axis=1, kind="stable")
    check = lambda r: bool(np.all(np.diff(np.take_along_axis(x, r, axis=1), axis=1) >= 0))
else:
    fn = lambda: np.argsort(keys, kind="stable")
    check = lambda r: bool(np.all(np.diff(keys[r]) >= 0))
r = fn()  # warm up
assert check(r)
times = timeit.repeat(fn, number=1, repeat=7)
print(json.dumps({"numpy": float(np.median(times) * 1000)}))
