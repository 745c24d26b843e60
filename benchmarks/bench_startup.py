"""Wall time of the command on one input of each kind, against a reference command measured in
the same run (interleaved, median of N runs, so machine load hits both alike).

    git archive d563999 src | tar -x -C /tmp/ref01      # the 0.1 pipeline, as reference
    PYTHONPATH=src python benchmarks/bench_startup.py --reference-src /tmp/ref01/src

Without --reference-src the reference is the bare interpreter starting (python -c pass).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_cf5c31e41a64bb63.txt"
INPUTS = {
    "seed (UTF-8 text)": SEED,
    "cp1252 text": REPO / "tests" / "fixtures" / "bad" / "cp1252.txt",
    "mojibake text": REPO / "tests" / "fixtures" / "bad" / "mojibake.txt",
    "HTML page": REPO / "tests" / "fixtures" / "bad" / "page.html",
    "JSON Lines (8 records)": REPO / "tests" / "fixtures" / "bad" / "records.jsonl",
}


def wall(argv: list[str], src: Path | None) -> float:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference-src", type=Path, help="src/ folder of the reference abrege")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    command = [sys.executable, "-m", "abrege.cli"]
    if args.reference_src:
        reference = (command + [str(SEED)], args.reference_src)
        name = f"0.1 command on the seed ({args.reference_src})"
    else:
        reference = ([sys.executable, "-c", "pass"], None)
        name = "python -c pass"
    print(f"reference: {name}\n")
    print("| input | median wall (s) | ratio to reference |")
    print("| --- | ---: | ---: |")
    for label, path in INPUTS.items():
        ours, ref = [], []
        for _ in range(args.runs):
            ours.append(wall(command + [str(path)], REPO / "src"))
            ref.append(wall(*reference))
        ratio = statistics.median(ours) / statistics.median(ref)
        print(f"| {label} | {statistics.median(ours):.3f} | {ratio:.2f} |")


if __name__ == "__main__":
    main()
