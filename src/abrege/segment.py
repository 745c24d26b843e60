"""Split text into sentences, keeping exact character offsets.

Offsets matter more than text here: every later step (ranking, JSON output) refers back to the
input by ``(start, end)``, so a summary sentence can always be sliced out of what the user gave.
"""

from __future__ import annotations

import re

# Placeholder rule (replaced by the French segmenter): a sentence ends at . ! ? … followed by
# whitespace, or at a blank line.
_BOUNDARY = re.compile(r"(?<=[.!?…])\s+|\n\s*\n")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each sentence, whitespace trimmed, in order, never empty."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in _BOUNDARY.finditer(text):
        _append_trimmed(text, pos, match.start(), spans)
        pos = match.end()
    _append_trimmed(text, pos, len(text), spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))
