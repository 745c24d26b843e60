"""The default "news" ranker (``abrege.rank_graph``): its features, its walk over the sentence
graph, the shipped model, and what users see."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from conftest import SEEDS

from abrege import rank_graph, select, summarize, tokenize
from abrege.methods import get
from abrege.prepare import prepare
from abrege.tokenize import words

SENTENCES = [
    "Un violent incendie a ravagé dans la nuit de lundi une usine chimique de Rouen.",
    "Les pompiers sont restés mobilisés pendant plus de dix heures.",
    "« Nous avons eu très peur », raconte une habitante du quartier.",
    "Le club de football de la ville a par ailleurs remporté son match de coupe samedi.",
    "La préfecture assure que la qualité de l'air ne présente pas de danger.",
]
ARTICLE = " ".join(SENTENCES)
# Every form a feature reads, so that each feature varies over these sentences and the seeds.
VARIED = [
    "Incendie à Rouen",
    "Pourquoi l'usine chimique de Rouen a-t-elle pris feu lundi soir ?",
    "Un violent incendie a ravagé dans la nuit de lundi une usine chimique de Rouen, classée "
    "Seveso, et les pompiers de toute la Normandie sont restés mobilisés pendant plus de dix "
    "heures pour éteindre les flammes qui menaçaient les entrepôts voisins du port.",
    "Il a fallu 240 pompiers et 50 camions, selon la préfecture.",
    "Mais les habitants restent inquiets pour la qualité de l'air.",
    "« Nous avons eu très peur », raconte Marie Dupont, une habitante du quartier.",
    "Voici ce que l'on sait :",
    "La préfecture assure que la qualité de l'air ne présente pas de danger immédiat.",
]
TITLE = "Rouen : l'incendie de l'usine chimique inquiète les habitants"


def feature_rows(texts, title: str = ""):
    terms = [tokenize.content_terms(s) for s in texts]
    return rank_graph.features(texts, terms, tokenize.content_terms(title))


def column(name: str) -> int:
    return rank_graph.FEATURES.index(name)


def test_features_describe_position_form_and_title():
    x, similarity = feature_rows(
        SENTENCES, "Rouen : le club de football remporte son match de coupe"
    )
    assert x.shape == (5, len(rank_graph.FEATURES))
    assert similarity.shape == (5, 5) and np.all(np.diag(similarity) == 0)
    assert np.allclose(similarity, similarity.T)
    assert x[0, column("pos0")] == 1 and x[1, column("pos0")] == 0 and x[3, column("pos3")] == 1
    assert x[2, column("quote")] == 1 and x[0, column("quote")] == 0
    assert np.argmax(x[:, column("title_share")]) == 3
    assert np.all((x[:, column("centroid")] >= 0) & (x[:, column("centroid")] <= 1 + 1e-9))
    assert x[3, column("starts_connective")] == 0 and x[0, column("fragment")] == 0


def test_position_counts_prose_only():
    # A heading or a fragment before the lead does not make the lead the second sentence.
    x, _ = feature_rows(VARIED)
    assert x[0, column("fragment")] == 1 and x[0, column("pos0")] == 0
    assert x[1, column("pos0")] == 1 and x[2, column("pos1")] == 1
    assert x[7, column("fragment")] == 0 and x[6, column("fragment")] == 1  # ends with ":"
    assert x[1, column("lead_question")] == 1  # the first prose sentence asks: a hook


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
ARTICLES = [
    (MORE + SENTENCES, "Les prix de l'énergie"),
    (SENTENCES, "Incendie à Rouen"),
    (VARIED, TITLE),
]


@pytest.mark.parametrize("name", rank_graph.FEATURES)
def test_every_feature_is_computed_and_weighs_in_the_scores(name, monkeypatch):
    """A feature left at zero (a column the code forgot to fill) would be constant: each column
    takes several values on these articles. And the shipped trees read it: some tree splits on
    it, and setting the column to a constant (0, 1, or far beyond any threshold) changes the
    scores of some article, the seeds included."""
    j = column(name)
    values = np.concatenate([feature_rows(texts, title)[0][:, j] for texts, title in ARTICLES])
    assert np.ptp(values) > 0, f"{name} is constant: {values}"
    model = rank_graph.model()
    assert any(
        params["features"].index(name) in {f for tree in params["trees"]["feature"] for f in tree}
        for params in (model["with_title"], model["without_title"])
    ), f"no tree splits on {name}"
    seeds = [prepare(seed.read_text(encoding="utf-8")).texts for seed in SEEDS]
    articles = ARTICLES + [(texts, title) for texts in seeds for title in (TITLE, None)]
    compute = rank_graph.features
    changed = False
    for constant in (0.0, 1.0, -1e3, 1e3):

        def with_a_constant_column(*args, constant=constant):
            x, graph = compute(*args)
            x[:, j] = constant
            return x, graph

        for texts, title in articles:
            terms = [tokenize.content_terms(t) for t in texts]
            scores = rank_graph.scores(texts, terms, title)
            with monkeypatch.context() as patch:
                patch.setattr(rank_graph, "features", with_a_constant_column)
                changed |= not np.allclose(rank_graph.scores(texts, terms, title), scores)
    assert changed


def test_without_a_title_the_title_features_are_zero():
    x, _ = feature_rows(SENTENCES)
    assert np.all(x[:, [column("title_share"), column("title_cos")]] == 0)


def _toy_model(features, words, trees):
    params = {"features": features, "words": words, "trees": trees, "damping": 0.0}
    return {"budget": {"sentences": 2, "words": 55}, "with_title": params, "without_title": params}


def _stump(feature: int, threshold: float, low: float, high: float) -> dict:
    """A one-split tree: ``low`` when column ``feature`` <= ``threshold``, else ``high``."""
    return {
        "feature": [[feature]],
        "threshold": [[threshold]],
        "left": [[-1]],
        "right": [[-2]],
        "leaf": [[low, high]],
    }


def _use(monkeypatch, model):
    monkeypatch.setattr(rank_graph, "model", lambda: model)
    rank_graph._learned.cache_clear()
    monkeypatch.setattr(rank_graph, "_learned", rank_graph._learned.__wrapped__)


def test_the_prior_reads_its_features_by_name(monkeypatch):
    # Column 1 of the model is "quote" (the model file's order, not FEATURES'): a quote scores 2.
    _use(monkeypatch, _toy_model(["pos0", "quote"], [], _stump(1, 0.5, 0.0, 2.0)))
    x, _ = feature_rows(SENTENCES)
    prior = rank_graph.prior(x, SENTENCES, "without_title")
    assert np.allclose(
        prior, np.exp(2.0 * x[:, column("quote")]) / np.exp(2.0 * x[:, column("quote")]).sum()
    )
    assert np.argmax(prior) == 2


def test_the_prior_reads_the_common_words_it_knows(monkeypatch):
    # The word column comes after the named features; "par ailleurs" is a known pair.
    _use(monkeypatch, _toy_model(["pos0"], ["b:par ailleurs"], _stump(1, 0.5, 0.0, 3.0)))
    x, _ = feature_rows(SENTENCES)
    prior = rank_graph.prior(x, SENTENCES, "without_title")
    assert np.argmax(prior) == 3 and np.isclose(prior[3] / prior[0], np.exp(3.0))


def test_long_texts_are_scored_in_blocks_with_the_same_prior(monkeypatch):
    texts = MORE + SENTENCES + VARIED
    x, _ = feature_rows(texts, TITLE)
    whole = rank_graph.prior(x, texts, "with_title")
    monkeypatch.setattr(rank_graph, "BLOCK", 3)
    assert np.allclose(rank_graph.prior(x, texts, "with_title"), whole, rtol=1e-12, atol=0)


def test_word_keys_are_words_pairs_and_the_opening_word():
    keys = rank_graph.word_keys("Selon la Préfecture, l'usine")
    assert {"w:selon", "w:préfecture", "f:selon", "b:selon la", "b:la préfecture"} <= keys
    assert "f:la" not in keys and all(k == k.lower() for k in keys)
    assert rank_graph.word_keys("") == set()


def test_known_words_find_exactly_the_word_keys_the_model_reads():
    # The fast lookup must agree with word_keys, the definition training used.
    texts = [*SENTENCES, *VARIED, *MORE]
    texts += [t for seed in SEEDS for t in prepare(seed.read_text(encoding="utf-8")).texts]
    for key in ("with_title", "without_title"):
        keys = rank_graph.model()[key]["words"]
        known = rank_graph.KnownWords(keys, 5)
        column = {k: 5 + j for j, k in enumerate(keys)}
        hits = 0
        for text in texts:
            expected = {column[k] for k in rank_graph.word_keys(text) if k in column}
            assert set(known.columns(text)) == expected, text
            hits += len(expected)
        assert hits > len(texts)  # the common words are found, several per sentence


@pytest.mark.parametrize(
    ("sentence", "leans"),
    [
        ("Plus de 300 personnes ont manifesté samedi à Rennes.", False),
        ("Outre-Manche, le débat fait rage.", False),
        ("En outre, la mairie promet une enquête.", True),
        ("De plus, la mairie promet une enquête.", True),
        ("Mais la mairie promet une enquête.", True),
    ],
)
def test_an_opening_connective_is_a_word_of_linking_not_any_plus(sentence, leans):
    x, _ = feature_rows([SENTENCES[0], sentence])
    assert x[1, column("starts_connective")] == leans


def test_shipped_model_matches_the_features_of_the_code():
    model = rank_graph.model()
    for key in ("with_title", "without_title"):
        params = model[key]
        assert set(params["features"]) <= set(rank_graph.FEATURES)
        assert all(w[:2] in ("w:", "b:", "f:") for w in params["words"])
        width = len(params["features"]) + len(params["words"])
        trees = params["trees"]
        assert len(trees["feature"]) == params["rounds"] > 0
        for feature, left, right, leaf in zip(
            trees["feature"], trees["left"], trees["right"], trees["leaf"]
        ):
            assert all(0 <= f < width for f in feature)
            assert len(leaf) == len(feature) + 1  # a binary tree
            assert sorted(c for c in left + right if c < 0) == [-k for k in range(len(leaf), 0, -1)]
        # every known word is read by some tree (the trainer keeps only those)
        used = {f for tree in trees["feature"] for f in tree}
        assert set(range(len(params["features"]), width)) <= used
        assert 0 <= params["damping"] < 1


def test_biased_pagerank_is_pagerank_with_a_uniform_prior():
    rng = np.random.default_rng(0)
    weights = rng.random((6, 6))
    similarity = weights + weights.T
    np.fill_diagonal(similarity, 0)
    uniform = np.full(6, 1 / 6)
    p = rank_graph.biased_pagerank(similarity, uniform, 0.85)
    transition = similarity / similarity.sum(axis=1, keepdims=True)
    step = 0.15 * uniform + 0.85 * transition.T @ p
    assert np.allclose(step, p) and np.isclose(p.sum(), 1)
    assert np.array_equal(rank_graph.biased_pagerank(similarity, uniform, 0.0), uniform)


def test_the_walk_lifts_the_sentence_the_others_link_to():
    similarity = np.array([[0, 0, 0], [0, 0, 1.0], [0, 1.0, 0]])
    prior = np.array([0.6, 0.2, 0.2])
    p = rank_graph.biased_pagerank(similarity, prior, 0.5)
    assert np.isclose(p.sum(), 1) and p[0] < prior[0] and p[1] > prior[1]
    # an isolated sentence restarts from the prior instead of trapping the walk
    assert np.all(np.isfinite(p))


def test_the_graph_matters_in_the_shipped_scores():
    # Centrality enters twice: as features of the prior (TextRank, PositionRank, degree: see
    # test_every_feature_is_computed_and_weighs_in_the_scores) and through the walk, whose
    # damping is chosen on validation per weight set (0 means the walk did not help there).
    texts = prepare(SEEDS[0].read_text(encoding="utf-8")).texts
    terms = tokenize.sentence_terms(texts)
    model = rank_graph.model()
    assert model["without_title"]["damping"] > 0
    shipped = rank_graph.scores(texts, terms)
    assert not np.allclose(shipped, rank_graph.scores(texts, terms, damping=0.0))
    titled = rank_graph.scores(texts, terms, TITLE)
    same = np.array_equal(titled, rank_graph.scores(texts, terms, TITLE, damping=0.0))
    assert same == (model["with_title"]["damping"] == 0)


def test_the_model_prefers_the_lead_to_a_late_quote():
    scores = rank_graph.scores(SENTENCES, [tokenize.content_terms(s) for s in SENTENCES])
    assert scores[0] > scores[2]


def test_a_heading_fragment_scores_lowest_and_moves_no_position():
    # Debris the page filter lets through (a heading, a caption) must not win, nor make the
    # lead look like a second sentence (the model was trained with such debris).
    texts = ["Incendie à Rouen", *SENTENCES]
    terms = [tokenize.content_terms(t) for t in texts]
    assert 0 not in select.choose(texts, rank_graph.scores(texts, terms), 2, 55)
    # (A heading that repeats the title is the pipeline's to drop: see test_web.)
    x, _ = rank_graph.features(texts, terms)
    plain, _ = feature_rows(SENTENCES)
    assert np.array_equal(x[1:, column("pos0")], plain[:, column("pos0")])


@pytest.mark.parametrize("factored", [False, True])
def test_the_walk_leaves_fragments_out_of_the_graph(factored, monkeypatch):
    # "Incendie à Rouen" repeats the lead's words: in the plain graph it draws the lead's mass.
    texts = ["Incendie à Rouen", *SENTENCES]
    terms = [tokenize.content_terms(t) for t in texts]
    if factored:
        monkeypatch.setattr(rank_graph, "DENSE_LIMIT", 0)
    x, graph = rank_graph.features(texts, terms)
    fragment = x[:, column("fragment")] > 0
    assert list(fragment) == [True] + [False] * len(SENTENCES)
    walked = rank_graph.prose_graph(graph, fragment)
    assert isinstance(walked, rank_graph.FactoredGraph) == factored

    def dense(g):
        return np.column_stack([g.column(j) for j in range(len(texts))]) if factored else g

    plain, prose = dense(graph), dense(walked)
    assert plain[0, 1] > 0 and np.all(prose[0] == 0) and np.all(prose[:, 0] == 0)
    assert np.allclose(prose[1:, 1:], plain[1:, 1:])
    # The fragment keeps no more than its share of the restart; in the plain graph it gains.
    teleport = np.full(len(texts), 1 / len(texts))
    assert rank_graph.biased_pagerank(walked, teleport, 0.5)[0] <= teleport[0] + 1e-12
    assert rank_graph.biased_pagerank(graph, teleport, 0.5)[0] > teleport[0]


def test_fragments_score_zero_unless_the_text_has_nothing_else():
    texts = [*SENTENCES[:2], "Mystère, par définition !", SENTENCES[2]]
    terms = [tokenize.content_terms(t) for t in texts]
    scores = rank_graph.scores(texts, terms)
    assert scores[2] == 0 and np.all(np.delete(scores, 2) > 0)
    # A lead of 14 words leaves 6 that only the fragment fits: news leaves them empty.
    assert select.choose(texts, scores, 2, 20, skip_zero=get("news").zero_means_never) == [0]
    assert summarize(" ".join(texts), words=20).text == texts[0]
    only = ["Mystère, par définition !", "Incendie à Rouen"]
    assert np.all(rank_graph.scores(only, [tokenize.content_terms(t) for t in only]) > 0)


def test_a_title_raises_the_sentence_it_matches_most():
    terms = [tokenize.content_terms(s) for s in SENTENCES]
    plain = rank_graph.scores(SENTENCES, terms)
    titled = rank_graph.scores(SENTENCES, terms, "Le club de football remporte son match de coupe")
    assert np.argmax(titled / titled.sum() - plain / plain.sum()) == 3
    assert summarize(ARTICLE, title="Le club de football remporte son match").method == "news"


def test_news_is_the_default_method_and_uses_this_ranker():
    prepared = prepare(ARTICLE)
    assert np.array_equal(get("news").scorer(prepared, None), rank_graph.score(prepared))
    assert summarize(ARTICLE).method == "news"


def test_title_does_not_change_textrank():
    a = summarize(ARTICLE, method="textrank")
    b = summarize(ARTICLE, method="textrank", title="Le club de football remporte son match")
    assert a == b


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_default_summary_is_short(seed):
    budget = rank_graph.default_budget()
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


@pytest.mark.parametrize("title", [None, TITLE], ids=["no title", "title"])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_long_texts_keep_the_graph_factored_with_the_same_scores(seed, title, monkeypatch):
    # Without a title the shipped walk is on (damping > 0): the factored walk is exercised.
    prepared = prepare(seed.read_text(encoding="utf-8"))
    dense = rank_graph.scores(prepared.texts, prepared.terms(), title)
    monkeypatch.setattr(rank_graph, "DENSE_LIMIT", 0)  # the path of texts over 500 sentences
    _, graph = feature_rows(prepared.texts, title or "")
    assert isinstance(graph, rank_graph.FactoredGraph)
    factored = rank_graph.scores(prepared.texts, prepared.terms(), title)
    assert np.allclose(dense, factored, rtol=1e-9, atol=1e-12)
    assert np.argmax(dense) == np.argmax(factored)
