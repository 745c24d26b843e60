"""The ``abrege`` command: summaries of French articles on standard output (or a file).

Exit status: 0 when every article was summarised, 1 when at least one failed (each failure is
one line ``abrege: SOURCE: reason`` on stderr and the others are still summarised), 2 for a
usage error. One bad article never costs the others, not even when it trips a bug: the bug is
reported on its line and the batch goes on (set ABREGE_DEBUG=1 to get the traceback instead).
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import sys
from collections.abc import Iterator, Sequence
from typing import TextIO

from .errors import AbregeError, internal_error
from .methods import DEFAULT_METHOD, NAMES, get
from .options import add_length_options, method_help, positive_int, size
from .pipeline import analyse
from .read import (
    DEFAULT_ID_FIELD,
    DEFAULT_MAX_BYTES,
    DEFAULT_TEXT_FIELD,
    DEFAULT_TIMEOUT,
    FALLBACK_TEXT_FIELD,
    STDIN,
    Article,
    Failure,
    ReadOptions,
    expand,
    is_url,
    read_sources,
)
from .render import FORMATS, Renderer, label
from .render_html import HtmlRenderer

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
  abrege dump.jsonl -o out.jsonl     one JSON summary per line, keeping each record's id
  abrege --text-field body --id-field url dump.jsonl

  abrege evaluate data.jsonl         ROUGE against reference abstracts (abrege evaluate -h)

input: .txt files in any common encoding (UTF-8, UTF-16 with BOM, Windows-1252, Latin-1),
.html/.htm pages, .jsonl files (one JSON object per line); folders are searched for these;
http(s) URLs. A page with no article (home page, list, template) fails with one line.
exit status: 0 all summarised, 1 some articles failed (one line each on stderr), 2 usage error
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
        help="write to FILE instead of standard output; it appears complete or not at all",
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
        type=_seconds,
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
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    if argv and argv[0] == "evaluate":
        from .evaluate import main as evaluate

        return evaluate(argv[1:])
    args = build_parser().parse_args(argv)
    options = ReadOptions(args.max_bytes, args.text_field, args.id_field, args.timeout)
    sources = list(expand(args.paths or [STDIN]))
    if args.title is not None and len(sources) > 1:
        print("abrege: --title is for one article, not several", file=sys.stderr)
        return EXIT_USAGE
    with contextlib.suppress(AttributeError, ValueError):
        # A file name that is not valid UTF-8 must not crash the output mid-batch.
        sys.stdout.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    try:
        if any(isinstance(s, str) and is_url(s) for s in sources):
            from .fetch import read_all  # urllib and threads only when a URL is given

            items = read_all(sources, options)
        else:
            items = read_sources(sources, options)
        first = next(items, None)
        if first is not None:
            items = itertools.chain([first], items)
        records = first is not None and first.line is not None
        if args.title is not None and records:
            print("abrege: --title is for one article, not a JSON Lines file", file=sys.stderr)
            return EXIT_USAGE
        # JSON Lines in, JSON Lines out: the natural default for a dump, keeping every id.
        fmt = args.format or ("jsonl" if records else "text")
        with _output(args.output) as out:
            headers = len(sources) > 1 or records
            renderer: Renderer | HtmlRenderer = (
                HtmlRenderer(out) if fmt == "html" else Renderer(out, fmt, headers)
            )
            renderer.begin()
            failed = summarise_all(items, args, renderer)
            renderer.end()
    except BrokenPipeError:
        # `abrege ... | head` closing the pipe early is normal, not an error; point stdout at
        # /dev/null so the interpreter's final flush does not complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except OutputError as error:
        print(f"abrege: {error}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_SOME_FAILED if failed else EXIT_OK


def summarise_all(items, args: argparse.Namespace, renderer: Renderer | HtmlRenderer) -> int:
    """Summarise and render each item; return how many failed."""
    failed = 0
    keywords = args.keywords or (HTML_KEYWORDS if isinstance(renderer, HtmlRenderer) else 0)
    for item in items:
        if isinstance(item, Failure):
            failed += 1
            _report(renderer, item, item.reason)
            continue
        try:
            analysis = analyse(
                item.text,
                sentences=args.sentences,
                words=args.words,
                ratio=args.ratio,
                method=args.method,
                title=args.title if args.title is not None else item.title,
                require_article=item.page,
                keywords=keywords,
            )
        except AbregeError as error:
            failed += 1
            _report(renderer, item, str(error))
            continue
        except Exception as error:  # a bug on one article must not cost the others
            if os.environ.get("ABREGE_DEBUG"):
                raise
            failed += 1
            _report(renderer, item, internal_error(error))
            continue
        for warning in analysis.summary.warnings:
            print(f"abrege: {_label(item)}: warning: {warning}", file=sys.stderr)
        renderer.summary(item.source, analysis, item.id, item.line)
    return failed


class OutputError(Exception):
    """The output file cannot be written: nothing can be done, so it is a usage error."""


@contextlib.contextmanager
def _output(path: str | None) -> Iterator[TextIO]:
    """Standard output, or FILE written atomically: a temporary file beside it, renamed over it
    only once complete, so an interrupted run leaves the old FILE (or none), never half a one."""
    if path is None or path == "-":
        yield sys.stdout
        return
    import tempfile  # only when writing a file: keeps the command's start fast

    directory = os.path.dirname(os.path.abspath(path))
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{os.path.basename(path)}.", suffix=".part", dir=directory
        )
    except OSError as error:
        raise OutputError(f"{path}: cannot write ({error.strerror or error})") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", errors="backslashreplace") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise OutputError(f"{path}: cannot write ({error.strerror or error})") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _report(renderer: Renderer | HtmlRenderer, item: Article | Failure, reason: str) -> None:
    print(f"abrege: {_label(item)}: {reason}", file=sys.stderr)
    renderer.failure(item.source, reason, item.id, item.line)


def _label(item: Article | Failure) -> str:
    return label(item.source, item.id, item.line)


def _seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if not 0 < number < float("inf"):
        raise argparse.ArgumentTypeError("must be more than 0")
    return number


def _version() -> str:
    from . import __version__

    return __version__


if __name__ == "__main__":
    sys.exit(main())
