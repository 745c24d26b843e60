"""sumy offline in French: the tokenizer its parsers accept, its summarisers through abrege's
``--method``, and TextRank parity (abrege chooses the sentences sumy chooses).

Deliberate difference: abrege ranks each distinct sentence once and drops sentences without a
word (clean.py); sumy keeps them. Parity is checked on what both rank: sumy's sentences passed
through the same clean step (the document is used as sumy parsed it whenever nothing is dropped,
which is most of the 1,500 validation articles).
"""

from __future__ import annotations

import json
import random

import pytest
from conftest import SEEDS, shared_file
from sumy.parsers.plaintext import PlaintextParser

from abrege import METHODS, SumyTokenizer, split_sentences, summarize, sumy_summarizer
from abrege.cli import main
from abrege.model import Sentence
from abrege.prepare import prepare
from abrege.sumy_bridge import SUMMARIZERS, sumy_document

CONTENT = (
    "gouvernement ministre réforme retraites syndicats grève manifestation Paris police "
    "élection président vote sondage économie croissance chômage entreprise salariés "
    "hôpital médecins vaccin épidémie école élèves enseignants climat énergie prix"
).split()
FUNCTION = "le la les un une des de du et à en pour sur avec dans il elle ils qui que a est".split()
ELIDED = ["l'État", "d'après", "qu'il", "l'hôpital", "aujourd'hui", "jusqu'à", "s'est"]


def generated_article(rng: random.Random) -> str:
    """A French-like article: paragraphs of sentences over a small vocabulary (so sentences
    link and scores come close), with repeats, word-less fragments and one-word sentences."""
    paragraphs = []
    seen: list[str] = []
    for _ in range(rng.randint(1, 5)):
        sentences = []
        for _ in range(rng.randint(1, 12)):
            roll = rng.random()
            if roll < 0.04:
                sentence = f"— {rng.randint(1, 99)} —"
            elif roll < 0.08:
                sentence = rng.choice(CONTENT).capitalize() + "."
            elif roll < 0.13 and seen:
                sentence = rng.choice(seen)
            else:
                pool = CONTENT * 2 + FUNCTION + ELIDED
                text = " ".join(rng.choices(pool, k=rng.randint(3, 18)))
                sentence = text[0].upper() + text[1:] + rng.choice(".!?")
            seen.append(sentence)
            sentences.append(sentence)
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs)


GENERATED = [generated_article(random.Random(seed)) for seed in range(120)]


def what_both_rank(article: str):
    """sumy's document of the article and the sentences abrege ranks, checked to be the same;
    the document is rebuilt from them only when the clean step dropped or trimmed something."""
    document = PlaintextParser.from_string(article, SumyTokenizer()).document
    parsed = [Sentence(i, str(s), 0, 0) for i, s in enumerate(document.sentences)]
    assert [s.text for s in parsed] == [s.text for s in split_sentences(article)]
    kept = prepare(article).texts  # what summarize ranks (short lines alone set aside too)
    return (document if kept == [s.text for s in parsed] else sumy_document(kept)), kept


def textrank_mismatches(articles: list[str]) -> list[tuple[int, int]]:
    textrank = sumy_summarizer("textrank")
    mismatches = []
    for number, article in enumerate(articles):
        document, _ = what_both_rank(article)
        for k in (1, 2, 3):
            theirs = [str(s) for s in textrank(document, k)]
            ours = [s.text for s in summarize(article, sentences=k, method="textrank").sentences]
            if ours != theirs:
                mismatches.append((number, k))
    return mismatches


def test_textrank_parity_on_generated_articles_and_seeds():
    seeds = [path.read_text(encoding="utf-8") for path in SEEDS]
    assert textrank_mismatches(GENERATED + seeds) == []


def test_textrank_parity_whatever_the_line_structure():
    """sumy's PlaintextParser joins the lines of a paragraph and sets ALL-CAPS lines apart as
    headings, so on such texts its sentences are not abrege's; given abrege's sentences
    (sumy_document), sumy chooses what abrege chooses."""
    textrank = sumy_summarizer("textrank")
    for seed, article in enumerate(GENERATED[:60]):
        rng = random.Random(seed)
        lines = article.replace(". ", ".\n").split("\n")
        text = "\n".join(line.upper() if rng.random() < 0.1 else line for line in lines)
        kept = prepare(text).texts
        for k in (1, 2, 3):
            theirs = [str(s) for s in textrank(sumy_document(kept), k)]
            assert [
                s.text for s in summarize(text, sentences=k, method="textrank").sentences
            ] == theirs


