"""Build ``src/abrege/data/fr_verb_forms.txt`` from OrangeSum training articles.

Keyphrases are noun phrases, and abrege finds them without a part-of-speech tagger (no model to
ship or download). Stop words cut most phrases at the right place, but verbs are content words
too: "a annoncé", "se sont parlé", "Karim Ouali vit-il", "le chef de l'Etat poursuit" would end
up in phrases or stand as phrases of their own. This list names the lowercase words that news
text mostly uses as verbs (or predicates), learned from where they appear: a word is listed when,
among its ``MIN_COUNT`` or more uses, a share of at least ``MIN_VERBAL`` directly follows a
subject pronoun, a negation, a reflexive pronoun, an auxiliary or a modal ("il vit", "ne
suit", "se rend", "a annoncé", "peut changer", "pour tenter"; a present participle in -ant also
after "en": "en confirmant"), or, for an infinitive in -er or
-ir (not -ier: "dossier", "premier"), a share of at least ``MIN_VERBAL_INFINITIVE`` (infinitives
mostly follow "de" and "à", which also precede nouns). Nouns rarely stand there: "président"
0.01, "enquête" 0.01, "pouvoir" 0.18 (kept as a noun), "mort" 0.13 (kept).

Usage: python scripts/build_keyword_data.py [path/to/train.jsonl.gz]
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

MIN_COUNT = 8
MIN_VERBAL = 0.2
MIN_VERBAL_INFINITIVE = 0.08
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "abrege" / "data" / "fr_verb_forms.txt"

_TOKEN = re.compile(r"[a-zà-öø-ÿœæ]+(?:-[a-zà-öø-ÿœæ]+)*|[.,;:!?«»()\"]")
_VERBAL_CONTEXT = frozenset(
    """il elle ils elles on je nous vous ne n se s qui y a ont avait avaient est sont était
    étaient été sera seront serait seraient aurait auraient aura auront avoir être ai avons avez
    eu peut peuvent pourrait pourraient doit doivent devrait va vont pour sans""".split()
)


def main() -> None:
    shared = Path(os.environ.get("ABREGE_SHARED", ROOT.parent / "shared"))
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else shared / "data/orangesum/train.jsonl.gz"
    total: collections.Counter[str] = collections.Counter()
    verbal: collections.Counter[str] = collections.Counter()
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line)["article"].lower().replace("’", " ").replace("'", " ")
            previous = "."
            for token in _TOKEN.findall(text):
                total[token] += 1
                if previous in _VERBAL_CONTEXT or (previous == "en" and token.endswith("ant")):
                    verbal[token] += 1
                previous = token
    sys.path.insert(0, str(ROOT / "src"))
    from abrege.tokenize import STOP_WORDS

    forms = sorted(
        word
        for word, count in total.items()
        if count >= MIN_COUNT
        and word[0].isalpha()
        and word not in STOP_WORDS
        and _verbal(word, verbal[word] / count)
    )
    header = (
        "# French words news mostly uses as verbs, learned from OrangeSum train "
        "(CC BY-SA 4.0) by scripts/build_keyword_data.py\n"
    )
    OUT.write_text(header + "\n".join(forms) + "\n", encoding="utf-8")
    print(f"{len(forms)} verb forms written to {OUT}")


def _verbal(word: str, share: float) -> bool:
    if share >= MIN_VERBAL:
        return True
    infinitive = word.endswith(("er", "ir")) and not word.endswith("ier")
    return infinitive and share >= MIN_VERBAL_INFINITIVE


if __name__ == "__main__":
    main()
