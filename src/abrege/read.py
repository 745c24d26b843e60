"""Turn the command line's PATH arguments into articles (or a reason each cannot be read).

Reading never raises for one bad source: it yields a :class:`Failure` instead, so a batch goes
on and the caller reports the failure in one line.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

STDIN = "-"
ARTICLE_SUFFIXES = (".txt",)


@dataclass(frozen=True)
class Article:
    source: str
    text: str


@dataclass(frozen=True)
class Failure:
    source: str
    reason: str


def expand(paths: Iterable[str]) -> Iterator[str | Failure]:
    """Each PATH as sources: a file as itself, a directory as its article files (sorted, so
    output order is stable), ``-`` as standard input."""
    for path in paths:
        if path != STDIN and os.path.isdir(path):
            found = sorted(
                os.path.join(path, name)
                for name in os.listdir(path)
                if name.lower().endswith(ARTICLE_SUFFIXES)
                and os.path.isfile(os.path.join(path, name))
            )
            if not found:
                yield Failure(path, "directory has no .txt file")
            yield from found
        else:
            yield path


def read_bytes(source: str) -> bytes:
    if source == STDIN:
        return sys.stdin.buffer.read()
    with open(source, "rb") as handle:
        return handle.read()


def decode(data: bytes) -> str:
    """UTF-8 (a BOM is dropped); anything else is refused rather than guessed."""
    if b"\x00" in data:
        raise ValueError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"not UTF-8 text (byte {error.start})") from None


def read(source: str) -> Article | Failure:
    try:
        text = decode(read_bytes(source))
    except FileNotFoundError:
        return Failure(source, "no such file")
    except IsADirectoryError:
        return Failure(source, "is a directory")
    except PermissionError:
        return Failure(source, "permission denied")
    except (OSError, ValueError) as error:
        return Failure(source, str(error))
    if not text.strip():
        return Failure(source, "empty article")
    return Article(source, text)


def articles(paths: Iterable[str]) -> Iterator[Article | Failure]:
    for item in expand(paths):
        yield item if isinstance(item, Failure) else read(item)
