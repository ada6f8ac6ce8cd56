"""numpy twin of bench/pairs.bench.js: pair counts over the same saved 10M pairs.

Usage: python3 bench/pairs_numpy.py bench/out/pairs  → prints {"numpy": median_ms, ...} as JSON.
'numpy' is the faster of two vectorized formulations (comparison masks; sign products).
"""
import json
import sys

import numpy as np

from npbench import load, median_ms

meta, arrays = load(sys.argv[1])
ga, gb, pa, pb = (arrays[k] for k in ("ga", "gb", "pa", "pb"))
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


e = meta["expected"]
want = (e["goldTies"], e["concordant"], e["discordant"], e["proxyTies"])


def check(got):
    assert tuple(int(v) for v in got) == tuple(int(v) for v in want), (got, want)


res = {"numpy masks": median_ms(masks, 9, check), "numpy signs": median_ms(signs, 9, check)}
res = {"numpy": min(res.values()), **res}
print(json.dumps(res))
