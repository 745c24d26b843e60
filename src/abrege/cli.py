"""The ``abrege`` command: summaries of French articles on standard output (or a file).

Exit status: 0 when every article was summarised, 1 when at least one failed (each failure is
one line ``abrege: SOURCE: reason`` on stderr and the others are still summarised), 2 for a
usage error, 130 when interrupted (with ``-o``, the finished work is kept in FILE.part for
``--resume``). One bad article never costs the others, not even when it trips a bug: the bug is
reported on its line and the batch goes on (set ABREGE_DEBUG=1 to get the traceback instead).
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import signal
import sys
from collections.abc import Iterator, Sequence

from .batch import Job, Outcome, SummaryOptions, WorkerDied, auto_jobs, available_cores, run
from .methods import DEFAULT_METHOD, NAMES, get
from .options import (
    add_length_options,
    method_help,
    non_negative_int,
    positive_int,
    seconds,
    size,
)
from .output import OutputError, check_part, open_output, part_path, repair, skip_done
from .progress import Progress
from .read import (
    DEFAULT_ID_FIELD,
    DEFAULT_MAX_BYTES,
    DEFAULT_TEXT_FIELD,
    DEFAULT_TIMEOUT,
    DEFAULT_TITLE_FIELD,
    FALLBACK_TEXT_FIELD,
    STDIN,
    Pending,
    ReadOptions,
    count_articles,
    expand,
    is_url,
    pending,
)
from .render import FORMATS, Renderer
from .render_html import HtmlRenderer
from .version import __version__

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
HTML_KEYWORDS = 10  # keyphrases of each article in an HTML report when --keywords is not given

EXAMPLES = """\
examples:
  abrege article.txt                 a short summary ({default_length})
  abrege --title "..." article.txt   the headline helps choose the sentences
  abrege -n 2 seeds/                 two sentences for each article file of a folder
  abrege --words 60 a.txt b.html     at most about 60 words each; HTML pages are reduced to
                                     their article first (headline, menus and links aside)
  abrege https://example.fr/article  fetch web pages (several at once; --timeout, --max-bytes)
  cat article.txt | abrege -         read standard input
  abrege --format json seeds/        sentences with scores and character offsets
  abrege --keywords 8 article.txt    the summary and 8 keyphrases ("Mots-clés : ...")
  abrege -f html seeds/ -o report.html
                                     one self-contained page to read: keyphrases, summary,
                                     the full text with every sentence shaded by its score
  abrege dump.jsonl -o out.jsonl     one JSON summary per line, keeping each record's id;
                                     on every core, with progress on a terminal
  abrege dump.jsonl.gz -o out.jsonl --resume
                                     finish a run that was interrupted (out.jsonl.part)
  abrege --text-field body --id-field url dump.jsonl

  abrege evaluate data.jsonl         ROUGE against reference abstracts (abrege evaluate -h)

