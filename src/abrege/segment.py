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
* where a heading was glued to the next sentence without punctuation: "par la policeAprès",
  "Cinq médecins décédés Parmi les victimes", "ELLE EST SUSPENDUE Ces explications",
  'de vie"Mais c'est', and around AFP intertitles ("l'annonce.- Appel à attendre -Dès le");
* after ``;`` followed by a sentence starter ("; Il"), which is how list items run together
  once line breaks are lost. ``:`` is left alone (news uses it before unquoted speech).

Straight quotes are ambiguous once spaces are lost ('fin."Le' opens a quote,
'osez-vous?!"La' closes one): the parity of the quotes around decides, and "opens" wins when
parity is unreliable.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from importlib import resources


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_UPPER = "A-ZÀ-ÖØ-ÞŒ"
_LOWER = "a-zà-öø-ÿœß"

# Terminal punctuation, then closing quotes / brackets (a straight or curly quote only when it is
# not glued to the following word, where it is the next sentence's opening quote, as in
# 'fin."Le'; in 'pas!""Historiquement' the first closes and the second opens), then spaces.
_TERMINAL = re.compile(
    r"(?P<punct>[.!?…]+)"
    r"(?P<close>(?:[ \t\u00a0\u202f]*(?:[»)\]]|[\"”’](?![\w«\"“])|\"(?=[\"“«])))*)"
    r"(?P<space>\s*)"
)
# What may open a sentence right after terminal punctuation.
_OPENERS = frozenset(
    [chr(c) for a, b in ("AZ", "ÀÖ", "ØÞ", "09") for c in range(ord(a), ord(b) + 1)]
    + list('Œ«"“([-–—•*¿¡')
)
# Last token before a period: letters, digits, and the dots / hyphens / @ / slashes of
# abbreviations, acronyms, numbers, URLs and e-mail addresses.
# (Matched on the reversed text before the period: an anchored match stays linear where a
# search for "...$" would retry from every position.)
_TOKEN_BEFORE_REV = re.compile(r"[\w.\-@/:%#~&=+'’°]*")
_LAST_PART_REV = re.compile(r"[^.'’\-/]*")  # "J.-C" -> "C", "l'AFP" -> "AFP"
_DOTTED_ACRONYM_REV = re.compile(rf"[{_UPPER}{_LOWER}](?:-?\.[{_UPPER}{_LOWER}])+")
# A token that is a web or e-mail address ("://", "@", starting "www."; matched on the reversed
# token): its periods are not sentence ends.
_ADDRESS_REV = re.compile(r"(?://:|\.www$|^www$|@)", re.IGNORECASE)
# After a period with no space, only a capitalised word or an opening quote starts a sentence
# ("inconnues.Lorsque", "l'AFP.Aucune", "fin.\"Le"); "photo.JPG", "v2.X" do not.
_GLUED_OPENER = re.compile(rf"[{_UPPER}](?![.][\w\-])|[«\"“]\s*[{_UPPER}0-9]")
_GLUED_AFTER_NUMBER = re.compile(rf"[{_UPPER}][{_LOWER}'’]|[AÀ] |[«\"“]\s*[{_UPPER}0-9]")
# A link after a sentence end and a space starts the next piece (an embedded post's address).
_LINK_STARTS = ("http://", "https://", "www.")
_NEXT_WORD = re.compile(rf"[{_UPPER}{_LOWER}]+")

