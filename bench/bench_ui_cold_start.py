"""Cold start: process start to the first ticket painted, with 10,000 tickets in the replica.

Baseline, measured in the same run: a bare PySide6 window (QApplication + QMainWindow shown and
painted) in a fresh process. Both are timed from Popen to the line each prints right after a
synchronous repaint() of its window. Rounds alternate; medians are reported. Target: at most 2x.
"""

from __future__ import annotations

import argparse
import statistics

from ui_processes import alternate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    runs = alternate(args.tickets, args.rounds, warm=True)
    app, bare = ([r.seconds for r in started] for started in runs)
    a, b = statistics.median(app), statistics.median(bare)
    print(f"cold start to first ticket painted, {args.tickets:,} tickets, {args.rounds} rounds:")
    print(f"  Monodesk     median {a * 1000:6.0f} ms  (runs: {', '.join(f'{t * 1000:.0f}' for t in app)})")
    print(f"  bare window  median {b * 1000:6.0f} ms  (runs: {', '.join(f'{t * 1000:.0f}' for t in bare)})")
    print(f"  ratio {a / b:.2f}x the bare window (target <= 2x: {'met' if a / b <= 2 else 'MISSED'})")


if __name__ == "__main__":
    main()
