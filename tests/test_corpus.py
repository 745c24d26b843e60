"""Dumps at scale: worker processes give the output of one process, an interrupted run keeps
its finished work and resumes to the same bytes, compressed dumps stream, titles reach the
ranker, an oversized line is skipped without being held, and every non-blank line gives one
output line."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import os
import signal
import subprocess
import sys
import time
import tracemalloc

import pytest
from conftest import REPO, SEEDS

from abrege import batch, cli, summarize
from abrege.read import Oversized, bounded_lines

RECORDS = REPO / "tests" / "fixtures" / "bad" / "records.jsonl"
SEED_004 = REPO / "seeds" / "004_da247ad0e8ec085c.txt"
TITLE_004 = "Washington prêt à des discussions tactiques avec les Russes"


def texts() -> list[str]:
    """The real articles of the repository: the seeds and the good records of the fixture."""
    found = [path.read_text("utf-8") for path in SEEDS]
    for line in RECORDS.read_text("utf-8").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        text = record.get("text", record.get("article")) if isinstance(record, dict) else None
        if isinstance(text, str) and text.strip():
            found.append(text)
    return found


def dump_lines(count: int) -> list[str]:
    """``count`` JSON Lines records cycling through the real articles, with a bad record every
    50 lines, so failures travel through the workers too."""
    articles = texts()
    lines = []
    for i in range(count):
        if i % 50 == 49:
            lines.append(json.dumps({"id": i, "text": 42}))
        else:
            lines.append(json.dumps({"id": i, "text": articles[i % len(articles)]}))
    return lines


def write_dump(path, count: int) -> None:
    path.write_text("".join(line + "\n" for line in dump_lines(count)), "utf-8")


def abrege(*argv, **kwargs) -> subprocess.CompletedProcess:
    """The command as a user runs it."""
    env = {**os.environ}
    env.pop("ABREGE_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "abrege", *map(str, argv)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        **kwargs,
    )


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """A dump long enough to be interrupted mid-run, and its uninterrupted output."""
    folder = tmp_path_factory.mktemp("big")
    dump = folder / "dump.jsonl"
    write_dump(dump, 6000)
    reference = folder / "reference.jsonl"
    result = abrege("-m", "lead", "-j", "1", "-q", dump, "-o", reference)
    assert result.returncode == 1  # the bad records
    return dump, reference.read_bytes()


def test_workers_write_exactly_what_one_process_writes(tmp_path):
    dump = tmp_path / "dump.jsonl"
    write_dump(dump, 300)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert cli.main([str(dump), "-j", "1", "-q", "-o", str(one)]) == 1
    assert cli.main([str(dump), "-j", "2", "-q", "-o", str(two)]) == 1
    assert one.read_bytes() == two.read_bytes()
    records = [json.loads(line) for line in one.read_text("utf-8").splitlines()]
    assert [r["id"] for r in records] == list(range(300))
    assert sum("error" in r for r in records) == 6


def test_workers_keep_text_output_and_stderr_identical(tmp_path):
    for i, text in enumerate(texts() * 3):
        (tmp_path / f"{i:03}.txt").write_text(text, "utf-8")
    (tmp_path / "000.txt").write_text("   ", "utf-8")  # a failure among them
    one, two = abrege("-j", "1", tmp_path), abrege("-j", "2", tmp_path)
    assert (one.returncode, one.stdout, one.stderr) == (two.returncode, two.stdout, two.stderr)
    assert one.stderr == f"abrege: {tmp_path / '000.txt'}: empty article\n"


@pytest.mark.parametrize("argv", [["--keywords", "3"], ["-f", "html"], ["-f", "markdown"]])
def test_workers_give_the_same_report_and_keyphrases(tmp_path, argv):
    for i, text in enumerate(texts()):
        (tmp_path / f"{i}.txt").write_text(text, "utf-8")
    one, two = tmp_path / "one.out", tmp_path / "two.out"
    assert cli.main([str(tmp_path), *argv, "-j", "1", "-q", "-o", str(one)]) == 0
    assert cli.main([str(tmp_path), *argv, "-j", "2", "-q", "-o", str(two)]) == 0
    assert one.read_bytes() == two.read_bytes()


_BUGGY_RUN = """
import sys
from abrege import batch, cli
from abrege.pipeline import analyse

