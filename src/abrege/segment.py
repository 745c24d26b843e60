"""Split French text into sentences, keeping exact character offsets.

Offsets matter more than text here: every later step (ranking, JSON output) refers back to the
input by ``(start, end)``, so a summary sentence can always be sliced out of what the user gave.

Why rules and not a model: news text breaks statistical splitters in a handful of systematic ways
(scrapers glue sentences as in "inconnues.Lorsque", "M. Dupont" is everywhere, quotes close after
the sentence's own "!" and go on with ", a-t-il dit"). Each of these is one cheap, explainable
rule below, and the whole pass is a few regex scans, so it runs at Punkt speed without importing
anything heavy. The only learned data is a list of French sentence-starting words
(``data/fr_sentence_starters.txt``, built by ``scripts/build_segment_data.py`` from OrangeSum
training articles), used where punctuation alone cannot decide.

A boundary is placed:

* after ``.``, ``!``, ``?``, ``…`` (and runs such as ``?!`` or ``...``) together with any closing
  quotes or brackets that follow, when the next token opens a sentence (capital, digit, opening
  quote, dash), with or without a space between them ("inconnues.Lorsque", "fin.\\"Le");
  never before a lowercase word or a comma, so ``! », a-t-il dit`` stays one sentence;
* not after abbreviations and titles (M., Mme, Dr, p., art., av. J.-C. ...), initials
  ("J. Earnest"), dotted acronyms ("U.S.A."), inside numbers ("18.859", "3.14"), URLs, e-mail
  addresses and domain names;
* at a line break that separates a heading, list item or paragraph from what follows
  (a blank line always; a single line break unless it looks like a hard wrap inside a sentence);
* where a heading was glued to the next sentence without punctuation ("par la policeAprès"),
  and after ``;`` or ``:`` followed by a word that only ever starts sentences ("; Il"), which is
  how list items and headings run together once line breaks are lost.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

_UPPER = "A-ZÀ-ÖØ-ÞŒ"
_LOWER = "a-zà-öø-ÿœß"

# Terminal punctuation, then closing quotes / brackets (a straight or curly quote only when it is
# not glued to the following word, where it is the next sentence's opening quote), then spaces.
_TERMINAL = re.compile(
    r"(?P<punct>[.!?…]+)"
    r"(?P<close>(?:[ \t\u00a0\u202f]*(?:[»)\]]|[\"”’](?![\w«\"“])))*)"
    r"(?P<space>\s*)"
)
# What may open a sentence right after terminal punctuation.
_OPENER = re.compile(rf"[{_UPPER}0-9«\"“(\[\-–—•*¿¡]")
# Last token before a period: letters, digits, and the dots / hyphens / @ / slashes of
# abbreviations, acronyms, numbers, URLs and e-mail addresses.
_TOKEN_BEFORE = re.compile(r"[\w.\-@/:%#~&=+'’°]*$")
_DOTTED_ACRONYM = re.compile(rf"(?:[{_UPPER}{_LOWER}]\.-?)+[{_UPPER}{_LOWER}]$")
_URL_LIKE = re.compile(r"(?:https?:|www\.|@|/)", re.IGNORECASE)
_NEXT_WORD = re.compile(rf"[{_UPPER}{_LOWER}]+")

# Abbreviations that never end a sentence when followed by a capital or a digit. Case matters
# for titles ("M." before a name; "m." is metres).
_ABBREVIATIONS = frozenset(
    """
    M MM Mme Mmes Mlle Mlles Mgr Dr Drs Pr Pre Me Mes St Ste Sts Stes Cie Vve Gal Gén Cdt Col Lt
    Cpt Capt Sgt Adj Prof Jr Sr Mr Mrs Ms
    av apr env cf conf éd ed coll chap art al p pp ex fig vol tome no nos n° N° No Nos réf ill
    hab tél fax boul bd av. ch vs ca cm km kg mm min max sq ibid id op cit ann env. approx
    Av Bd Art Chap Fig Vol Réf Tél Ex
    janv févr fév avr juil sept oct nov déc
    """.split()
)
# Abbreviations that also end sentences ("en 52 av. J.-C. Le ...", "etc. Le ..."): split before
# a capital like any word.
_TERMINAL_ABBREVIATIONS = frozenset(["etc", "J.-C", "J.C", "Inc", "Ltd", "Co", "Corp", "cie"])

_CAMEL = re.compile(rf"(?<=[{_LOWER}])(?=[{_UPPER}][{_LOWER}])")
_CAMEL_LEFT = re.compile(rf"[{_UPPER}{_LOWER}]+$")
_SEMI = re.compile(rf"[;:](?=[ \t\u00a0\u202f]+([{_UPPER}][{_LOWER}]*))")
_LINE_BREAK = re.compile(r"[ \t\u00a0\u202f\r]*\n\s*")
_WRAP_LINE = 60  # a line at least this long ending in a word looks hard-wrapped, not a heading


@lru_cache(maxsize=1)
def _starters() -> frozenset[str]:
    """Capitalised words that open French sentences and are not proper names (learned list)."""
    data = (Path(__file__).parent / "data" / "fr_sentence_starters.txt").read_text("utf-8")
    return frozenset(w for w in data.split() if not w.startswith("#") and w[:1].isupper())


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each sentence, whitespace trimmed, in order, never empty.

    ``text[start:end]`` is the sentence exactly, so callers can slice the input.
    """
    cuts = _punctuation_cuts(text)
    if "\n" in text:
        cuts.extend(_line_cuts(text))
    starters = _starters()
    cuts.extend(_glued_heading_cuts(text, starters))
    cuts.extend(_semicolon_cuts(text, starters))
    cuts.sort()
    spans: list[tuple[int, int]] = []
    pos = 0
    for cut in cuts:
        if cut > pos:
            _append_trimmed(text, pos, cut, spans)
            pos = cut
    _append_trimmed(text, pos, len(text), spans)
    return spans


