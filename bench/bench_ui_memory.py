"""Resident memory once the first ticket is painted, with 100,000 tickets in the replica.

Baseline, measured in the same run: a bare PySide6 window (QApplication + QMainWindow shown and
painted) in a fresh process. Each process reports its own resident set size right after painting.
Medians of the rounds. Target: under the bare window's RSS + 60 MB.
"""

from __future__ import annotations

import argparse
import statistics

from ui_processes import alternate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    runs = alternate(args.tickets, args.rounds)
    app, bare = ([r.rss_mb for r in started] for started in runs)
    a, b = statistics.median(app), statistics.median(bare)
    print(f"resident memory after the first ticket is painted, {args.tickets:,} tickets:")
    print(f"  Monodesk     median {a:6.1f} MB  (runs: {', '.join(f'{m:.1f}' for m in app)})")
    print(f"  bare window  median {b:6.1f} MB  (runs: {', '.join(f'{m:.1f}' for m in bare)})")
    print(f"  difference +{a - b:.1f} MB (target < +60 MB: {'met' if a - b < 60 else 'MISSED'})")


if __name__ == "__main__":
    main()
