"""Web pages: prose only, the headline never repeated, pages that are not articles refused,
charsets read as browsers do, and URLs fetched from a local server (never the internet)."""

from __future__ import annotations

import http.server
import json
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import REPO, SEEDS, shared_file

from abrege import AbregeError, cli, summarize, summarize_url
from abrege.clean import ends_like_prose, is_prose
from abrege.fetch import USER_AGENT, read_url
from abrege.page import not_an_article
from abrege.prepare import prepare, split_sentences
from abrege.read import Article, clean_headline, decode, item_articles

WEB = REPO / "tests" / "fixtures" / "web"
TITLE = "Tours adopte un plan de rénovation de ses écoles"
# The article every fixture page holds, sentence by sentence.
PROSE = [
    "Le conseil municipal de Tours a adopté lundi soir un plan de rénovation des écoles de la "
    "ville, après trois heures de débat.",
    "Le projet prévoit de rénover douze écoles d’ici à 2028 pour un coût total de 45 millions "
    "d’euros, financé pour moitié par l’État.",
    "L’opposition a dénoncé un calendrier trop long et réclamé que les écoles les plus anciennes "
    "passent en priorité.",
    "Le maire a répondu que les travaux commenceraient dès l’été prochain dans les trois groupes "
    "scolaires du quartier nord.",
    "Les parents d’élèves, venus nombreux, ont salué une décision attendue depuis plusieurs "
    "années.",
    "Une réunion publique doit présenter le détail du calendrier aux habitants le mois prochain.",
]
# Each fixture page and the furniture it puts in the article's text (checked to be there, so
# the test is about the filter, not about what the extractor happened to drop).
FURNITURE = {
    "heading.html": [
        "Un calendrier contesté",
        "La colère des parents",
        "Quelles écoles en premier ?",
    ],
    "breadcrumb.html": ["Accueil > Politique > Municipales > Tours adopte un plan"],
    "cookies.html": [
        "Nous utilisons des cookies pour mesurer l’audience du site et vous proposer des "
        "contenus adaptés.",
        "En poursuivant votre navigation, vous acceptez leur utilisation.",
    ],
    "subscription.html": [
        "Cet article est réservé aux abonnés, abonnez-vous dès 1 € le premier mois.",
        "Inscrivez-vous à notre newsletter pour recevoir chaque matin l’essentiel de "
        "l’actualité de Tours.",
    ],
    "click.html": [
        "Cliquez sur l’icône en haut à droite de la carte pour voir les douze écoles "
        "concernées par le plan."
    ],
    "link_label.html": [
        "[Vidéo] Le maire de Tours présente les écoles concernées par le plan",
        "[Lire la suite]",
    ],
    "signature.html": ["Par Jeanne Martin", "(J.M.)", "Photo : Jean Dupont"],
    "teasers.html": ["Lire aussi : Le budget des écoles en hausse de 10 % à Tours"],
    "headline.html": ["EXCLUSIF Tours adopte un plan de rénovation de ses écoles"],
}


def read_page(path: Path) -> Article:
    """The page as the command reads it (declared charset, extraction, headline)."""
    (article,) = item_articles(str(path))
    assert isinstance(article, Article), article
    return article


def everything_kept(article: Article) -> list[str]:
    """Every sentence the ranker may choose: the summary at ratio 1."""
    summary = summarize(article.text, ratio=1.0, title=article.title, require_article=True)
    return [s.text for s in summary.sentences]


@pytest.mark.parametrize("name", sorted(FURNITURE))
def test_furniture_is_never_chosen_but_keeps_its_offsets(name):
    article = read_page(WEB / name)
    sentences = split_sentences(article.text)
    for furniture in FURNITURE[name]:
        # Still a sentence of the text, at its place, so offsets stay those of the text.
        assert any(s.text.endswith(furniture) for s in sentences), furniture
    assert everything_kept(article) == PROSE


def test_related_article_lists_are_left_out_of_the_text():
    article = read_page(WEB / "teasers.html")
    assert "Orléans rénove aussi ses collèges" not in article.text
    assert "La métropole voisine" not in article.text  # the teaser's sentence goes with it
    assert everything_kept(article) == PROSE


def test_the_headline_is_cleaned_and_passed_as_the_title():
    article = read_page(WEB / "headline.html")
    assert article.title == TITLE  # og:title without " - La Gazette de Tours"
    assert article.page


@pytest.mark.parametrize(
    "raw, headline",
    [
        ("Un troisième Français mort au Népal - Libération", "Un troisième Français mort au Népal"),
        (
            "L’Université PSL : quand les écoles font université | PSL",
            "L’Université PSL : quand les écoles font université",
        ),
        ("Politique | Le Sénat adopte la loi | Le Monde | 12/03/2020", "Le Sénat adopte la loi"),
        ("VIDEO. Le maire de Tours répond aux parents", "Le maire de Tours répond aux parents"),
        ("Prendre la parole", "Prendre la parole"),
        ("Fran&ccedil;ois   Hollande parle", "François Hollande parle"),
    ],
)
def test_headlines_lose_site_section_date_and_kicker(raw, headline):
    assert clean_headline(raw) == headline


