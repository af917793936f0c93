"""Cold start: process start to the first ticket painted, with 10,000 tickets in the replica.

Baseline, measured in the same run: a bare PySide6 window (QApplication + QMainWindow shown and
painted) in a fresh process. Both are timed from Popen to the line each prints right after a
synchronous repaint() of its window, in wall time and in CPU time (user + system of the child by its
paint, which a busy machine disturbs less). Rounds alternate; medians are reported. Target: at most 2x.
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
    print(f"cold start to first ticket painted, {args.tickets:,} tickets, {args.rounds} rounds:")
    for what, pick in (("wall time", lambda r: r.seconds), ("CPU time", lambda r: r.cpu_seconds)):
        app, bare = ([pick(r) for r in started] for started in runs)
        a, b = statistics.median(app), statistics.median(bare)
        print(f" {what}:")
        print(f"  Monodesk     median {a * 1000:6.0f} ms  (runs: {_ms(app)})")
        print(f"  bare window  median {b * 1000:6.0f} ms  (runs: {_ms(bare)})")
        print(f"  ratio {a / b:.2f}x the bare window (target <= 2x: {'met' if a / b <= 2 else 'MISSED'})")


def _ms(values: list[float]) -> str:
    return ", ".join(f"{v * 1000:.0f}" for v in values)


if __name__ == "__main__":
    main()
