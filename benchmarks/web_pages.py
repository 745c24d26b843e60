"""Real French web pages: what `abrege PAGE` says about each of the ten dev pages, how long it
takes, and whether the "not an article" check refuses real articles.

    PYTHONPATH=src python benchmarks/web_pages.py [--pages ../shared/data/web_fr]
        [--orangesum ../shared/data/orangesum/valid.jsonl]

For each page: the summary sentences (or the refusal), and the time to read and summarise it
(best of 3, one process, caches warm). "extraction" is the HTML step alone as it is now (no
metadata pass; headline read from og:title / h1 / <title>); "with date detection" is the same
page through trafilatura with its metadata pass, as abrege read pages before (htmldate looks
for the page's date, which nothing used): the ratio compares the two in the same run.

Then the refusal check is run on every OrangeSum validation article as text: they are all real
articles, so every refusal there is a false refusal.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from abrege import AbregeError, summarize
from abrege.page import not_an_article
from abrege.prepare import prepare
from abrege.read import extract_html, finish

SHARED = Path(os.environ.get("ABREGE_SHARED", Path(__file__).resolve().parents[2] / "shared"))
REPEATS = 3


def summarise_page(path: Path) -> tuple[list[str], str | None]:
    """What the command prints for a page: its summary sentences, or the refusal."""
    article = finish(str(path), path.read_bytes().decode("utf-8", "replace"), html=True)
    if not hasattr(article, "text"):
        return [], article.reason
    try:
        summary = summarize(article.text, title=article.title, require_article=article.page)
    except AbregeError as error:
        return [], str(error)
    return [s.text for s in summary.sentences], None


def best_time(function, *args) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        function(*args)
        times.append(time.perf_counter() - start)
    return min(times)


def with_date_detection(path: Path) -> None:
    """The page read as before: trafilatura with its metadata pass (dates included)."""
    import trafilatura

    trafilatura.bare_extraction(
        path.read_bytes().decode("utf-8", "replace"),
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        deduplicate=False,
        with_metadata=True,
    )


def extract_now(path: Path) -> None:
    extract_html(path.read_bytes().decode("utf-8", "replace"))


def pages_table(folder: Path) -> None:
    print(
        "| page | summary (each sentence) or refusal | s/page, read + summarise "
        "| extraction | extraction with date detection (before) | ratio |"
    )
    print("|---|---|---:|---:|---:|---:|")
    for path in sorted(folder.glob("*.htm*")):
        sentences, refusal = summarise_page(path)
        total = best_time(summarise_page, path)
        now = best_time(extract_now, path)
        before = best_time(with_date_detection, path)
        shown = refusal or "<br>".join(f"{i}. {s}" for i, s in enumerate(sentences, 1))
        print(
            f"| {path.name} | {shown} | {total:.3f} | {now:.3f} | {before:.3f} "
            f"| {before / now:.1f}x |"
        )


def orangesum_refusals(data: Path) -> None:
    refused = []
    count = 0
    with open(data, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            count += 1
            text = record["article"]
            reason = not_an_article(prepare(text, record.get("title")))
            if reason:
                refused.append((record.get("id"), reason))
    print(f"\nOrangeSum {data.name}: {len(refused)} of {count} articles refused (false refusals)")
    for ident, reason in refused:
        print(f"  {ident}: {reason}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=SHARED / "data" / "web_fr")
    parser.add_argument(
        "--orangesum", type=Path, default=SHARED / "data" / "orangesum" / "valid.jsonl"
    )
    args = parser.parse_args()
    pages_table(args.pages)
    orangesum_refusals(args.orangesum)


if __name__ == "__main__":
    main()
