"""Write results as text, Markdown, JSON or JSON Lines, one article at a time so a long batch
streams (the HTML report is :mod:`abrege.render_html`).

In JSON and JSON Lines every article gets a record, failed ones with ``"error"`` instead of a
summary, so nothing silently disappears. Sentence ``start``/``end`` are character offsets in the
text that was ranked: the input decoded, mojibake repaired, line ends made ``\\n`` and
NFC-normalised (for an HTML page, the article text extracted from it).
"""

from __future__ import annotations

import json
from typing import TextIO

from .model import Analysis

FORMATS = ("text", "markdown", "json", "jsonl", "html")
KEYWORDS_LABEL = "Mots-clés"


class Renderer:
    """Writes each result as soon as it is ready; ``headers`` names the source above each
    summary (wanted when several articles share the output). A result is formatted by
    :func:`render_summary` / :func:`render_failure` (pure, so a worker process can do it) and
    written by :meth:`write`, which adds what goes between results."""

    def __init__(self, out: TextIO, fmt: str, headers: bool) -> None:
        self.out, self.fmt, self.headers = out, fmt, headers
        self.count = 0

    def begin(self) -> None:
        if self.fmt == "json":
            self.out.write("[")

    def summary(
        self, source: str, analysis: Analysis, id: object = None, line: int | None = None
    ) -> None:
        """``id`` and ``line`` identify a JSON Lines record of ``source``."""
        self.write(render_summary(self.fmt, self.headers, source, analysis, id, line))

    def failure(self, source: str, reason: str, id: object = None, line: int | None = None) -> None:
        """Failures are reported on stderr by the caller; JSON keeps them in the output too."""
        self.write(render_failure(self.fmt, source, reason, id, line))

    def write(self, body: str | None) -> None:
        """Write one formatted result (None: nothing to write) and flush it, so what is
        finished is on disk even if the run is stopped."""
        if body is None:
            return
        if self.fmt == "json":
            self.out.write(("," if self.count else "") + "\n  " + body)
        elif self.fmt == "jsonl":
            self.out.write(body + "\n")
        else:
            self.out.write(("\n" if self.count else "") + body)
        self.count += 1
        self.out.flush()

    def end(self) -> None:
        if self.fmt == "json":
            self.out.write("\n]\n" if self.count else "]\n")
        self.out.flush()


def render_summary(
    fmt: str,
    headers: bool,
    source: str,
    analysis: Analysis,
    id: object = None,
    line: int | None = None,
) -> str:
    """One summary in format ``fmt``, without what separates it from the others. Keyphrases
    are written when the analysis has some (``--keywords``), and only then, so the output
    without the option stays as it was."""
    summary, keywords = analysis.summary, analysis.keywords
    phrases = ", ".join(k.text for k in keywords)
    if fmt in ("json", "jsonl"):
        record = {
            **_identity(source, id, line),
            **summary.to_dict(),
            "warnings": list(summary.warnings),
        }
        if keywords:
            record["keywords"] = [k.to_dict() for k in keywords]
        return json.dumps(record, ensure_ascii=False)
    if fmt == "markdown":
        header = f"## {label(source, id, line)}\n\n" if headers else ""
        tail = f"\n*{KEYWORDS_LABEL} :* {phrases}\n" if keywords else ""
        return header + "".join(f"- {s.text}\n" for s in summary.sentences) + tail
    header = f"==> {label(source, id, line)} <==\n" if headers else ""
    tail = f"{KEYWORDS_LABEL} : {phrases}\n" if keywords else ""
    return header + summary.text + "\n" + tail


def render_failure(
    fmt: str, source: str, reason: str, id: object = None, line: int | None = None
) -> str | None:
    """A failure as the output keeps it: a record in JSON formats, nothing in text ones."""
    if fmt in ("json", "jsonl"):
        return json.dumps({**_identity(source, id, line), "error": reason}, ensure_ascii=False)
    return None


def label(source: str, id: object = None, line: int | None = None) -> str:
    """How a person is shown an article: ``<stdin>``, ``a.txt``, ``dump.jsonl:12 (id 4567)``."""
    name = "<stdin>" if source == "-" else source
    if line is not None:
        name += f":{line}"
    return name if id is None else f"{name} (id {id})"


def _identity(source: str, id: object, line: int | None) -> dict:
    return {"source": source, "line": line, "id": id}
