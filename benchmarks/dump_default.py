"""Write the default method's summaries of OrangeSum valid, without and with the title, as the
JSON that ``benchmarks/quality.py --against`` reads.

    PYTHONPATH=src python benchmarks/dump_default.py old.json

It uses only ``abrege.summarize`` and ``abrege.evaluate.load``, which every version has, so it
can run in an older checkout to compare that version's default with today's on the same
articles (paired bootstrap), e.g. the default before issue 13:

    git worktree add /tmp/abrege-4076b37 4076b37
    (cd /tmp/abrege-4076b37 && PYTHONPATH=src python $OLDPWD/benchmarks/dump_default.py \\
        $OLDPWD/old.json)
    PYTHONPATH=src python benchmarks/quality.py --against old.json
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from abrege import summarize
from abrege.evaluate import load

SHARED = Path(
    os.environ.get("ABREGE_SHARED", Path(__file__).resolve().parents[1].parent / "shared")
)
VALID = SHARED / "data" / "orangesum" / "valid.jsonl"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: dump_default.py OUTPUT.json", file=sys.stderr)
        return 2
    if not VALID.exists():
        print(f"dump_default: {VALID} not found (set ABREGE_SHARED)", file=sys.stderr)
        return 2
    summaries: dict[str, list[list[str]]] = {"no_title": [], "title": []}
    for ex in load(str(VALID)):
        for key, title in (("no_title", None), ("title", ex.title)):
            summary = summarize(ex.article, title=title)
            summaries[key].append([s.text for s in summary.sentences])
    Path(argv[0]).write_text(json.dumps(summaries, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
