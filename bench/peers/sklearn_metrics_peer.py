#!/usr/bin/env python3
"""Peer of bench/metrics_benchmark.cc's BM_BinaryMetrics/1000000/0: the same binary metrics with
scikit-learn on 1,000,000 rows of the same shape (30% positives, informative scores), timed in
process after the data is built. Prints the median of 5 runs in milliseconds.

  /usr/bin/python3 bench/peers/sklearn_metrics_peer.py
"""
import statistics
import time

import numpy as np
from sklearn import metrics as skm
from sklearn.calibration import calibration_curve

rng = np.random.default_rng(42)
n = 1_000_000
y = (rng.random(n) < 0.3).astype(int)
s = np.minimum(1.0, 0.6 * rng.random(n) + 0.4 * y * rng.random(n))


def all_binary_metrics():
    predicted = (s >= 0.5).astype(int)
    skm.roc_auc_score(y, s)
    skm.average_precision_score(y, s)
    precision, recall, _ = skm.precision_recall_curve(y, s)
    skm.auc(recall, precision)
    skm.log_loss(y, s)
    skm.brier_score_loss(y, s)
    skm.accuracy_score(y, predicted)
    skm.precision_recall_fscore_support(y, predicted, average="binary", zero_division=0)
    skm.confusion_matrix(y, predicted)
    calibration_curve(y, s, n_bins=10)


times = []
for _ in range(5):
    started = time.perf_counter()
    all_binary_metrics()
    times.append((time.perf_counter() - started) * 1000)
print(f"sklearn binary metrics, 1M rows: median {statistics.median(times):.0f} ms "
      f"(runs: {', '.join(f'{t:.0f}' for t in times)})")
