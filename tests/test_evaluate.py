"""``abrege evaluate``: ROUGE with French tokens, bootstrap statistics, the command."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys

import numpy as np
import pytest
from test_ranker import SENTENCES as RANKER_SENTENCES

from abrege import evaluate
from abrege.errors import AbregeError

ARTICLE = (
    "Le gouvernement a présenté mardi un plan d'économies de dix milliards d'euros. "
    "La météo sera ensoleillée sur la Bretagne pendant le week-end. "
    "Les syndicats dénoncent un plan qui frappe d'abord les hôpitaux publics. "
    "Le ministre répondra aux critiques jeudi devant l'Assemblée nationale."
)
REFERENCE = "Le gouvernement a présenté mardi un plan d'économies de dix milliards d'euros."


def test_tokenizer_keeps_accents_and_lowercases():
    assert evaluate.FrenchTokenizer().tokenize("L'Été à Noël, 2024 !") == [
        "l",
        "été",
        "à",
        "noël",
        "2024",
    ]


def test_rouge_on_a_hand_made_example():
    # 2 of 3 unigrams shared, 1 of 2 bigrams, LCS "le chat" of length 2.
    scores = evaluate.rouge(["le chat mange"], ["Le chat dort"])
    assert scores[0] == pytest.approx([2 / 3, 1 / 2, 2 / 3])


def test_accents_decide_matches():
    # rouge-score's default tokenizer would reduce both to "t" and call them equal.
    assert evaluate.rouge(["été"], ["ete"])[0, 0] == 0.0
    assert evaluate.rouge(["été"], ["Été"])[0, 0] == 1.0


def test_bootstrap_interval_contains_the_mean():
    scores = np.random.default_rng(1).random((200, 3))
    low, high = evaluate.bootstrap_interval(scores, samples=300)
    mean = scores.mean(axis=0)
    assert np.all(low < mean) and np.all(mean < high)
    assert np.all(high - low < 0.2)


def test_paired_bootstrap_tells_a_real_gain_from_none():
    rng = np.random.default_rng(2)
    base = rng.random((300, 3))
    assert np.all(evaluate.paired_bootstrap(base, base.copy(), samples=300) == 1.0)
    better = base + 0.05 + rng.normal(0, 0.01, base.shape)
    assert np.all(evaluate.paired_bootstrap(base, better, samples=300) < 0.01)
    noisy = base + rng.normal(0, 0.2, base.shape)
    assert np.all(evaluate.paired_bootstrap(base, noisy, samples=300) > 0.01)


def test_interval_is_95_percent_by_default():
    # The bootstrap interval of a mean of 2,000 values is close to the normal one, mean +- 1.96
    # standard errors; a 90% interval would be 16% narrower.
    scores = np.random.default_rng(0).random((2000, 3))
    low, high = evaluate.bootstrap_interval(scores)
    standard_error = scores.std(axis=0, ddof=1) / np.sqrt(len(scores))
    ratio = (high - low) / (2 * 1.959964 * standard_error)
    assert np.all((ratio > 0.92) & (ratio < 1.08)), ratio


def test_paired_p_value_is_two_sided():
    rng = np.random.default_rng(2)
    base = rng.random((400, 3))
    other = base + rng.normal(0.01, 0.1, base.shape)  # a small gain: p about 0.2, 0.8, 0.1
    p = evaluate.paired_bootstrap(base, other)
    # Which method is called the baseline does not matter to a two-sided test.
    np.testing.assert_allclose(evaluate.paired_bootstrap(other, base), p)
    assert np.all((p > 0.05) & (p < 0.95))
    # No difference at all (centred noise): half the resamples fall on each side, p near 1.
    noise = rng.normal(0, 0.1, base.shape)
    noise -= noise.mean(axis=0)
    assert np.all(evaluate.paired_bootstrap(base, base + noise) > 0.9)


def test_oracle_picks_the_sentence_that_matches_the_reference():
    assert evaluate.oracle_summary(ARTICLE, REFERENCE) == [ARTICLE.split(". ")[0] + "."]


def test_lead_k_takes_the_first_k_sentences():
    example = evaluate.Example(ARTICLE, REFERENCE)
    sentences = evaluate.summarizer("lead-2")(example)
    assert " ".join(sentences) == ARTICLE[: ARTICLE.index(" Les syndicats")]


def test_unknown_method_is_refused():
    with pytest.raises(AbregeError, match="unknown method"):
        evaluate.summarizer("lead-x")


def write_jsonl(path, rows):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", "utf-8")
    return path


def test_load_uses_the_named_fields_and_tolerates_missing_titles(tmp_path):
    data = write_jsonl(
        tmp_path / "d.jsonl",
        [
            {"text": ARTICLE, "summary": REFERENCE, "headline": "Plan"},
            {"text": "A.", "summary": "B"},
        ],
    )
    examples = evaluate.load(str(data), "text", "summary", "headline")
    assert examples == [
        evaluate.Example(ARTICLE, REFERENCE, "Plan"),
        evaluate.Example("A.", "B", None),
    ]
    with pytest.raises(AbregeError, match=r"d.jsonl:1: no text field 'article'"):
        evaluate.load(str(data))


def test_an_article_that_cannot_be_summarised_scores_zero_and_is_counted():
    examples = [evaluate.Example(ARTICLE, REFERENCE), evaluate.Example("...", REFERENCE)]
    result = evaluate.score("lead-1", evaluate.summarizer("lead-1"), examples, progress=False)
    assert result.failures == 1
    assert np.all(result.scores[1] == 0) and np.all(result.scores[0] > 0)


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "abrege", "evaluate", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def dataset(tmp_path):
    rows = [{"article": ARTICLE, "reference": REFERENCE, "title": "Un plan d'économies"}] * 5
    return write_jsonl(tmp_path / "valid.jsonl", rows)


def test_command_compares_methods_in_a_table(dataset):
    result = run(str(dataset), "--compare", "lead-1", "textrank", "oracle", "-q")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:4] == ["method", "ROUGE-1", "ROUGE-2", "ROUGE-L"]
    assert [line.split()[0] for line in lines[2:5]] == ["lead-1", "textrank", "oracle"]
    assert "5 articles" in result.stdout


def test_command_json_output_and_progress_on_stderr(dataset):
    result = run(str(dataset), "--compare", "lead-1", "lead-3", "--json")
    assert result.returncode == 0, result.stderr
    first, second = json.loads(result.stdout)
    assert first["method"] == "lead-1" and first["articles"] == 5
    assert first["rouge1"]["f1"] == 100.0  # the first sentence is the reference
    tokens = evaluate.FrenchTokenizer().tokenize
    assert (first["mean_words"], first["mean_sentences"]) == (len(tokens(REFERENCE)), 1)
    lead_3 = ARTICLE[: ARTICLE.index(" Le ministre")]
    assert (second["mean_words"], second["mean_sentences"]) == (len(tokens(lead_3)), 3)
    assert second["rouge1"]["f1"] < 100.0 and "p_vs_first" in second["rougeL"]
    assert "lead-1" in result.stderr  # the progress bar


def test_command_reports_bad_input_in_one_line(tmp_path):
    result = run(str(tmp_path / "missing.jsonl"))
    assert result.returncode == 2
    assert result.stderr.startswith("abrege evaluate: ") and result.stderr.count("\n") == 1


def test_main_help_mentions_evaluate():
    result = subprocess.run(
        [sys.executable, "-m", "abrege", "--help"], capture_output=True, text=True, timeout=60
    )
    assert "abrege evaluate" in result.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"[1]\n", r"x.jsonl:1: not a JSON object"),
        (b'{"article": "\xe9t\xe9", "reference": "r"}\n', r"x.jsonl: not UTF-8 text"),
    ],
)
def test_load_refuses_bad_files_in_one_line(tmp_path, content, message):
    path = tmp_path / "x.jsonl"
    path.write_bytes(content)
    with pytest.raises(AbregeError, match=message):
        evaluate.load(str(path))


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--samples", "0"], "argument --samples: must be at least 1"),
        (["--seed", "-1"], "argument --seed: must be at least 0"),
    ],
)
def test_impossible_bootstrap_options_are_usage_errors(dataset, capsys, option, message):
    with pytest.raises(SystemExit) as exit_:
        evaluate.main([str(dataset), "-q", *option])
    out, err = capsys.readouterr()
    assert (exit_.value.code, out) == (2, "")
    assert err.splitlines()[-1] == f"abrege evaluate: error: {message}"
    assert "Traceback" not in err


@pytest.mark.parametrize(("samples", "seed"), [(0, 0), (10, -1)])
def test_the_library_refuses_impossible_bootstrap_options_before_summarising(samples, seed):
    examples = [evaluate.Example(ARTICLE, REFERENCE)]
    with pytest.raises(AbregeError, match="bootstrap"):
        evaluate.evaluate(examples, ["lead-1"], progress=False, samples=samples, seed=seed)


def test_gzipped_data_limit_and_title_field(tmp_path, capsys):
    """A .gz file is read; --limit stops before the broken fourth line; --title-field names the
    field whose title the news ranker uses (here the title points at the reference sentence)."""
    article = " ".join(RANKER_SENTENCES)
    title = "Le club de football remporte son match de coupe"
    row = {"article": article, "reference": RANKER_SENTENCES[2], "headline": title}
    data = tmp_path / "valid.jsonl.gz"
    with gzip.open(data, "wt", encoding="utf-8") as handle:
        handle.write((json.dumps(row, ensure_ascii=False) + "\n") * 3 + '{"article": "x"}\n')

    def rouge_1(*options: str) -> float:
        code = evaluate.main([str(data), "-q", "--json", "--samples", "50", *options])
        out, err = capsys.readouterr()
        assert code == 0, err
        [result] = json.loads(out)
        assert result["articles"] == 3 and result["failures"] == 0
        return result["rouge1"]["f1"]

    with_title = rouge_1("--limit", "3", "--title-field", "headline")
    without_title = rouge_1("--limit", "3", "--title-field", "")
    assert with_title > without_title
    assert rouge_1("--limit", "3") == without_title  # the default field, "title", is absent
    assert evaluate.main([str(data), "-q"]) == 2  # without --limit the fourth line is read
    assert "valid.jsonl.gz:4: no text field 'reference'" in capsys.readouterr().err
