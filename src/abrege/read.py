"""Turn the command line's PATH arguments into articles (or a reason each cannot be read).

Real input is messy: Windows-1252 exports, UTF-8 or UTF-16 with a BOM, mojibake ("Ã©" for "é"),
HTML pages, JSON Lines dumps of a scraper. Reading never raises for one bad source: it yields a
:class:`Failure` instead, so a batch goes on and the caller reports the failure in one line.

The text of an :class:`Article` is the decoded text, mojibake repaired, line ends made ``\\n``
and Unicode NFC-normalised (for HTML: the article text the extractor found). It is the text the
pipeline ranks, so the character offsets of a summary refer to it, not to the raw bytes.
"""

from __future__ import annotations

import codecs
import html as html_entities
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from .errors import AbregeError, internal_error

STDIN = "-"
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
# Compressed dumps, read as streams with the standard library (no temporary file, no size limit).
COMPRESSIONS = {".gz": "gzip", ".bz2": "bz2", ".xz": "lzma"}
COMPRESSED_JSONL_SUFFIXES = tuple(j + c for j in JSONL_SUFFIXES for c in COMPRESSIONS)
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + COMPRESSED_JSONL_SUFFIXES
DEFAULT_MAX_BYTES = 5_000_000
# How much of an oversized JSON line is held at once while it is skipped.
SKIP_CHUNK = 1 << 16
DEFAULT_TIMEOUT = 20.0  # seconds a URL may take to arrive, whole page included
# Fewer words than this in what the extractor found means it found menus, not an article.
MIN_HTML_WORDS = 10
DEFAULT_TEXT_FIELD, FALLBACK_TEXT_FIELD, DEFAULT_ID_FIELD = "text", "article", "id"
DEFAULT_TITLE_FIELD = "title"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Single-byte encodings French text is really exported in, most likely first.
_LEGACY = ("cp1252", "iso8859_15", "mac_roman")
# Characters of ordinary French text outside ASCII; anything else non-ASCII makes a decoding less
# plausible. Picking the decoding with fewest odd characters is right on every OrangeSum article
# encoded in cp1252 or Latin-1, where charset-normalizer alone misreads about one in seven.
_FRENCH_NON_ASCII = frozenset("àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ«»‘’“”…–—€°²³·\u00a0\u202f")
# A UTF-8 lead byte read as cp1252/Latin-1 followed by a continuation byte read the same way:
# the signature of mojibake. Only then is ftfy (70 ms to import) worth loading.
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4]"  # a UTF-8 lead byte, then a continuation byte as cp1252 shows it:
    "[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_HTML_START = re.compile(rb"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)
_DECLARED_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
# Labels that browsers read as windows-1252 (WHATWG Encoding Standard): pages declaring Latin-1
# or ASCII are in practice cp1252, and decoding them as Latin-1 turns ’ (0x92) into a control.
_WINDOWS_1252_LABELS = frozenset(
    """ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso8859-1
    iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 latin-1 us-ascii windows-1252 x-cp1252
    iso8859_1 us_ascii""".split()
)
# Soft hyphens and zero-width characters: invisible in a browser, they would split words.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
# Separators between a headline and the site, section or date in <title> and og:title.
_TITLE_PARTS = re.compile(r"\s+[-–—·•|]{1,2}\s+|\s*\|\s*")
# A kicker before the headline: "VIDEO.", "INFO FRANCEINFO -", "EN DIRECT :".
_KICKER = re.compile(r"^[A-ZÀ-Ö0-9][A-ZÀ-Ö0-9 '’&-]{2,30}(?:\.|\s[-–—|])\s+(?=\S)")


@dataclass(frozen=True)
class Article:
    """Text ready for the pipeline. For JSON Lines input, ``line`` is the record's line number
    in ``source`` and ``id`` the value of its id field (None when it has none)."""

    source: str
    text: str
    id: object = None
    line: int | None = None
    title: str | None = None  # a record's title field or a web page's headline: the ranker's
    page: bool = False  # extracted from a web page, which may hold no article at all


