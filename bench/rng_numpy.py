"""numpy twin of bench/rng.bench.js: numpy.random.default_rng() (PCG64) samplers, 1e7 draws.

Usage: python3 bench/rng_numpy.py bench/out/rng_<kind>; prints {label: median ms} as JSON.
"""
import json
import os
import sys
import timeit

import numpy as np

meta = json.load(open(os.path.join(sys.argv[1], "meta.json")))
n = meta["n"]
rng = np.random.default_rng(2024)
out = np.empty(n)
if meta["kind"] == "normal":
    fn = lambda: rng.standard_normal(n)
    fn_out = lambda: rng.standard_normal(out=out)
else:
    fn = lambda: rng.standard_t(5, n)
    fn_out = None
x = fn()  # warm up
assert np.isfinite(x).all() and abs(x.mean()) < 6 * x.std() / np.sqrt(n)
res = {"numpy": float(np.median(timeit.repeat(fn, number=1, repeat=7)) * 1000)}
if fn_out is not None:
    fn_out()
    res["numpy (out=, no allocation)"] = float(np.median(timeit.repeat(fn_out, number=1, repeat=7)) * 1000)
print(json.dumps(res))
