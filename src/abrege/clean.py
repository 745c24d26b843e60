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
from collections.abc import Iterable
from dataclasses import replace

from .model import Sentence
from .tokenize import STOP_WORDS, words

# Below this many words, what is left of a sentence once markup and links are removed is debris.
MIN_WORDS = 4
# A sentence of at least this many words whose every run of SHINGLE words already appeared is a
# repeat even if it is not an exact copy: a truncated copy, or two sentences that were glued
# together in one copy of a passage and not in the other.
SHINGLE = 5
MIN_WORDS_FOR_OVERLAP = 8
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
_TWEET_HINTS = ("(@", "pic.twitter.com/")
_LETTER = re.compile(r"[^\W\d_]")
_LETTERS = re.compile(r"[^\W\d_]+")
_TOKEN = re.compile(r"[^\W_]+")
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
# What may separate junk from prose at a sentence's edge; opening quotes and brackets belong to
# the prose that follows them.
_EDGE = " \t\n.,;:!?-–—|•·»«\"'“”()[]"
_OPENING = "«\"“'(["


def sentence_key(text: str) -> str:
    """What makes two sentences "the same": their words, case, accents' composition,
    whitespace, quotes and punctuation aside. Numbers count: "12 morts" is not "15 morts"."""
    return " ".join(_key_tokens(text))


def _key_tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.casefold())


def _shingles(tokens: list[str]) -> zip:
    # Runs of SHINGLE consecutive tokens, built by zip in C (no slice or tuple per position).
    return zip(*(tokens[i:] for i in range(SHINGLE)))


def keep(sentences: Iterable[Sentence]) -> list[Sentence]:
    """The sentences worth ranking: prose with words, junk trimmed off its ends, each distinct
    sentence once (the first occurrence, so offsets point at it)."""
    seen_keys: set[str] = set()
    seen_shingles: set[tuple[str, ...]] = set()
    tail: list[str] = []  # the last words before this sentence: shingles run across sentences
    kept = []
    for sentence in sentences:
        trimmed = strip_junk(sentence)
        if trimmed is None:
            continue
        tokens = _key_tokens(trimmed.text)
        key = " ".join(tokens)
        repeated = key in seen_keys or (
            len(tokens) >= MIN_WORDS_FOR_OVERLAP and seen_shingles.issuperset(_shingles(tokens))
        )
        seen_keys.add(key)
        window = tail + tokens
        seen_shingles.update(_shingles(window))
        tail = window[-(SHINGLE - 1) :]
        if not repeated:
            kept.append(trimmed)
    return kept


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
    if (start, end) == (0, len(text)):
        return sentence
    return replace(sentence, text=body, start=sentence.start + start, end=sentence.start + end)


def _any_in(text: str, needles: tuple[str, ...]) -> bool:
    return any(needle in text for needle in needles)


def french_share(sentences: Iterable[Sentence]) -> tuple[float, int]:
    """Share of French stop words among the words of ``sentences``, and the word count."""
    tokens: list[str] = []
    for sentence in sentences:
        if len(tokens) >= LANGUAGE_SAMPLE_WORDS:  # enough to judge, and keeps long texts cheap
            break
        tokens.extend(_LETTERS.findall(sentence.text.casefold()))
    if not tokens:
        return 0.0, 0
    return sum(map(STOP_WORDS.__contains__, tokens)) / len(tokens), len(tokens)


def language_warnings(sentences: Iterable[Sentence]) -> tuple[str, ...]:
    """A warning when the text does not look French: it is still summarised, but stemming and
    stop words are French, so the user should know the summary may be poor."""
    share, count = french_share(sentences)
    if count >= MIN_WORDS_FOR_LANGUAGE and share < FRENCH_STOP_SHARE:
        return (f"text does not look French ({share:.0%} French stop words); summarised anyway",)
    return ()
