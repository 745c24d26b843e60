"""The ``abrege`` command: summaries of French articles on standard output.

Exit status: 0 when every article was summarised, 1 when at least one failed (each failure is
one line on stderr and the others are still summarised), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .errors import AbregeError
from .pipeline import DEFAULT_METHOD, METHODS, summarize
from .read import STDIN, Failure, articles, expand
from .render import FORMATS, Renderer

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2

EXAMPLES = """\
examples:
  abrege article.txt                 three-sentence summary of one article
  abrege -n 2 seeds/                 two sentences for each .txt file of a folder
  abrege --words 60 a.txt b.txt      at most about 60 words each
  cat article.txt | abrege -         read standard input
  abrege --format json seeds/        sentences with scores and character offsets

  abrege evaluate data.jsonl         ROUGE against reference abstracts (see: abrege evaluate -h)

exit status: 0 all summarised, 1 some articles failed (one line each on stderr), 2 usage error
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="abrege",
        description="Extractive summaries of French news articles (TextRank), offline.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="article file, folder of .txt files, or - for standard input (default: -)",
    )
    add_length_options(parser)
    parser.add_argument(
        "-m",
        "--method",
        choices=METHODS,
        default=DEFAULT_METHOD,
        help=f"ranking method (default: {DEFAULT_METHOD})",
    )
    parser.add_argument(
        "--title",
        metavar="TEXT",
        help="the article's headline, which helps the default method find what it is about "
        "(one article only)",
    )
    parser.add_argument(
        "-f", "--format", choices=FORMATS, default="text", help="output format (default: text)"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    return parser


def add_length_options(parser: argparse.ArgumentParser) -> None:
    """The summary length options, shared with ``abrege evaluate``."""
    length = parser.add_argument_group("length (the tightest wins; default 3 sentences)")
    length.add_argument(
        "-n", "--sentences", type=_positive_int, metavar="N", help="at most N sentences"
    )
    length.add_argument("--words", type=_positive_int, metavar="N", help="at most about N words")
    length.add_argument(
        "--ratio", type=_ratio, metavar="R", help="a share R in (0, 1] of the sentences"
    )


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    if argv and argv[0] == "evaluate":
        from .evaluate import main as evaluate

        return evaluate(argv[1:])
    args = build_parser().parse_args(argv)
    paths = args.paths or [STDIN]
    sources = list(expand(paths))
    if args.title is not None and len(sources) > 1:
        print("abrege: --title is for one article, not several", file=sys.stderr)
        return EXIT_USAGE
    renderer = Renderer(sys.stdout, args.format, headers=len(sources) > 1)
    failed = 0
    renderer.begin()
    try:
        for item in _articles(sources):
            if isinstance(item, Failure):
                failed += 1
                _report(renderer, item.source, item.reason)
                continue
            try:
                summary = summarize(
                    item.text,
                    sentences=args.sentences,
                    words=args.words,
                    ratio=args.ratio,
                    method=args.method,
                    title=args.title,
                )
            except AbregeError as error:
                failed += 1
                _report(renderer, item.source, str(error))
                continue
            renderer.summary(item.source, summary)
        renderer.end()
    except BrokenPipeError:
        # `abrege ... | head` closing the pipe early is normal, not an error.
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    return EXIT_SOME_FAILED if failed else EXIT_OK


def _articles(sources):
    for source in sources:
        if isinstance(source, Failure):
            yield source
        else:
            yield from articles([source])


def _report(renderer: Renderer, source: str, reason: str) -> None:
    print(f"abrege: {_display(source)}: {reason}", file=sys.stderr)
    renderer.failure(source, reason)


def _display(source: str) -> str:
    return "<stdin>" if source == STDIN else source


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _ratio(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0 < number <= 1:
        raise argparse.ArgumentTypeError("must be in (0, 1]")
    return number


def _version() -> str:
    from . import __version__

    return __version__


if __name__ == "__main__":
    sys.exit(main())