def test_textrank_parity_on_the_1500_validation_articles():
    path = shared_file("orangesum/valid.jsonl")
    with path.open(encoding="utf-8") as lines:
        articles = [json.loads(line)["article"] for line in lines]
    assert len(articles) == 1500
    mismatches = textrank_mismatches(articles)
    assert mismatches == [], f"{len(mismatches)} (article, k) differ, e.g. {mismatches[:10]}"


@pytest.mark.filterwarnings("ignore:Number of words")  # sumy LSA on short texts
@pytest.mark.filterwarnings("ignore:invalid value")  # sumy LexRank 0/0, see below
@pytest.mark.parametrize("method", SUMMARIZERS)
def test_sumy_methods_choose_what_sumy_chooses(method):
    summarizer = sumy_summarizer(method)
    for article in GENERATED[:40]:
        document, _ = what_both_rank(article)
        for k in (1, 3):
            theirs = [str(s) for s in summarizer(document, k)]
            ours = [s.text for s in summarize(article, sentences=k, method=method).sentences]
            assert ours == theirs


def test_lead_takes_the_first_sentences_that_abrege_ranks():
    for article in GENERATED[:20]:
        kept = prepare(article).sentences
        summary = summarize(article, sentences=2, method="lead")
        assert [s.index for s in summary.sentences] == [s.index for s in kept[:2]]


@pytest.mark.parametrize("method", METHODS)
def test_every_method_gives_the_same_shape(method):
    article = SEEDS[0].read_text(encoding="utf-8")
    summary = summarize(article, sentences=3, method=method)
    assert summary.method == method
    assert len(summary.sentences) == 3
    indices = [s.index for s in summary.sentences]
    assert indices == sorted(set(indices))
    for s in summary.sentences:
        assert article[s.start : s.end] == s.text
    # The scores rank the choice: one sentence is the best-scored of the three.
    [best] = summarize(article, sentences=1, method=method).sentences
    assert best.score == max(s.score for s in summary.sentences)
    assert best in summary.sentences
    assert set(summary.to_dict()) == {"summary", "method", "sentences"}
    # A word budget works for every method (abrege selects; sumy only rates).
    short = summarize(article, words=40, method=method)
    assert 1 <= len(short.sentences) <= 3


@pytest.mark.parametrize("method", METHODS)
def test_cli_accepts_every_method(method, capsys):
    assert main(["--method", method, "-n", "2", "--format", "json", str(SEEDS[0])]) == 0
    [result] = json.loads(capsys.readouterr().out)
    assert result["method"] == method and len(result["sentences"]) == 2
    expected = summarize(SEEDS[0].read_text(encoding="utf-8"), sentences=2, method=method)
    assert result["summary"] == expected.text


def test_sumy_tokenizer_gives_abreges_sentences_and_words():
    tokenizer = SumyTokenizer()
    text = "L'État a parlé. Aujourd'hui, rien !"
    assert tokenizer.to_sentences(text) == tuple(s.text for s in split_sentences(text))
    assert tokenizer.to_words("L'État a parlé.") == ("L", "État", "a", "parlé")


def test_sumy_summarizer_uses_french_stop_words_and_stems():
    summarizer = sumy_summarizer("textrank")
    assert "les" in summarizer.stop_words
    assert summarizer.stem_word("Chats") == "chat"
    with pytest.raises(ValueError, match="unknown sumy summarizer"):
        sumy_summarizer("edmundson")


def test_repeated_article_is_summarised_as_the_article_where_sumy_repeats_itself():
    """Seed 004 holds its text twice: sumy's own document then offers each sentence twice (and
    can return the same sentence twice); abrege ranks each once, offsets on the first copy."""
    article = SEEDS[1].read_text(encoding="utf-8")
    document = PlaintextParser.from_string(article, SumyTokenizer()).document
    texts = [str(s) for s in document.sentences]
    assert len(set(texts)) < len(texts)
    summary = summarize(article, sentences=3, method="textrank")
    first_copy = summarize(article[: article.index(texts[0], 1)], sentences=3, method="textrank")
    assert [s.text for s in summary.sentences] == [s.text for s in first_copy.sentences]
    assert len({s.text for s in summary.sentences}) == 3


def test_scores_stay_finite_where_sumy_rates_nan():
    # LexRank on two sentences without a shared term: every idf is log(2/2) = 0, sumy's power
    # method divides 0 by 0. abrege keeps sumy's choice (article order) with valid JSON scores.
    summary = summarize("Le chat dort. La pluie tombe.", sentences=1, method="lexrank")
    assert [s.index for s in summary.sentences] == [0]
    assert json.loads(json.dumps(summary.to_dict(), allow_nan=False))
