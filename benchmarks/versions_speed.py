"""Time the default method of several checkouts of abrege on the same articles, in one run.

    PYTHONPATH=src python benchmarks/versions_speed.py . /tmp/abrege-4076b37 [--limit 600]

Each checkout's ``summarize`` (without, then with the title) runs over the first ``--limit``
OrangeSum validation articles in a fresh interpreter with that checkout's ``src`` first on the
path; checkouts take turns, three rounds, and the best time of each is kept (the machine is
shared, so only the ratios within one run mean anything). Caches are warmed by a first pass
over the same articles before timing.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

SHARED = Path(os.environ.get("ABREGE_SHARED", Path(__file__).resolve().parents[2] / "shared"))
VALID = SHARED / "data" / "orangesum" / "valid.jsonl"
ROUNDS = 3
TIMER = """
import sys, time
from abrege import summarize
from abrege.evaluate import load
examples = load(sys.argv[1], limit=int(sys.argv[2]))
def run():
    for ex in examples:
        summarize(ex.article)
        summarize(ex.article, title=ex.title)
run()
start = time.perf_counter()
run()
print((time.perf_counter() - start) / (2 * len(examples)))
"""


def time_checkout(checkout: Path, limit: int) -> float:
    env = dict(os.environ, PYTHONPATH=str(checkout / "src"), OPENBLAS_NUM_THREADS="1")
    result = subprocess.run(
        [sys.executable, "-c", TIMER, str(VALID), str(limit)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(result.stdout.strip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("checkouts", nargs="+", type=Path)
    parser.add_argument("--limit", type=int, default=600)
    args = parser.parse_args()
    if not VALID.exists():
        print(f"versions_speed: {VALID} not found (set ABREGE_SHARED)", file=sys.stderr)
        return 2
    best = {c: float("inf") for c in args.checkouts}
    for _ in range(ROUNDS):
        for checkout in args.checkouts:
            best[checkout] = min(best[checkout], time_checkout(checkout.resolve(), args.limit))
    first = best[args.checkouts[0]]
    print(f"load average {os.getloadavg()[0]:.1f}; {args.limit} articles, no title and title")
    print("| checkout | ms per summary | ratio to the first |")
    print("|---|---:|---:|")
    for checkout, seconds in best.items():
        print(f"| {checkout} | {seconds * 1000:.2f} | {seconds / first:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
