"""numpy twin of bench/bon.bench.js: best-of-n on the same saved pools.

Usage: python3 bench/bon_numpy.py bench/out/bon  → prints {label: median_ms} as JSON.

Exact ('numpy', 'numpy with replacement'): stable argsort of each prompt's proxies (all pools have
the same size K, so a (P, K) array), gather gold and proxy in that order, multiply by the (K, N)
matrix of rank weights — C(i−1, n−1)/C(K, n) from scipy.special.gammaln, or (i/K)^n − ((i−1)/K)^n —
computed once, plus the KL of the weights (the same for every untied pool). No tie handling: the
data is continuous. The faster of the whole array at once and blocks of 500 prompts is reported.

Monte Carlo ('mc numpy'): per block of prompts, rng.integers(0, K, (B, trials, n), int32) (PCG64),
argmax of the drawn proxies (the first maximum, as the kernel), gather gold; mean and SE over trials.
"""
import json
import sys

import numpy as np
from scipy.special import gammaln

from npbench import load, median_ms

meta, arrays = load(sys.argv[1])
offsets, gold, proxy, ns = arrays["offsets"], arrays["gold"], arrays["proxy"], arrays["ns"]
P = offsets.size - 1
K = int(offsets[1] - offsets[0])
assert np.all(np.diff(offsets) == K), "this numpy twin assumes equal pool sizes"
G = gold.reshape(P, K)
R = proxy.reshape(P, K)


def weights(replacement):
    i = np.arange(1, K + 1, dtype=np.float64)[:, None]
    n = ns.astype(np.float64)[None, :]
    if replacement == "without":
        logc = gammaln(K + 1) - gammaln(n + 1) - gammaln(K - n + 1)
        with np.errstate(invalid="ignore"):
            lw = gammaln(i) - gammaln(n) - gammaln(np.maximum(i - n + 1, 1)) - logc
        W = np.where(i >= n, np.exp(lw), 0.0)
    else:
        W = (i / K) ** n - ((i - 1) / K) ** n
    with np.errstate(divide="ignore", invalid="ignore"):
        kl = np.where(W > 0, W * np.log(W * K), 0.0).sum(axis=0)
    return W, kl


def exact(replacement, block):
    W, kl = weights(replacement)
    eg = np.empty((P, ns.size))
    ep = np.empty((P, ns.size))
    for lo in range(0, P, block):
        r, g = R[lo : lo + block], G[lo : lo + block]
        idx = np.argsort(r, axis=1, kind="stable")
        eg[lo : lo + block] = np.take_along_axis(g, idx, axis=1) @ W
        ep[lo : lo + block] = np.take_along_axis(r, idx, axis=1) @ W
    return eg, ep, np.broadcast_to(kl, (P, ns.size))


res = {}
for replacement, key, label in (("without", "meanGoldWithout", "numpy"), ("with", "meanGoldWith", "numpy with replacement")):
    eg, _, _ = exact(replacement, P)
    want = np.array(meta[key])
    assert np.allclose(eg.mean(axis=0), want, rtol=1e-9, atol=1e-12), (replacement, eg.mean(axis=0), want)
    times = {b: median_ms(lambda: exact(replacement, b), 5) for b in (P, 500)}
    res[label] = min(times.values())
    res[f"{label} (whole array)"] = times[P]

mcp, mcn, trials = meta["mc"]["P"], meta["mc"]["n"], meta["mc"]["trials"]


def mc(block, seed=1):
    rng = np.random.default_rng(seed)
    gm = np.empty(mcp)
    gse = np.empty(mcp)
    for lo in range(0, mcp, block):
        b = min(block, mcp - lo)
        # int32 draws: numpy's buffered bounded generator uses both halves of each 64-bit output
        idx = rng.integers(0, K, size=(b, trials, mcn), dtype=np.int32)
        rows = np.arange(lo, lo + b)[:, None, None]
        best = np.take_along_axis(idx, R[rows, idx].argmax(axis=2)[:, :, None], axis=2)[:, :, 0]
        g = G[np.arange(lo, lo + b)[:, None], best]
        gm[lo : lo + b] = g.mean(axis=1)
        gse[lo : lo + b] = g.std(axis=1, ddof=1) / np.sqrt(trials)
    return gm, gse


gm, gse = mc(10)
exact_mc = meta["meanGoldWith"][list(meta["ns"]).index(mcn)]
assert abs(gm.mean() - exact_mc) < 0.1, (gm.mean(), exact_mc)
times = {b: median_ms(lambda: mc(b), 5) for b in (1, 10)}
res["mc numpy"] = min(times.values())
res["mc numpy (one prompt at a time)"] = times[1]
res["mc numpy (10 prompts at a time)"] = times[10]
print(json.dumps(res))