# Abbreviations that never end a sentence: titles before a name ("M. Dupont", "Mme", "Dr") and
# abbreviations that are not French words ("cf.", "av. J.-C.", "éd.", "(app. LREM)").
# Case matters: "M." is "Monsieur", "m." is metres.
_ABBREVIATIONS = _words(
    """
    M MM Mme Mmes Mlle Mlles Mgr Dr Drs Pr Me Mes St Ste Sts Stes Vve Gal Gén
    Cdt Lt Cpt Capt Sgt Adj Prof Mr Mrs Ms Jr Sr
    av apr cf éd coll vs ibid op app div Av Bd Art Chap Fig Vol Réf Tél Ex
    """
)
# Abbreviations that are also French words or often end a sentence ("art.", "vol.", "sept.",
# "p."): they hold the sentence together only before a number ("art. 3", "p. 12", "sept. 2020").
_NUMBER_ABBREVIATIONS = _words(
    """
    p pp art chap vol fig no nos n° N° No Nos tome t réf ex env hab tél éd al ch
    janv févr fév avr juil sept oct nov déc
    """
)
# (Patterns below open with their rarest character class: the regex engine tries every
# position, and a capital letter fails fastest.)
_CAMEL = re.compile(rf"[{_UPPER}](?<=[{_LOWER}][{_UPPER}])(?=[{_LOWER}])")
# What follows an identifier, not a word of prose: a key's colon, an assignment, a call.
_CODE_AFTER = re.compile(r"['\"]?\s*[:=(]|[_\d]")
_LETTERS = re.compile(rf"[{_UPPER}{_LOWER}]*")
_SEMI = re.compile(rf";(?=[ \t\u00a0\u202f]+([{_UPPER}][{_LOWER}]*))")
# Determiners that open sentences but also names ("Le Pen", "De Gaulle"): enough after ";".
_DETERMINERS = frozenset(["Le", "La", "Les", "L", "De", "Du", "Des", "D"])
# Function words that cannot end a heading: a capital after them starts a title of a work
# ("accompagnée par Ainsi parlait Zarathoustra"), not a sentence.
_NOT_HEADING_END = _words(
    """
    le la les l un une des du de d au aux à a en dans par pour sur sous avec sans chez vers
    entre et ou ni mais que qu qui dont où comme telles tels tel telle ce cette ces son sa ses
    leur leurs notre nos votre vos mon ma mes est sont été être avait ont a fut titre intitulé
    intitulée album film livre roman série émission journal label magazine
    """
)
_LAST_WORD_REV = re.compile(r"\W*(\w*)")
# A capitalised word after a word and a plain space: a heading that lost its line break
# ("Cinq médecins décédés Parmi les victimes") when the word is a strong sentence starter.
_SPACED_CAPITAL = re.compile(
    rf"[{_UPPER}](?<=[\w%)] [{_UPPER}])[{_LOWER}]*(?=[ \u00a0\u202f]+[{_LOWER}]|['’,])"
)
# A heading in capitals run into the next sentence ("ELLE EST SUSPENDUE Ces explications"): two
# to twelve all-capital words, then a capitalised starter word (bounded: linear time).
# (The first capital is matched before the look-behind that checks what precedes it, so the
# engine's prefix scan skips to candidate characters instead of trying every position.)
_CAPS = rf"[{_UPPER}'’(),\-]"
_CAPS_HEADING = re.compile(
    rf"{_CAPS}(?<![\w'’].){_CAPS}{{0,29}}+[ \u00a0]++(?:{_CAPS}{{1,30}}+[ \u00a0]++){{1,11}}+"
    rf"([{_UPPER}][{_LOWER}]+)(?=['’ ])"
)
_CAPS_WORD = re.compile(rf"[{_UPPER}]{{4}}")
# A quoted heading or quote glued to a word on one side and to a capitalised word on the
# other ('meurtre"On ne peut', 'tenable"Parmi eux'): a boundary on one side of the quote.
_GLUED_QUOTE = re.compile(rf"([\"“”])(?<=[\w)].)(?=[{_UPPER}][{_LOWER}'’])")  # quote first: fast
# An AFP-style intertitle between two paragraphs, glued on both sides once scraped:
# 'l'annonce.- Appel à attendre -Dès le décès'. Hyphens inside words ("Covid-19") are allowed;
# the closing dash must touch the next word, unlike a list ("- Affaire A - Affaire B").
# It must follow a sentence end or a line start, then spaces: checked by _after_end (a regex
# starting with that look-behind would be tried at every position of the text).
_INTERTITLE = re.compile(
    r"-[ \u00a0](?:[^-.\n]|(?<=\w)-(?=\w)){2,80}?[ \u00a0]-" rf"(?=[{_UPPER}0-9\"«“'])"
)
_INTERTITLE_AFTER = '.!?…"»)\n'
# An elision mark right after a sentence end opens the next sentence, as treebanks do
# ("matchs. (...) Les universités"); after a word it ends its sentence ("dramatique (...) Il y a").
_ELIDED_AFTER_END = re.compile(r"[.!?…][\"»”]?\s*[(\[](?:\.\.\.|…)$")
_LINE_BREAK = re.compile(r"[ \t\u00a0\u202f\r]*\n\s*")
# A heading that opens a line and runs into its paragraph (see _line_heading_cuts).
_HEAD_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_LINE_HEADING_MAX = 8
_HEAD_OPENERS = frozenset(
    "Le La Les L’ L' Un Une Des Ce Cette Ces Il Elle Ils Elles On Son Sa Ses Leur Leurs".split()
)
# Words that make a run of words a clause rather than a heading.
_CLAUSE_WORDS = _words(
    """
    est sont était étaient a ont avait avaient fait font va vont peut peuvent doit doivent sera
    seront serait été être avoir il elle ils elles on je j nous vous tu qui que qu
    """
)
_WRAP_LINE = 60  # a line at least this long ending in a word looks hard-wrapped, not a heading
# Sentence starters are learned; "strong" ones almost never appear capitalised mid-sentence
# (ratio of sentence openings to mid-sentence capitalised uses).
_STRONG_RATIO = 40.0
# Strong starters that still occur capitalised inside titles of works or English names
# ("On n'est pas couché", "Un Tel", "Go On"): never cut before them without punctuation.
_TITLE_WORDS = frozenset(["On", "Un", "Une", "Et", "Ou", "Or", "À", "Ne", "Soit", "Peut"])


