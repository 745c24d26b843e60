"""Tokenizer: French words and elisions, stop words, stems (and how PyStemmer's stems relate to
nltk's, which sumy uses by default)."""

from __future__ import annotations

import json
import random
import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import shared_file
from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.stem.snowball import SnowballStemmer

from abrege import split_sentences, tokenize
from abrege.tokenize import (
    ELISIONS,
    STOP_WORDS,
    content_terms,
    sentence_terms,
    stem,
    words,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("L’État qu’il gère", ["L", "État", "qu", "il", "gère"]),
        ("QU'IL", ["QU", "IL"]),
        ("d'aujourd'hui", ["d", "aujourd'hui"]),
        ("presqu'île et quelqu'un", ["presqu", "île", "et", "quelqu", "un"]),
        ("s'l'homme", ["s", "l", "homme"]),  # elisions chain
        ("aujourd'l'x", ["aujourd'l'x"]),  # not at a word start: no elision
        ("la'x", ["la'x"]),
        ("3l'homme", ["l", "homme"]),  # a digit is not part of a word
        ("'l'homme'", ["l", "homme"]),
        ("l' homme, l'", ["l", "homme", "l"]),
        ("Covid-19 en 2020", ["Covid", "en"]),
        ("ſ'x", ["ſ'x"]),  # no Unicode case-folding look-alike counts as an elision
    ],
)
def test_words_split_french_elisions(text, expected):
    assert words(text) == expected


def words_by_rule(text: str) -> list[str]:
    """The rule ``words`` implements in one regex, spelled out: runs of letters joined by
    apostrophes, then elided prefixes peeled off one by one."""
    out = []
    for token in re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)*", text):
        parts = re.split(r"['’]", token)
        while len(parts) > 1 and parts[0].lower() in ELISIONS:
            out.append(parts.pop(0))
        out.append("'".join(parts))
    return out


PIECES = st.sampled_from(
    [*ELISIONS, "QU", "L", "Jusqu", "homme", "État", "aujourd", "hui", "île", "ſ", "İ", "ß"]
    + ["'", "’", " ", "-", "3", "_", ".", "«", "\n"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=14).map("".join))
def test_words_follow_the_elision_rule(text):
    assert words(text) == words_by_rule(text)


def test_words_returns_a_fresh_list_each_time():
    first = words("Le chat dort.")
    first.append("intrus")
    assert words("Le chat dort.") == ["Le", "chat", "dort"]


def test_content_terms_lowercase_drop_stop_words_stem_and_keep_repeats():
    terms = content_terms("Les Chats et les chats de l'Élysée mangeaient.")
    assert terms == [stem("chats"), stem("chats"), stem("élysée"), stem("mangeaient")]
    assert stem("chats") == "chat"
    assert not set(terms) & STOP_WORDS


def test_content_terms_of_a_sentence_of_stop_words_is_empty():
    assert content_terms("Il en est de même pour elle.") == []


# PyStemmer 3 implements Snowball's current French algorithm; nltk's FrenchStemmer is the older
# one. They differ only where Snowball's French rules were revised (these classes), which the
# test below checks word by word on the validation articles.
REVISED_RULES = {
    "ï/ë inside a word (héroïque, Noëlle)": re.compile(r".*[ïë]"),
    "-aise(s) adjectives (française, japonaises)": re.compile(r".*aises?$"),
    "-oux plurals (genoux, époux)": re.compile(r".*oux$"),
    "-ais words (palais, mauvais, Calais)": re.compile(r".*ais$"),
    "the verb nier (nie, niait, niés)": re.compile(r"ni[eéa]"),
}


def test_pystemmer_equals_nltk_except_where_snowball_was_revised():
    path = shared_file("orangesum/valid.jsonl")
    vocabulary = set()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            vocabulary.update(w.lower() for w in words(json.loads(line)["article"]))
    reference = SnowballStemmer("french")
    differing = sorted(w for w in vocabulary if stem(w) != reference.stem(w))
    unexplained = [
        (w, stem(w), reference.stem(w))
        for w in differing
        if not any(rule.match(w) for rule in REVISED_RULES.values())
    ]
    assert not unexplained, f"stems differ outside the revised Snowball rules: {unexplained[:20]}"


def terms_by_rule(text: str) -> list[str]:
    """content_terms spelled out word by word: lowercase, drop stop words, stem."""
    lows = (word.lower() for word in words(text))
    return [stem(low) for low in lows if low not in STOP_WORDS]


TERM_PIECES = st.sampled_from(
    ["l'", "L’", "qu'", "aujourd'hui", "Homme", "homme", "les", "États", "mangeaient", "ſ'x"]
    + ["'", " ", "\x00", "3", ".", "\n", "presqu", "île", "l"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(TERM_PIECES, max_size=10).map("".join), max_size=5))
def test_terms_of_several_texts_at_once_are_each_texts_terms(texts):
    # One scan of the joined texts (letter runs looked up, "\x00" between texts) must give
    # what each text's words give one by one, whatever the texts hold.
    assert sentence_terms(texts) == [terms_by_rule(text) for text in texts]
    assert [content_terms(text) for text in texts] == [terms_by_rule(text) for text in texts]


def test_terms_of_validation_articles_are_the_word_by_word_terms():
    with shared_file("orangesum/valid.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            texts = [s.text for s in split_sentences(json.loads(line)["article"])]
            assert sentence_terms(texts) == [terms_by_rule(text) for text in texts]


def test_terms_stay_right_when_the_caches_overflow(monkeypatch):
    # A text mixing known and new words, caches full: what is known must not be lost.
    monkeypatch.setattr(tokenize._Memo, "MAX_SIZE", 6)
    texts = ["L'État gère les chats."]
    for more in ["Les chats de l'Élysée mangeaient.", "Les chiens dorment aujourd'hui.", "État"]:
        texts.append(more)
        assert sentence_terms(texts) == [terms_by_rule(text) for text in texts]


def test_threads_share_the_caches_safely(monkeypatch):
    """Eight threads at once on texts of made-up words (no text's words are another's), with
    caches that start empty and are small enough to be cleared on almost every call: each
    thread must still get the terms a lone call gives. Each thread pauses right after learning
    its new words (the window in which, without the lock, another thread clears the cache
    before the words are read back: a KeyError or wrong terms, every time)."""
    rng = random.Random(0)
    letters = "abcdefghijklmnopqrstuvwxyz"
    texts = [
        [" ".join("".join(rng.choices(letters, k=8)) for _ in range(10)) + "." for _ in range(3)]
        for _ in range(300)
    ]
    expected = [tokenize.sentence_terms(t) for t in texts]
    learn = tokenize._learn

    def learn_then_pause(chunks: set[str]) -> None:
        learn(chunks)
        time.sleep(0.0002)  # lets the other threads run (the lock, if held, keeps them out)

    monkeypatch.setattr(tokenize, "_learn", learn_then_pause)
    monkeypatch.setattr(tokenize, "_TERMS", {})
    monkeypatch.setattr(tokenize, "_STEMS", tokenize._Memo(tokenize._STEMS.compute))
    monkeypatch.setattr(tokenize._Memo, "MAX_SIZE", 50)
    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(tokenize.sentence_terms, texts)) == expected