@dataclass(frozen=True)
class Failure:
    """Why ``source`` (or its record at ``line``) gave no text, in one line."""

    source: str
    reason: str
    id: object = None
    line: int | None = None


@dataclass(frozen=True)
class Record:
    """A JSON Lines record as read: its raw bytes, parsed later by :func:`load`. Reading only
    splits lines, so the parsing can run beside the summarising, in a worker process."""

    source: str
    line: int
    data: bytes


@dataclass(frozen=True)
class Unread:
    """A text or HTML file not read yet: :func:`load` reads it where it is summarised."""

    source: str
    line: None = None


@dataclass(frozen=True)
class Oversized:
    """A line longer than the limit, skipped while it was read: only its length is left."""

    size: int


# What reading yields for each article: cheap to make and to send to a worker process.
Pending = Record | Unread | Article | Failure


@dataclass(frozen=True)
class ReadOptions:
    max_bytes: int = DEFAULT_MAX_BYTES
    text_field: str = DEFAULT_TEXT_FIELD
    id_field: str = DEFAULT_ID_FIELD
    timeout: float = DEFAULT_TIMEOUT
    title_field: str = DEFAULT_TITLE_FIELD


def expand(paths: Iterable[str]) -> Iterator[str | Failure]:
    """Each PATH as sources: a file or URL as itself, a directory as its article files (sorted,
    so output order is stable), ``-`` as standard input."""
    for path in paths:
        if path != STDIN and not is_url(path) and os.path.isdir(path):
            try:
                names = os.listdir(path)
            except OSError as error:
                yield Failure(path, f"cannot list directory ({error.strerror or error})")
                continue
            found = sorted(
                os.path.join(path, name)
                for name in names
                if name.lower().endswith(ARTICLE_SUFFIXES)
                and os.path.isfile(os.path.join(path, name))
            )
            if not found:
                yield Failure(path, f"directory has no article file ({' '.join(ARTICLE_SUFFIXES)})")
            yield from found
        else:
            yield path


def is_dump(source: str) -> bool:
    """Whether a source is a JSON Lines file (compressed or not), judged by its name."""
    return source != STDIN and source.lower().endswith(JSONL_SUFFIXES + COMPRESSED_JSONL_SUFFIXES)


def compression(source: str) -> str | None:
    """The standard library module that decompresses ``source`` (by its suffix), if any."""
    return COMPRESSIONS.get(os.path.splitext(source.lower())[1])


def articles(
    paths: Iterable[str], options: ReadOptions = ReadOptions()
) -> Iterator[Article | Failure]:
    """Every article of the PATH arguments, or a Failure for each that cannot be read."""
    return read_sources(expand(paths), options)


def read_sources(
    sources: Iterable[str | Failure], options: ReadOptions = ReadOptions()
) -> Iterator[Article | Failure]:
    """The articles of sources already expanded (see :func:`expand`)."""
    for item in pending(sources, options):
        yield load(item, options)


def item_articles(source: str, options: ReadOptions = ReadOptions()) -> Iterator[Article | Failure]:
    """The articles of one source: one for a text or HTML file, one per line of JSON Lines."""
    return read_sources([source], options)


def pending(
    sources: Iterable[str | Failure], options: ReadOptions = ReadOptions()
) -> Iterator[Pending]:
    """One item per article of the sources, in order, before any decoding: the raw line of
    each JSON Lines record, the name of each file. :func:`load` turns an item into its article,
    so that costly step can run in a worker process. Even a bug met while reading a source
    becomes its Failure, so it never costs the batch (ABREGE_DEBUG=1 re-raises it instead)."""
    for source in sources:
        if isinstance(source, Failure):
            yield source
        elif source != STDIN and not is_dump(source):
            yield Unread(source)
        else:
            try:
                yield from _stream_items(source, options)
            except Exception as error:
                if os.environ.get("ABREGE_DEBUG"):
                    raise
                yield Failure(source, internal_error(error))


def load(item: Pending, options: ReadOptions = ReadOptions()) -> Article | Failure:
    """The article of an item of :func:`pending`, or why there is none."""
    try:
        if isinstance(item, Record):
            return parse_record(item, options)
        if isinstance(item, Unread):
            return read_file(item.source, options)
        return item
    except Exception as error:
        if os.environ.get("ABREGE_DEBUG"):
            raise
        return Failure(item.source, internal_error(error), line=item.line)


