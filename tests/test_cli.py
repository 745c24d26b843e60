"""The command line: every input gives a summary or one line saying why not, and the batch goes
on. The expected outcome of each file of tests/fixtures/bad is the table below (also in
tests/fixtures/README.md)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest
from conftest import REPO
from test_ranker import ARTICLE as RANKER_ARTICLE

import abrege
from abrege import batch, cli, summarize
from abrege.pipeline import analyse
from abrege.read import item_articles
from abrege.tokenize import words

BAD = REPO / "tests" / "fixtures" / "bad"
SEED_000 = REPO / "seeds" / "000_cf5c31e41a64bb63.txt"

# file -> None (summarised, no message), "warning: ..." (summarised, one warning line) or the
# one-line reason of the failure. JSON Lines: line number -> the same.
EXPECTED = {
    "binary.txt": "binary file (contains NUL bytes)",
    "blank.txt": "empty article",
    "cp1252.txt": None,
    "empty.txt": "empty article",
    "english.txt": "warning: text does not look French (4% French stop words); summarised anyway",
    "javascript.txt": None,
    "latin1.txt": None,
    "mojibake.txt": None,
    "no_article.html": "no article found in the page (no text)",
    "no_sentence.txt": "no sentence found",
    "only_code.txt": "no sentence found",
    "page.html": None,
    "records.jsonl": {
        1: None,
        2: None,
        3: "invalid JSON (Unterminated string starting at: line 1 column 26 (char 25))",
        4: "no 'text' or 'article' field",
        5: "empty article",
        6: "field 'text' is not a string",
        7: "not a JSON object",
        8: None,
    },
    "utf16_bom.txt": None,
    "utf8_bom.txt": None,
}
IDS = {1: "a1", 2: 2, 4: "no-text", 5: "vide", 6: "nombre"}


@pytest.fixture(autouse=True)
def debug(monkeypatch):
    """Tests see bugs as tracebacks, never as a tidy 'internal error' line."""
    monkeypatch.setenv("ABREGE_DEBUG", "1")


def run(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def bad_files():
    return sorted(BAD.iterdir())


def test_fixture_table_covers_the_folder():
    assert sorted(p.name for p in bad_files()) == sorted(EXPECTED)


def test_bad_inputs_give_summaries_and_one_line_each(capsys):
    code, out, err = run(capsys, "--format", "json", *bad_files())
    assert code == 1
    records = json.loads(out)
    expected_lines = []
    expected_records = []
    for path in bad_files():
        outcome = EXPECTED[path.name]
        per_line = outcome if isinstance(outcome, dict) else {None: outcome}
        for line, result in per_line.items():
            name = str(path) + (f":{line}" if line else "")
            if line in IDS:
                name += f" (id {IDS[line]})"
            if result is not None:
                expected_lines.append(f"abrege: {name}: {result}")
            failed = result is not None and not result.startswith("warning:")
            expected_records.append((str(path), line, IDS.get(line), failed))
    assert err.splitlines() == expected_lines
    assert [(r["source"], r["line"], r["id"], "error" in r) for r in records] == expected_records
    for record in records:
        assert ("summary" in record) != ("error" in record)
        if "summary" in record:
            assert record["summary"] and record["sentences"]


def test_good_inputs_alone_exit_0(capsys):
    good = [p for p in bad_files() if EXPECTED[p.name] is None]
    code, out, err = run(capsys, *good)
    assert (code, err) == (0, "")
    assert out.count("==> ") == len(good)


def test_cp1252_and_utf8_twins_give_identical_summaries(capsys):
    outputs = [run(capsys, "--format", "json", path)[1] for path in (BAD / "cp1252.txt", SEED_000)]
    first, second = (json.loads(o)[0] for o in outputs)
    del first["source"], second["source"]
    assert first == second


def test_html_page_gives_the_summary_of_its_article_text(capsys):
    """A page is its article text with its headline as the title."""
    headline = "Syrie : les ministres de la Défense américain et russe se sont parlé"
    page = json.loads(run(capsys, "-f", "json", "-n", "4", BAD / "page.html")[1])[0]
    text = json.loads(run(capsys, "-f", "json", "-n", "4", "--title", headline, SEED_000)[1])[0]
    # The extractor turns no-break spaces into spaces; the sentences are the same.
    assert " ".join(page["summary"].split()) == " ".join(text["summary"].split())
    assert [s["index"] for s in page["sentences"]] == [s["index"] for s in text["sentences"]]


def test_jsonl_in_jsonl_out_keeps_ids_and_errors(capsys):
    code, out, err = run(capsys, BAD / "records.jsonl")
    assert code == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert [(r["line"], r["id"], "error" in r) for r in records] == [
        (1, "a1", False),
        (2, 2, False),
        (3, None, True),
        (4, "no-text", True),
        (5, "vide", True),
        (6, "nombre", True),
        (7, None, True),
        (8, None, False),
    ]
    assert records[0]["warnings"] == []
    assert len(err.splitlines()) == 5


def test_jsonl_as_text_names_each_record(capsys):
    code, out, _ = run(capsys, "-f", "text", BAD / "records.jsonl")
    assert code == 1
    assert out.count("==> ") == 3
    assert f"==> {BAD / 'records.jsonl'}:1 (id a1) <==" in out


def test_jsonl_from_stdin_with_custom_fields(capsys, monkeypatch):
    text = SEED_000.read_text("utf-8")
    data = json.dumps({"url": "https://exemple.fr/1", "body": text}) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    code, out, err = run(capsys, "--text-field", "body", "--id-field", "url", "-n", "2")
    [record] = [json.loads(line) for line in out.splitlines()]
    assert (code, err, record["id"], record["source"]) == (0, "", "https://exemple.fr/1", "-")
    assert record["summary"] == summarize(text, sentences=2).text


def test_offsets_point_into_the_ranked_text(capsys):
    code, out, _ = run(capsys, "-f", "json", BAD / "mojibake.txt", BAD / "javascript.txt")
    assert code == 0
    for record in json.loads(out):
        [article] = item_articles(record["source"])
        for sentence in record["sentences"]:
            assert article.text[sentence["start"] : sentence["end"]] == sentence["text"]
        assert "Ã" not in record["summary"] and "window." not in record["summary"]


def test_missing_file_and_too_large(capsys, tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"Une phrase de plus. " * 300)
    code, out, err = run(capsys, "--max-bytes", "5k", tmp_path / "absent.txt", big, SEED_000)
    assert code == 1
    assert err.splitlines() == [
        f"abrege: {tmp_path / 'absent.txt'}: no such file",
        f"abrege: {big}: too large (6000 bytes, limit 5000 bytes; see --max-bytes)",
    ]
    assert out.count("==> ") == 1


def test_default_size_limit_is_5_mb(capsys, tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 5_000_001)
    code, _, err = run(capsys, big)
    assert (code, err) == (1, f"abrege: {big}: too large (5.0 MB, limit 5.0 MB; see --max-bytes)\n")


@pytest.mark.parametrize(
    "argv", [["--max-bytes", "lots"], ["--max-bytes", "0"], ["-n", "0"], ["--format", "pdf"]]
)
def test_usage_errors_exit_2(capsys, argv):
    with pytest.raises(SystemExit) as exit_:
        cli.main([*argv, str(SEED_000)])
    assert exit_.value.code == 2


def test_output_file_is_complete(capsys, tmp_path):
    target = tmp_path / "out.json"
    code, out, _ = run(capsys, "-f", "json", "-o", target, SEED_000, BAD / "empty.txt")
    assert (code, out) == (1, "")
    assert len(json.loads(target.read_text("utf-8"))) == 2
    assert os.listdir(tmp_path) == ["out.json"]


def test_interrupted_run_leaves_the_old_output_and_keeps_the_finished_work(
    capsys, tmp_path, monkeypatch
):
    target = tmp_path / "out.txt"
    target.write_text("previous run\n", "utf-8")
    calls = []

    def interrupted(text, **options):
        calls.append(text)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return analyse(text, **options)

    monkeypatch.setattr(batch, "analyse", interrupted)
    code, _, err = run(capsys, "-o", target, SEED_000, BAD / "cp1252.txt")
    assert code == 130
    assert target.read_text("utf-8") == "previous run\n"
    assert sorted(os.listdir(tmp_path)) == ["out.txt", "out.txt.part"]
    seed = summarize(SEED_000.read_text("utf-8")).text
    assert (tmp_path / "out.txt.part").read_text("utf-8") == f"==> {SEED_000} <==\n{seed}\n"
    part = tmp_path / "out.txt.part"
    assert (
        err
        == f"abrege: interrupted: 1 done, kept in {part} (only JSON Lines output can be resumed)\n"
    )


def test_unwritable_output_is_a_usage_error(capsys, tmp_path):
    code, out, err = run(capsys, "-o", tmp_path / "no" / "such" / "dir.txt", SEED_000)
    assert (code, out) == (2, "")
    assert err.startswith(f"abrege: {tmp_path / 'no' / 'such' / 'dir.txt'}: cannot write")


def test_a_bug_on_one_article_costs_only_that_article(capsys, monkeypatch):
    monkeypatch.delenv("ABREGE_DEBUG")

    def buggy(text, **options):
        if "Josh Earnest" in text:
            raise RuntimeError("boom")
        return analyse(text, **options)

    monkeypatch.setattr(batch, "analyse", buggy)
    seed_004 = REPO / "seeds" / "004_da247ad0e8ec085c.txt"
    code, out, err = run(capsys, seed_004, SEED_000)
    assert code == 1
    assert err == f"abrege: {seed_004}: internal error (RuntimeError: boom); please report it\n"
    assert "==> " + str(SEED_000) in out


def test_debug_mode_shows_the_bug(capsys, monkeypatch):
    monkeypatch.setattr(batch, "analyse", lambda text, **options: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        cli.main([str(SEED_000)])


def test_warnings_are_in_json_and_on_stderr(capsys):
    code, out, err = run(capsys, "-f", "json", BAD / "english.txt")
    [record] = json.loads(out)
    assert code == 0
    assert record["warnings"] == [EXPECTED["english.txt"].removeprefix("warning: ")]
    assert err == f"abrege: {BAD / 'english.txt'}: {EXPECTED['english.txt']}\n"


def test_command_on_the_bad_folder_never_shows_a_traceback():
    """The real process, as a user runs it (also catches output flushing problems)."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    env.pop("ABREGE_DEBUG", None)
    result = subprocess.run(
        [sys.executable, "-m", "abrege.cli", *map(str, bad_files())],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert all(line.startswith("abrege: ") for line in result.stderr.splitlines())


def test_title_is_refused_for_json_lines(capsys):
    code, out, err = run(capsys, "--title", "Un titre", BAD / "records.jsonl")
    assert code == 2 and out == ""
    assert err.strip() == "abrege: --title is for one article, not a JSON Lines file"


SEED_004 = REPO / "seeds" / "004_da247ad0e8ec085c.txt"


def chosen(record: dict) -> list[int]:
    return [s["index"] for s in record["sentences"]]


def test_words_option_sets_the_word_budget(capsys):
    text = SEED_000.read_text("utf-8")
    code, out, _ = run(capsys, "-f", "json", "--words", "80", SEED_000)
    [record] = json.loads(out)
    expected = summarize(text, words=80)
    assert code == 0 and record["summary"] == expected.text
    assert chosen(record) != [s.index for s in summarize(text).sentences]  # not the default
    assert sum(len(words(s["text"])) for s in record["sentences"]) <= 80


def test_ratio_option_takes_a_share_of_the_kept_sentences(capsys):
    # Seed 004: 18 sentences, 9 once its repeated half is set aside; half of 9 is 5 (rounded up).
    code, out, _ = run(capsys, "-f", "json", "-m", "textrank", "--ratio", "0.5", SEED_004)
    [record] = json.loads(out)
    assert code == 0 and len(record["sentences"]) == 5
    text = SEED_004.read_text("utf-8")
    assert record["summary"] == summarize(text, ratio=0.5, method="textrank").text


def test_title_option_reaches_the_ranker_and_changes_the_choice(capsys, tmp_path):
    article = tmp_path / "rouen.txt"
    article.write_text(RANKER_ARTICLE, "utf-8")
    title = "Le club de football remporte son match de coupe"
    code, out, err = run(capsys, "-f", "json", "-n", "1", "--title", title, article)
    [titled] = json.loads(out)
    [plain] = json.loads(run(capsys, "-f", "json", "-n", "1", article)[1])
    assert (code, err) == (0, "")
    assert titled["summary"] == summarize(RANKER_ARTICLE, sentences=1, title=title).text
    assert chosen(titled) != chosen(plain)
    assert chosen(titled) == [3]  # the football sentence, which the title is about


def test_output_file_in_json_lines(capsys, tmp_path):
    target = tmp_path / "out.jsonl"
    code, out, _ = run(capsys, "-o", target, BAD / "records.jsonl")
    assert (code, out) == (1, "")
    # The file holds what standard output gets (JSON Lines, every record's id, errors kept).
    assert target.read_text("utf-8") == run(capsys, BAD / "records.jsonl")[1]
    assert os.listdir(tmp_path) == ["out.jsonl"]


def test_version_is_the_packages(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"abrege {abrege.__version__}\n"


def test_output_closed_early_is_not_an_error(tmp_path):
    """`abrege dump.jsonl | head -1`: the reader goes away after one line; the command stops
    quietly with status 0 (no traceback, no 'Exception ignored' from the final flush)."""
    text = SEED_000.read_text("utf-8")
    dump = tmp_path / "dump.jsonl"
    # Far more output than a pipe buffers, so the command is still writing when head leaves.
    dump.write_text(
        "".join(json.dumps({"id": i, "text": text}) + "\n" for i in range(400)), "utf-8"
    )
    env = {k: v for k, v in os.environ.items() if k != "ABREGE_DEBUG"}
    process = subprocess.Popen(
        [sys.executable, "-m", "abrege", str(dump)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdout is not None and process.stderr is not None
    first = json.loads(process.stdout.readline())
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 0, stderr
    assert first["id"] == 0
    assert stderr == ""


def test_markdown_names_each_source_above_its_sentences(capsys):
    code, out, _ = run(capsys, "-f", "markdown", "-n", "2", SEED_000, SEED_004)
    blocks = []
    for path in (SEED_000, SEED_004):
        summary = summarize(path.read_text("utf-8"), sentences=2)
        blocks.append(f"## {path}\n\n" + "".join(f"- {s.text}\n" for s in summary.sentences))
    assert code == 0
    assert out == "\n".join(blocks)
