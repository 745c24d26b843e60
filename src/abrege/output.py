"""Where results go: standard output, or ``-o FILE`` through a visible ``FILE.part``.

Results are appended to ``FILE.part`` and flushed one by one, so whatever stops the run -- Ctrl-C,
SIGTERM, kill -9, a job time limit, a closed terminal -- finished work stays on disk. Only a
complete run renames ``FILE.part`` to ``FILE``, so ``FILE`` itself appears complete or not at
all. ``--resume`` finishes an interrupted JSON Lines run: every non-blank input line gave exactly
one output line, in input order, so the part's line count says where to go on; its ``source``
and ``line`` fields are checked against the input, and a last line torn by kill -9 is dropped
and redone.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator
from typing import TextIO

from .read import Pending
from .render import label


class OutputError(Exception):
    """The output cannot be written or resumed: one line for the user, a usage error."""


def part_path(path: str) -> str:
    return path + ".part"


def check_part(path: str, resume: bool) -> None:
    """Refuse to overwrite an interrupted run's finished work unless asked to resume it."""
    part = part_path(path)
    if not resume and os.path.exists(part):
        raise OutputError(
            f"{part} exists, left by an interrupted run: add --resume to finish it "
            "(JSON Lines output), or remove it"
        )


def repair(part: str) -> int:
    """Cut a last line left half-written by a killed run; return how many bytes were cut."""
    with open(part, "r+b") as handle:
        end = position = handle.seek(0, os.SEEK_END)
        keep = 0
        while position > 0:
            step = min(1 << 16, position)
            handle.seek(position - step)
            newline = handle.read(step).rfind(b"\n")
            if newline >= 0:
                keep = position - step + newline + 1
                break
            position -= step
        if keep < end:
            handle.truncate(keep)
    return end - keep


def skip_done(part: str, items: Iterator[Pending]) -> int:
    """Advance ``items`` past the records ``part`` already holds (each checked to be the next
    input record by its source and line) and return how many there were."""
    done = 0
    with open(part, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            try:
                record = json.loads(raw)
                key = (record["source"], record["line"])
            except (ValueError, KeyError, TypeError):
                raise OutputError(
                    f"{part}: line {number} is not an abrege record; remove the file to start over"
                ) from None
            item = next(items, None)
            if item is None or (item.source, item.line) != key:
                found = "no more input" if item is None else label(item.source, None, item.line)
                raise OutputError(
                    f"{part}: line {number} is {label(key[0], None, key[1])} but the input has "
                    f"{found} there: not a run of this input; remove the file to start over"
                )
            done += 1
    return done


@contextlib.contextmanager
def open_output(path: str | None, append: bool = False) -> Iterator[TextIO]:
    """Standard output, or FILE.part (appended to when resuming), renamed to FILE once the run
    is complete; kept as it is when the run stops early."""
    if path is None or path == "-":
        yield sys.stdout
        return
    part = part_path(path)
    try:
        out = open(  # noqa: SIM115 - closed below, before the rename
            part, "a" if append else "w", encoding="utf-8", errors="backslashreplace", newline=""
        )
    except OSError as error:
        raise OutputError(f"{path}: cannot write ({error.strerror or error})") from None
    try:
        with out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(part, path)
    except OSError as error:
        raise OutputError(f"{path}: cannot write ({error.strerror or error})") from None
