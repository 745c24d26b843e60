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
    summary (wanted when several articles share the output)."""

    def __init__(self, out: TextIO, fmt: str, headers: bool) -> None:
        self.out, self.fmt, self.headers = out, fmt, headers
        self.count = 0

    def begin(self) -> None:
        if self.fmt == "json":
            self.out.write("[")

    def summary(
        self, source: str, analysis: Analysis, id: object = None, line: int | None = None
    ) -> None:
        """``id`` and ``line`` identify a JSON Lines record of ``source``. Keyphrases are
        written when the analysis has some (``--keywords``), and only then, so the output
        without the option stays as it was."""
        summary, keywords = analysis.summary, analysis.keywords
        phrases = ", ".join(k.text for k in keywords)
        if self.fmt in ("json", "jsonl"):
            record = {
                **_identity(source, id, line),
                **summary.to_dict(),
                "warnings": list(summary.warnings),
            }
            if keywords:
                record["keywords"] = [k.to_dict() for k in keywords]
            self._record(record)
        elif self.fmt == "markdown":
            self._separate()
            if self.headers:
                self.out.write(f"## {label(source, id, line)}\n\n")
            self.out.writelines(f"- {s.text}\n" for s in summary.sentences)
            if keywords:
                self.out.write(f"\n*{KEYWORDS_LABEL} :* {phrases}\n")
        else:
            self._separate()
            if self.headers:
                self.out.write(f"==> {label(source, id, line)} <==\n")
            self.out.write(summary.text + "\n")
            if keywords:
                self.out.write(f"{KEYWORDS_LABEL} : {phrases}\n")
        self.count += 1
        self.out.flush()

    def failure(self, source: str, reason: str, id: object = None, line: int | None = None) -> None:
        """Failures are reported on stderr by the caller; JSON keeps them in the output too."""
        if self.fmt in ("json", "jsonl"):
            self._record({**_identity(source, id, line), "error": reason})
            self.count += 1
            self.out.flush()

    def end(self) -> None:
        if self.fmt == "json":
            self.out.write("\n]\n" if self.count else "]\n")
        self.out.flush()

    def _record(self, obj: dict) -> None:
        text = json.dumps(obj, ensure_ascii=False)
        if self.fmt == "jsonl":
            self.out.write(text + "\n")
        else:
            self.out.write(("," if self.count else "") + "\n  " + text)

    def _separate(self) -> None:
        if self.count:
            self.out.write("\n")


def label(source: str, id: object = None, line: int | None = None) -> str:
    """How a person is shown an article: ``<stdin>``, ``a.txt``, ``dump.jsonl:12 (id 4567)``."""
    name = "<stdin>" if source == "-" else source
    if line is not None:
        name += f":{line}"
    return name if id is None else f"{name} (id {id})"


def _identity(source: str, id: object, line: int | None) -> dict:
    return {"source": source, "line": line, "id": id}
