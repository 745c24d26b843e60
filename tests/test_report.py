"""The HTML report (-f html): one self-contained page, article text always escaped, every
ranked sentence shaded with its score on hover, the chosen ones highlighted, an index for a
batch. Checked as written, and as rendered by a real browser (headless Chromium)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO, SEEDS

from abrege import cli
from abrege.pipeline import analyse

SCRIPT = "<script>document.title='pwned'</script>"
HOSTILE = (
    "Le conseil municipal de Lyon a voté le budget mardi soir après un long débat. "
    f"Un élu a collé ce code dans sa tribune : {SCRIPT} et personne ne l'a vu. "
    "Le maire de Lyon a défendu le budget devant le conseil municipal."
)


class _Page(HTMLParser):
    """The elements of a page, with their attributes, and its text."""

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def count(self, tag: str, cls: str | None = None) -> int:
        return sum(
            t == tag and (cls is None or cls in (a.get("class") or "")) for t, a in self.tags
        )


def _report(tmp_path: Path, *paths: Path | str) -> str:
    out = tmp_path / "report.html"
    cli.main(["-f", "html", *map(str, paths), "-o", str(out)])
    return out.read_text(encoding="utf-8")


@pytest.fixture
def hostile(tmp_path) -> Path:
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


def test_page_is_self_contained_and_escapes_article_text(tmp_path, hostile):
    # Every sentence in the summary, so the hostile one is printed whole, outside the marks.
    markup = _report(tmp_path, "-n", "3", hostile)
    page = _Page(markup)
    assert page.count("script") == 0
    assert SCRIPT in "".join(page.text)  # shown as text, once parsed
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in markup
    for tag, attrs in page.tags:  # nothing fetched: no external stylesheet, image, font, frame
        assert tag not in ("link", "img", "iframe", "object", "embed"), tag
        assert not any(v and re.match(r"\s*(https?:)?//", v) for v in attrs.values()), attrs
    assert ("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}) in (
        page.tags
    )


def test_every_ranked_sentence_shaded_with_its_score_and_chosen_ones_marked(tmp_path):
    analysis = analyse(SEEDS[0].read_text(encoding="utf-8"), keywords=10)
    page = _Page(_report(tmp_path, SEEDS[0]))
    sentences = [a for t, a in page.tags if "s" in (a.get("class") or "").split()]
    # the legend has one mark and one span of each kind, then one per ranked sentence
    assert len(sentences) - 2 == len(analysis.scored)
    marks = [a for t, a in page.tags if t == "mark" and a.get("title")]
    assert len(marks) == len(analysis.summary.sentences)
    scores = [re.search(r"score (-?\d+\.\d+)", a["title"] or "") for a in sentences[2:]]
    assert all(scores)
    assert [float(m.group(1)) for m in scores] == pytest.approx(
        [s.score for s in analysis.scored], abs=1e-4
    )
    shades = [float(a["style"].split(":")[1]) for a in sentences[2:] if a.get("style")]
    assert min(shades) == 0.0 and max(shades) <= 1.0
    # keyphrases are computed for the report even without --keywords
    chips = page.count("li")
    assert chips == len(analysis.keywords) == 10


def test_index_for_several_articles_lists_failures_too(tmp_path, hostile):
    empty = REPO / "tests" / "fixtures" / "bad" / "empty.txt"
    markup = _report(tmp_path, *SEEDS, empty)
    page = _Page(markup)
    links = [a["href"] for t, a in page.tags if t == "a"]
    anchors = [a["id"] for t, a in page.tags if t == "article"]
    assert links == [f"#{anchor}" for anchor in anchors] and len(anchors) == 3
    assert page.count("a", "failed") == 1
    assert "Échec : empty article" in "".join(page.text)
    assert page.count("nav") == 1
    single = _Page(_report(tmp_path, hostile))
    assert single.count("nav") == 0


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("chromium is missing in CI: .ci/run installs the Debian package 'chromium'")
    pytest.skip(
        "chromium not installed (Debian/Ubuntu: apt-get install chromium); CI installs it and "
        "runs this test"
    )


def _browser(tmp_path: Path, *args: str, page: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            _chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            *args,
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_report_renders_in_a_real_browser(tmp_path, hostile):
    _chromium()
    page_path = tmp_path / "report.html"
    cli.main(["-f", "html", str(SEEDS[0]), str(hostile), "-o", str(page_path)])
    result = _browser(tmp_path, "--dump-dom", page=page_path)
    assert result.returncode == 0, result.stderr[-2000:]
    dom = _Page(result.stdout)
    # the article's script did not run (the title is ours) and shows as text
    title = re.search(r"<title>(.*?)</title>", result.stdout, re.S)
    assert title and title.group(1) == "abrege : résumés"
    assert dom.count("script") == 0
    assert SCRIPT in "".join(dom.text)
    # what the browser built: both articles, the index, highlighted summary sentences
    assert dom.count("article") == 2 and dom.count("nav") == 1
    assert dom.count("mark", "s") >= 3  # the legend's and at least one per article
    assert dom.count("li") >= 2 + 10  # index entries and keyphrases

    for size in ("1000,1400", "390,844"):  # desktop and a phone
        shot = tmp_path / f"shot-{size.replace(',', 'x')}.png"
        result = _browser(tmp_path, f"--window-size={size}", f"--screenshot={shot}", page=page_path)
        assert result.returncode == 0, result.stderr[-2000:]
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert (width, height) == tuple(map(int, size.split(",")))
