"""Build ``src/abrege/data/fr_sentence_starters.txt`` from OrangeSum training articles.

The segmenter needs to know which capitalised words open French sentences without being proper
names ("Il", "Selon", "Après" but not "Le" of "Le Pen" or "Notre" of "Notre-Dame"). It uses that
list only where punctuation gives no answer: a heading glued to the next sentence ("par la
policeAprès"), or a capital after ";", ":" or a lone initial. The statistic is Punkt's "frequent
sentence starter" idea, made stricter: a word qualifies when, in news text,

* it follows ". ", "! " or "? " at least ``MIN_STARTS`` times,
* its lowercase form is common mid-sentence (more than 3x its capitalised mid-sentence uses), and
* it opens sentences at least ``MIN_RATIO`` times as often as it appears capitalised after a
  lowercase word (which is what a proper name, or a title word such as "Le" in "Le Pen", does).

Both counts are kept in the file, so the segmenter can ask for a stricter ratio where a wrong cut
would cost more (a capital after a plain space, with no punctuation at all).

Usage: python scripts/build_segment_data.py [path/to/train.jsonl.gz]
(default: ../shared/data/orangesum/train.jsonl.gz beside the repo, or $ABREGE_SHARED/data).
"""

from __future__ import annotations

import collections
import gzip
import json
import os
import re
import sys
from pathlib import Path

MIN_STARTS = 20
MIN_RATIO = 5.0
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "abrege" / "data" / "fr_sentence_starters.txt"

_START = re.compile(r"[.!?] ([A-ZÀ-ÖØ-Þ][a-zà-öø-ÿœ]*)")
_MID = re.compile(r"(?<=[a-zà-ÿ,] )([a-zà-öø-ÿœ]+|[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿœ]*)")


def main() -> None:
    shared = Path(os.environ.get("ABREGE_SHARED", ROOT.parent / "shared")) / "data"
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else shared / "orangesum" / "train.jsonl.gz"
    starts: collections.Counter[str] = collections.Counter()
    lower: collections.Counter[str] = collections.Counter()
    cap_mid: collections.Counter[str] = collections.Counter()
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line)["article"]
            starts.update(m.group(1) for m in _START.finditer(text))
            for m in _MID.finditer(text):
                word = m.group(1)
                (lower if word[0].islower() else cap_mid)[word] += 1
    rows = sorted(
        (w, n, cap_mid[w])
        for w, n in starts.items()
        if n >= MIN_STARTS
        and lower[w.lower()] > 3 * cap_mid[w]
        and n / (cap_mid[w] + 1) >= MIN_RATIO
    )
    header = (
        f"# French sentence starters learned from {path.name} by {Path(__file__).name}\n"
        "# word, times it opens a sentence, times it is capitalised after a lowercase word\n"
    )
    body = "".join(f"{w}\t{n}\t{c}\n" for w, n, c in rows)
    OUT.write_text(header + body, encoding="utf-8")
    print(f"{len(rows)} words -> {OUT}")


if __name__ == "__main__":
    main()
