"""scipy twin of bench/rank.bench.js: scipy.stats.kendalltau looped over the same saved groups.

Usage: python3 bench/rank_numpy.py bench/out/rank  → prints {"numpy": median_ms, ...} as JSON.
'numpy' is the kendalltau loop (τ_b only); the second entry adds spearmanr and pearsonr, i.e.
everything the wasm kernel computes per group.
"""
import json
import sys
import warnings

import numpy as np
from scipy import stats

from npbench import load, median_ms

meta, arrays = load(sys.argv[1])
x, y, off = arrays["x"], arrays["y"], arrays["offsets"]
groups = [(x[off[g]:off[g + 1]], y[off[g]:off[g + 1]]) for g in range(len(off) - 1)]


def kendall():
    return [stats.kendalltau(a, b)[0] for a, b in groups]


def all_three():
    return [(stats.kendalltau(a, b)[0], stats.spearmanr(a, b)[0], stats.pearsonr(a, b)[0]) for a, b in groups]


warnings.simplefilter("ignore")


def check(tau):
    assert np.allclose(np.array(tau), meta["tauB"], rtol=0, atol=1e-12), "scipy tau differs from the TS reference"


print(json.dumps({"numpy": median_ms(kendall, 7, check), "scipy kendalltau+spearmanr+pearsonr loop": median_ms(all_three, 3)}))
