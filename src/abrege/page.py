"""Is there an article in this web page? Home pages, section pages, lists of picks and
unrendered templates have text too, and summarising them gives a confident summary of a menu
or of template code. A page is refused, with the reason, when its text shows:

* template code: ``{{…}}`` placeholders a browser would have filled in;
* too little prose: fewer than MIN_PROSE_SENTENCES sentences that end like prose;
* mostly furniture: under MIN_PROSE_SHARE of its words are in prose sentences (the rest is
  headlines, labels, menus, links);
* a list of items, each signed or closed by a link: MIN_SIGNED_ITEMS signatures ("(A.H.)") or
  "Lire la suite" links, where an article has one at most.

Thresholds were set so that no OrangeSum validation article (all real articles) is refused
(``benchmarks/web_pages.py --orangesum``).
"""

from __future__ import annotations

from .clean import Candidates, ends_like_prose, is_signature

MIN_TEMPLATE_MARKERS = 2
MIN_PROSE_SENTENCES = 2
MIN_PROSE_WORDS = 5
MIN_PROSE_SHARE = 0.3
MIN_SIGNED_ITEMS = 3


def not_an_article(kept: Candidates) -> str | None:
    """Why the text of a page (its prepared sentences: all of them and the ``kept`` ones) is
    not an article, in a few words, or None when it reads as one."""
    texts = [s.text for s in kept.split]
    markers = sum(t.count("{{") + t.count("}}") for t in texts)
    if markers >= 2 * MIN_TEMPLATE_MARKERS:
        return "unrendered template: {{…}} code"
    prose = [
        s.text
        for s in kept.sentences
        if ends_like_prose(s.text) and len(s.text.split()) >= MIN_PROSE_WORDS
    ]
    if len(prose) < MIN_PROSE_SENTENCES:
        return f"{len(prose)} sentence{'s' if len(prose) != 1 else ''} of prose"
    signed = sum(map(is_signature, texts))
    if signed >= MIN_SIGNED_ITEMS:
        return f"a list of {signed} signed items"
    share = sum(len(t.split()) for t in prose) / max(1, sum(len(t.split()) for t in texts))
    if share < MIN_PROSE_SHARE:
        return f"mostly headings, links and labels ({share:.0%} of the words in prose)"
    return None
