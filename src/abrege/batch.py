"""Summarise a stream of articles in input order, in this process or on several cores.

Reading stays in the main process because it is cheap and sequential: it only splits a dump
into raw lines and lists file names (:func:`abrege.read.pending`). Everything costly -- parsing
a record, decoding a file, summarising, formatting the result -- is :func:`process`, which a
pool of worker processes runs on chunks of items. Chunks come back in the order they were sent,
so ``-j 4`` writes byte for byte what ``-j 1`` writes, and at most a few chunks per worker are in
flight, so memory stays flat whatever the size of the input.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from itertools import islice

from .errors import AbregeError, internal_error
from .methods import DEFAULT_METHOD
from .model import Analysis
from .pipeline import analyse
from .read import STDIN, Article, Failure, Pending, ReadOptions, compression, is_dump, load
from .render import label, render_failure, render_summary

# Items sent to a worker at once: large enough that sending costs little next to summarising
# (about a millisecond per article), small enough that results stream steadily.
CHUNK = 32
# Chunks waiting or running per worker: keeps every worker busy without reading far ahead.
AHEAD = 4
# How often a worker checks that its main process is still there (seconds).
PARENT_CHECK = 1.0
# Below about this many articles a pool costs more to start than it saves.
PARALLEL_FROM = 200
# Bytes per article assumed when sizing up a dump (OrangeSum: about 2.7 kB a record), and how
# much a compressed dump expands.
BYTES_PER_ARTICLE, COMPRESSION_RATIO = 3000, 3


@dataclass(frozen=True)
class SummaryOptions:
    """The options of :func:`abrege.pipeline.analyse` a batch applies to every article;
    ``title`` (one article only) overrides a record's or a page's own title."""

    sentences: int | None = None
    words: int | None = None
    ratio: float | None = None
    method: str = DEFAULT_METHOD
    title: str | None = None
    keywords: int = 0


@dataclass(frozen=True)
class Job:
    """Everything :func:`process` needs besides the item: sent once to each worker."""

    read: ReadOptions
    summary: SummaryOptions
    fmt: str
    headers: bool


@dataclass(frozen=True)
class Outcome:
    """One article done: its formatted result (None when the format keeps no trace of a
    failure), the lines for stderr, and whether it failed. The HTML report, one page for the
    whole batch, is rendered by the main process: it gets the ``analysis`` (or ``reason``)."""

    body: str | None
    messages: tuple[str, ...]
    failed: bool
    source: str = ""
    id: object = None
    line: int | None = None
    analysis: Analysis | None = None
    reason: str | None = None


class WorkerDied(Exception):
    """A worker process was killed (out of memory, a signal): the run stops where it is."""


def summarise_item(item: Article | Failure, options: SummaryOptions) -> Analysis | str:
    """The analysis of one article (its summary, keyphrases...), or the one-line reason it has
    none. A bug met on one article is its reason too, so it never costs the batch
    (ABREGE_DEBUG=1 re-raises it instead)."""
    if isinstance(item, Failure):
        return item.reason
    try:
        return analyse(
            item.text,
            sentences=options.sentences,
            words=options.words,
            ratio=options.ratio,
            method=options.method,
            title=options.title if options.title is not None else item.title,
            require_article=item.page,
            keywords=options.keywords,
        )
    except AbregeError as error:
        return str(error)
    except Exception as error:
        if os.environ.get("ABREGE_DEBUG"):
            raise
        return internal_error(error)


def process(item: Pending, job: Job) -> Outcome:
    """Read, summarise and format one item of :func:`abrege.read.pending`."""
    article = load(item, job.read)
    result = summarise_item(article, job.summary)
    source, id, line = article.source, article.id, article.line
    name = label(source, id, line)
    html = job.fmt == "html"
    if isinstance(result, str):
        body = None if html else render_failure(job.fmt, source, result, id, line)
        return Outcome(body, (f"abrege: {name}: {result}",), True, source, id, line, None, result)
    warnings = tuple(f"abrege: {name}: warning: {w}" for w in result.summary.warnings)
    if html:
        return Outcome(None, warnings, False, source, id, line, result)
    body = render_summary(job.fmt, job.headers, source, result, id, line)
    return Outcome(body, warnings, False, source, id, line)


def run(items: Iterable[Pending], job: Job, jobs: int = 1) -> Generator[Outcome, None, None]:
    """The outcome of each item, in input order, with ``jobs`` worker processes (1: here)."""
    if jobs <= 1:
        with one_blas_thread():
            for item in items:
                yield process(item, job)
        return
    yield from _parallel(iter(items), job, jobs)


def one_blas_thread() -> AbstractContextManager[object]:
    """A batch runs one BLAS thread per process: an article's matrices are far too small to
    gain from more, and OpenBLAS's idle threads spin for their next product, which cost 15 to
    20% more CPU per article here (and, with -j, took the cores from the other workers).
    Parallelism comes from the worker processes instead."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(1, user_api="blas")


