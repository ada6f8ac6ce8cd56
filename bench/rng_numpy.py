"""numpy twin of bench/rng.bench.js: numpy.random.default_rng() (PCG64) samplers, 1e7 draws.

Usage: python3 bench/rng_numpy.py bench/out/rng_<kind>; prints {label: median ms} as JSON.
"""
import json
import sys

import numpy as np

from npbench import load, median_ms

meta, _ = load(sys.argv[1])
n = meta["n"]
rng = np.random.default_rng(2024)
out = np.empty(n)
if meta["kind"] == "normal":
    fn = lambda: rng.standard_normal(n)
    fn_out = lambda: rng.standard_normal(out=out)
else:
    fn = lambda: rng.standard_t(5, n)
    fn_out = None


def check(x):
    assert np.isfinite(x).all() and abs(x.mean()) < 6 * x.std() / np.sqrt(n)


res = {"numpy": median_ms(fn, 7, check)}
if fn_out is not None:
    res["numpy (out=, no allocation)"] = median_ms(fn_out, 7)
print(json.dumps(res))