def test_a_sentence_that_repeats_the_title_is_not_a_candidate():
    text = "Le Sénat adopte la loi sur le climat. " + " ".join(PROSE)
    kept = prepare(text, "Le Sénat adopte la loi sur le climat | Le Monde").texts
    assert kept == PROSE
    assert prepare(text).texts[0] == "Le Sénat adopte la loi sur le climat."
    summary = summarize(text, title="Le Sénat adopte la loi sur le climat")
    assert all("Sénat" not in s.text for s in summary.sentences)


@pytest.mark.parametrize(
    "name, reason",
    [
        ("template.html", "unrendered template: {{…}} code"),
        ("list_page.html", "a list of 3 signed items"),
        ("home.html", "0 sentences of prose"),
    ],
)
def test_pages_that_are_not_articles_are_refused_in_one_line(name, reason, capsys):
    path = WEB / name
    code = cli.main([str(path), str(SEEDS[0])])
    out, err = capsys.readouterr()
    assert code == 1
    assert err == f"abrege: {path}: no article found in the page ({reason})\n"
    assert f"==> {SEEDS[0]} <==" in out  # the other input is still summarised


def test_a_plain_text_is_never_refused_as_a_page():
    article = read_page(WEB / "list_page.html")
    with pytest.raises(AbregeError, match="no article found in the page"):
        summarize(article.text, require_article=True)
    assert summarize(article.text).sentences  # a text file with the same words is summarised


@pytest.mark.parametrize(
    "prose",
    [
        "«Regardez la cruauté du procédé», a lancé le député devant l’Assemblée.",
        "Regardez cette grêle qui ressemble à une chute de neige, a-t-il écrit sur Twitter.",
        "Ils ont été installés sans votre consentement via des cookies, selon les chercheurs.",
        "Les victimes étaient les éditeurs d’une newsletter critique envers le groupe.",
        "Les abonnés pourront s'abonner pour obtenir 30% de réduction.",
        "Mais un autre CRS a utilisé son LBD [NDLR lanceur de balles de défense].",
        "[Avant l'été], si nous avons les garanties sanitaires, le vote aura lieu.",
        "Chacun peut calculer son empreinte écologique sur http://www.footprintcalculator.org",
        "Un choc glaçant.",
        "La vague de froid qui touche la France depuis lundi devrait durer jusqu’à la fin de la "
        "semaine selon Météo France qui a placé douze départements en vigilance orange",
    ],
)
def test_prose_that_looks_like_furniture_is_kept(prose):
    assert is_prose(prose)


@pytest.mark.parametrize(
    "furniture",
    [
        "La Commission de contrôle",
        "Vape Wave (documentaire, 1h28, Planète+)",
        "(A.H.)",
        "(Alexandre Hervaud)",
        "Accueil > Actualités et humeurs > Décisions de l’AG",
        "Rubrique › Politique › Élections",
        "Nous utilisons des cookies pour améliorer votre expérience.",
        "Gérer mes cookies et tout accepter.",
        "Abonnez-vous pour lire la suite de cet article.",
        "Vous êtes abonné ? Connectez-vous.",
        "Recevez gratuitement notre newsletter chaque matin.",
        "Cliquez ici pour voir la vidéo.",
        "Retrouvez les recommandations de Libération pour savoir quoi regarder.",
        "Revivez le direct du vote à l’Assemblée avec vos questions.",
        "Lire la suite de la critique sur Liberation.fr.",
        "[Vidéo] Le maire présente son plan.",
        "Le maire présente son plan pour les écoles de la ville [Lire la suite]",
        '"Brouillon" : "Inconnu"}} et la suite du texte.',
    ],
)
def test_furniture_is_not_prose(furniture):
    assert not is_prose(furniture)


def test_cp1252_bytes_declared_latin1_keep_their_apostrophes():
    article = read_page(WEB / "latin1_declared.html")
    assert b"\x92" in (WEB / "latin1_declared.html").read_bytes()
    assert everything_kept(article) == PROSE  # "d’élèves", not "délèves"
    for label in ("iso-8859-1", "latin-1", "ISO_8859-1", "ascii", "us-ascii", "windows-1252"):
        assert decode(b"l\x92\xe9tranger co\xfbte 5 \x80", label) == "l’étranger coûte 5 €"
    # Bytes that windows-1252 leaves unassigned keep their code point, as in browsers.
    assert decode(b"caf\xe9 \x81", "iso-8859-1") == "café \x81"


