"""The default "news" ranker: its features, the shipped model, and what users see."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from conftest import SEEDS

from abrege import rank_news, summarize, tokenize
from abrege.tokenize import words

SENTENCES = [
    "Un violent incendie a ravagé dans la nuit de lundi une usine chimique de Rouen.",
    "Les pompiers sont restés mobilisés pendant plus de dix heures.",
    "Le club de football de la ville a par ailleurs remporté son match de coupe samedi.",
    "« Nous avons eu très peur », raconte une habitante du quartier.",
    "La préfecture assure que la qualité de l'air ne présente pas de danger.",
]
ARTICLE = " ".join(SENTENCES)


def feature_rows(title: str = ""):
    terms = [tokenize.content_terms(s) for s in SENTENCES]
    return rank_news.features(SENTENCES, terms, tokenize.content_terms(title))


def column(name: str) -> int:
    return rank_news.FEATURES.index(name)


def test_features_describe_position_form_and_title():
    x = feature_rows("Rouen : le club de football remporte son match de coupe")
    assert x.shape == (5, len(rank_news.FEATURES))
    assert x[0, column("pos0")] == 1 and x[1, column("pos0")] == 0 and x[3, column("pos3")] == 1
    assert x[3, column("quote")] == 1 and x[0, column("quote")] == 0
    assert np.argmax(x[:, column("title_share")]) == 2
    assert np.all((x[:, column("centroid")] >= 0) & (x[:, column("centroid")] <= 1 + 1e-9))


# With SENTENCES, an article in which every feature takes at least two values: a question,
# a trailing colon, a very short and a very long sentence, digits, names, more than ten
# sentences; with SENTENCES alone, a second article of another length.
MORE = [
    "Faut-il craindre une nouvelle hausse des prix de l'énergie cet hiver ?",
    "Le ministre a détaillé trois mesures :",
    "Pas de panique.",
    "Selon les chiffres publiés mardi par l'Insee, les prix ont augmenté de 6,2 % sur un an en "
    "novembre, après 6,2 % en octobre, portés par l'alimentation et l'énergie, tandis que les "
    "services et les produits manufacturés progressent plus lentement, ce qui inquiète les "
    "associations de consommateurs comme les économistes de la Banque de France.",
    "Les boulangers de Lyon et de Marseille annoncent déjà des hausses.",
    "Le gouvernement promet un bouclier tarifaire prolongé jusqu'en juin.",
]
ARTICLES = [(MORE + SENTENCES, "Les prix de l'énergie"), (SENTENCES, "Incendie à Rouen")]


@pytest.mark.parametrize("name", rank_news.FEATURES)
def test_every_feature_is_computed_and_weighs_in_the_scores(name, monkeypatch):
    """A feature left at zero (a column the code forgot to fill) would be constant: each column
    takes several values on these articles, and zeroing it changes the scores."""
    j = column(name)
    rows = []
    for texts, title in ARTICLES:
        terms = [tokenize.content_terms(t) for t in texts]
        rows.append(rank_news.features(texts, terms, tokenize.content_terms(title)))
    values = np.concatenate([x[:, j] for x in rows])
    assert np.ptp(values) > 0, f"{name} is constant: {values}"
    texts, title = ARTICLES[0]
    terms = [tokenize.content_terms(t) for t in texts]
    scores = rank_news.news(terms, texts, title)
    compute = rank_news.features

    def without_the_column(*args):
        x = compute(*args)
        x[:, j] = 0.0
        return x

    monkeypatch.setattr(rank_news, "features", without_the_column)
    assert not np.allclose(rank_news.news(terms, texts, title), scores)


def test_without_a_title_the_title_features_are_zero():
    x = feature_rows()
    assert np.all(x[:, [column("title_share"), column("title_cos")]] == 0)


def test_shipped_model_matches_the_features_of_the_code():
    model = rank_news.model()
    assert model["features"] == list(rank_news.FEATURES)
    width = rank_news.expand(np.zeros((1, len(rank_news.FEATURES)))).shape[1]
    for key in ("with_title", "without_title"):
        params = model[key]
        assert len(params["mean"]) == len(params["scale"]) == len(rank_news.FEATURES)
        assert len(params["weights"]) == width
        assert all(s > 0 for s in params["scale"])


def test_the_model_prefers_the_lead_to_a_late_quote():
    scores = rank_news.news([tokenize.content_terms(s) for s in SENTENCES], SENTENCES)
    assert scores[0] > scores[3]


def test_a_title_raises_the_sentence_it_matches_most():
    terms = [tokenize.content_terms(s) for s in SENTENCES]
    plain = rank_news.news(terms, SENTENCES)
    titled = rank_news.news(terms, SENTENCES, "Le club de football remporte son match de coupe")
    assert np.argmax(titled - plain) == 2
    assert summarize(ARTICLE, title="Le club de football remporte son match").method == "news"


def test_title_does_not_change_textrank():
    a = summarize(ARTICLE, method="textrank")
    b = summarize(ARTICLE, method="textrank", title="Le club de football remporte son match")
    assert a == b


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_default_summary_is_short(seed):
    budget = rank_news.default_budget()
    summary = summarize(seed.read_text(encoding="utf-8"))
    assert 1 <= len(summary.sentences) <= min(budget["sentences"], 3)
    if len(summary.sentences) > 1:
        assert len(words(summary.text)) <= budget["words"] <= 60


def test_explicit_length_overrides_the_default_budget():
    assert len(summarize(ARTICLE, sentences=4).sentences) == 4
    assert len(summarize(ARTICLE, words=1000).sentences) == 5


def test_default_command_does_not_import_scipy_or_nltk():
    code = (
        "import sys; from abrege.cli import main; main([sys.argv[1]]); "
        "print(sorted(m for m in ('scipy', 'nltk', 'rouge_score') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(SEEDS[0])], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("[]")