def _stream_items(source: str, options: ReadOptions) -> Iterator[Pending]:
    """The records of a JSON Lines file (compressed or not) or of standard input, streamed."""
    kind = None if source == STDIN else compression(source)
    try:
        if source == STDIN:
            yield from _stdin_items(options)
        else:
            with open_dump(source) as stream:
                yield from records(source, stream, options)
    except Exception as error:
        if not isinstance(error, (OSError, ValueError, EOFError, *_lzma_error())):
            raise
        if kind is None or isinstance(error, (FileNotFoundError, PermissionError)):
            yield _failure(source, error)
        else:  # the stream broke part way: what was read is kept, the rest fails here
            yield Failure(source, f"bad {kind} data ({error})")


def _lzma_error() -> tuple[type[Exception], ...]:
    """lzma's error type when lzma is in use (it is loaded only for .xz files)."""
    lzma = sys.modules.get("lzma")
    return (lzma.LZMAError,) if lzma is not None else ()


def open_dump(path: str) -> BinaryIO:
    """A JSON Lines file as a binary stream, decompressed on the fly for .gz, .bz2 and .xz."""
    kind = compression(path)
    if kind is None:
        return open(path, "rb")
    import importlib  # only for compressed dumps: keeps the command's start fast

    return importlib.import_module(kind).open(path, "rb")


def _stdin_items(options: ReadOptions) -> Iterator[Pending]:
    # JSON Lines on standard input streams like a file: sniffed on its first line.
    stream = sys.stdin.buffer
    first = stream.readline(options.max_bytes + 1)
    if first.lstrip(b"\xef\xbb\xbf \t").startswith(b"{"):
        yield from records(STDIN, stream, options, head=first)
        return
    data = first + stream.read(max(0, options.max_bytes + 1 - len(first)))
    if len(data) > options.max_bytes:
        raise ValueError(_too_large(len(data), options.max_bytes, at_least=True))
    yield from_bytes(STDIN, data)


def records(
    source: str, stream: BinaryIO, options: ReadOptions = ReadOptions(), head: bytes = b""
) -> Iterator[Record | Failure]:
    """One raw record per non-blank line of a JSON Lines stream. A line over the size limit is
    a Failure naming its line; blank lines give nothing but are counted, so line numbers stay
    those of the file."""
    lines = bounded_lines(stream, options.max_bytes, head=head)
    for number, line in enumerate(lines, 1):
        if isinstance(line, Oversized):
            yield Failure(source, _too_large(line.size, options.max_bytes), line=number)
            continue
        if number == 1:
            line = line.removeprefix(codecs.BOM_UTF8)
        if line.strip():
            yield Record(source, number, line)


def bounded_lines(
    stream: BinaryIO, limit: int, chunk: int = SKIP_CHUNK, head: bytes = b""
) -> Iterator[bytes | Oversized]:
    """Each line of a binary stream (``head`` is its start, already read), or ``Oversized`` for
    a line of more than ``limit`` bytes (newline excluded). Memory is bounded by the limit, not
    by the line (readline briefly holds twice the limit while joining a line's pieces): a longer
    line is skipped ``chunk`` bytes at a time as it is read, never held whole, since one 2 GB
    line must not need 2 GB."""
    while True:
        line, head = head or stream.readline(limit + 1), b""
        if not line:
            return
        size = len(line) - line.endswith(b"\n")
        if size <= limit:
            yield line
            continue
        if not line.endswith(b"\n"):
            del line
            while piece := stream.readline(chunk):
                if piece.endswith(b"\n"):
                    size += len(piece) - 1
                    break
                size += len(piece)
        yield Oversized(size)


