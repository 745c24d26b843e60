"""Web pages named by URL: fetched with the standard library, then read like a saved page.

Only URLs the user gives are ever fetched. A fetch is bounded every way a server can stall a
batch: a deadline for the whole page (not just between packets), the ``--max-bytes`` cap while
streaming, at most MAX_REDIRECTS redirects. Each failure is one line (``HTTP 404``, ``timed
out after 20 s``, ``not an HTML page (application/pdf)``, ``cannot resolve host …``) and the
other inputs are still summarised. Several URLs are fetched at once by a small thread pool
(network waits, not CPU), and come out in the order they were given.
"""

from __future__ import annotations

import http.client
import socket
import time
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

from .errors import AbregeError, internal_error
from .read import (
    DEFAULT_MAX_BYTES,
    DEFAULT_TIMEOUT,
    Article,
    Failure,
    ReadOptions,
    TooLarge,
    declared_charset,
    decode,
    finish,
    is_url,
    looks_like_html,
    read_sources,
)
from .version import __version__

MAX_REDIRECTS = 5
FETCH_WORKERS = 8  # pages fetched at once: polite to servers, enough to hide network waits
_AHEAD = 2 * FETCH_WORKERS  # sources read ahead of the one being output
CHUNK = 1 << 16
USER_AGENT = f"abrege/{__version__} (extractive summaries of French news; Python urllib)"
_DEFAULT_OPTIONS = ReadOptions()
HTML_TYPES = frozenset(["text/html", "application/xhtml+xml"])
TEXT_TYPES = frozenset(["text/plain"])


@dataclass(frozen=True)
class Page:
    """A fetched response: the final URL (after redirects), its bytes, its media type and the
    charset its header declares (None when it declares none)."""

    url: str
    data: bytes
    media_type: str
    charset: str | None


class FetchError(AbregeError):
    """A URL gave no page; the message says why in one line."""


class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS
    max_repeats = MAX_REDIRECTS  # a loop is caught by the count as well


_OPENER = urllib.request.build_opener(_LimitedRedirects())


def fetch(url: str, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES) -> Page:
    """The response to ``url``, or a :class:`FetchError` (:class:`TooLarge` over ``max_bytes``).
    ``timeout`` bounds the whole fetch (each network wait, and the total time to stream the
    page)."""
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,text/plain;q=0.9,*/*;q=0.1"}
    )
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            media_type = response.headers.get_content_type()
            declared = response.headers.get("Content-Type")
            if declared and media_type not in HTML_TYPES | TEXT_TYPES:
                raise FetchError(f"not an HTML page ({media_type})")
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise TooLarge(int(length), max_bytes)
            chunks, size = [], 0
            while chunk := response.read(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise TooLarge(size, max_bytes, at_least=True)
                if time.monotonic() > deadline:
                    raise TimeoutError
                chunks.append(chunk)
            return Page(
                response.geturl(),
                b"".join(chunks),
                media_type if declared else "",
                response.headers.get_content_charset(),
            )
    except urllib.error.HTTPError as error:
        if 300 <= error.code < 400 and "redirect" in str(error.msg):
            raise FetchError(f"too many redirects (more than {MAX_REDIRECTS})") from None
        raise FetchError(f"HTTP {error.code}") from None
    except urllib.error.URLError as error:
        raise FetchError(_network_reason(error.reason, url, timeout)) from None
    except (OSError, http.client.HTTPException) as error:
        raise FetchError(_network_reason(error, url, timeout)) from None


def _network_reason(reason: object, url: str, timeout: float) -> str:
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"timed out after {timeout:g} s"
    if isinstance(reason, socket.gaierror):
        return f"cannot resolve host {urlsplit(url).hostname or url}"
    if isinstance(reason, ConnectionRefusedError):
        return "cannot connect (connection refused)"
    if isinstance(reason, OSError):
        return f"cannot connect ({reason.strerror or reason})"
    if isinstance(reason, http.client.HTTPException):
        return f"connection failed ({type(reason).__name__})"
    return f"cannot fetch ({reason})"


def read_url(
    url: str, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES
) -> Article:
    """The article of the page at ``url`` (its text and headline, as for a saved page), or an
    :class:`AbregeError` with the one-line reason."""
    page = fetch(url, timeout, max_bytes)
    html = page.media_type in HTML_TYPES or (not page.media_type and looks_like_html(page.data))
    try:
        text = decode(page.data, page.charset or (declared_charset(page.data) if html else None))
        article = finish(url, text, html=html)
    except ValueError as error:
        raise AbregeError(str(error)) from None
    if isinstance(article, Failure):
        raise AbregeError(article.reason)
    return article


def url_article(url: str, options: ReadOptions = _DEFAULT_OPTIONS) -> Article | Failure:
    """:func:`read_url` for a batch: a failure (even a bug) is returned, never raised."""
    try:
        return read_url(url, options.timeout, options.max_bytes)
    except TooLarge as error:
        return Failure(url, error.reason())
    except AbregeError as error:
        return Failure(url, str(error))
    except Exception as error:  # a bug on one page must not cost the batch
        return Failure(url, internal_error(error))


def read_all(
    sources: Iterable[str | Failure], options: ReadOptions = _DEFAULT_OPTIONS
) -> Iterator[Article | Failure]:
    """Like :func:`abrege.read.read_sources`, URLs included: pages are fetched a few at a
    time, ahead of the output, which keeps the order of ``sources``."""
    pool: ThreadPoolExecutor | None = None
    window: deque[str | Failure | Future] = deque()
    fetching = 0  # futures in the window
    try:
        for source in sources:
            if isinstance(source, str) and is_url(source):
                if pool is None:
                    pool = ThreadPoolExecutor(FETCH_WORKERS, thread_name_prefix="abrege-fetch")
                window.append(pool.submit(url_article, source, options))
                fetching += 1
            else:
                window.append(source)
            # Output what is ready, in order; wait for a page only when too many are ahead.
            while window and (
                not isinstance(window[0], Future) or window[0].done() or fetching > _AHEAD
            ):
                fetching -= isinstance(window[0], Future)
                yield from _resolve(window.popleft(), options)
        while window:
            yield from _resolve(window.popleft(), options)
    finally:
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


def _resolve(item: str | Failure | Future, options: ReadOptions) -> Iterator[Article | Failure]:
    if isinstance(item, Future):
        yield item.result()
    else:
        yield from read_sources([item], options)
