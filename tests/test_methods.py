"""One registry of methods (abrege.methods): the pipeline, the command line, ``abrege evaluate``
and the sumy bridge all take their methods, scorers and default lengths from it, so changing an
entry there changes what every one of them does."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest
from conftest import SEEDS

from abrege import cli, evaluate, methods, summarize
from abrege.errors import AbregeError
from abrege.prepare import prepare
from abrege.sumy_bridge import _RATINGS, SUMMARIZERS, sumy_scores, sumy_summarizer

SEED = SEEDS[0]
TEXT = SEED.read_text("utf-8")


@pytest.fixture
def last_first(monkeypatch):
    """The registry's "lead" replaced by its mirror image: last sentences first, one sentence
    by default. Whoever dispatches through the registry sees it; a copy of the old dispatch
    would not."""
    mirror = dataclasses.replace(
        methods.REGISTRY["lead"],
        scorer=lambda prepared, title: np.arange(len(prepared.sentences), dtype=np.float64),
        default_length=lambda: methods.Length(sentences=1),
    )
    monkeypatch.setitem(methods.REGISTRY, "lead", mirror)
    kept = prepare(TEXT).sentences
    return [s.index for s in kept[-2:]], kept[-1].index


def test_pipeline_takes_scorer_and_default_length_from_the_registry(last_first):
    last_two, last = last_first
    assert [s.index for s in summarize(TEXT, sentences=2, method="lead").sentences] == last_two
    assert [s.index for s in summarize(TEXT, method="lead").sentences] == [last]


def test_cli_takes_scorer_and_default_length_from_the_registry(last_first, capsys):
    last_two, last = last_first
    assert cli.main(["-m", "lead", "-n", "2", "-f", "json", str(SEED)]) == 0
    [record] = json.loads(capsys.readouterr().out)
    assert [s["index"] for s in record["sentences"]] == last_two
    assert cli.main(["-m", "lead", "-f", "json", str(SEED)]) == 0
    [record] = json.loads(capsys.readouterr().out)
    assert [s["index"] for s in record["sentences"]] == [last]


def test_evaluate_takes_its_methods_from_the_registry(last_first):
    last_two, last = last_first
    kept = {s.index: s.text for s in prepare(TEXT).sentences}
    example = evaluate.Example(TEXT, "référence")
    assert evaluate.summarizer("lead", sentences=2)(example) == [kept[i] for i in last_two]
    assert evaluate.summarizer("lead")(example) == [kept[last]]


def test_cli_offers_exactly_the_registrys_methods():
    [action] = [a for a in cli.build_parser()._actions if "--method" in a.option_strings]
    assert tuple(action.choices) == methods.NAMES
    assert action.default == methods.DEFAULT_METHOD


def test_evaluate_compares_exactly_the_registrys_methods_and_its_baselines():
    for name in methods.NAMES:
        evaluate.summarizer(name)
    for baseline in ("lead-1", "lead-3", "oracle"):
        evaluate.summarizer(baseline)
    for unknown in ("pagerank", "lead-0", "default"):
        with pytest.raises(AbregeError, match="unknown method"):
            evaluate.summarizer(unknown)


def test_sumy_bridge_and_registry_name_the_same_sumy_methods():
    ours = {"news", "lead", "textrank"}  # textrank is ours, bit for bit sumy's
    assert set(methods.NAMES) - ours == set(SUMMARIZERS) - ours
    assert set(SUMMARIZERS) <= set(methods.NAMES) and set(SUMMARIZERS) == set(_RATINGS)
    for name in SUMMARIZERS:
        assert callable(sumy_summarizer(name))


@pytest.mark.parametrize("name", sorted(set(SUMMARIZERS) - {"textrank"}))
def test_registry_scores_sumy_methods_through_the_bridge(name):
    prepared = prepare(TEXT)
    scores = methods.get(name).scorer(prepared, None)
    np.testing.assert_array_equal(scores, sumy_scores(name, prepared.texts))