def parse_record(record: Record, options: ReadOptions = ReadOptions()) -> Article | Failure:
    """The article of one JSON Lines record; a bad record fails alone, named ``SOURCE:LINE``.
    A missing, empty or non-text title field means no title."""
    source, number = record.source, record.line
    try:
        obj = json.loads(record.data.strip())
    except ValueError as error:
        return Failure(source, f"invalid JSON ({error})", line=number)
    if not isinstance(obj, dict):
        return Failure(source, "not a JSON object", line=number)
    ident = obj.get(options.id_field)
    text = obj.get(options.text_field)
    if text is None and options.text_field == DEFAULT_TEXT_FIELD:
        text = obj.get(FALLBACK_TEXT_FIELD)
    if text is None:
        return Failure(source, f"no {_field_names(options)} field", ident, number)
    if not isinstance(text, str):
        return Failure(source, f"field {options.text_field!r} is not a string", ident, number)
    title = obj.get(options.title_field)
    title = normalise(title).strip() or None if isinstance(title, str) else None
    try:
        return finish(source, text, ident=ident, line=number, title=title)
    except ValueError as error:
        return Failure(source, str(error), ident, number)


def read_file(source: str, options: ReadOptions = ReadOptions()) -> Article | Failure:
    """The article of a text or HTML file."""
    try:
        return from_bytes(source, read_bytes(source, options.max_bytes))
    except (OSError, ValueError) as error:
        return _failure(source, error)


def looks_like_html(data: bytes) -> bool:
    """Whether bytes start like a web page (a doctype or an html, head or body tag, after
    comments), whatever the name or media type they came with."""
    return bool(_HTML_START.match(data[:1024]))


def from_bytes(source: str, data: bytes) -> Article | Failure:
    """The article of a file's bytes: decoded, and reduced to its article when it is a page."""
    html = source.lower().endswith(HTML_SUFFIXES) or looks_like_html(data)
    return finish(source, decode(data, declared_charset(data) if html else None), html=html)


def _failure(source: str, error: Exception) -> Failure:
    if isinstance(error, FileNotFoundError):
        return Failure(source, "no such file")
    if isinstance(error, IsADirectoryError):
        return Failure(source, "is a directory")
    if isinstance(error, PermissionError):
        return Failure(source, "permission denied")
    return Failure(source, str(error) or type(error).__name__)


def count_articles(sources: Iterable[str | Failure]) -> int | None:
    """How many results the sources will give, when that is cheap to know (for a progress
    bar): the lines of a plain dump (blank ones included: counting is a byte scan), one for any
    other file. None when a source is a compressed dump or standard input."""
    total = 0
    for source in sources:
        if source == STDIN or (isinstance(source, str) and is_dump(source) and compression(source)):
            return None
        if isinstance(source, str) and is_dump(source):
            try:
                total += _count_lines(source)
            except OSError:
                total += 1
        else:
            total += 1
    return total


def _count_lines(path: str) -> int:
    lines, last = 0, b"\n"
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            lines += block.count(b"\n")
            last = block[-1:]
    return lines + (last != b"\n")


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """All the bytes of a file, refusing more than ``max_bytes`` before reading them."""
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > max_bytes:
            raise ValueError(_too_large(size, max_bytes))
        data = handle.read(max_bytes + 1)  # a file may grow while we read it
    if len(data) > max_bytes:
        raise ValueError(_too_large(len(data), max_bytes, at_least=True))
    return data