# --- URLs, from a server on 127.0.0.1 started by the test ------------------------------------

ARTICLE = (WEB / "heading.html").read_bytes()
CP1252_PAGE = (
    (WEB / "latin1_declared.html").read_bytes().replace(b'<meta charset="iso-8859-1">', b"")
)


class Handler(http.server.BaseHTTPRequestHandler):
    seen_agents: list[str] = []
    barrier = threading.Barrier(3, timeout=10)

    def log_message(self, *args):  # keep pytest's output clean
        pass

    def send(
        self,
        code: int,
        body: bytes,
        content_type: str = "text/html; charset=utf-8",
        length: bool = True,
    ) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802 (the http.server API)
        Handler.seen_agents.append(self.headers.get("User-Agent", ""))
        path = self.path
        if path == "/article":
            self.send(200, ARTICLE)
        elif path == "/late":  # slower than the others, but first on the command line
            time.sleep(0.3)
            self.send(200, (WEB / "breadcrumb.html").read_bytes())
        elif path == "/cp1252":
            self.send(200, CP1252_PAGE, "text/html; charset=iso-8859-1")
        elif path == "/home":
            self.send(200, (WEB / "home.html").read_bytes())
        elif path == "/hop":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.end_headers()
        elif path.startswith("/loop"):
            self.send_response(302)
            self.send_header("Location", "/loop2" if path == "/loop" else "/loop")
            self.end_headers()
        elif path == "/slow":
            time.sleep(3)
            self.send(200, ARTICLE)
        elif path == "/pdf":
            self.send(200, b"%PDF-1.4 ...", "application/pdf")
        elif path == "/big":
            self.send(200, ARTICLE + b"<!-- padding -->" * 20_000)
        elif path == "/big-streamed":  # no Content-Length: the cap applies while streaming
            self.send(200, ARTICLE + b"<!-- padding -->" * 20_000, length=False)
        elif path.startswith("/together"):  # answers only once 3 requests are waiting
            Handler.barrier.wait()
            self.send(200, ARTICLE)
        else:
            self.send(404, b"<html><body>introuvable</body></html>")


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a client that gave up (timeout, size cap) breaks the pipe: expected here


@pytest.fixture(scope="module")
def server():
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def run(capsys, *args) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_urls_and_files_in_one_batch_each_failure_one_line(server, capsys):
    urls = [f"{server}/{name}" for name in ("article", "missing", "pdf", "loop", "home", "hop")]
    code, out, err = run(capsys, urls[0], urls[1], SEEDS[0], *urls[2:])
    assert code == 1
    assert err.splitlines() == [
        f"abrege: {urls[1]}: HTTP 404",
        f"abrege: {urls[2]}: not an HTML page (application/pdf)",
        f"abrege: {urls[3]}: too many redirects (more than 5)",
        f"abrege: {urls[4]}: no article found in the page (0 sentences of prose)",
    ]
    headers = re.findall(r"^==> (.*) <==$", out, re.M)
    assert headers == [urls[0], str(SEEDS[0]), urls[5]]  # the redirect is followed
    assert "Un calendrier contesté" not in out  # the page's heading is not chosen


def test_a_url_gives_the_summary_of_its_page(server, capsys):
    _, page_out, _ = run(capsys, "-f", "json", f"{server}/article")
    _, file_out, _ = run(capsys, "-f", "json", WEB / "heading.html")
    page, saved = json.loads(page_out)[0], json.loads(file_out)[0]
    assert page["sentences"] == saved["sentences"]
    assert Handler.seen_agents[-1] == USER_AGENT
    assert re.fullmatch(r"abrege/\d+\.\d+\.\d+ \(.+\)", USER_AGENT)


def test_the_timeout_is_an_option_and_a_slow_page_fails_alone(server, capsys):
    code, out, err = run(capsys, "--timeout", "0.5", f"{server}/slow", f"{server}/article")
    assert code == 1
    assert err == f"abrege: {server}/slow: timed out after 0.5 s\n"
    assert f"==> {server}/article <==" in out


@pytest.mark.parametrize(
    "path, size",
    [
        ("/big", f"{(len(ARTICLE) + 16 * 20_000) / 1e6:.1f} MB"),  # refused from its header
        ("/big-streamed", "at least 0.1 MB"),  # no length given: stopped while streaming
    ],
)
def test_max_bytes_caps_a_page(server, capsys, path, size):
    code, _, err = run(capsys, "--max-bytes", "100k", server + path)
    assert code == 1
    assert err == f"abrege: {server}{path}: too large ({size}, limit 0.1 MB; see --max-bytes)\n"


def test_the_charset_of_the_response_is_read_as_browsers_do(server):
    article = read_url(f"{server}/cp1252")
    assert "d’élèves" in article.text and "délèves" not in article.text


