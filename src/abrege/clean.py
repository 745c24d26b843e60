"""Decide which sentences may compete for the summary.

Scraped news carries more than the article: JavaScript of a video player ("window.pvp_... = new
Pvp(...)" in real OrangeSum articles), embed markers, bare links, bylines, photo credits and
"Lire aussi" links, and passages the scraper copied twice (seed 004 holds its whole text twice).
None of it belongs in a summary, and a repeated passage would make the ranker reward the
scraper's copy-paste, so it must count once. Filtering works sentence by sentence, and a
sentence is only ever shortened at its ends, so what is kept is still a span of the input.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import chain, count, filterfalse

from .model import Sentence
from .tokenize import STOP_WORDS, Scan, words

# Below this many words, what is left of a sentence once markup and links are removed is debris.
MIN_WORDS = 4
# A sentence of at least this many words whose every run of SHINGLE words already appeared is a
# repeat even if it is not an exact copy: a truncated copy, or two sentences that were glued
# together in one copy of a passage and not in the other.
SHINGLE = 5
MIN_WORDS_FOR_OVERLAP = 8
# Characters of keys up to which near repeats are found by substring search (fastest on an
# article), beyond which by an index of runs of words (linear in the text); the two agree.
SEARCH_ONLY_UP_TO = 20_000
# Share of French stop words among the words below which a text is probably not French: at
# least 33% in every OrangeSum validation article (median 49%), about 18-20% in Spanish or Italian
# news, under 6% in English or German. Only judged on at least MIN_WORDS_FOR_LANGUAGE words.
FRENCH_STOP_SHARE = 0.25
MIN_WORDS_FOR_LANGUAGE = 30
LANGUAGE_SAMPLE_WORDS = 200

# Code: from the first of these to the end of the sentence is program text, never prose.
_CODE = re.compile(
    r"""\bwindow\.\w+|\bdocument\.\w+\s*\(|\bfunction\s*\w*\s*\(|\b(?:var|let|const)\s+\w+\s*=
    |\bnew\s+[A-Z]\w*\s*\(|=>|\$\(|\}\s*\)\s*;|\{\s*["']?\w+["']?\s*:|\w\s*\{\s*[\w-]+\s*:
    |@media\b|!important\b|\bgoogletag\.|\b__\w+__""",
    re.X,
)
# Markup, embed markers, photo credits and links. Links are content inside a sentence ("sur le
# site www.impots.gouv.fr") so only a leading one is cut (an embedded tweet glued to the prose).
_MARKUP = re.compile(
    r"""(?P<link>\bhttps?://\S+|\bwww\.\S+)
    |<!--.*?-->|</?[a-zA-Z][\w:-]*(?:\s[^<>]*)?/?>|&(?:[a-z]+|\#\d+);
    |\[/?(?:EMBED|IFRAME|SCRIPT|TWEET|INSTAGRAM|FACEBOOK|YOUTUBE)\b[^\]]*\]
    |(?:=\#?[\w.]+pt)+|=\#[0-9a-fA-F]{6}
    |\((?:crédits?(?:\s+photos?)?|photos?|illustration)\b[^()]*(?:AFP|Reuters|/|:|©)[^()]*\)""",
    re.X | re.I | re.S,
)
# Sentences that are about the article, not in it: links to other articles, credits, source
# notes, social media embeds. Anchored at the start of the sentence.
_BOILERPLATE = re.compile(
    r"""^[\W_]*(?:
        (?:[àa]\s+)?(?:lire|voir|regarder|écouter|découvrir)\s+(?:aussi|également|la\s+suite)\b
        |(?:[àa]\s+)?(?:lire|voir)\s*:
        |(?:crédits?(?:\s+photos?)?|photos?|illustration|sources?)\s*:
        |©|copyright\b|tous\s+droits\s+réservés
        |une\s+publication\s+partagée\s+par|voir\s+cette\s+publication\s+sur
        |(?:suivez|abonnez|inscrivez)[\s-]+(?:nous|vous)\b
    )""",
    re.X | re.I,
)
# Short lines that only sign or date the article: "Par Jean Dupont", "Propos recueillis par ...",
# "(AFP)", "Avec AFP", "Publié le 12/03/2020 à 10h05".
_STAMP = re.compile(
    r"""^[\W_]*(?:
        (?i:par|propos\s+recueillis\s+par)\s+[A-ZÉÈ][\w'’.-]*
            (?:\s+(?:[A-ZÉÈ][\w'’.-]*|de|du|des|la|le|et|avec|à|pour|/|,|-|–))*[\W_]*$
        |(?i:avec\s+)?(?:AFP|Reuters|AP)(?:\s*[/,-]\s*[A-Z]\w*)*[\W_]*$
        |(?i:(?:publié|mis\s+à\s+jour|modifié|actualisé)(?:\s+le)?\s+\d{1,2}[\s/.-]\w+[\s/.-]\d{2,4})
    )""",
    re.X,
)
MAX_STAMP_WORDS = 12
# A sentence sharing this share of its words with the headline (and the headline with it) is
# the headline again, maybe behind a kicker ("Violences Un député…") or before a site name.
HEADLINE_OVERLAP = 0.8
# A sentence of at most this many words on a line of its own is a heading, whatever its end.
LINE_HEADING_WORDS = 6
_LINE_SPACE = " \t\u00a0"
# Prose ends with final punctuation, then maybe closing quotes or brackets. A line without it
# and shorter than this is a heading, a label, a menu entry, a kicker or a headline ("La
# Commission de contrôle", "Vape Wave (documentaire, 1h28, Planète+)"). Longer ones are kept:
# in scraped text they are mostly real sentences cut short. (Chosen on OrangeSum valid.)
HEADING_WORDS = 20
_FINAL_MARKS = ".!?…:;"
_CLOSERS = " \t\n\u00a0\"'»”’)]"
_FINAL_LINK = re.compile(r"(?:\bhttps?://|\bwww\.)\S+$")  # a link took the period
# Page furniture anywhere in a sentence: cookie and consent banners, subscription and
# newsletter offers, log-in prompts, instructions to click, template code ("{{…}}").
_FURNITURE = re.compile(
    r"""\b(?:nous|notre\s+site|ce\s+site|le\s+site)\s+(?:utilis|dépos)\w*\s+(?:des\s+)?cookies
    |\b(?:accept|refus|param[eéè]tr|gér)\w*\s+(?:les\s+|tous\s+les\s+|vos\s+|mes\s+)?(?:cookies|traceurs)\b
    |\bcookies?\b.{0,40}?\b(?:accepter|refuser|paramétrer|tout\s+accepter)\b
    |\bpolitique\s+(?:de\s+|relative\s+aux\s+|des\s+)?cookies\b
    |\b(?:retirer|donner|gérer|modifier)\s+(?:votre|mon)\s+consentement\b
    |\ben\s+poursuivant\s+(?:votre|la)\s+navigation
    |\babonnez[\s-]vous\b|\bdéjà\s+abonnée?\b|\bréservée?s?\s+aux\s+abonnés\b
    |\boffres?\s+d['’]abonnement\b|\bvous\s+êtes\s+abonnée?\b
    |\b(?:notre|nos|votre|vos)\s+(?:newsletters?|lettres?\s+d['’]information)\b
    |\b(?:recevez|recevoir|inscri\w+)\b.{0,30}?\b(?:newsletters?|lettres?\s+d['’]information)\b
    |\binscrivez[\s-]vous\b|\bconnectez[\s-]vous\b|\bcréez\s+(?:votre|un)\s+compte\b
    |\bcliquez\b|\bcliqu(?:er|ant)\s+(?:ici|sur\s+(?:l['’]\s*ic[ôo]ne|ce\s+lien|le\s+(?:lien|bouton)))
    |\{\{|\}\}|\{%|%\}""",
    re.X | re.I,
)
# A sentence opening with an imperative to the reader about the site is a promotion or a link,
# not news: "Retrouvez les recommandations de…", "Revivez le direct…", "Découvrez notre
# dossier". (Not "Regardez", "Écoutez": politicians say them, quoted without quote marks.)
_TO_READER = re.compile(
    r"""^[\s\-–—•*]*(?:retrouvez|revivez|découvrez|téléchargez|partagez|réagissez|commentez
    |suivez[\s-](?:nous|notre|nos|en\s+direct|le\s+direct)|rejoignez[\s-]nous
    |consultez\s+(?:notre|nos)|voir\s+en\s+annexe|lire\s+la\s+suite)\b""",
    re.X | re.I,
)
# Every match of _TO_READER starts (after dashes and bullets) with one of these, lowercased;
# every match of _BREADCRUMB or _FURNITURE contains a match of _FURNITURE_HINT.
_READER_HINTS = (
    "retrouvez",
    "revivez",
    "découvrez",
    "téléchargez",
    "partagez",
    "réagissez",
    "commentez",
    "suivez",
    "rejoignez",
    "consultez",
    "voir",
    "lire",
)
# (Searched in the lowercased sentence: a case-insensitive search would cost more than all the
# other rules together.)
_FURNITURE_HINT = re.compile(
    r"cookie|consentement|navigation|abonn|newsletter|lettre|inscri|connectez|compte|cliqu"
    r"|\{|\}|%|>|›|accueil|home"
)
# A breadcrumb: "Accueil > Actualités > …", or two "›"/">" separators between short parts.
_BREADCRUMB = re.compile(
    r"^[\W_]*(?:accueil|home)\s*[>›»/|]|(?:^|\s)[>›](?:\s\S[^>›]{0,60}\s[>›]){1,}\s\S", re.I
)
# A signature alone: initials "(A.H.)", "J.-M. D.", or a name in brackets "(Alexandre Hervaud)".
_SIGNATURE = re.compile(
    r"^\(?\s*(?:[A-ZÀ-Ý][a-z]?\.\s*-?\s*){1,4}\)?[.,]?$|^\((?:[A-ZÀ-Ý][\w'’.-]*\s*){1,4}\)$"
)
# A link label in brackets at a sentence's edge: "[Vidéo] …", "… [Lire la suite]".
_LINK_LABEL = re.compile(
    r"^\[[A-ZÀ-Ý][^\[\]]{0,60}\](?=\s*(?:$|[A-ZÀ-Ý«\"]))|\s\[[A-ZÀ-Ý][^\[\]]{0,60}\]$"
)
_TWEET_HINTS = ("(@", "pic.twitter.com/")
_LETTER = re.compile(r"[^\W\d_]")
_LETTERS = re.compile(r"[^\W\d_]+")
# Every match of _CODE contains one of these; every match of _MARKUP one of those.
_CODE_HINTS = (
    "=",
    "{",
    "}",
    "$(",
    "new ",
    "window.",
    "document.",
    "function",
    "__",
    "@media",
    "!important",
    "googletag.",
)
_MARKUP_HINTS = ("<", "[", "=", "&", "http", "www.", "(")
# Any of the hints above: most sentences have none, and one search rules all three checks out.
_ANY_HINT = re.compile(
    "|".join(
        map(re.escape, sorted({*_CODE_HINTS, *_MARKUP_HINTS, *_TWEET_HINTS}, key=len, reverse=True))
    )
)
_TWEET_SIGNATURE = re.compile(r"\(@\w+\)\s+\w+\s+\d{1,2},\s+\d{4}|\bpic\.twitter\.com/")
# The first run of SHINGLE words of a key.
_FIRST_RUN = re.compile(rf"(?:\S+ ){{{SHINGLE - 1}}}\S+")
# What may separate junk from prose at a sentence's edge; opening quotes and brackets belong to
# the prose that follows them.
_EDGE = " \t\n.,;:!?-–—|•·»«\"'“”()[]"
_OPENING = "«\"“'(["


def sentence_key(text: str) -> str:
    """What makes two sentences "the same": their words, case, accents' composition,
    whitespace, quotes and punctuation aside. Numbers count: "12 morts" is not "15 morts"."""
    return Scan((text,)).keys()[0]


@dataclass(frozen=True)
class Candidates:
    """The sentences worth ranking, with what the one scan of their text found: their keys (for
    the language check) and, on demand, their content terms (for the rankers)."""

    sentences: list[Sentence]
    keys: list[str]
    scan: Scan
    positions: list[int]  # of ``sentences`` among the scanned texts (repeats were scanned too)
    split: list[Sentence]  # every sentence of the text, before anything was set aside

    @property
    def texts(self) -> list[str]:
        """The kept sentences as written: what the form features and sumy read."""
        return [s.text for s in self.sentences]

    def terms(self) -> list[list[str]]:
        return self.scan.terms(self.positions)


def keep(sentences: Iterable[Sentence]) -> list[Sentence]:
    """The sentences worth ranking: prose with words, junk trimmed off its ends, each distinct
    sentence once (the first occurrence, so offsets point at it)."""
    return candidates(sentences).sentences


def candidates(
    sentences: Iterable[Sentence], headline: str | None = None, text: str | None = None
) -> Candidates:
    """:func:`keep`, with the scan of the sentences kept for the later steps. A sentence that
    is the ``headline`` (or nearly: a kicker or a site name around it) is set aside too: a page
    often repeats its headline in the text, and a summary must not just repeat the title. With
    the ``text`` the sentences come from, a very short sentence alone on its line is a heading
    even when it ends with punctuation ("Combien d’articles ?")."""
    split = list(sentences)
    lines = text is not None and "\n" in text.strip()  # a one-line text has no heading line
    trimmed = [
        t
        for s in split
        if (t := strip_junk(s)) is not None and not (lines and _short_line(text or "", s))
    ]
    scan = Scan([t.text for t in trimmed])
    keys = scan.keys()
    positions = _first_occurrences(keys)
    if headline:
        title = Counter(sentence_key(headline).split())
        positions = [i for i in positions if not _is_headline(keys[i], title)]
    return Candidates(
        [trimmed[i] for i in positions], [keys[i] for i in positions], scan, positions, split
    )


def _short_line(text: str, sentence: Sentence) -> bool:
    """Whether ``sentence`` has at most LINE_HEADING_WORDS words and a line to itself (only
    asked of texts of several lines). Reads only the characters around it: linear overall."""
    if sentence.text.count(" ") >= LINE_HEADING_WORDS:
        return False
    i, j = sentence.start, sentence.end
    while i and text[i - 1] in _LINE_SPACE:
        i -= 1
    while j < len(text) and text[j] in _LINE_SPACE:
        j += 1
    return (i == 0 or text[i - 1] == "\n") and (j == len(text) or text[j] == "\n")


def _is_headline(key: str, title: Counter[str]) -> bool:
    """Whether a sentence (its key) is the headline give or take a few words: at least
    HEADLINE_OVERLAP of the words of the longer of the two are shared."""
    words_ = Counter(key.split())
    shared = sum((words_ & title).values())
    return shared >= HEADLINE_OVERLAP * max(sum(words_.values()), sum(title.values()))


def _first_occurrences(keys: list[str]) -> list[int]:
    """Positions of the sentences that repeat none before them: not the same key, and not (for
    a sentence of MIN_WORDS_FOR_OVERLAP words or more) made only of runs of SHINGLE words that
    all appeared earlier in the text, across sentence ends too. Keys are never empty (a
    sentence without a letter is junk)."""
    first_key: dict[str, int] = {}
    first_of = list(map(first_key.setdefault, keys, count()))
    if sum(map(len, keys)) + len(keys) <= SEARCH_ONLY_UP_TO:
        near = _near_repeats_by_search(keys)
    else:
        near = _near_repeats_by_index(keys)
    return [i for i, (first, repeat) in enumerate(zip(first_of, near)) if first == i and not repeat]


def _near_repeats_by_search(keys: list[str]) -> list[bool]:
    """Near repeats in a short text: each run is looked up as a substring of the keys before
    the sentence, joined by spaces. Most sentences fail at their first run, so an article costs
    a few substring searches in C per sentence instead of building every run of words (which
    cost more than the rest of the cleaning); but each search reads the text before it."""
    stream = " " + " ".join(keys) + " "
    answers = []
    start = 1  # where the key starts in stream (a space before it)
    for key in keys:
        answers.append(_seen_runs_only(stream, key, start))
        start += len(key) + 1
    return answers


def _seen_runs_only(stream: str, key: str, start: int) -> bool:
    """Whether ``key`` has enough words and each run of SHINGLE of them is in ``stream`` before
    ``start`` (a match ending by then; spaces around it, so only whole words match)."""
    if key.count(" ") < MIN_WORDS_FOR_OVERLAP - 1:
        return False
    first = _FIRST_RUN.match(key)
    if first is None:  # (not reached: the count above guarantees SHINGLE words)
        return False
    if stream.find(f" {first.group()} ", 0, start) < 0:
        return False
    words_ = key.split(" ")
    return all(
        stream.find(f" {' '.join(words_[j : j + SHINGLE])} ", 0, start) >= 0
        for j in range(1, len(words_) - SHINGLE + 1)
    )


def _near_repeats_by_index(keys: list[str]) -> list[bool]:
    """Near repeats in a long text, in linear time: a sentence is only a candidate when each of
    its words appeared before it (a set of the words so far), and candidates look their runs
    up in a dict of each run's first position, built once, at the first candidate."""
    words_of = [key.split(" ") for key in keys]
    seen: set[str] = set()
    first_run: dict[tuple[str, ...], int] | None = None
    answers = []
    position = 0  # of the sentence's first word among all the words
    for words_ in words_of:
        repeat = False
        if len(words_) >= MIN_WORDS_FOR_OVERLAP and seen.issuperset(words_):
            if first_run is None:
                runs = list(_shingles(list(chain.from_iterable(words_of))))
                first_run = dict(zip(reversed(runs), range(len(runs) - 1, -1, -1)))
            # A run seen before the sentence started SHINGLE words or more before it.
            repeat = max(map(first_run.__getitem__, _shingles(words_))) <= position - SHINGLE
        answers.append(repeat)
        seen.update(words_)
        position += len(words_)
    return answers


def _shingles(words_: list[str]) -> zip:
    # Runs of SHINGLE consecutive words, built by zip in C (no slice or tuple per position).
    return zip(*(words_[i:] for i in range(SHINGLE)))


def strip_junk(sentence: Sentence) -> Sentence | None:
    """``sentence`` without code, markup or links at its ends, or None when nothing of it is
    article prose. Links and markup inside a real sentence stay: cutting them would leave a
    sentence that is no longer a span of the input."""
    text = sentence.text
    # Cheap substring tests first: the regexes only run on the rare sentences that could match.
    hinted = _ANY_HINT.search(text) is not None
    if hinted and _any_in(text, _TWEET_HINTS) and _TWEET_SIGNATURE.search(text):
        return None
    code = _CODE.search(text) if hinted and _any_in(text, _CODE_HINTS) else None
    start, end = 0, code.start() if code else len(text)
    junk = list(_MARKUP.finditer(text, 0, end)) if hinted and _any_in(text, _MARKUP_HINTS) else []
    for match in junk:
        if text[start : match.start()].strip(_EDGE):
            break
        start = match.end()
    for match in reversed(junk):
        if match.group("link") or match.end() <= start or text[match.end() : end].strip(_EDGE):
            break
        end = match.start()
    while 0 < start < end and text[start] in _EDGE and text[start] not in _OPENING:
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    body = text[start:end]
    if code or junk:
        if len(words(_MARKUP.sub(" ", body))) < MIN_WORDS:
            return None
    elif not _LETTER.search(body):
        return None
    if _BOILERPLATE.match(body) or (_STAMP.match(body) and len(words(body)) <= MAX_STAMP_WORDS):
        return None
    if not is_prose(body):
        return None
    if (start, end) == (0, len(text)):
        return sentence
    return replace(sentence, text=body, start=sentence.start + start, end=sentence.start + end)


def is_prose(text: str) -> bool:
    """Whether ``text`` (a sentence, junk trimmed) reads as article prose rather than page
    furniture: not a heading or label (short, no final punctuation), breadcrumb, banner,
    subscription or click prompt, signature, bracketed link label or template code."""
    if not ends_like_prose(text) and text.count(" ") < HEADING_WORDS - 1:
        return False
    # Substring tests first: each regex only runs on the few sentences that could match it.
    lowered = text.lower()
    opening = lowered.lstrip(" -–—•*")
    return not (
        (text[0] == "(" and _SIGNATURE.match(text))
        or (text[0].isupper() and len(text) < 20 and _SIGNATURE.match(text))
        or (opening.startswith(_READER_HINTS) and _TO_READER.match(text))
        or ("[" in text and _LINK_LABEL.search(text))
        or (
            _FURNITURE_HINT.search(lowered) is not None
            and (_BREADCRUMB.search(text) or _FURNITURE.search(text))
        )
    )


def ends_like_prose(text: str) -> bool:
    """Whether ``text`` ends with final punctuation (maybe inside quotes or brackets), or with
    a link (which took the period)."""
    if text.rstrip(_CLOSERS)[-1:] in tuple(_FINAL_MARKS):
        return True
    return ("http" in text or "www." in text) and _FINAL_LINK.search(text) is not None


def is_signature(text: str) -> bool:
    """Whether ``text`` only signs an item: initials or a name in brackets, "Lire la suite"."""
    return bool(_SIGNATURE.match(text) or re.match(r"[\W_]*lire\s+la\s+suite\b", text, re.I))


def _any_in(text: str, needles: tuple[str, ...]) -> bool:
    return any(needle in text for needle in needles)


def french_share(keys: Sequence[str]) -> tuple[float, int]:
    """Share of French stop words among the words of the first sentences (keys of
    :class:`Candidates`, up to LANGUAGE_SAMPLE_WORDS words: enough to judge, and cheap on long
    texts), and the word count. Words here are runs of letters: digits aside."""
    sample, size = [], 0
    for key in keys:
        if size >= LANGUAGE_SAMPLE_WORDS:
            break
        sample.append(key)
        size += key.count(" ") + 1
    parts = " ".join(sample).split()
    tokens = list(filter(str.isalpha, parts))
    for part in filterfalse(str.isalpha, parts):  # "covid19", "m²": the letters only
        tokens.extend(_LETTERS.findall(part))
    if not tokens:
        return 0.0, 0
    return sum(map(STOP_WORDS.__contains__, tokens)) / len(tokens), len(tokens)


def language_warnings(keys: Sequence[str]) -> tuple[str, ...]:
    """A warning when the text does not look French: it is still summarised, but stemming and
    stop words are French, so the user should know the summary may be poor. ``keys``: those of
    :class:`Candidates`."""
    share, count = french_share(keys)
    if count >= MIN_WORDS_FOR_LANGUAGE and share < FRENCH_STOP_SHARE:
        return (f"text does not look French ({share:.0%} French stop words); summarised anyway",)
    return ()