input: .txt files in any common encoding (UTF-8, UTF-16 with BOM, Windows-1252, Latin-1),
.html/.htm pages, .jsonl files (one JSON object per line, also .jsonl.gz, .jsonl.bz2,
.jsonl.xz); folders are searched for these; http(s) URLs. A page with no article (home
page, list, template) fails with one line. Each non-blank line of a JSON Lines file gives
exactly one output line (a summary or an error); blank lines are skipped but counted in the
line numbers.
exit status: 0 all summarised, 1 some articles failed (one line each on stderr), 2 usage error,
130 interrupted (Ctrl-C, SIGTERM; with -o, finished work is kept in FILE.part)
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="abrege",
        description="Extractive summaries of French news articles, offline.",
        epilog=EXAMPLES.format(default_length=get(DEFAULT_METHOD).default_length().describe()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="article file, folder of article files, http(s) URL of a web page, or - for "
        "standard input (default: -)",
    )
    add_length_options(parser)
    parser.add_argument(
        "-m",
        "--method",
        choices=NAMES,
        default=DEFAULT_METHOD,
        metavar="METHOD",
        help=method_help(),
    )
    parser.add_argument(
        "--title",
        metavar="TEXT",
        help="the article's headline, which helps the default method find what it is about "
        "(one article only)",
    )
    output = parser.add_argument_group("output")
    output.add_argument(
        "-f",
        "--format",
        choices=FORMATS,
        help="output format (default: jsonl for JSON Lines input, text otherwise); html is "
        "one self-contained page (no script, nothing fetched) with keyphrases and every "
        "sentence shaded by its score",
    )
    output.add_argument(
        "--keywords",
        type=positive_int,
        metavar="N",
        help=f"also give the article's N best keyphrases (with -f html, {HTML_KEYWORDS} "
        "are given even without this option)",
    )
    output.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE instead of standard output; results stream into FILE.part, "
        "renamed FILE once complete (an interrupted run keeps FILE.part)",
    )
    output.add_argument(
        "--resume",
        action="store_true",
        help="finish an interrupted -o run: keep the records FILE.part holds, summarise the "
        "rest (JSON Lines output)",
    )
    shown = output.add_mutually_exclusive_group()
    shown.add_argument(
        "--progress",
        action="store_true",
        help="show progress on stderr even when it is not a terminal",
    )
    shown.add_argument(
        "-q", "--quiet", action="store_true", help="no progress (shown on a terminal by default)"
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=non_negative_int,
        metavar="N",
        help="worker processes (0: one per core; default: one per core when the input holds "
        "a few hundred articles or more, else 1)",
    )
    inputs = parser.add_argument_group("input")
    inputs.add_argument(
        "--max-bytes",
        type=size,
        default=DEFAULT_MAX_BYTES,
        metavar="SIZE",
        help="refuse an article larger than SIZE, e.g. 500k or 20MB (default: 5MB)",
    )
    inputs.add_argument(
        "--timeout",
        type=seconds,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"give up on a URL after SECONDS, whole page included (default: {DEFAULT_TIMEOUT:g})",
    )
    inputs.add_argument(
        "--text-field",
        default=DEFAULT_TEXT_FIELD,
        metavar="NAME",
        help=f"JSON Lines field holding the article (default: {DEFAULT_TEXT_FIELD}, "
        f"else {FALLBACK_TEXT_FIELD})",
    )
    inputs.add_argument(
        "--id-field",
        default=DEFAULT_ID_FIELD,
        metavar="NAME",
        help=f"JSON Lines field copied to the output as id (default: {DEFAULT_ID_FIELD})",
    )
    inputs.add_argument(
        "--title-field",
        default=DEFAULT_TITLE_FIELD,
        metavar="NAME",
        help="JSON Lines field holding the headline, which helps the news method "
        f"(default: {DEFAULT_TITLE_FIELD}; missing or empty: no title)",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    if argv and argv[0] == "evaluate":
        from .evaluate import main as evaluate

        return evaluate(argv[1:])
    args = build_parser().parse_args(argv)
    options = ReadOptions(
        args.max_bytes, args.text_field, args.id_field, args.timeout, args.title_field
    )
    sources = list(expand(args.paths or [STDIN]))
    if args.title is not None and len(sources) > 1:
        return _usage("--title is for one article, not several")
    to_file = args.output not in (None, "-")
    if args.resume and not to_file:
        return _usage("--resume finishes an -o FILE run: give -o FILE")
    with contextlib.suppress(AttributeError, ValueError):
        # A file name that is not valid UTF-8 must not crash the output mid-batch.
        sys.stdout.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    progress: Progress | None = None
    fmt = args.format
    try:
        with _terminate_as_interrupt():
            urls = any(isinstance(s, str) and is_url(s) for s in sources)
            if urls:
                from .fetch import read_all  # urllib and threads only when a URL is given

                # Pages are fetched (several at once) and read here; workers summarise them.
                items: Iterator[Pending] = iter(read_all(sources, options))
            else:
                items = pending(sources, options)
            first = next(items, None)
            if first is not None:
                items = itertools.chain([first], items)
            records = first is not None and first.line is not None
            if args.title is not None and records:
                return _usage("--title is for one article, not a JSON Lines file")
            # JSON Lines in, JSON Lines out: the natural default for a dump, keeping every id.
            fmt = args.format or ("jsonl" if records else "text")
            if args.resume and fmt != "jsonl":
                return _usage("--resume needs JSON Lines output (-f jsonl)")
            done = 0
            if to_file:
                check_part(args.output, args.resume)
                if args.resume and os.path.exists(part_path(args.output)):
                    repair(part_path(args.output))
                    done = skip_done(part_path(args.output), items)
            shown = not args.quiet and (args.progress or sys.stderr.isatty())
            progress = Progress(shown, count_articles(sources) if shown else None, done)
            keywords = args.keywords or (HTML_KEYWORDS if fmt == "html" else 0)
            job = Job(options, _summary_options(args, keywords), fmt, len(sources) > 1 or records)
            with open_output(args.output, append=args.resume) as out:
                renderer = HtmlRenderer(out) if fmt == "html" else Renderer(out, fmt, job.headers)
                if not done:
                    renderer.begin()
                jobs = _job_count(args, sources, urls)
                with contextlib.closing(run(items, job, jobs)) as outcomes:
                    for outcome in outcomes:
                        for message in outcome.messages:
                            progress.message(message)
                        _write(renderer, outcome)
                        progress.add(outcome.failed)
                renderer.end()
            progress.close()
    except BrokenPipeError:
        # `abrege ... | head` closing the pipe early is normal, not an error; point stdout at
        # /dev/null so the interpreter's final flush does not complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except (KeyboardInterrupt, WorkerDied) as error:
        if progress is not None:
            progress.close(finished=False)
        why = "interrupted" if isinstance(error, KeyboardInterrupt) else str(error)
        print(f"abrege: {why}{_kept(args.output, fmt, progress)}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OutputError as error:
        print(f"abrege: {error}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_SOME_FAILED if progress is not None and progress.failed else EXIT_OK


def _summary_options(args: argparse.Namespace, keywords: int) -> SummaryOptions:
    return SummaryOptions(args.sentences, args.words, args.ratio, args.method, args.title, keywords)


def _write(renderer: Renderer | HtmlRenderer, outcome: Outcome) -> None:
    """A line format comes formatted from the worker; the HTML report renders the analysis."""
    if isinstance(renderer, Renderer):
        renderer.write(outcome.body)
    elif outcome.analysis is not None:
        renderer.summary(outcome.source, outcome.analysis, outcome.id, outcome.line)
    else:
        renderer.failure(outcome.source, outcome.reason or "", outcome.id, outcome.line)


def _job_count(args: argparse.Namespace, sources: list, urls: bool) -> int:
    """``-j``, else every core for a large input; one process for web pages, which are read
    (fetched, extracted) by the main process anyway."""
    if args.jobs is None:
        return 1 if args.title is not None or urls else auto_jobs(sources)
    return args.jobs or available_cores()


def _kept(output: str | None, fmt: str | None, progress: Progress | None) -> str:
    """Where the finished work of an interrupted run is, and how to finish it."""
    done = progress.done if progress is not None else 0
    if output in (None, "-"):
        return f" after {done} articles"
    part = part_path(output)
    if not os.path.exists(part):
        return ""
    if fmt == "jsonl":  # one line per record: the file itself says how many are done
        with open(part, "rb") as handle:
            done = sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 20), b""))
        return f": {done} done, kept in {part}; rerun with --resume to finish"
    return f": {done} done, kept in {part} (only JSON Lines output can be resumed)"


def _usage(message: str) -> int:
    print(f"abrege: {message}", file=sys.stderr)
    return EXIT_USAGE


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM (a job scheduler's time limit, a plain ``kill``) stops the run as Ctrl-C does,
    so it too keeps the finished work and says how to resume."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread (an embedding program): leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
