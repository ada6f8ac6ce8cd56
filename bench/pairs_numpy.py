"""numpy twin of bench/pairs.bench.js: pair counts over the same saved 10M pairs.

Usage: python3 bench/pairs_numpy.py bench/out/pairs  → prints {"numpy": median_ms, ...} as JSON.
'numpy' is the faster of two vectorized formulations (comparison masks; sign products).
"""
import json
import os
import sys
import time

import numpy as np

d = sys.argv[1]
meta = json.load(open(os.path.join(d, "meta.json")))
ga, gb, pa, pb = (np.fromfile(os.path.join(d, f"{k}.bin"), dtype="<f8") for k in ("ga", "gb", "pa", "pb"))
m = ga.size


def masks():
    gt, lt, pgt, plt = ga > gb, ga < gb, pa > pb, pa < pb
    conc = np.count_nonzero((gt & pgt) | (lt & plt))
    disc = np.count_nonzero((gt & plt) | (lt & pgt))
    gold_ties = m - np.count_nonzero(gt | lt)
    return gold_ties, conc, disc, m - gold_ties - conc - disc


def signs():
    sg = np.sign(ga - gb)
    s = sg * np.sign(pa - pb)
    conc = np.count_nonzero(s > 0)
    disc = np.count_nonzero(s < 0)
    gold_ties = m - np.count_nonzero(sg)
    return gold_ties, conc, disc, m - gold_ties - conc - disc


def median_ms(fn, reps=9):
    e = meta["expected"]
    want = (e["goldTies"], e["concordant"], e["discordant"], e["proxyTies"])
    got = fn()  # warm-up and check
    assert tuple(int(v) for v in got) == tuple(int(v) for v in want), (got, want)
    ts = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        ts.append((time.perf_counter() - t) * 1000)
    return float(np.median(ts))


res = {"numpy masks": median_ms(masks), "numpy signs": median_ms(signs)}
res = {"numpy": min(res.values()), **res}
print(json.dumps(res))