def buggy(text, **options):
    if "Josh Earnest" in text:
        raise RuntimeError("boom")
    return analyse(text, **options)

batch.analyse = buggy  # the workers fork from this fresh, single-threaded process
sys.exit(cli.main(sys.argv[1:]))
"""


def test_worker_failures_are_per_record(tmp_path):
    """A bug on one article, met in a worker process, costs that record only. It runs in a
    fresh interpreter: there no other thread is alive, so the workers are forked and inherit
    the patched function (pytest's own process may hold threads of earlier tests)."""
    dump = tmp_path / "dump.jsonl"
    write_dump(dump, 100)
    out = tmp_path / "out.jsonl"
    env = {**os.environ}
    env.pop("ABREGE_DEBUG", None)
    result = subprocess.run(
        [sys.executable, "-c", _BUGGY_RUN, str(dump), "-j", "2", "-q", "-o", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    bugs = [r for r in records if "boom" in r.get("error", "")]
    assert len(records) == 100
    assert bugs and all("Josh Earnest" in texts()[r["id"] % len(texts())] for r in bugs)
    assert sum("summary" in r for r in records) == 100 - len(bugs) - 2


def wait_for_lines(path, count: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if path.exists() and path.read_bytes().count(b"\n") >= count:
            return
        time.sleep(0.05)
    raise AssertionError("the run ended (or stalled) before it could be interrupted")


@pytest.mark.parametrize(("stop", "jobs"), [(signal.SIGINT, "1"), (signal.SIGTERM, "2")])
def test_a_stopped_run_keeps_its_work_and_resumes_to_the_same_bytes(tmp_path, big, stop, jobs):
    dump, reference = big
    out = tmp_path / "out.jsonl"
    part = tmp_path / "out.jsonl.part"
    env = {k: v for k, v in os.environ.items() if k != "ABREGE_DEBUG"}
    argv = [sys.executable, "-m", "abrege", "-m", "lead", "-q", "-j", jobs, str(dump)]
    process = subprocess.Popen(
        [*argv, "-o", str(out)],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        # A test run from a background job would pass SIGINT on ignored; Ctrl-C is tested.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    wait_for_lines(part, 100, process)
    process.send_signal(stop)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert not out.exists()
    done = part.read_bytes().count(b"\n")
    assert 100 <= done < 6000
    assert reference.startswith(part.read_bytes())
    last = err.splitlines()[-1]
    assert (
        last == f"abrege: interrupted: {done} done, kept in {part}; rerun with --resume to finish"
    )

    again = abrege("-m", "lead", "-q", "-j", jobs, dump, "-o", out)
    assert again.returncode == 2 and "add --resume" in again.stderr
    resumed = abrege("-m", "lead", "-q", "-j", jobs, dump, "-o", out, "--resume")
    assert resumed.returncode == 1
    assert out.read_bytes() == reference
    assert not part.exists()
    # Only the records after the interruption were summarised again: their failures only.
    assert resumed.stderr.count("is not a string") == len(
        [n for n in range(done, 6000) if n % 50 == 49]
    )


def test_after_kill_9_the_workers_leave_and_resume_finishes(tmp_path, big):
    dump, reference = big
    out = tmp_path / "out.jsonl"
    env = {k: v for k, v in os.environ.items() if k != "ABREGE_DEBUG"}
    argv = [
        sys.executable,
        "-m",
        "abrege",
        "-m",
        "lead",
        "-q",
        "-j",
        "2",
        str(dump),
        "-o",
        str(out),
    ]
    process = subprocess.Popen(argv, stderr=subprocess.PIPE, env=env)
    wait_for_lines(tmp_path / "out.jsonl.part", 100, process)
    process.kill()
    # stderr reaches its end only when no process holds it: the workers have left too.
    process.communicate(timeout=15)
    resumed = abrege("-m", "lead", "-q", "-j", "2", dump, "-o", out, "--resume")
    assert resumed.returncode == 1
    assert out.read_bytes() == reference


def test_resume_repairs_a_line_torn_by_kill_9(tmp_path, big):
    dump, reference = big
    out = tmp_path / "out.jsonl"
    lines = reference.splitlines(keepends=True)
    torn = b"".join(lines[:1234]) + lines[1234][:40]
    (tmp_path / "out.jsonl.part").write_bytes(torn)
    result = abrege("-m", "lead", "-q", dump, "-o", out, "--resume")
    assert result.returncode == 1
    assert out.read_bytes() == reference


def test_resume_refuses_the_part_of_another_input(tmp_path, big):
    dump, reference = big
    other = tmp_path / "other.jsonl"
    other.write_bytes(dump.read_bytes())
    out = tmp_path / "out.jsonl"
    (tmp_path / "out.jsonl.part").write_bytes(b"".join(reference.splitlines(True)[:10]))
    result = abrege("-m", "lead", other, "-o", out, "--resume")
    assert result.returncode == 2
    assert result.stderr == (
        f"abrege: {out}.part: line 1 is {dump}:1 but the input has {other}:1 there: "
        "not a run of this input; remove the file to start over\n"
    )
    assert not out.exists()


def test_resume_needs_json_lines_output_and_a_file(capsys, tmp_path):
    code = cli.main([str(SEEDS[0]), "-o", str(tmp_path / "out.txt"), "--resume"])
    assert code == 2
    assert capsys.readouterr().err == "abrege: --resume needs JSON Lines output (-f jsonl)\n"
    assert cli.main([str(SEEDS[0]), "--resume"]) == 2
    assert "give -o FILE" in capsys.readouterr().err


def test_resume_without_a_part_runs_from_the_start(tmp_path):
    dump = tmp_path / "dump.jsonl"
    write_dump(dump, 60)
    plain, resumed = tmp_path / "plain.jsonl", tmp_path / "resumed.jsonl"
    assert cli.main([str(dump), "-q", "-o", str(plain)]) == 1
    assert cli.main([str(dump), "-q", "-o", str(resumed), "--resume"]) == 1
    assert plain.read_bytes() == resumed.read_bytes()


@pytest.mark.parametrize(("suffix", "opener"), [(".gz", gzip), (".bz2", bz2), (".xz", lzma)])
def test_compressed_dumps_stream(tmp_path, suffix, opener):
    # A random field per record keeps even xz above the limit: the limit is per record.
    lines = [line[:-1] + f', "nonce": "{os.urandom(32).hex()}"}}' for line in dump_lines(60)]
    data = "".join(line + "\n" for line in lines).encode()
    plain = tmp_path / "plain" / "dump.jsonl"
    packed = tmp_path / "packed" / f"dump.jsonl{suffix}"
    plain.parent.mkdir()
    packed.parent.mkdir()
    plain.write_bytes(data)
    packed.write_bytes(opener.compress(data))
    # Folders pick compressed dumps up; the size limit is per record, not per file.
    assert len(packed.read_bytes()) > 5000 > max(map(len, lines))
    outputs = [abrege("--max-bytes", "5k", path.parent).stdout for path in (plain, packed)]
    assert outputs[0].count("\n") == 60
    assert outputs[1] == outputs[0].replace(str(plain), str(packed))


def test_a_truncated_gzip_dump_keeps_the_records_before_the_break(tmp_path):
    data = gzip.compress("".join(line + "\n" for line in dump_lines(40)).encode())
    path = tmp_path / "dump.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    result = abrege(path)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 1
    assert records[0]["id"] == 0 and "summary" in records[0]
    assert records[-1] == {
        "source": str(path),
        "line": None,
        "id": None,
        "error": records[-1]["error"],
    }
    assert records[-1]["error"].startswith("bad gzip data (")
    assert result.stderr.splitlines()[-1] == f"abrege: {path}: {records[-1]['error']}"


def test_the_title_field_reaches_the_ranker(tmp_path):
    """Compared on the scores, not only the text: a title moves the scores even where it does
    not change which sentences win."""
    text = SEED_004.read_text("utf-8")

    def scored(summary) -> list[tuple[int, float]]:
        return [(s.index, round(s.score, 12)) for s in summary.sentences]

    def scored_record(line: str) -> list[tuple[int, float]]:
        return [(s["index"], round(s["score"], 12)) for s in json.loads(line)["sentences"]]

    with_title, without = scored(summarize(text, title=TITLE_004)), scored(summarize(text))
    assert with_title != without
    dump = tmp_path / "dump.jsonl"
    rows = [
        {"id": 1, "text": text, "title": TITLE_004},
        {"id": 2, "text": text, "title": ""},
        {"id": 3, "text": text},
        {"id": 4, "text": text, "headline": TITLE_004},
    ]
    dump.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    default = [scored_record(line) for line in abrege(dump).stdout.splitlines()]
    assert default == [with_title, without, without, without]
    named = [
        scored_record(line)
        for line in abrege("--title-field", "headline", dump).stdout.splitlines()
    ]
    assert named == [without, without, without, with_title]


def test_an_oversized_line_is_skipped_and_its_neighbours_summarised(tmp_path):
    dump = tmp_path / "dump.jsonl"
    huge = json.dumps({"id": "huge", "text": "Une phrase. " * 250_000})  # 3 MB
    good = [json.dumps({"id": i, "text": t}) for i, t in enumerate(texts()[:2])]
    dump.write_text(f"{good[0]}\n{huge}\n{good[1]}\n", "utf-8")
    result = abrege("--max-bytes", "1MB", dump)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 1
    assert [r.get("id") for r in records] == [0, None, 1]
    assert records[1] == {
        "source": str(dump),
        "line": 2,
        "id": None,
        "error": "too large (3.0 MB, limit 1.0 MB; see --max-bytes)",
    }
    assert result.stderr == f"abrege: {dump}:2: {records[1]['error']}\n"
    assert records[2]["line"] == 3 and "summary" in records[2]


class HugeLineStream(io.RawIOBase):
    """A line of ``size`` bytes between two short ones, made on the fly (the test itself never
    holds it); remembers the largest read the reader asked for."""

    def __init__(self, size: int) -> None:
        head, tail = b"court 1\n", b"\ncourt 2\n"
        self.segments = [(0, head), (len(head), size), (len(head) + size, tail)]
        self.total = len(head) + size + len(tail)
        self.position = self.largest = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        self.largest = max(self.largest, len(buffer))
        start = self.position
        stop = min(self.total, start + len(buffer))
        pieces = []
        for offset, data in self.segments:
            length = data if isinstance(data, int) else len(data)
            a, b = max(start, offset), min(stop, offset + length)
            if a < b:
                pieces.append(
                    b"x" * (b - a) if isinstance(data, int) else data[a - offset : b - offset]
                )
        chunk = b"".join(pieces)
        buffer[: len(chunk)] = chunk
        self.position = stop
        return len(chunk)


def test_the_line_reader_never_holds_an_oversized_line():
    limit, chunk = 1_000_000, 1 << 16
    raw = HugeLineStream(50_000_000)
    stream = io.BufferedReader(raw, buffer_size=chunk)
    tracemalloc.start()
    try:
        lines = list(bounded_lines(stream, limit, chunk))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert lines == [b"court 1\n", Oversized(50_000_000), b"court 2\n"]
    # readline joins the pieces of a line up to the limit, so it briefly holds twice that:
    # bounded by the limit, whatever the length of the line (50 times the limit here).
    assert peak < 2 * limit + 4 * chunk
    assert raw.largest <= limit + 1 + chunk


def test_every_non_blank_line_gives_one_output_line(tmp_path):
    dump = tmp_path / "dump.jsonl"
    lines = [
        json.dumps({"id": "a", "text": texts()[0]}),
        "",
        "   \t",
        "{not json",
        "[1, 2]",
        json.dumps({"id": "b"}),
        json.dumps({"id": "c", "text": ""}),
        "",
        json.dumps({"id": "d", "text": texts()[1]}),
    ]
    dump.write_text("\n".join(lines), "utf-8")  # the last line has no newline
    records = [json.loads(line) for line in abrege(dump).stdout.splitlines()]
    assert [r["line"] for r in records] == [1, 4, 5, 6, 7, 9]
    assert [("summary" in r) for r in records] == [True, False, False, False, False, True]


def test_progress_is_shown_when_asked_and_silenced_by_quiet(tmp_path):
    dump = tmp_path / "dump.jsonl"
    write_dump(dump, 120)
    shown = abrege("--progress", "-m", "lead", dump, "-o", tmp_path / "a.jsonl")
    lines = shown.stderr.replace("\r", "\n").splitlines()
    assert any("120/120" in line for line in lines)
    assert lines[-1].startswith("118 summarised, 2 failed in ") and lines[-1].endswith(" s")
    quiet = abrege("--quiet", "-m", "lead", dump, "-o", tmp_path / "b.jsonl")
    plain = abrege("-m", "lead", dump, "-o", tmp_path / "c.jsonl")  # stderr is not a terminal
    expected = "".join(
        f"abrege: {dump}:{n} (id {n - 1}): field 'text' is not a string\n" for n in (50, 100)
    )
    assert quiet.stderr == plain.stderr == expected


def test_progress_counts_a_compressed_dump_without_a_total(tmp_path):
    dump = tmp_path / "dump.jsonl.gz"
    dump.write_bytes(gzip.compress("".join(x + "\n" for x in dump_lines(30)).encode()))
    result = abrege("--progress", "-m", "lead", dump, "-o", tmp_path / "out.jsonl")
    assert "30 art" in result.stderr.replace("\r", "\n")
    assert result.stderr.splitlines()[-1].startswith("30 summarised, 0 failed in ")


def test_every_core_only_for_a_large_input(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "available_cores", lambda: 4)
    small, large, packed = tmp_path / "s.jsonl", tmp_path / "l.jsonl", tmp_path / "p.jsonl.gz"
    write_dump(small, 20)
    write_dump(large, 400)
    packed.write_bytes(os.urandom(250_000))  # only its size is looked at: ~750 kB of records
    assert batch.auto_jobs([str(small)]) == 1
    assert batch.auto_jobs([str(large)]) == 4
    assert batch.auto_jobs([str(packed)]) == 4
    assert batch.auto_jobs([str(SEEDS[0])] * 10) == 1
    assert batch.auto_jobs([str(SEEDS[0])] * 300) == 4
    assert batch.auto_jobs(["-"]) == 1


def test_a_batch_summarises_with_one_blas_thread(monkeypatch):
    """Spinning OpenBLAS threads cost 15-20% CPU per article: a batch runs one per process."""
    from threadpoolctl import threadpool_info

    seen = []

    def recording(item, job):
        seen.append({i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"})
        return "done"

    monkeypatch.setattr(batch, "process", recording)
    assert list(batch.run(["a", "b"], job=None, jobs=1)) == ["done", "done"]  # type: ignore[arg-type]
    assert seen == [{1}, {1}]
