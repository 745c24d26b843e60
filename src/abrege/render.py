"""Write results as text, Markdown or JSON, one article at a time so a long batch streams."""

from __future__ import annotations

import json
from typing import TextIO

from .model import Summary

FORMATS = ("text", "markdown", "json")


class Renderer:
    """Writes each result as soon as it is ready; ``headers`` names the source above each
    summary (wanted when several articles share the output)."""

    def __init__(self, out: TextIO, fmt: str, headers: bool) -> None:
        self.out, self.fmt, self.headers = out, fmt, headers
        self.count = 0

    def begin(self) -> None:
        if self.fmt == "json":
            self.out.write("[")

    def summary(self, source: str, summary: Summary) -> None:
        if self.fmt == "json":
            self._json({"source": source, **summary.to_dict()})
        elif self.fmt == "markdown":
            self._separate()
            if self.headers:
                self.out.write(f"## {source}\n\n")
            self.out.writelines(f"- {s.text}\n" for s in summary.sentences)
        else:
            self._separate()
            if self.headers:
                self.out.write(f"==> {source} <==\n")
            self.out.write(summary.text + "\n")
        self.count += 1
        self.out.flush()

    def failure(self, source: str, reason: str) -> None:
        """Failures are reported on stderr by the caller; JSON keeps them in the list too, so
        nothing silently disappears from machine-read output."""
        if self.fmt == "json":
            self._json({"source": source, "error": reason})
            self.count += 1

    def end(self) -> None:
        if self.fmt == "json":
            self.out.write("\n]\n" if self.count else "]\n")
        self.out.flush()

    def _json(self, obj: dict) -> None:
        self.out.write(("," if self.count else "") + "\n  " + json.dumps(obj, ensure_ascii=False))

    def _separate(self) -> None:
        if self.count:
            self.out.write("\n")
