"""scipy twin of bench/rank.bench.js: scipy.stats.kendalltau looped over the same saved groups.

Usage: python3 bench/rank_numpy.py bench/out/rank  → prints {"numpy": median_ms, ...} as JSON.
'numpy' is the kendalltau loop (τ_b only); the second entry adds spearmanr and pearsonr, i.e.
everything the wasm kernel computes per group.
"""
import json
import os
import sys
import time
import warnings

import numpy as np
from scipy import stats

d = sys.argv[1]
meta = json.load(open(os.path.join(d, "meta.json")))
x = np.fromfile(os.path.join(d, "x.bin"), dtype="<f8")
y = np.fromfile(os.path.join(d, "y.bin"), dtype="<f8")
off = np.fromfile(os.path.join(d, "offsets.bin"), dtype="<i4")
groups = [(x[off[g]:off[g + 1]], y[off[g]:off[g + 1]]) for g in range(len(off) - 1)]


def kendall():
    return [stats.kendalltau(a, b)[0] for a, b in groups]


def all_three():
    return [(stats.kendalltau(a, b)[0], stats.spearmanr(a, b)[0], stats.pearsonr(a, b)[0]) for a, b in groups]


def median_ms(fn, reps):
    ts = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        ts.append((time.perf_counter() - t) * 1000)
    return float(np.median(ts))


warnings.simplefilter("ignore")
tau = np.array(kendall())
assert np.allclose(tau, meta["tauB"], rtol=0, atol=1e-12), "scipy tau differs from the TS reference"
all_three()
print(json.dumps({"numpy": median_ms(kendall, 7), "scipy kendalltau+spearmanr+pearsonr loop": median_ms(all_three, 3)}))
