"""Corpus scale, measured as a user runs the command: articles/s with -j 1 and -j 2 on the
21,401 OrangeSum training records, peak memory at 21k and 107k records, Dask on a 2-worker
LocalCluster against -j 2 on the same input, and the interrupt-and-resume check.

    PYTHONPATH=src python benchmarks/corpus.py [--quick] [--data .../train.jsonl.gz]

Speed: `python -m abrege train.jsonl.gz -o out.jsonl -q -j N`, wall time of the whole command
(start-up included), -j 1 and -j 2 runs interleaved (the machine is shared: the load average
is printed before and after) and the best of each kept; the ratio compares them within the run.
CPU: seconds of all the command's processes, and of the main process alone with -j 2 (it only
reads, orders and writes, so its share bounds the speed-up). Peak RSS: the largest resident set
of any one process of the command (getrusage of a fresh parent, so the main process and each
worker are measured alone), on the training file with -j 1 and -j 2, and with -j 2 on a file
that repeats the training records with new ids to reach 100k (5 copies: 107,005 records).
Dask: `abrege.dask.summarize` on `dd.read_json(..., lines=True, blocksize=8MB)` of the same
records uncompressed, written with `to_parquet`, timed after the cluster has started; -j 2 on
that same uncompressed file beside it. Resume: a run stopped with
SIGINT after a few seconds, then `--resume`; and one killed with SIGKILL (its last line may be
torn), then `--resume`; each final file compared byte for byte with an uninterrupted run.
`--quick` uses the first 3,000 records (RSS at 3k and 30k).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ABREGE_SHARED", REPO.parent / "shared"))
DEFAULT_DATA = SHARED / "data" / "orangesum" / "train.jsonl.gz"
ENV = {
    **os.environ,
    "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")]),
}

# Runs a command and prints the peak RSS (kB) of its largest process, the CPU seconds of all its
# processes, then its exit status.
MEASURE = (
    "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]).returncode; "
    "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
    "print(u.ru_maxrss, u.ru_utime + u.ru_stime, r)"
)


def abrege(*argv: object) -> list[str]:
    return [sys.executable, "-m", "abrege", *map(str, argv)]


def timed(command: list[str]) -> tuple[float, float, float, int]:
    """Wall seconds, peak RSS (MB) of the largest process, CPU seconds, exit status."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, env=ENV
    )
    seconds = time.perf_counter() - start
    rss, cpu, code = result.stdout.split()
    return seconds, int(rss) / 1024, float(cpu), int(code)


def load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def write_records(records: list[bytes], path: Path, copies: int = 1) -> None:
    """The records (as lines), repeated ``copies`` times with new ids when more than once."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wb") as out:
        for copy in range(copies):
            for line in records:
                if copies > 1:
                    record = json.loads(line)
                    record["id"] = f"{record['id']}-{copy}"
                    line = json.dumps(record, ensure_ascii=False).encode() + b"\n"
                out.write(line)


def default_sigint() -> None:
    """A command started from a background job inherits SIGINT ignored (the shell's rule for
    background jobs, which Python follows): give it Ctrl-C back, as on a terminal."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def interrupted(dump: Path, out: Path, stop: int, after: float, reference: bytes) -> str:
    """Stop a -j 2 run after ``after`` seconds with ``stop``, resume it; the outcome in words."""
    process = subprocess.Popen(
        abrege(dump, "-o", out, "-q", "-j", 2),
        env=ENV,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=default_sigint,
    )
    time.sleep(after)
    process.send_signal(stop)
    _, err = process.communicate()
    part = Path(f"{out}.part")
    kept = part.read_bytes().count(b"\n") if part.exists() else 0
    torn = part.exists() and not part.read_bytes().endswith(b"\n")
    resumed = subprocess.run(
        abrege(dump, "-o", out, "-q", "-j", 2, "--resume"), env=ENV, capture_output=True
    )
    same = out.exists() and out.read_bytes() == reference
    message = err.strip().splitlines()[-1] if err.strip() else "(no message)"
    return (
        f"exit {process.returncode}, {kept:,} lines kept{' + a torn line' if torn else ''}; "
        f"--resume exit {resumed.returncode}; identical to an uninterrupted run: "
        f"{'yes' if same else 'NO'}; message: {message!r}"
    )


def main_process_cpu(dump: Path, out: Path) -> float:
    """CPU seconds of the main process of a -j 2 run, workers excluded: what limits -j N."""
    code = (
        "import resource, sys; from abrege import cli; "
        "cli.main(sys.argv[1:]); u = resource.getrusage(resource.RUSAGE_SELF); "
        "print(u.ru_utime + u.ru_stime)"
    )
    argv = [str(dump), "-o", str(out), "-q", "-j", "2"]
    result = subprocess.run(
        [sys.executable, "-c", code, *argv], capture_output=True, text=True, env=ENV
    )
    return float(result.stdout.split()[-1])


