"""numpy twin of bench/bt.bench.js: one epoch (loss + gradient) and one Newton training of the
penalized mean log-loss on the same saved 1M × 16 Δ rows and labels.

Usage: python3 bench/bt_numpy.py bench/out/bt  → prints {"numpy epoch": ms, "numpy training": ms} as JSON.
"""
import json
import sys

import numpy as np
from scipy.special import expit

from npbench import load, median_ms

meta, arrays = load(sys.argv[1])
n, d, lam = meta["n"], meta["d"], meta["lambda"]
X = arrays["diffs"].reshape(n, d)
y = arrays["labels"]
probe = np.array(meta["probe"])


def epoch(w=probe):
    z = X @ w
    loss = np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * lam * (w @ w)
    g = X.T @ (expit(z) - y) / n + lam * w
    return loss, g


def train(tol=1e-12, max_iter=100):
    w = np.zeros(d)
    for _ in range(max_iter):
        z = X @ w
        p = expit(z)
        g = X.T @ (p - y) / n + lam * w
        H = (X.T * (p * (1 - p))) @ X / n + lam * np.eye(d)
        s = -np.linalg.solve(H, g)
        dec = -(g @ s)
        w = w + s
        if 0.5 * dec <= tol:
            break
    z = X @ w
    return np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * lam * (w @ w)


def check_epoch(r):
    assert abs(r[0] - meta["loss"]) <= 1e-12 * abs(meta["loss"]), (r[0], meta["loss"])


def check_train(loss):
    assert abs(loss - meta["optimumLoss"]) <= 1e-12 * abs(meta["optimumLoss"]), (loss, meta["optimumLoss"])


res = {"numpy epoch": median_ms(epoch, 9, check_epoch), "numpy training": median_ms(train, 5, check_train)}
print(json.dumps(res))