def decode(data: bytes, declared: str | None = None) -> str:
    """Bytes to text: a BOM decides; then UTF-8; then the encoding an HTML page declares; then
    the single-byte encoding that reads most like French (cp1252 covers Latin-1); then
    charset-normalizer's guess for anything else. NUL bytes without a BOM mean a binary file."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise ValueError(f"invalid {encoding} text (byte {error.start})") from None
    if b"\x00" in data:
        raise ValueError("binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _decode_legacy(data, declared)
    if len(_CONTROL.findall(text[:10_000])) > max(2, len(text[:10_000]) // 100):
        raise ValueError("binary file (control characters)")
    return text


def _decode_legacy(data: bytes, declared: str | None) -> str:
    if declared:
        try:
            return data.decode(*whatwg_codec(declared))
        except (LookupError, UnicodeDecodeError):
            pass
    candidates = []
    for encoding in _LEGACY:
        try:
            candidates.append(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    best = min(candidates, key=_oddness, default=None)
    if best is None or _oddness(best) > 0:
        from charset_normalizer import from_bytes

        guess = from_bytes(data).best()
        if guess is not None and (best is None or _oddness(str(guess)) < _oddness(best)):
            return str(guess)
    if best is None:
        raise ValueError("unknown text encoding")
    return best


def whatwg_codec(label: str) -> tuple[str, str]:
    """The Python codec and error handler for a declared charset, as browsers read it: Latin-1
    and ASCII labels mean windows-1252, whose five unassigned bytes map to the same code point
    (WHATWG), so a page declared ``iso-8859-1`` keeps its ’ and € and never fails to decode."""
    label = label.strip().lower()
    if label in _WINDOWS_1252_LABELS:
        return "cp1252", "abrege-whatwg"
    return label, "strict"


def _c1_as_is(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return "".join(map(chr, error.object[error.start : error.end])), error.end


codecs.register_error("abrege-whatwg", _c1_as_is)


def _oddness(text: str) -> int:
    """How many characters of ``text`` are unexpected in French: C1 controls, box drawing,
    stray symbols. Lower is a more plausible decoding."""
    return sum(1 for ch in text if ord(ch) > 127 and ch not in _FRENCH_NON_ASCII)


def is_url(source: str) -> bool:
    """Whether a source names a web page (``abrege.fetch`` reads it) rather than a file."""
    return source[:8].lower().startswith(("http://", "https://"))


def declared_charset(data: bytes) -> str | None:
    """The charset a page's ``<meta>`` declares in its first 4 KB."""
    match = _DECLARED_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def normalise(text: str) -> str:
    """Repair mojibake (UTF-8 that was read as cp1252, often twice), replace lone surrogates,
    make line ends ``\\n`` and compose accents (NFC), so equal texts compare equal whatever
    their journey."""
    if _MOJIBAKE_HINT.search(text):
        import ftfy

        text = ftfy.fix_text(
            text,
            ftfy.TextFixerConfig(
                unescape_html=False,
                uncurl_quotes=False,
                fix_latin_ligatures=False,
                fix_character_width=False,
                fix_line_breaks=False,
                remove_control_chars=False,
                normalization=None,
                explain=False,
            ),
        )
    if _SURROGATE.search(text):  # only JSON escapes can make these; no encoder accepts them
        text = _SURROGATE.sub("\ufffd", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class Extracted:
    """What a web page holds for the pipeline: its article text and its headline (cleaned;
    None when the page has none)."""

    text: str
    headline: str | None


def extract_html(html: str) -> Extracted:
    """The article of a web page, without menus, ads, comments, lists of links (related
    articles, menus that trafilatura kept) or its headline (the title is not article text, so a
    page and its article text give the same summary), one paragraph per block separated by a
    blank line so that a heading or paragraph never runs into the next one.

    trafilatura's metadata pass is skipped: it detects the page's date (htmldate), which cost
    up to half a second a page, and only the headline is used, read here from the page itself.
    """
    import trafilatura
    from lxml import html as lxml_html  # type: ignore[import-untyped]  # trafilatura's parser

    try:
        tree = lxml_html.fromstring(html)
        headline = page_headline(tree)
        document = trafilatura.bare_extraction(
            tree,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=True,  # to recognise lists of links; their text is kept below
            deduplicate=False,
            with_metadata=False,
        )
    except Exception as error:  # a parser crash on one odd page must not stop the batch
        raise ValueError(f"HTML extraction failed ({type(error).__name__})") from None
    body = getattr(document, "body", None)  # None when trafilatura found nothing
    paragraphs = _paragraphs(body) if body is not None else []
    key = _title_key(headline or "")
    while paragraphs and key and _title_key(paragraphs[0]) == key:
        paragraphs.pop(0)
    if sum(len(p.split()) for p in paragraphs) < MIN_HTML_WORDS:
        raise ValueError("no article found in the page (no text)")
    return Extracted("\n\n".join(paragraphs), headline)


def _paragraphs(body: Any) -> list[str]:
    """The text of each block of trafilatura's body, lists of links left out: a list whose
    every item opens with a link is navigation or related-article teasers (a headline, often
    with a one-sentence teaser), never the article's own list."""
    for element in list(body.iter("list")):
        items = element.findall("item")
        if items and all(_opens_with_link(item) for item in items):
            element.getparent().remove(element)  # the tail (text after the list) goes too
    blocks = []
    for element in body.iter("p", "head", "item", "quote", "code", "cell"):
        if any(
            ancestor.tag in ("p", "head", "quote", "item") for ancestor in element.iterancestors()
        ):
            continue  # its text belongs to the enclosing block
        for br in element.iter("lb"):  # a line break inside the block stays one
            br.tail = "\n" + (br.tail or "")
        lines = "".join(element.itertext()).translate(_INVISIBLE).split("\n")
        text = "\n".join(" ".join(line.split()) for line in lines if line.strip())
        if text:
            blocks.append(text)
    return blocks


def _opens_with_link(item: Any) -> bool:
    if (item.text or "").strip():
        return False
    first = next(iter(item), None)
    while first is not None and first.tag != "ref" and not (first.text or "").strip():
        first = next(iter(first), None)
    return first is not None and first.tag == "ref"


def page_headline(tree: Any) -> str | None:
    """The page's headline: og:title, else its only <h1>, else <title>; site names, sections,
    dates and kickers cut off (:func:`clean_headline`)."""
    for found in (
        tree.xpath("//meta[@property='og:title' or @name='og:title']/@content")[:1],
        [h.text_content() for h in tree.iter("h1")][:2],
        [t.text_content() for t in tree.iter("title")][:1],
    ):
        if len(found) == 1:
            title = clean_headline(str(found[0]))
            if title:
                return title
    return None


def clean_headline(title: str) -> str:
    """A headline without what sites add around it: " | Site", " - Le Monde", "Section | Title |
    Site | 12/03/2020", a kicker in capitals ("VIDEO. ", "EN DIRECT - "). Of the parts between
    separators the longest is the headline (the site, section and date are short)."""
    title = " ".join(html_entities.unescape(title).split())
    parts = [part.strip() for part in _TITLE_PARTS.split(title) if part.strip()]
    title = max(parts, key=lambda part: len(part.split()), default="")
    return _KICKER.sub("", title) if len(title.split()) > 3 else title


def _title_key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def finish(
    source: str,
    text: str,
    html: bool = False,
    ident: object = None,
    line: int | None = None,
    title: str | None = None,
) -> Article | Failure:
    """The article of a decoded text: the page's article and headline when it is HTML (by file
    name, or because it starts like a web page), normalised; a failure when nothing is left.
    A ``title`` given (a record's title field) wins over the page's headline."""
    page = html or bool(_HTML_START.match(text[:1024].encode("utf-8", "replace")))
    if page:
        extracted = extract_html(text)
        text = extracted.text
        if title is None and extracted.headline:
            title = normalise(extracted.headline)
    text = normalise(text)
    if not text.strip():
        return Failure(source, "empty article", ident, line)
    return Article(source, text, ident, line, title, page)


def _field_names(options: ReadOptions) -> str:
    if options.text_field == DEFAULT_TEXT_FIELD:
        return f"{DEFAULT_TEXT_FIELD!r} or {FALLBACK_TEXT_FIELD!r}"
    return repr(options.text_field)


class TooLarge(AbregeError):
    """Input over the size limit. The message names no command-line flag (library callers
    pass ``max_bytes``); :meth:`reason` is the command's wording, which says which flag to use."""

    def __init__(self, size: int, limit: int, at_least: bool = False) -> None:
        more = "at least " if at_least else ""
        self.detail = f"{more}{_megabytes(size)}, limit {_megabytes(limit)}"
        super().__init__(f"too large ({self.detail})")

    def reason(self) -> str:
        return f"too large ({self.detail}; see --max-bytes)"


def _too_large(size: int, limit: int, at_least: bool = False) -> str:
    """The command's one-line reason for an input over ``--max-bytes``."""
    return TooLarge(size, limit, at_least).reason()


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size} bytes"
