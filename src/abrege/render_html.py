"""The HTML report (``-f html``): one self-contained page a person reads, in a browser or on a
phone, to see what abrege chose and why.

Per article: its source, title, keyphrases and summary, then the full text with the chosen
sentences highlighted and every ranked sentence shaded by its score (the value on hover, in a
``title`` attribute: no script). The page fetches nothing (inline CSS, no font, no image) and
every piece of article text goes through :func:`html.escape`, so an article holding
``<script>`` shows it as text.

The page streams like the other outputs: each article is written as soon as it is summarised,
so a long batch shows progress and an interrupted run keeps what it had. The index of a batch
can only be known at the end, so it is written last, as a ``<nav>`` that the CSS (a flex
column with ``order``) shows at the top: no script, no second pass, no article held in memory.
"""

from __future__ import annotations

import html
import os
from typing import TextIO

from .model import Analysis, Keyphrase, ScoredSentence
from .render import KEYWORDS_LABEL, label

_STYLE = """
:root{--ink:#1f2933;--muted:#62707d;--line:#e3e7eb;--paper:#fff;--accent:#1d4ed8;
--chosen:#fde68a;--chosen-edge:#d97706}
*{box-sizing:border-box}
body{margin:0;display:flex;flex-direction:column;background:#f5f6f8;color:var(--ink);
font:17px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header,nav,main{width:100%;max-width:48rem;margin:0 auto;padding:0 1rem}
header{order:-2;padding-top:1.25rem}
nav{order:-1}
h1{font-size:1.35rem;margin:0 0 .25rem}
h2{font-size:1.3rem;line-height:1.3;margin:0 0 .35rem;overflow-wrap:anywhere}
h3{font-size:.8rem;letter-spacing:.06em;text-transform:uppercase;color:var(--muted);
margin:1.1rem 0 .4rem}
.legend{color:var(--muted);font-size:.9rem;margin:0 0 1rem}
.legend mark,.legend .s{padding:0 .3em;border-radius:3px}
nav ol{background:var(--paper);border:1px solid var(--line);border-radius:10px;
margin:0 0 1rem;padding:.6rem 1rem .6rem 2.2rem;font-size:.95rem}
nav a{color:var(--accent);text-decoration:none;overflow-wrap:anywhere}
nav .failed{color:#b42318}
article{background:var(--paper);border:1px solid var(--line);border-radius:12px;
padding:1.1rem 1.25rem 1.25rem;margin:0 0 1.25rem;box-shadow:0 1px 2px rgba(0,0,0,.04)}
.source{color:var(--muted);font-size:.85rem;margin:0;overflow-wrap:anywhere}
.keywords{display:flex;flex-wrap:wrap;gap:.35rem;list-style:none;margin:0;padding:0}
.keywords li{background:#eef2ff;color:#1e3a8a;border-radius:999px;padding:.1rem .65rem;
font-size:.9rem}
.summary{margin:0;padding:.6rem .9rem;border-left:4px solid var(--chosen-edge);
background:#fffbeb;border-radius:0 8px 8px 0}
.summary p{margin:0}
.summary p+p{margin-top:.5rem}
.text{white-space:pre-line;overflow-wrap:break-word;margin:0}
.s{background-color:rgb(37 99 235/calc(var(--s)*26%));border-radius:3px;
-webkit-box-decoration-break:clone;box-decoration-break:clone}
mark.s{background:var(--chosen);color:inherit;box-shadow:inset 0 -2px var(--chosen-edge)}
.k{font-weight:600}
.skipped{color:#9aa5b1}
.failure{border-color:#fecdca;background:#fffbfa}
.failure p{margin:.25rem 0 0;color:#b42318}
@media (max-width:600px){body{font-size:16px}header,nav,main{padding:0 .6rem}
article{padding:.9rem .85rem;border-radius:10px}h2{font-size:1.15rem}}
"""