@lru_cache(maxsize=1)
def _starters() -> tuple[frozenset[str], frozenset[str]]:
    """Learned French sentence starters (all, strong), read once on first use."""
    text = resources.files("abrege").joinpath("data/fr_sentence_starters.txt").read_text("utf-8")
    every, strong = set(), set()
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        word, opens, capitalised = line.split("\t")
        every.add(word)
        if int(opens) / (int(capitalised) + 1) >= _STRONG_RATIO and len(word) > 1:
            strong.add(word)
    return frozenset(every), frozenset(strong)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each sentence, whitespace trimmed, in order, never empty.

    ``text[start:end]`` is the sentence exactly, so callers can slice the input.
    """
    starters, strong = _starters()
    cuts = _punctuation_cuts(text, starters)
    if "\n" in text:
        cuts.extend(_line_cuts(text))
    cuts.extend(_glued_heading_cuts(text, starters))
    cuts.extend(_spaced_heading_cuts(text, strong))
    cuts.extend(_line_heading_cuts(text, strong))
    cuts.extend(_semicolon_cuts(text, starters))
    if '"' in text or "“" in text or "”" in text:
        cuts.extend(_glued_quote_cuts(text))
    if _CAPS_WORD.search(text):
        cuts.extend(_caps_heading_cuts(text, starters))
    if " -" in text:
        cuts = _with_intertitles(text, cuts)
    cuts.sort()
    spans: list[tuple[int, int]] = []
    pos = 0
    for cut in cuts:
        if cut > pos:
            _append_trimmed(text, pos, cut, spans)
            pos = cut
    _append_trimmed(text, pos, len(text), spans)
    return spans


def _with_intertitles(text: str, cuts: list[int]) -> list[int]:
    """Cut around each intertitle ("- Quel plan de bataille? -") and nowhere inside it."""
    titles = [m.span() for m in _INTERTITLE.finditer(text) if _after_end(text, m.start())]
    if not titles:
        return cuts
    starts = [start for start, _ in titles]

    def inside_title(cut: int) -> bool:
        k = bisect_left(starts, cut)  # titles[k - 1] is the last one starting before the cut
        return k > 0 and cut < titles[k - 1][1]

    kept = [c for c in cuts if not inside_title(c)]
    for span in titles:
        kept.extend(span)
    return kept


def _after_end(text: str, dash: int) -> bool:
    """Whether only spaces separate ``dash`` from a sentence end or a line start."""
    i = dash
    while i and text[i - 1] in " \t\u00a0":
        i -= 1
    return not i or text[i - 1] in _INTERTITLE_AFTER


def _punctuation_cuts(text: str, starters: frozenset[str]) -> list[int]:
    """Cut positions after sentence-final punctuation (and its closing quotes)."""
    cuts: list[int] = []
    n = len(text)
    quotes = _QuoteParity(text)
    for m in _TERMINAL.finditer(text):
        nxt = m.end()
        if nxt >= n:
            break
        ch = text[nxt]
        punct, close, space = m.groups()
        if ch not in _OPENERS and not (space and text.startswith(_LINK_STARTS, nxt)):
            continue  # lowercase, comma, closing mark...: the sentence goes on
        start = m.start()
        if text[start - 1] in "([" and _ELIDED_AFTER_END.search(text, max(0, start - 8), m.end(1)):
            continue  # "matchs. (...) Les": the elision opens the next sentence
        glued = not space and not close
        if glued and not (
            _GLUED_AFTER_NUMBER if start and text[start - 1].isdigit() else _GLUED_OPENER
        ).match(text, nxt):
            continue  # "18.859", "3.14", "10.JPG", "U.S.A" ("18.859.En" does cut)
        if punct == "." and not _period_ends_sentence(text, start, nxt, starters):
            continue
        cut = nxt - len(space)
        if ch == "“" and glued:
            cut = nxt
        elif ch == '"' and glued:
            # fin."Le: the quote usually opens the next sentence, unless it closes this one
            # ('Comment osez-vous?!"La jeune Suédoise').
            # A quote between spaces ('bête ! " Les') is taken as closing: parity is less
            # reliable there than the spacing.
            cut = nxt + 1 if quotes.closes(nxt) else nxt
        cuts.append(cut)
    return cuts


class _QuoteParity:
    """Tells whether the straight quote at ``i`` closes a quotation.

    It closes when an odd number of straight quotes precede it and an even number follow it,
    counted within its paragraph. Asking both sides means one stray quote elsewhere in a
    scraped article makes the answer "opens" (the common case) rather than flipping it.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._quotes: list[int] | None = None
        self._breaks: list[int] = []

    def closes(self, i: int) -> bool:
        if self._quotes is None:  # positions are found once, then every question is a bisect
            self._quotes = [m.start() for m in re.finditer('"', self._text)]
            self._breaks = [m.start() for m in re.finditer("\n", self._text)]
        quotes, breaks = self._quotes, self._breaks
        b = bisect_left(breaks, i)
        start = breaks[b - 1] if b else 0
        end = breaks[b] if b < len(breaks) else len(self._text)
        k = bisect_left(quotes, i)
        before = k - bisect_left(quotes, start)
        after = bisect_left(quotes, end) - k - 1
        return before % 2 == 1 and after % 2 == 0