def dask_rate(jsonl: Path, folder: Path, count: int) -> tuple[float, float]:
    """Articles/s of abrege.dask on a 2-process LocalCluster (after start-up), start-up s."""
    import dask.dataframe as dd
    from dask.distributed import Client, LocalCluster

    import abrege.dask

    start = time.perf_counter()
    with (
        LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        Client(cluster),
    ):
        started = time.perf_counter() - start
        begin = time.perf_counter()
        ddf = dd.read_json(str(jsonl), lines=True, blocksize=8_000_000)
        result = abrege.dask.summarize(ddf, text="article", title="title", id="id")
        result[["id", "summary", "sentences", "error"]].to_parquet(folder / "dask-out")
        seconds = time.perf_counter() - begin
    return count / seconds, started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--quick", action="store_true", help="3,000 records instead of all")
    parser.add_argument("--repeats", type=int, default=2, help="interleaved runs of each -j")
    args = parser.parse_args()
    with gzip.open(args.data, "rb") as handle:
        records = [line for line in handle if line.strip()]
    if args.quick:
        records = records[:3000]
    small, big = len(records), 30_000 if args.quick else 100_000
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"{cores} CPUs, load average {load()} at start; {len(records):,} records")
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        dump = folder / "train.jsonl.gz"
        write_records(records, dump)
        best: dict[int, float] = {}
        cpu: dict[int, float] = {}
        outputs: dict[int, bytes] = {}
        for _ in range(args.repeats):
            for jobs in (1, 2):
                out = folder / f"out-{jobs}.jsonl"
                seconds, _, used, code = timed(abrege(dump, "-o", out, "-q", "-j", jobs))
                assert code in (0, 1), f"-j {jobs} exited {code}"
                best[jobs] = min(best.get(jobs, seconds), seconds)
                cpu[jobs] = min(cpu.get(jobs, used), used)
                outputs[jobs] = out.read_bytes()
                print(f"  -j {jobs}: {seconds:.1f} s, {used:.1f} CPU s (load {load()})", flush=True)
        assert outputs[1] == outputs[2], "-j 2 output differs from -j 1"
        rate = {jobs: len(records) / seconds for jobs, seconds in best.items()}
        rows.append(("articles/s, -j 1 (whole command, best run)", f"{rate[1]:,.0f}"))
        rows.append(("articles/s, -j 2", f"{rate[2]:,.0f}"))
        rows.append(("speed-up -j 2 / -j 1 (same run)", f"{rate[2] / rate[1]:.2f}x"))
        rows.append(("-j 2 output identical to -j 1", "yes"))
        rows.append(
            (
                "CPU seconds of all processes, -j 1 / -j 2 (best run)",
                f"{cpu[1]:.1f} / {cpu[2]:.1f} (work added by -j 2: {cpu[2] / cpu[1] - 1:+.1%})",
            )
        )
        per_core = len(records) / cpu[1]
        rows.append(
            (
                "articles/s per busy core (-j 1: articles / CPU seconds)",
                f"{per_core:,.0f} -> {1e6 / per_core / 3600:.2f} core-hours per million",
            )
        )
        rows.append(
            (
                "speed-up on 2 free cores, derived from CPU time (not measured)",
                f"{2 * cpu[1] / cpu[2]:.2f}x",
            )
        )

        main_cpu = main_process_cpu(dump, folder / "main.jsonl")
        rows.append(
            (
                "CPU seconds of the main process alone, -j 2",
                f"{main_cpu:.1f} ({main_cpu / cpu[2]:.1%} of all: reading, writing, ordering)",
            )
        )
        for count in (small, big):
            path = folder / f"r{count}.jsonl.gz"
            copies = -(-count // len(records))
            write_records(records, path, copies)
            for jobs in (1, 2) if count == small else (2,):
                seconds, rss, _, _ = timed(
                    abrege(path, "-o", folder / "rss.jsonl", "-q", "-j", jobs)
                )
                total = len(records) * copies
                rows.append(
                    (
                        f"peak RSS of the largest process, {total:,} records, -j {jobs}",
                        f"{rss:.0f} MB ({total / seconds:,.0f} art/s)",
                    )
                )
                print(f"  RSS {total} -j {jobs}: {rss:.0f} MB (load {load()})", flush=True)

        plain = folder / "train.jsonl"
        write_records(records, plain)
        seconds, _, _, _ = timed(abrege(plain, "-o", folder / "plain.jsonl", "-q", "-j", 2))
        try:
            dask, started = dask_rate(plain, folder, len(records))
            rows.append(("Dask LocalCluster, 2 workers: articles/s", f"{dask:,.0f}"))
            rows.append(
                (
                    "  -j 2 on the same uncompressed file: articles/s",
                    f"{len(records) / seconds:,.0f}",
                )
            )
            rows.append(
                (
                    "  Dask / -j 2",
                    f"{dask / (len(records) / seconds):.2f}x "
                    f"(cluster start {started:.1f} s not counted)",
                )
            )
        except ImportError as error:
            rows.append(("Dask LocalCluster", f"skipped ({error}; pip install 'abrege[dask]')"))

        reference = outputs[1]
        after = 3.0 if args.quick else 8.0
        rows.append(
            (
                f"SIGINT after {after:.0f} s, then --resume",
                interrupted(dump, folder / "i.jsonl", signal.SIGINT, after, reference),
            )
        )
        rows.append(
            (
                f"SIGKILL after {after:.0f} s, then --resume",
                interrupted(dump, folder / "k.jsonl", signal.SIGKILL, after, reference),
            )
        )
    print(f"load average {load()} at the end")
    width = max(len(name) for name, _ in rows)
    print(f"| {'measure':<{width}} | result |")
    print(f"|{'-' * (width + 2)}|---|")
    for name, value in rows:
        print(f"| {name:<{width}} | {value} |")


if __name__ == "__main__":
    main()
