"""Keyphrases of a French article: the other half of TextRank (Mihalcea & Tarau 2004), with what
its successors add.

Candidates are French noun phrases found without a part-of-speech tagger (no model to ship or
download): runs of content words cut at stop words and punctuation, joined through the
"de / du / des / d' / de la / de l'" of French compounds ("ministres de la Défense"), never with
a function word at an edge, elisions peeled ("l'Etat" gives "Etat"). Variants that share their
stems ("ministre", "ministres") are one candidate, written as the article writes it most often.

Ranking follows MultipartiteRank (Boudin 2018), the best of the graph family on French news:
candidates sharing stems are clustered into topics (TopicRank, Bougouin et al. 2013), the graph
links candidates of different topics with weights summing the inverse distances of their
occurrences, the first candidate of each topic draws the weight of its siblings' edges, and the
random walk jumps back preferably to candidates met early (PositionRank, Florescu & Caragea
2017) and to those sharing words with the title when one is given. One candidate per topic is
returned, so no two phrases say the same thing.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

import numpy as np

from .clean import Candidates
from .model import Keyphrase, Sentence
from .prepare import prepare
from .tokenize import ELISIONS, STOP_WORDS, content_terms, stem

# A word: letters and digits, joined by apostrophes or hyphens ("aujourd'hui", "al-Assad",
# "l'Etat" before its elision is peeled).
_WORD = re.compile(r"[^\W_]+(?:['’\-‑\u00ad][^\W_]+)*")
_APOSTROPHE = re.compile(r"['’]")
# The function words that may sit inside a phrase, between two content words, in these
# sequences only: "chef de l'Etat", "ministres de la Défense", "porte-parole du Pentagone".
_LINKS = frozenset({("de",), ("d",), ("du",), ("des",), ("de", "la"), ("de", "l")})
_LINK_WORDS = frozenset(w for link in _LINKS for w in link)
# Words that end a phrase although the shipped stop list (tuned for sentence ranking) lacks
# them: prepositions, adverbs and quantifiers, and verbs that no noun phrase ends or starts with.
# Weekdays and months date the news, they do not say what it is about.
_EXTRA_STOP = frozenset(
    """a selon après avant entre contre vers chez lors dès déjà ainsi également toujours jamais
    autres autre plusieurs certains certaines toutes toute leurs bien être avoir faire dit afin
    cours trois quatre cinq six sept huit dix cent mille millions milliards notamment alors
    tout très lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril
    mai juin juillet août septembre octobre novembre décembre hier demain aujourd'hui ans an
    part fin face près loin afin pourtant cependant puis enfin depuis via outre parmi désormais
    lequel laquelle lesquels lesquelles auprès environ quelque quelques chacun chacune aucun
    aucune rien personne surtout vraiment assez beaucoup tant autant sinon mieux pire ont
    semble dont sauf durant pendant grâce cas premier première premiers premières dernier
    dernière derniers dernières auquel auxquels auxquelles duquel desquels
    desquelles matin soir midi nuit veille semaine mois année jour jours heures heure""".split()
)
# The stop list counts "état" (a form of "être" in old spelling); capitalised, in news, it is
# the State ("l'Etat islamique", "chef de l'État"), a content word.
KEPT_STOP_WORDS = frozenset({"état", "etat"})
# Adverbs in -ment (nouns in -ment, "gouvernement", "mouvement", end otherwise).
_ADVERB_ENDINGS = tuple(
    """amment emment uellement iellement nnellement ivement airement iquement ablement iblement
    ièrement usement alement isément ormément diatement ètement ûment""".split()
)
# A lowercase word right after an auxiliary or a reflexive pronoun is a verb ("a annoncé",
# "se sont parlé", "s'est dit"), not the start of a noun phrase.
_BEFORE_VERB = frozenset(
    """a ont avait avaient aurait auraient aura auront est sont était étaient sera seront
    serait seraient été eu ai avons avez se s ne n va vont peut peuvent doit doivent""".split()
)
_SUBJECTS = frozenset("je tu il elle on nous vous ils elles ce".split())
_FUNCTION = STOP_WORDS | _EXTRA_STOP | ELISIONS

MAX_WORDS = 4  # content words in a phrase; longer runs are cut at their links
# Topics: candidates whose stem sets overlap (Jaccard) at least this much, average linkage, as
# TopicRank.
TOPIC_SIMILARITY = 0.25
MAX_CANDIDATES = 400  # the most frequent, earliest ones; bounds the graph on a long document
MAX_OCCURRENCES = 12  # of each candidate, in the graph's distance weights...
MAX_PAIRS_SIDE = 1_500  # ...and at most this many in all (their pair matrix: 18 MB at most)
BOOST = 1.1  # MultipartiteRank's alpha: how much a topic's first candidate draws from siblings
DAMPING = 0.85
POSITION_POWER = 0.5
TITLE_BIAS = 3.0  # extra jump weight for a candidate whose stems are all in the title


class _Token(NamedTuple):
    low: str
    start: int
    end: int
    content: bool
    position: int  # index of the word in the article's kept sentences
    capital: bool


@dataclass
class _Candidate:
    stems: tuple[str, ...]
    spans: list[tuple[int, int]] = field(default_factory=list)
    positions: list[int] = field(default_factory=list)  # word index of each occurrence
    surfaces: Counter = field(default_factory=Counter)


def keywords(text: str, n: int = 10, title: str | None = None) -> list[Keyphrase]:
    """The ``n`` best keyphrases of ``text``, best first. Each carries ``.text`` as the article
    writes it, ``.score`` and ``.spans``, the ``(start, end)`` offsets of its occurrences in the
    sentences worth ranking (repeats and scraping junk set aside, as for the summary). A
    ``title`` draws the ranking towards the phrases that share its words."""
    return keyphrases(prepare(text), n, title)


def keyphrases(prepared: Candidates, n: int = 10, title: str | None = None) -> list[Keyphrase]:
    """:func:`keywords` of an article already prepared (the pipeline shares its preparation)."""
    if n < 1:
        return []
    found = _candidates(prepared.sentences)
    if not found:
        return []
    found = _prune(found)
    topics = _topics([c.stems for c in found])
    scores = _rank(found, topics, set(content_terms(title)) if title else set())
    return _best_per_topic(found, topics, scores, n)


def _candidates(sentences: Sequence[Sentence]) -> list[_Candidate]:
    """Every phrase occurrence, grouped by the stems of its content words."""
    by_stems: dict[tuple[str, ...], _Candidate] = {}
    position = 0
    for sentence in sentences:
        phrase: list[_Token] = []
        previous_low = ""
        previous_end = -1
        for word, start, end in _words(sentence.text, sentence.start):
            low = word.lower()
            separated = previous_end >= 0 and bool(
                sentence.text[previous_end - sentence.start : start - sentence.start].strip()
            )
            if separated:
                _flush(phrase, by_stems, sentence)
                phrase = []
            if low in _LINK_WORDS:
                phrase.append(_Token(low, start, end, False, position, False))
            elif (
                _is_function(low) and not (word[0].isupper() and low in KEPT_STOP_WORDS)
            ) or _is_verb(word, low, previous_low, start == sentence.start):
                _flush(phrase, by_stems, sentence)
                phrase = []
            else:
                phrase.append(_Token(low, start, end, True, position, word[0].isupper()))
            previous_low, previous_end = low, end
            position += 1
        _flush(phrase, by_stems, sentence)
    return list(by_stems.values())


@lru_cache(maxsize=1)
def _verb_forms() -> frozenset[str]:
    """Words news mostly uses as verbs (learned from OrangeSum train by
    ``scripts/build_keyword_data.py``): they end a noun phrase as stop words do."""
    text = resources.files("abrege").joinpath("data/fr_verb_forms.txt").read_text("utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def _words(text: str, offset: int):
    """The words of a sentence with their offsets, elisions peeled off as words of their own."""
    for match in _WORD.finditer(text):
        start, end = match.span()
        word = match.group()
        while True:
            apostrophe = _APOSTROPHE.search(word)
            if apostrophe is None or word[: apostrophe.start()].lower() not in ELISIONS:
                break
            cut = apostrophe.end()
            yield word[: apostrophe.start()], offset + start, offset + start + cut
            start += cut
            word = word[cut:]
        yield word, offset + start, offset + end


def _is_verb(word: str, low: str, previous_low: str, first: bool) -> bool:
    """A verb ends a noun phrase: a word news mostly uses as one (lowercase, or opening the
    sentence: "Prévue dimanche, ..."), or a lowercase word after an auxiliary or a reflexive
    pronoun ("a annoncé", "se sont parlé")."""
    lowercase = word.islower()
    return ((lowercase or first) and low in _verb_forms()) or (
        lowercase and previous_low in _BEFORE_VERB
    )


def _is_function(low: str) -> bool:
    # Numbers, times and ordinals ("2014", "03H00", "11e") date or count, they do not name.
    if low in _FUNCTION or low[0].isdigit() or len(low) < 2 or low.endswith(_ADVERB_ENDINGS):
        return True
    if "-" in low or "‑" in low:
        parts = re.split("[-‑]", low)
        # "a-t-il", "est-ce", "peut-être" (not "sud-est"); an inverted verb, "vit-il", "dit-elle"
        return parts[0] in _FUNCTION or parts[-1] in _SUBJECTS
    return False


def _flush(
    phrase: list[_Token], by_stems: dict[tuple[str, ...], _Candidate], sentence: Sentence
) -> None:
    """Record the phrases of a run: links kept only between content words and only in the
    French compound patterns; a run too long is cut at its links, then into MAX_WORDS pieces."""
    names = _names(phrase)
    pieces: list[list[_Token]] = [[]]
    link: list[_Token] = []
    previous = -1
    for i, token in enumerate(phrase):
        if not token.content:
            link.append(token)
            continue
        boundary = previous >= 0 and (names[i] != names[previous] or (link and names[i]))
        previous = i
        if boundary:
            pieces.append([])
        elif link and pieces[-1] and tuple(t.low for t in link) in _LINKS:
            pieces[-1].extend(link)
        elif link:
            pieces.append([])
        link = []
        pieces[-1].append(token)
    for piece in pieces:
        too_long = sum(t.content for t in piece) > MAX_WORDS
        for group in _split_at_links(piece) if too_long else [piece]:
            if group:
                _add(group, by_stems, sentence)


def _names(phrase: list[_Token]) -> list[int]:
    """For each token, the number of the name it belongs to (0: none). A name is two or more
    capitalised words in a row ("Ashton Carter", "Niokolo Koba"); a phrase stops where a name
    starts or ends ("arrivée d'Ashton Carter", "Premier ministre Edouard Philippe" give the
    name on its own), since a person is named far more often than described the same way."""
    names = [0] * len(phrase)
    count = 0
    i = 0
    while i < len(phrase):
        j = i
        while j < len(phrase) and phrase[j].content and phrase[j].capital:
            j += 1
        if j - i >= 2:
            count += 1
            names[i:j] = [count] * (j - i)
        i = max(j, i + 1)
    return names


def _split_at_links(piece: list[_Token]) -> list[list[_Token]]:
    groups: list[list[_Token]] = [[]]
    for token in piece:
        if not token.content:
            groups.append([])
        elif sum(t.content for t in groups[-1]) >= MAX_WORDS:
            groups.append([token])
        else:
            groups[-1].append(token)
    return [g for g in groups if g]


def _add(
    group: list[_Token], by_stems: dict[tuple[str, ...], _Candidate], sentence: Sentence
) -> None:
    stems = tuple(stem(t.low) for t in group if t.content)
    candidate = by_stems.get(stems)
    if candidate is None:
        candidate = by_stems[stems] = _Candidate(stems)
    start, end = group[0].start, group[-1].end
    candidate.spans.append((start, end))
    candidate.positions.append(group[0].position)
    candidate.surfaces[sentence.text[start - sentence.start : end - sentence.start]] += 1


def _prune(found: list[_Candidate]) -> list[_Candidate]:
    """At most MAX_CANDIDATES, the most frequent and earliest first, in order of appearance."""
    if len(found) <= MAX_CANDIDATES:
        return found
    ranked = sorted(found, key=lambda c: (-len(c.spans), c.positions[0]))[:MAX_CANDIDATES]
    return sorted(ranked, key=lambda c: c.positions[0])


def _topics(stems: list[tuple[str, ...]]) -> np.ndarray:
    """The topic of each candidate: average-linkage clusters of stem sets, Jaccard distance."""
    if len(stems) == 1:
        return np.zeros(1, dtype=int)
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.sparse import csr_matrix
    from scipy.spatial.distance import squareform

    vocabulary: dict[str, int] = {}
    columns = [vocabulary.setdefault(s, len(vocabulary)) for group in stems for s in group]
    rows = np.repeat(np.arange(len(stems)), [len(group) for group in stems])
    matrix = csr_matrix((np.ones(len(columns)), (rows, columns)))
    shared = (matrix @ matrix.T).toarray()  # sparse: a candidate has few of the stems
    sizes = np.diag(shared)
    jaccard = 1.0 - shared / (sizes[:, None] + sizes[None, :] - shared)
    distances = squareform(jaccard, checks=False)
    tree = linkage(distances, method="average")
    return fcluster(tree, t=1 - TOPIC_SIMILARITY, criterion="distance") - 1


def _rank(found: list[_Candidate], topics: np.ndarray, title: set[str]) -> np.ndarray:
    """Biased PageRank on the multipartite graph of candidates."""
    m = len(found)
    per_candidate = max(1, min(MAX_OCCURRENCES, MAX_PAIRS_SIDE // m))
    kept = [c.positions[:per_candidate] for c in found]
    where = np.fromiter((p for positions in kept for p in positions), dtype=float)
    starts = np.cumsum([0] + [len(positions) for positions in kept[:-1]])
    gaps = np.abs(where[:, None] - where[None, :])
    gaps[gaps == 0] = np.inf  # two phrases at one place (or one with itself): no edge
    # Sum the inverse distances of every pair of occurrences, candidate by candidate (the
    # occurrences are grouped by candidate, so two reductions do it).
    weights = np.add.reduceat(np.add.reduceat(1.0 / gaps, starts, axis=0), starts, axis=1)
    weights[topics[:, None] == topics[None, :]] = 0.0  # no edge inside a topic
    first_position = np.array([c.positions[0] for c in found], dtype=float)
    for topic in np.unique(topics):
        members = np.flatnonzero(topics == topic)
        if len(members) < 2:
            continue
        first = members[np.argmin(first_position[members])]
        siblings = members[members != first]
        boost = BOOST * math.exp(1.0 / (1.0 + first_position[first]))
        weights[:, first] += boost * weights[:, siblings].sum(axis=1)
    jump = np.array([sum((1.0 + p) ** -POSITION_POWER for p in c.positions) for c in found])
    if title:
        share = np.array([sum(s in title for s in c.stems) / len(c.stems) for c in found])
        jump *= 1.0 + TITLE_BIAS * share
    jump /= jump.sum()
    out = weights.sum(axis=1)
    dangling = out == 0
    transition = np.divide(
        weights, out[:, None], out=np.zeros_like(weights), where=~dangling[:, None]
    )
    scores = np.full(m, 1.0 / m)
    for _ in range(100):
        updated = (1 - DAMPING) * jump + DAMPING * (
            transition.T @ scores + scores[dangling].sum() * jump
        )
        done = np.abs(updated - scores).sum() < 1e-9
        scores = updated
        if done:
            break
    return scores


def _best_per_topic(
    found: list[_Candidate], topics: np.ndarray, scores: np.ndarray, n: int
) -> list[Keyphrase]:
    """The best-scored candidate of each of the ``n`` best topics. (Preferring a shorter,
    more repeated form of the same topic, "Etat islamique" over "groupe de l'Etat islamique",
    was tried: it lowered title@5 from 33.3 to 31.9 on valid.)"""
    order = sorted(range(len(found)), key=lambda i: (-scores[i], found[i].positions[0]))
    chosen: list[Keyphrase] = []
    seen_topics: set[int] = set()
    for i in order:
        if topics[i] in seen_topics:
            continue
        seen_topics.add(int(topics[i]))
        chosen.append(_keyphrase(found[i], float(scores[i])))
        if len(chosen) == n:
            break
    return chosen


def _keyphrase(candidate: _Candidate, score: float) -> Keyphrase:
    # The form the article uses most, the first one on a tie ("ministres" over "ministre").
    text = candidate.surfaces.most_common(1)[0][0]
    return Keyphrase(text=text, score=score, spans=tuple(candidate.spans))