def _period_ends_sentence(text: str, dot: int, nxt: int, starters: frozenset[str]) -> bool:
    """Decide whether the single period at ``dot`` ends a sentence (the next one at ``nxt``)."""
    reversed_token = _reversed_token_before(text, dot)
    if not reversed_token:
        return True
    if _ADDRESS_REV.search(reversed_token):
        return False  # inside or right after an address: "www.orange.fr. Le" is rare
    plain = reversed_token.isalpha()  # a word and nothing else: most sentence ends
    part = reversed_token if plain else _match_empty_ok(_LAST_PART_REV, reversed_token).group()
    word = part[::-1]
    if word in _ABBREVIATIONS:
        return False
    if text[nxt].isdigit() and (word in _NUMBER_ABBREVIATIONS or word.isdigit()):
        return word.isdigit() and nxt > dot + 1  # "2008. 23 épreuves" ends; "p. 12" does not
    if len(word) == 1 and word.isupper():
        # Initials ("J. Earnest", "J.-M. Le Pen") and dotted acronyms ("U.S.A.") are not ends,
        # unless what follows only ever starts sentences ("Mac OS X. Une version").
        following = _NEXT_WORD.match(text, nxt, nxt + 40)
        return following is not None and following.group() in starters
    return plain or not (len(word) <= 2 and _DOTTED_ACRONYM_REV.match(reversed_token))


def _match_empty_ok(pattern: re.Pattern[str], text: str) -> re.Match[str]:
    """``pattern.match(text)`` for a pattern that matches the empty string, so it never fails
    (said once here rather than leaving every caller to handle a None that cannot happen)."""
    match = pattern.match(text)
    assert match is not None
    return match


def _reversed_token_before(text: str, i: int) -> str:
    """The run of word, number, address characters that ends at ``i`` (at most 80 chars),
    reversed (the regex reads backwards that way)."""
    return _match_empty_ok(_TOKEN_BEFORE_REV, text[max(0, i - 80) : i][::-1]).group()