def test_several_urls_are_fetched_at_once_and_output_in_order(server, capsys):
    # Each /together page is answered only when three requests wait at the same time: fetched
    # one after another, the first would fail (barrier timeout, HTTP 500).
    urls = [f"{server}/late"] + [f"{server}/together/{i}" for i in range(3)]
    code, out, err = run(capsys, *urls)
    assert (code, err) == (0, "")
    assert re.findall(r"^==> (.*) <==$", out, re.M) == urls


def test_library_calls(server):
    summary = summarize_url(f"{server}/article", timeout=5)
    assert [s.text for s in summary.sentences]
    assert all(s.text in PROSE for s in summary.sentences)
    with pytest.raises(AbregeError, match="^HTTP 404$"):
        read_url(f"{server}/missing")
    with pytest.raises(AbregeError, match=r"^no article found in the page \(0 sentences"):
        summarize_url(f"{server}/home")


def test_an_unknown_host_is_one_line(monkeypatch):
    def no_such_host(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    with pytest.raises(AbregeError, match=r"^cannot resolve host nulle-part\.invalid$"):
        read_url("http://nulle-part.invalid/article")


def test_without_a_url_nothing_of_the_fetcher_is_loaded(tmp_path):
    code = (
        "import sys; from abrege.cli import main; main([sys.argv[1]]); "
        "print('abrege.fetch' in sys.modules, 'urllib.request' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(SEEDS[0])], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.splitlines()[-1] == "False False"


# --- the ten real pages of the dev set --------------------------------------------------------

ARTICLES = [
    "heraldic__liberation_update.htm",
    "readability__lemonde-1.html",
    "readability__liberation-1.html",
    "traf_cache__franceculture.fr.idees.html",
    "traf_cache__laviedesidees.fr.evaluation.html",
    "traf_cache__psl.eu.luniversite.html",
    "traf_cache__sauvonsluniversite.com.spip.html",
    "traf_cache__soundofscience.fr.1927.html",
]


def headline_overlap(sentence: str, headline: str) -> float:
    a, b = (set(re.findall(r"\w+", t.lower())) for t in (sentence, headline))
    return len(a & b) / max(1, len(a | b))


@pytest.mark.parametrize("name", ARTICLES)
def test_real_pages_give_prose_only(name):
    article = read_page(shared_file(f"web_fr/{name}"))
    summary = summarize(article.text, title=article.title, require_article=True)
    assert summary.sentences
    for sentence in summary.sentences:
        text = sentence.text
        assert ends_like_prose(text) and len(text.split()) >= 5, text
        assert headline_overlap(text, article.title or "") < 0.8, text
        assert not re.search(r"\s[>›]\s|\{\{|\}\}|cookie|abonn|\([A-Z]\.[A-Z]\.\)", text), text
        assert article.text[sentence.start : sentence.end] == text


@pytest.mark.parametrize(
    "name, unwanted",
    [
        ("traf_cache__sauvonsluniversite.com.spip.html", "Accueil > Actualités"),
        ("traf_cache__psl.eu.luniversite.html", "quand les grandes écoles font université"),
        ("readability__lemonde-1.html", "La Commission de contrôle"),
        ("heraldic__liberation_update.htm", "Un député LREM en garde à vue"),
        ("traf_cache__laviedesidees.fr.evaluation.html", "Quelles revues prendre en compte"),
    ],
)
def test_real_pages_furniture_seen_before_is_not_chosen(name, unwanted, capsys):
    path = shared_file(f"web_fr/{name}")
    code, out, err = run(capsys, "--ratio", "1", path)
    assert (code, err) == (0, "")
    assert unwanted not in out


@pytest.mark.parametrize(
    "name, reason",
    [
        ("traf_cache__lanouvellerepublique.fr.martin.html", "unrendered template: {{…}} code"),
        ("readability__videos-2.html", "a list of 7 signed items"),
    ],
)
def test_real_pages_without_an_article_are_refused(name, reason, capsys):
    path = shared_file(f"web_fr/{name}")
    code, out, err = run(capsys, path)
    assert (code, out) == (1, "")
    assert err == f"abrege: {path}: no article found in the page ({reason})\n"


def test_no_orangesum_validation_article_is_refused():
    path = shared_file("orangesum/valid.jsonl")
    refused = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            text = record["article"]
            reason = not_an_article(prepare(text, record["title"]))
            if reason:
                refused.append((record["id"], reason))
    assert refused == []


def test_the_library_names_no_command_line_flag_for_an_oversized_page(server):
    """``read_url`` is a library call: its error names the limit, not a flag of the command
    (which adds "see --max-bytes" to its own report, tested above)."""
    from abrege.fetch import read_url
    from abrege.read import TooLarge

    with pytest.raises(TooLarge) as caught:
        read_url(server + "/big", max_bytes=100_000)
    assert str(caught.value).startswith("too large (") and "--" not in str(caught.value)