def _punctuation_cuts(text: str) -> list[int]:
    """Cut positions after sentence-final punctuation (and its closing quotes)."""
    cuts: list[int] = []
    n = len(text)
    for m in _TERMINAL.finditer(text):
        nxt = m.end()
        if nxt >= n:
            break
        ch = text[nxt]
        if not _OPENER.match(ch):
            continue  # lowercase, comma, closing mark...: the sentence goes on
        punct = m.group("punct")
        start = m.start()
        glued = not m.group("space") and not m.group("close")
        if punct == ".":
            prev = text[start - 1] if start else ""
            if ch.isdigit() and (glued or prev.isdigit()):
                continue  # 18.859, 3.14, 1.000 and "2.5. 3" style numbering
            if not _period_ends_sentence(text, start, nxt, glued):
                continue
        elif punct in ("..", "...", "…") and m.group("space") == "" and not m.group("close"):
            if ch in "(-[":
                continue
        cut = m.end("close")
        if ch in '"“' and not m.group("space") and text.startswith(ch, m.end("punct")):
            cut = m.end("punct")
        cuts.append(cut)
    return cuts


def _period_ends_sentence(text: str, dot: int, nxt: int, glued: bool) -> bool:
    """Decide whether the period at ``dot`` (next sentence would start at ``nxt``) is final."""
    token = _TOKEN_BEFORE.search(text, max(0, dot - 80), dot).group()
    if not token:
        return True
    word = token.rsplit(".", 1)[-1] if "." in token else token
    word = re.split(r"['’\-/]", word)[-1] if word else word
    if token in _TERMINAL_ABBREVIATIONS or word in _TERMINAL_ABBREVIATIONS:
        return True
    if word in _ABBREVIATIONS or token in _ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isalpha():
        # Initials ("J. Earnest", "J.-M. Le Pen") and dotted acronyms ("U.S.A.") are not ends.
        return False
    if _DOTTED_ACRONYM.search(token) and token.count(".") >= 1 and len(word) <= 2:
        return False
    if glued:
        # "orange.fr", "www.Site.com", "jean@mail.Fr": a period inside an address.
        following = re.match(r"\S*", text[nxt : nxt + 80]).group()
        if _URL_LIKE.search(token) or "@" in following or "/" in following[:1]:
            return False
    return True


def _line_cuts(text: str) -> list[int]:
    """Cuts at line breaks that end a heading, list item or paragraph (not a hard wrap)."""
    cuts: list[int] = []
    for m in _LINE_BREAK.finditer(text):
        end = m.end()
        if end >= len(text):
            break
        gap = m.group()
        if gap.count("\n") >= 2:
            cuts.append(m.start())
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        line = text[line_start : m.start()]
        nxt = text[end]
        wrapped = (
            len(line) >= _WRAP_LINE
            and line[-1:].isalpha()
            and (nxt.islower() or nxt.isupper())
            and not re.match(r"[-–—•*]|\d+[.)]\s", text[end : end + 4])
        )
        if nxt.islower() or line[-1:] in ",;" or wrapped:
            continue
        cuts.append(m.start())
    return cuts


def _glued_heading_cuts(text: str, starters: frozenset[str]) -> list[int]:
    """Cuts inside "policeAprès": a heading glued to the next sentence without punctuation.

    Brand names ("iPhone", "McDonald", "YouTube", "BlackRock") have the same shape, so a cut
    needs either an all-lowercase word of 4+ letters on the left ("police") or a learned
    sentence starter on the right ("FranceLes").
    """
    cuts: list[int] = []
    for m in _CAMEL.finditer(text):
        i = m.start()
        left = _CAMEL_LEFT.search(text, max(0, i - 40), i).group()
        right = _NEXT_WORD.match(text, i).group()
        if (left.islower() and len(left) >= 4) or (len(left) >= 3 and right in starters):
            if not _URL_LIKE.search(_TOKEN_BEFORE.search(text, max(0, i - 80), i).group()):
                cuts.append(i)
    return cuts


def _semicolon_cuts(text: str, starters: frozenset[str]) -> list[int]:
    """Cuts after ";" or ":" followed by a sentence starter ("... en 2001 ; Il est ...")."""
    return [m.end() for m in _SEMI.finditer(text) if m.group(1) in starters]


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))
