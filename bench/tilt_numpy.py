"""numpy twin of bench/tilt.bench.js: tilt sweep over the same saved pools and β grid.

Usage: python3 bench/tilt_numpy.py bench/out/tilt  → prints {"numpy": median_ms, ...} as JSON.
Vectorized over prompts: per β, log-sum-exp with the per-prompt max, then weighted sums of the
pools reshaped to (P, K) (all pools have the same size here). 'numpy' is the faster of the whole
array at once and blocks of 250 prompts (which keep the temporaries in cache).
"""
import json
import sys

import numpy as np

from npbench import load, median_ms

meta, arrays = load(sys.argv[1])
offsets, proxy, gold, betas = arrays["offsets"], arrays["proxy"], arrays["gold"], arrays["betas"]
P = offsets.size - 1
K = int(offsets[1] - offsets[0])
assert np.all(np.diff(offsets) == K), "this numpy twin assumes equal pool sizes"
R = proxy.reshape(P, K)
G = gold.reshape(P, K)


def sweep_block(r, g):
    """Sums over one block of prompts for every β: (gold, proxy, KL) summed over the block."""
    c = r.mean(axis=1, keepdims=True)
    rc = r - c
    rmax = rc.max(axis=1, keepdims=True)
    out = np.empty((3, betas.size))
    for j, beta in enumerate(betas):
        w = np.exp((rc - rmax) / beta)
        s = w.sum(axis=1)
        eg = (w * g).sum(axis=1) / s
        erc = (w * rc).sum(axis=1) / s
        kl = np.maximum(0.0, erc / beta - (rmax[:, 0] / beta + np.log(s / K)))
        out[0, j] = eg.sum()
        out[1, j] = (c[:, 0] + erc).sum()
        out[2, j] = kl.sum()
    return out


def sweep(block):
    tot = np.zeros((3, betas.size))
    for lo in range(0, P, block):
        tot += sweep_block(R[lo : lo + block], G[lo : lo + block])
    return tot / P


def check(got):
    e = meta["expected"]
    np.testing.assert_allclose(got[0], e["meanGold"], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(got[1], e["meanProxy"], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(got[2], e["meanKL"], rtol=1e-7, atol=1e-15)


whole = median_ms(lambda: sweep(P), 3, check)
blocked = median_ms(lambda: sweep(250), 3, check)
print(json.dumps({"numpy": min(whole, blocked), "numpy (whole arrays)": whole, "numpy (blocks of 250 prompts)": blocked}))
