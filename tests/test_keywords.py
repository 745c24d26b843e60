"""Keyphrases: French noun phrases as written, no stop word at an edge, one per set of stems,
offsets that slice back to the text, on the CLI's outputs too."""

from __future__ import annotations

import json

from conftest import SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from abrege import Keyphrase, cli, keywords
from abrege.keywords import KEPT_STOP_WORDS
from abrege.tokenize import STOP_WORDS, content_terms, words

SEED_000 = SEEDS[0].read_text(encoding="utf-8")
SEED_TEXTS = [path.read_text(encoding="utf-8") for path in SEEDS]


def test_multi_word_french_phrases_on_seed_000():
    found = [k.text for k in keywords(SEED_000)]
    assert any(text.startswith("ministres de la Défense") for text in found), found
    assert "Ashton Carter" in found


def test_best_first_with_scores_and_n_respected():
    for n in (1, 3, 7):
        found = keywords(SEED_000, n=n)
        assert len(found) == n
        assert all(isinstance(k, Keyphrase) for k in found)
        assert [k.score for k in found] == sorted((k.score for k in found), reverse=True)
    assert keywords(SEED_000, n=0) == []


def test_no_stop_word_at_either_edge_and_no_elision_kept():
    stop = STOP_WORDS - KEPT_STOP_WORDS  # "état", a form of "être" in the list, is the State
    assert len(stop) > 200
    for text in SEED_TEXTS:
        for phrase in keywords(text, n=30):
            tokens = [w.lower() for w in words(phrase.text)]
            assert tokens[0] not in stop and tokens[-1] not in stop, phrase
            assert not phrase.text.lower().startswith(("l'", "d'", "l’", "d’")), phrase


def test_elision_peeled():
    text = (
        "Les alliés ont frappé l'Etat islamique. L'Etat islamique a reculé en Syrie. "
        "Les frappes contre l'Etat islamique ont repris."
    )
    found = [k.text for k in keywords(text)]
    assert "Etat islamique" in found


def test_spans_slice_back_to_occurrences_with_the_same_stems():
    for text in SEED_TEXTS:
        for phrase in keywords(text, n=20):
            assert phrase.spans
            stems = content_terms(phrase.text)
            for start, end in phrase.spans:
                assert content_terms(text[start:end]) == stems
            assert any(text[s:e] == phrase.text for s, e in phrase.spans)


def test_no_two_phrases_with_the_same_stems():
    for text in SEED_TEXTS:
        stems = [frozenset(content_terms(k.text)) for k in keywords(text, n=50)]
        assert len(stems) == len(set(stems))


def test_title_draws_its_phrases_up():
    plain = [k.text for k in keywords(SEED_000, n=20)]
    target = plain[-1]
    biased = [k.text for k in keywords(SEED_000, n=20, title=f"{target} : le point")]
    assert biased.index(target) < plain.index(target)


_WORDS = st.sampled_from(
    "le la de du des l' d' l’ Etat État ministre ministres Défense Syrie al-Assad a-t-il "
    "aujourd'hui 2014 , . ; « » ( ) - ' é ça qu' Ashton Carter x".split()
    + [" ", "\n"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_WORDS, max_size=60).map(" ".join), st.integers(1, 12))
def test_random_text_never_crashes_and_spans_are_valid(text, n):
    found = keywords(text, n=n)
    assert len(found) <= n
    for phrase in found:
        assert phrase.text.strip() == phrase.text and phrase.text
        for start, end in phrase.spans:
            assert 0 <= start < end <= len(text)
            piece = text[start:end]
            assert piece[0].isalnum() and piece[-1].isalnum()


def test_cli_outputs_carry_keywords(capsys):
    assert cli.main(["--keywords", "4", "-f", "json", str(SEEDS[0])]) == 0
    record = json.loads(capsys.readouterr().out)[0]
    assert len(record["keywords"]) == 4
    for phrase in record["keywords"]:
        assert set(phrase) == {"text", "score", "spans"}
        assert any(SEED_000[s:e] == phrase["text"] for s, e in phrase["spans"])

    assert cli.main(["--keywords", "3", "-f", "jsonl", str(SEEDS[0])]) == 0
    assert len(json.loads(capsys.readouterr().out)["keywords"]) == 3

    assert cli.main(["-f", "json", str(SEEDS[0])]) == 0
    assert "keywords" not in json.loads(capsys.readouterr().out)[0]


def test_text_and_markdown_have_one_keyword_line(capsys):
    expected = ", ".join(k.text for k in keywords(SEED_000, n=5))
    assert cli.main(["--keywords", "5", str(SEEDS[0])]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line for line in lines if line.startswith("Mots-clés")] == [f"Mots-clés : {expected}"]
    assert cli.main(["--keywords", "5", "-f", "markdown", str(SEEDS[0])]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == f"*Mots-clés :* {expected}"
    assert cli.main([str(SEEDS[0])]) == 0
    assert "Mots-clés" not in capsys.readouterr().out
