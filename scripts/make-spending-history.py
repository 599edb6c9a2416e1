#!/usr/bin/env python3
"""Generate scenarios/data/spending-history.csv, an example spending history for trend fits.

Generating model (log-linear): log(spending) = log(820) + 0.031*(year - 2010) + e,
e ~ N(0, 0.012^2), years 2010-2024, spending in GBP million. A `govsim run` of
scenarios/evidence-based.yaml fits this trend (baseline_fits.csv) and should recover a
growth of about 3.1% a year with a residual SD of about 0.012.

Python standard library only; fixed seed:
    python3 scripts/make-spending-history.py        # writes scenarios/data/spending-history.csv
"""
# GENERATING PARAMETERS: level_2010=820 log_growth=0.031 noise_sd=0.012 seed=20251129
import math
import os
import random
import sys

SEED = 20251129


def main():
    rng = random.Random(SEED)
    lines = ["year,spending"]
    for year in range(2010, 2025):
        value = math.exp(math.log(820) + 0.031 * (year - 2010) + rng.gauss(0.0, 0.012))
        lines.append(f"{year},{value:.2f}")
    text = "\n".join(lines) + "\n"
    if len(sys.argv) > 1 and sys.argv[1] == "-":
        sys.stdout.write(text)
        return
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with open(os.path.join(root, "scenarios", "data", "spending-history.csv"), "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