class HtmlRenderer:
    """Writes the report article by article (same calls as :class:`abrege.render.Renderer`)."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.entries: list[tuple[str, str, bool]] = []  # anchor, name, summarised

    def begin(self) -> None:
        self.out.write(
            '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            "<title>abrege : résumés</title>\n"
            f"<style>{_STYLE}</style>\n</head>\n<body>\n<header>\n<h1>Résumés abrege</h1>\n"
            '<p class="legend"><mark class="s">surligné</mark> : phrase retenue ; '
            '<span class="s" style="--s:.8">teinte</span> : score de la phrase, '
            "plus foncée = mieux classée (valeur au survol) ; "
            '<span class="k">gras</span> : mot-clé ; '
            '<span class="skipped">gris</span> : non classé (doublon, code, crédits).</p>\n'
            "</header>\n<main>\n"
        )
        self.out.flush()

    def summary(
        self, source: str, analysis: Analysis, id: object = None, line: int | None = None
    ) -> None:
        name = label(source, id, line)
        anchor = f"a{len(self.entries) + 1}"
        # The title, else the file's name (its folder is on the line below).
        heading = analysis.title or os.path.basename(name) or name
        self.entries.append((anchor, heading, True))
        summary = analysis.summary
        parts = [f'<article id="{anchor}">\n<h2>{_e(heading)}</h2>\n']
        parts.append(
            f'<p class="source">{_e(name)} · méthode {_e(summary.method)} · '
            f"{len(summary.sentences)} phrase{'s' if len(summary.sentences) > 1 else ''} "
            f"retenue{'s' if len(summary.sentences) > 1 else ''} sur {len(analysis.scored)}</p>\n"
        )
        if analysis.keywords:
            parts.append(f'<h3>{KEYWORDS_LABEL}</h3>\n<ul class="keywords">')
            parts.extend(
                f'<li title="score {k.score:.4f}, {len(k.spans)} occurrence'
                f'{"s" if len(k.spans) > 1 else ""}">{_e(k.text)}</li>'
                for k in analysis.keywords
            )
            parts.append("</ul>\n")
        parts.append('<h3>Résumé</h3>\n<blockquote class="summary">')
        parts.extend(f"<p>{_e(s.text)}</p>" for s in summary.sentences)
        parts.append("</blockquote>\n<h3>Texte intégral</h3>\n")
        chosen = {s.start for s in summary.sentences}
        parts.append(f'<p class="text">{_marked_text(analysis, chosen)}</p>\n</article>\n')
        self.out.write("".join(parts))
        self.out.flush()

    def failure(self, source: str, reason: str, id: object = None, line: int | None = None) -> None:
        name = label(source, id, line)
        anchor = f"a{len(self.entries) + 1}"
        self.entries.append((anchor, name, False))
        self.out.write(
            f'<article id="{anchor}" class="failure">\n<h2>{_e(name)}</h2>\n'
            f"<p>Échec : {_e(reason)}</p>\n</article>\n"
        )
        self.out.flush()

    def end(self) -> None:
        self.out.write("</main>\n")
        if len(self.entries) > 1:
            failed = sum(not ok for _, _, ok in self.entries)
            count = f"{len(self.entries)} articles" + (f", {failed} en échec" if failed else "")
            self.out.write(f'<nav aria-label="Sommaire">\n<h3>Sommaire ({count})</h3>\n<ol>\n')
            self.out.writelines(
                f'<li><a href="#{anchor}">{_e(name)}</a></li>\n'
                if ok
                else f'<li><a href="#{anchor}" class="failed">{_e(name)} (échec)</a></li>\n'
                for anchor, name, ok in self.entries
            )
            self.out.write("</ol>\n</nav>\n")
        self.out.write("</body>\n</html>\n")
        self.out.flush()


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _marked_text(analysis: Analysis, chosen: set[int]) -> str:
    """The whole text, escaped, each ranked sentence in a span shaded by its rank (a chosen one
    in a ``<mark>``), the keyphrases' occurrences in bold, what was not ranked in grey."""
    text = analysis.text
    ranked = sorted(analysis.scored, key=lambda s: -s.score)
    rank = {s.start: i for i, s in enumerate(ranked)}
    count = len(ranked)
    spans = _keyword_spans(analysis.keywords)
    parts: list[str] = []
    cursor = 0
    for sentence in analysis.scored:
        parts.append(_outside(text[cursor : sentence.start]))
        parts.append(_sentence(sentence, rank[sentence.start], count, sentence.start in chosen))
        parts.append(_with_keywords(text, sentence.start, sentence.end, spans))
        parts.append("</mark>" if sentence.start in chosen else "</span>")
        cursor = sentence.end
    parts.append(_outside(text[cursor:]))
    return "".join(parts)


def _sentence(sentence: ScoredSentence, rank: int, count: int, chosen: bool) -> str:
    shade = 1.0 - rank / (count - 1) if count > 1 else 1.0
    hover = f"score {sentence.score:.4f} · rang {rank + 1} sur {count}"
    if chosen:
        return f'<mark class="s" title="{hover} · retenue">'
    return f'<span class="s" style="--s:{shade:.2f}" title="{hover}">'


def _outside(piece: str) -> str:
    """Text between ranked sentences: spacing, or what the clean step set aside."""
    if not piece.strip():
        return _e(piece)
    return f'<span class="skipped" title="non classé">{_e(piece)}</span>'


def _keyword_spans(keywords: tuple[Keyphrase, ...]) -> list[tuple[int, int]]:
    """Every occurrence of every keyphrase, in order, none overlapping another."""
    spans: list[tuple[int, int]] = []
    for start, end in sorted(s for k in keywords for s in k.spans):
        if not spans or start >= spans[-1][1]:
            spans.append((start, end))
    return spans


def _with_keywords(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    parts: list[str] = []
    cursor = start
    for begin, finish in spans:
        if begin < start or finish > end:
            continue
        parts.append(_e(text[cursor:begin]))
        parts.append(f'<span class="k">{_e(text[begin:finish])}</span>')
        cursor = finish
    parts.append(_e(text[cursor:end]))
    return "".join(parts)
