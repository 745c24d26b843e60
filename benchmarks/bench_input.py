"""Real-world input on OrangeSum validation: decoding accuracy, what cleaning removes, its effect
on ROUGE, and its cost.

    PYTHONPATH=src python benchmarks/bench_input.py [--data ../shared/data/orangesum/valid.jsonl]

Decoding: every article is encoded in each encoding (when it can hold the text) and read back;
"exact" counts articles whose text comes back identical. The reference is charset-normalizer
alone (its best guess), measured in the same run.

Cleaning: the 0.1 filter (drop word-less and exactly repeated sentences) is the reference. ROUGE
F1 (1, 2, L) of the default 3-sentence TextRank summary against the author's abstract, words
lowercased and split on non-letters (accents kept), no stemming.

Robustness: each article again with the junk scrapers add (a byline, a "Lire aussi" link, a
link alone, its first three sentences repeated with other quotes and spacing, the OrangeSum
video player's JavaScript); how many summaries stay exactly those of the clean article.

Speed: seconds per article, and ratios against the reference measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import time
import unicodedata
from pathlib import Path

from abrege import clean, split_sentences, summarize
from abrege.model import Sentence
from abrege.read import decode, normalise
from abrege.tokenize import Scan

SHARED = Path(os.environ.get("ABREGE_SHARED", Path(__file__).resolve().parents[2] / "shared"))
DEFAULT_DATA = SHARED / "data" / "orangesum" / "valid.jsonl"
ENCODINGS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8 + BOM": lambda t: t.encode("utf-8-sig"),
    "utf-16 + BOM": lambda t: t.encode("utf-16"),
    "cp1252": lambda t: t.encode("cp1252"),
    "latin-1": lambda t: t.encode("latin-1"),
    "iso8859-15": lambda t: t.encode("iso8859-15"),
    "mac_roman": lambda t: t.encode("mac_roman"),
    "mojibake (utf-8 read as cp1252)": lambda t: (
        t.encode("utf-8").decode("cp1252", "ignore").encode("utf-8")
    ),
}


def charset_normalizer_only(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return unicodedata.normalize("NFC", str(best)) if best is not None else ""


def decoding(texts: list[str]) -> None:
    print("| input encoding | articles | abrege exact | charset-normalizer exact | time ratio |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, encode in ENCODINGS.items():
        ours = ref = n = 0
        t_ours = t_ref = 0.0
        for text in texts:
            try:
                data = encode(text)
            except UnicodeEncodeError:
                continue
            n += 1
            start = time.perf_counter()
            ours += normalise(decode(data)) == text
            t_ours += time.perf_counter() - start
            start = time.perf_counter()
            ref += charset_normalizer_only(data) == text
            t_ref += time.perf_counter() - start
        print(f"| {name} | {n} | {ours} | {ref} | {t_ours / t_ref:.2f} |")


def baseline_keep(sentences):
    """The 0.1 filter, verbatim: the reference."""
    from abrege.tokenize import words

    seen, kept = set(), []
    for sentence in sentences:
        key = " ".join(words(sentence.text)).lower()
        if key and key not in seen:
            seen.add(key)
            kept.append(sentence)
    return kept


_WORD = re.compile(r"[^\W_]+")


def rouge(summary: str, reference: str) -> tuple[float, float, float]:
    from rouge_score import rouge_scorer

    class Tokenizer:
        def tokenize(self, text):
            return _WORD.findall(text.lower())

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], tokenizer=Tokenizer())
    scores = scorer.score(reference, summary)
    return tuple(scores[k].fmeasure for k in ("rouge1", "rouge2", "rougeL"))


def baseline_candidates(sentences: list[Sentence], *_: object) -> clean.Candidates:
    """What summarize() gets from the 0.1 filter (it swaps this in for clean.candidates, which
    also takes the headline and the text: the 0.1 filter knew neither)."""
    kept = baseline_keep(sentences)
    scan = Scan([s.text for s in kept])
    return clean.Candidates(kept, scan.keys(), scan, list(range(len(kept))), list(sentences))


def cleaning(records: list[dict]) -> None:
    total = junk = trimmed = repeats = changed = 0
    t_new = t_old = t_summary = 0.0
    new_scores, old_scores = [], []
    for record in records:
        sentences = split_sentences(record["article"])
        total += len(sentences)
        start = time.perf_counter()
        kept = clean.keep(sentences)
        t_new += time.perf_counter() - start
        start = time.perf_counter()
        baseline_keep(sentences)
        t_old += time.perf_counter() - start
        by_index = {s.index: s for s in kept}
        for sentence in sentences:
            if sentence.index in by_index:
                trimmed += by_index[sentence.index].text != sentence.text
            elif clean.strip_junk(sentence) is None:
                junk += 1
            else:
                repeats += 1
        start = time.perf_counter()
        new = summarize(record["article"])
        t_summary += time.perf_counter() - start
        original, clean.candidates = clean.candidates, baseline_candidates
        try:
            old = summarize(record["article"])
        finally:
            clean.candidates = original
        changed += new.text != old.text
        new_scores.append(rouge(new.text, record["reference"]))
        old_scores.append(rouge(old.text, record["reference"]))
    n = len(records)
    print(
        f"\n{n} articles, {total} sentences: {junk} dropped as junk, {trimmed} trimmed, "
        f"{repeats} dropped as repeats; {changed} summaries differ from the 0.1 filter's\n"
    )
    print("| filter | ROUGE-1 | ROUGE-2 | ROUGE-L |")
    print("| --- | ---: | ---: | ---: |")
    for name, scores in (("0.1 (reference)", old_scores), ("abrege input", new_scores)):
        means = [100 * statistics.fmean(s[i] for s in scores) for i in range(3)]
        print(f"| {name} | " + " | ".join(f"{m:.2f}" for m in means) + " |")
    print(
        f"\ncleaning: {1000 * t_new / n:.3f} ms per article, {t_new / t_old:.1f}x the 0.1 filter, "
        f"{100 * t_new / t_summary:.1f}% of a whole summarize() call"
    )


PVP = (
    "window.pvp_436c5eb9f78a9c6d27ae2e2c212b4925 = new Pvp('dmpublic', {idDM: \"x7vvazw\", "
    'mediaType: "dm-public"}, { \'sequenceUrl\': "//pms.orange.fr/module/pm/1892/videoInfoEdito/'
    'extId/x7vvazw/adCategory/embed", "mute": true, "autoplay": false'
)


def messy(article: str) -> str:
    """The article as a scraper delivers it: a byline, a "Lire aussi" link, a link alone, its
    lead repeated with other quotes and spacing, and the video player's JavaScript."""
    sentences = split_sentences(article)
    lead = " ".join(s.text for s in sentences[:3])
    copy = re.sub(r'"([^"]*)"', r"« \1 »", lead).replace(" ", "  ")
    return (
        f"Par Jean Dupont\n\n{article}\n\nLire aussi : Les autres titres du jour\n\n"
        f"https://www.dailymotion.com/video/x70mmsk\n\n{copy}\n\n{PVP}"
    )


def robustness(records: list[dict]) -> None:
    print(
        "\nThe same articles with scraper junk added (byline, link, repeated lead, JavaScript):\n"
    )
    print("| filter | summary unchanged by the junk | ROUGE-1 | ROUGE-2 | ROUGE-L |")
    print("| --- | ---: | ---: | ---: | ---: |")
    filters = (("0.1 (reference)", baseline_candidates), ("abrege input", clean.candidates))
    for name, candidates in filters:
        original, clean.candidates = clean.candidates, candidates
        try:
            same, scores = 0, []
            for record in records:
                summary = summarize(messy(record["article"])).text
                same += summary == summarize(record["article"]).text
                scores.append(rouge(summary, record["reference"]))
        finally:
            clean.candidates = original
        means = " | ".join(f"{100 * statistics.fmean(s[i] for s in scores):.2f}" for i in range(3))
        print(f"| {name} | {same}/{len(records)} | {means} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    records = [json.loads(line) for line in args.data.open(encoding="utf-8")]
    texts = [unicodedata.normalize("NFC", r["article"]) for r in records]
    decoding(texts)
    cleaning(records)
    robustness(records)


if __name__ == "__main__":
    main()