def _parallel(items: Iterator[Pending], job: Job, jobs: int) -> Iterator[Outcome]:
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    # fork starts a worker in milliseconds with the modules already loaded, but is safe only
    # while this process has no other thread (URLs are fetched by threads): then, and on other
    # platforms, a fresh interpreter per worker (forkserver, spawn) is only slower to start.
    if sys.platform == "linux":
        safe = threading.active_count() == 1
        context = multiprocessing.get_context("fork" if safe else "forkserver")
    else:
        context = multiprocessing.get_context()
    executor = ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_start_worker, initargs=(job,)
    )
    waiting: deque[Future[list[Outcome]]] = deque()
    from concurrent.futures.process import BrokenProcessPool

    try:
        while chunk := list(islice(items, CHUNK)):
            waiting.append(executor.submit(_process_chunk, chunk))
            while waiting and (len(waiting) >= jobs * AHEAD or waiting[0].done()):
                yield from waiting.popleft().result()
        while waiting:
            yield from waiting.popleft().result()
    except BrokenProcessPool:
        raise WorkerDied("a worker process was killed") from None
    finally:
        # Stopped early (Ctrl-C, a closed pipe): drop what has not started; each worker ends
        # after its current chunk.
        executor.shutdown(wait=False, cancel_futures=True)


_JOB: Job | None = None


def _start_worker(job: Job) -> None:
    """Runs once in each worker: keeps the job for every chunk (and the caches the pipeline
    fills for every article); Ctrl-C is the main process's to handle, and SIGTERM, which the
    main process turns into an interruption, ends a worker plainly."""
    global _JOB
    _JOB = job
    one_blas_thread()  # for the worker's whole life
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """A worker whose main process was killed (kill -9, OOM) would wait for work forever,
    holding the terminal's pipes open: it leaves within a second of its parent."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK)
    os._exit(1)


def _process_chunk(chunk: list[Pending]) -> list[Outcome]:
    assert _JOB is not None, "worker started without its job"
    return [process(item, _JOB) for item in chunk]


def available_cores() -> int:
    """The cores this process may use (its CPU affinity, as a job scheduler sets it)."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13+
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def auto_jobs(sources: Iterable[str | Failure]) -> int:
    """Every core when the input holds enough articles to gain from them, else one process.
    A dump's size tells roughly how many records it holds; standard input is not counted,
    since its size is unknown (give ``-j`` for a dump piped in)."""
    cores = available_cores()
    if cores == 1:
        return 1
    articles = 0.0
    for source in sources:
        if isinstance(source, str) and is_dump(source):
            try:
                size = os.path.getsize(source)
            except OSError:
                continue
            factor = COMPRESSION_RATIO if compression(source) else 1
            articles += size * factor / BYTES_PER_ARTICLE
        elif source != STDIN:
            articles += 1
        if articles >= PARALLEL_FROM:
            return cores
    return 1
