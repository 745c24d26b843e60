"""The command line on the seeds: what a user types first."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import REPO, SEEDS

from abrege import METHODS, rank_news, summarize
from abrege.methods import DEFAULT_METHOD, get

SEED_DIR = REPO / "seeds"


def abrege(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "abrege", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=120,
    )


def test_text_output_is_each_sources_default_summary_under_its_name():
    result = abrege(str(SEED_DIR))
    assert result.returncode == 0, result.stderr
    blocks = result.stdout.split("\n\n")
    assert len(blocks) == len(SEEDS)
    budget = rank_news.default_budget()
    for block, path in zip(blocks, SEEDS, strict=True):
        header, summary = block.rstrip("\n").split("\n")
        assert header == f"==> {path} <=="
        expected = summarize(path.read_text(encoding="utf-8"))
        assert summary == expected.text
        assert 1 <= len(expected.sentences) <= budget["sentences"]


def test_json_offsets_slice_back_to_each_sentence():
    result = abrege("--format", "json", str(SEED_DIR))
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert len(items) == len(SEEDS)
    for item in items:
        text = Path(item["source"]).read_text(encoding="utf-8")
        assert 1 <= len(item["sentences"]) <= 3
        texts = [s["text"] for s in item["sentences"]]
        assert len(set(texts)) == len(texts)
        for s in item["sentences"]:
            assert text[s["start"] : s["end"]] == s["text"]
            assert isinstance(s["index"], int) and isinstance(s["score"], float)
        assert item["summary"] == " ".join(texts)


def test_stdin_single_article_has_no_header():
    text = SEEDS[0].read_text(encoding="utf-8")
    result = abrege("-n", "1", "-", stdin=text)
    assert result.returncode == 0, result.stderr
    assert "==>" not in result.stdout
    assert result.stdout.strip() in text


def test_markdown_lists_sentences():
    result = abrege("--format", "markdown", "-n", "2", str(SEEDS[0]))
    lines = [line for line in result.stdout.splitlines() if line]
    assert len(lines) == 2 and all(line.startswith("- ") for line in lines)


def test_bad_inputs_fail_one_line_each_and_the_batch_goes_on(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    no_txt = tmp_path / "no_txt"
    no_txt.mkdir()
    (no_txt / "notes.md").write_text("rien")
    missing = tmp_path / "missing.txt"
    result = abrege(str(missing), str(SEEDS[0]), str(empty), str(no_txt), str(SEEDS[1]))
    assert result.returncode == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 3, result.stderr
    assert all(line.startswith("abrege: ") for line in errors)
    assert "Traceback" not in result.stderr
    for path in SEEDS:
        assert f"==> {path} <==" in result.stdout


def test_usage_errors_exit_2():
    assert abrege("-n", "0", str(SEEDS[0])).returncode == 2
    assert abrege("--format", "yaml", str(SEEDS[0])).returncode == 2


def test_help_has_examples_every_method_and_the_default_length():
    result = abrege("--help")
    assert result.returncode == 0
    assert "\nexamples:\n  abrege article.txt" in result.stdout
    flat = " ".join(result.stdout.split())
    assert f"ranking method: {', '.join(METHODS)} (default: {DEFAULT_METHOD})" in flat
    assert f"default: {get(DEFAULT_METHOD).default_length().describe()} for" in flat
