"""Command-line options shared by ``abrege`` and ``abrege evaluate``: the summary length and
the value parsers, in one place so both commands accept and describe them the same way."""

from __future__ import annotations

import argparse
import math
import re

from .methods import DEFAULT_METHOD, DEFAULT_SENTENCES, NAMES, get


def method_help() -> str:
    """The ``-m`` help: every method of the registry, the default marked."""
    return f"ranking method: {', '.join(NAMES)} (default: {DEFAULT_METHOD})"


def add_length_options(parser: argparse.ArgumentParser) -> None:
    """The summary length options. Their default is each method's own, read from the registry
    (for the learned default, from its shipped model) so the help cannot go stale."""
    length = parser.add_argument_group(
        f"length (the tightest wins; default: {get(DEFAULT_METHOD).default_length().describe()} "
        f"for {DEFAULT_METHOD}, {DEFAULT_SENTENCES} sentences for the other methods)"
    )
    length.add_argument(
        "-n", "--sentences", type=positive_int, metavar="N", help="at most N sentences"
    )
    length.add_argument("--words", type=positive_int, metavar="N", help="at most about N words")
    length.add_argument(
        "--ratio", type=ratio, metavar="R", help="a share R in (0, 1] of the sentences"
    )


def positive_int(value: str) -> int:
    return _whole_number(value, 1)


def non_negative_int(value: str) -> int:
    return _whole_number(value, 0)


def _whole_number(value: str, least: int) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < least:
        raise argparse.ArgumentTypeError(f"must be at least {least}")
    return number


def ratio(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not math.isfinite(number) or not 0 < number <= 1:
        raise argparse.ArgumentTypeError("must be in (0, 1]")
    return number


def seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if not 0 < number < float("inf"):
        raise argparse.ArgumentTypeError("must be more than 0")
    return number


_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([kmg]?)b?", re.I)


def size(value: str) -> int:
    """A byte count with an optional decimal unit: 5000000, 500k, 5MB, 1G."""
    match = _SIZE.fullmatch(value.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {value!r} (e.g. 500k, 5MB)")
    number = float(match.group(1)) * 1000 ** "_kmg".index(match.group(2).lower() or "_")
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1 byte")
    return int(number)
