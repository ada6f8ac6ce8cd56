"""Shared by the numpy twins of the benchmarks: the inputs the JS side saved, and one timing loop."""
import json
import os
import time

import numpy as np


def load(d):
    """meta.json and every saved array of bench/out/<kernel> (little-endian raw files)."""
    meta = json.load(open(os.path.join(d, "meta.json")))
    arrays = {name: np.fromfile(os.path.join(d, f"{name}.bin"), dtype="<" + info["dtype"]) for name, info in meta["files"].items()}
    return meta, arrays


def median_ms(fn, reps, check=None):
    """Median wall time of fn() in ms over `reps` runs, after one warm-up run checked by `check`."""
    result = fn()
    if check is not None:
        check(result)
    ts = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        ts.append((time.perf_counter() - t) * 1000)
    return float(np.median(ts))