def _line_cuts(text: str) -> list[int]:
    """Cuts at line breaks that end a heading, list item or paragraph (not a hard wrap)."""
    cuts: list[int] = []
    for m in _LINE_BREAK.finditer(text):
        end = m.end()
        if end >= len(text):
            break
        if m.group().count("\n") >= 2:
            cuts.append(m.start())
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        line = text[line_start : m.start()]
        nxt = text[end]
        wrapped = (
            len(line) >= _WRAP_LINE
            and line[-1:].isalpha()
            and nxt.isalpha()
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
        left = _match_empty_ok(_LETTERS, text[max(0, i - 40) : i][::-1]).group()[::-1]
        right = _NEXT_WORD.match(text, i, i + 40)
        assert right is not None  # _CAMEL matched a capital then a lowercase letter at i
        if _CODE_AFTER.match(text, right.end()):
            continue  # "mediaType:", "sequenceUrl':" — an identifier in scraped code
        if (left.islower() and len(left) >= 4) or (len(left) >= 3 and right.group() in starters):
            token = _reversed_token_before(text, i)
            if not _ADDRESS_REV.search(token) and "/" not in token:
                cuts.append(i)
    return cuts


def _spaced_heading_cuts(text: str, strong: frozenset[str]) -> list[int]:
    """Cuts before a strong starter that follows a word with no punctuation at all.

    Headings and list items lose their line breaks in scraped news and in treebank text
    ("Cinq médecins décédés Parmi les victimes"); "Il", "Selon", "Parmi" are capitalised only at
    the start of a sentence, so the capital alone marks the boundary.
    """
    cuts: list[int] = []
    for m in _SPACED_CAPITAL.finditer(text):
        if m.group() in strong and m.group() not in _TITLE_WORDS:
            before = _match_empty_ok(
                _LAST_WORD_REV, text[max(0, m.start() - 40) : m.start() - 1][::-1]
            )
            if before.group(1)[::-1].lower() not in _NOT_HEADING_END:
                cuts.append(m.start())
    return cuts


def _line_heading_cuts(text: str, strong: frozenset[str]) -> list[int]:
    """Cuts after a heading that opens a line (or the text) and runs into its paragraph with a
    plain space: "La Commission de contrôle Le contrôle de cette surveillance…", "Conservation
    des données Les données seront…". A web page's heading and paragraph end up on one line
    when the page sets them in inline elements.

    The heading is 2 to LINE_HEADING_MAX words with no punctuation, opening with a capital and
    ending with a lowercase word that can end a heading (not "film" in "le film Le Bon"),
    without a verb or subject pronoun that would make it a clause ("Il a vu Le Petit Prince");
    what follows is a determiner or pronoun followed by
    a lowercase word (so not a name: "Le Pen", "Le Monde") or a strong sentence starter.
    """
    cuts: list[int] = []
    line = 0
    while line >= 0:
        start = line
        while start < len(text) and text[start] in " \t\u00a0":
            start += 1
        line = text.find("\n", line) + 1 or -1
        words_ = list(_HEAD_WORD.finditer(text, start, start + 200))
        if len(words_) < 3 or words_[0].start() != start:
            continue
        if not words_[0].group()[0].isupper():
            continue
        for k in range(2, min(len(words_) - 1, _LINE_HEADING_MAX + 1)):
            word, previous, following = words_[k], words_[k - 1], words_[k + 1]
            if text[previous.end() : word.start()] not in (" ", "\u00a0"):
                break  # punctuation or a line break: not a glued heading
            head = [w.group() for w in words_[:k]]
            if any(w.lower() in _CLAUSE_WORDS for w in head):
                break
            name = word.group()
            if not name[0].isupper():
                continue
            opens = (name in _HEAD_OPENERS and following.group()[0].islower()) or (
                name in strong and name not in _TITLE_WORDS
            )
            last = previous.group()
            if opens and last[0].islower() and last.lower() not in _NOT_HEADING_END:
                cuts.append(word.start())
            break
    return cuts


def _glued_quote_cuts(text: str) -> list[int]:
    """Cuts at a quote glued between a word and a capitalised word (scraped headings).

    A curly quote says which way it faces; for a straight one the count of straight quotes
    before it decides: an odd count means it closes (cut after it), even means it opens.
    """
    cuts: list[int] = []
    quotes = _QuoteParity(text)
    for m in _GLUED_QUOTE.finditer(text):
        quote = m.group(1)
        closes = quote == "”" or (quote == '"' and quotes.closes(m.start(1)))
        cuts.append(m.end(1) if closes else m.start(1))
    return cuts


def _caps_heading_cuts(text: str, starters: frozenset[str]) -> list[int]:
    """Cuts after a heading in capitals glued to its paragraph by a space.

    The heading needs a word of 4+ capitals (not just acronyms such as "PS UMP") and the next
    word must be a learned starter or a determiner ("... SUSPENDUE Ces explications").
    """
    cuts: list[int] = []
    for m in _CAPS_HEADING.finditer(text):
        word = m.group(1)
        if (word in starters or word in _DETERMINERS) and _CAPS_WORD.search(
            text, m.start(), m.start(1)
        ):
            cuts.append(m.start(1))
    return cuts


def _semicolon_cuts(text: str, starters: frozenset[str]) -> list[int]:
    """Cuts after ";" followed by a sentence starter ("... en 2001 ; Il est ...").

    A French clause after ";" starts lowercase, so a capital there is a new sentence or list
    item, unless it is a name in an enumeration ("; Jeanne"). ":" is left alone: in news it
    introduces quotes without quotation marks and live-blog times ("21h : Selon ...").
    """
    return [
        m.end()
        for m in _SEMI.finditer(text)
        if m.group(1) in starters or m.group(1) in _DETERMINERS
    ]


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))
