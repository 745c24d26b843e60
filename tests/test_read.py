"""Reading: bytes in any common encoding, HTML pages and JSON Lines dumps become the same text."""

from __future__ import annotations

import codecs
import io
import json
import sys
import unicodedata

import pytest
from conftest import REPO, shared_file

from abrege.read import (
    STDIN,
    Article,
    Failure,
    ReadOptions,
    articles,
    decode,
    expand,
    item_articles,
    normalise,
)

BAD = REPO / "tests" / "fixtures" / "bad"
SEED_000 = REPO / "seeds" / "000_cf5c31e41a64bb63.txt"

SEED = SEED_000.read_text("utf-8")


def read_one(path, options: ReadOptions | None = None):
    items = list(item_articles(str(path), options or ReadOptions()))
    assert len(items) == 1
    return items[0]


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.encode("utf-16"),  # with BOM, little-endian here
        lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
        lambda t: t.encode("utf-32"),
        lambda t: t.encode("cp1252"),
        lambda t: t.replace("\n", "\r\n").encode("cp1252"),
        lambda t: t.encode("iso8859-15"),
        lambda t: t.encode("mac_roman"),
        # mojibake: UTF-8 read as cp1252 and saved again as UTF-8, once and twice
        lambda t: t.encode("utf-8").decode("cp1252").encode("utf-8"),
        lambda t: t.encode("utf-8").decode("cp1252").encode("utf-8").decode("cp1252").encode(),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16-bom",
        "utf16be-bom",
        "utf32-bom",
        "cp1252",
        "cp1252-crlf",
        "latin9",
        "mac-roman",
        "mojibake",
        "double-mojibake",
    ],
)
def test_every_encoding_gives_the_same_text(encode):
    assert normalise(decode(encode(SEED))) == SEED


def test_latin1_text_is_read_as_such():
    text = "L'été où la fête s'arrêta : « ça suffit », dit-il à Noël."
    assert normalise(decode(text.encode("latin-1"))) == text


def test_cp1252_only_characters_survive():
    # œ, €, ’ and … exist in cp1252 but not in Latin-1: a Latin-1 reading would garble them.
    text = "Le cœur de l’affaire : 1 500 € d’amende… et « Œdipe »."
    assert decode(text.encode("cp1252")) == text


def test_nfc_composes_accents():
    decomposed = unicodedata.normalize("NFD", "Le préfet a été élu à Orléans.")
    assert decomposed != "Le préfet a été élu à Orléans."
    assert normalise(decomposed) == "Le préfet a été élu à Orléans."


def test_normalise_keeps_typography():
    # Repairing mojibake must not straighten quotes or touch ligatures and spacing.
    text = "L’œuvre « Cœur » coûte 3 €… fin."
    assert normalise(text) == text


def test_lone_surrogates_from_json_escapes_are_replaced():
    assert normalise(json.loads('"Bonjour \\ud800 le monde."')) == "Bonjour \ufffd le monde."


def test_nul_bytes_mean_binary():
    with pytest.raises(ValueError, match="binary"):
        decode(b"abc\x00def")


def test_control_characters_mean_binary():
    with pytest.raises(ValueError, match="binary"):
        decode(bytes(range(1, 9)) * 50)


def test_declared_charset_of_a_page_is_honoured(tmp_path):
    # Latin-2 (Polish names in a French page): read as the single-byte encodings French text
    # usually comes in, "Łódź" becomes "£ódŒ" and "Wałęsa" "Wa³êsa". Only the page's own
    # declaration, found by the reader (not handed to it here), gives the right letters.
    body = (
        "Le syndicat Solidarność de Lech Wałęsa a été fondé en 1980 dans les chantiers navals "
        "de Gdańsk, au bord de la Baltique. Des usines de Łódź et de Szczecin ont suivi, et le "
        "mouvement a réuni dix millions de membres en quelques mois. Le général Jaruzelski a "
        "proclamé l'état de guerre en décembre 1981 pour briser le syndicat."
    )
    page = tmp_path / "page.html"
    page.write_bytes(
        (
            '<html><head><meta charset="iso-8859-2"><title>Pologne</title></head><body>'
            f"<article><p>{body}</p><p>{body.replace('1980', '1979')}</p></article></body></html>"
        ).encode("iso8859-2")
    )
    assert "Łódź" not in decode(page.read_bytes())  # without the declaration: wrong letters
    text = read_one(page).text
    assert text.split("\n\n")[0] == body


def test_html_page_gives_its_article_text():
    text = read_one(BAD / "page.html").text
    paragraphs = [" ".join(p.split()) for p in SEED.split("\n\n") if p.strip()]
    assert [" ".join(p.split()) for p in text.split("\n\n")] == paragraphs
    assert "Lire aussi" not in text and "dataLayer" not in text and "Accueil" not in text


def test_html_page_without_article_fails():
    item = read_one(BAD / "no_article.html")
    assert isinstance(item, Failure) and item.reason == "no article found in the page (no text)"


def test_html_is_sniffed_without_suffix(tmp_path):
    path = tmp_path / "page"
    path.write_bytes((BAD / "page.html").read_bytes())
    assert read_one(path).text == read_one(BAD / "page.html").text


def test_jsonl_records(tmp_path):
    items = list(item_articles(str(BAD / "records.jsonl")))
    outcome = {
        item.line: (item.id, item.text[:20] if isinstance(item, Article) else item.reason)
        for item in items
    }
    assert outcome[1] == ("a1", "Sur les réseaux soci")
    assert outcome[2] == (2, "La série noire conti")  # the "article" field, as in OrangeSum
    assert outcome[3][0] is None and outcome[3][1].startswith("invalid JSON")
    assert outcome[4] == ("no-text", "no 'text' or 'article' field")
    assert outcome[5] == ("vide", "empty article")
    assert outcome[6] == ("nombre", "field 'text' is not a string")
    assert outcome[7] == (None, "not a JSON object")
    assert outcome[8] == (None, SEED[:20])
    assert all(item.source == str(BAD / "records.jsonl") for item in items)


def test_jsonl_custom_fields_and_no_fallback(tmp_path):
    path = tmp_path / "dump.jsonl"
    record = {"url": "https://exemple.fr/a", "body": "Un texte.", "article": "Autre."}
    path.write_text(json.dumps(record) + "\n", "utf-8")
    item = read_one(path, ReadOptions(text_field="body", id_field="url"))
    assert (item.id, item.text, item.line) == ("https://exemple.fr/a", "Un texte.", 1)
    missing = read_one(path, ReadOptions(text_field="contenu"))
    assert isinstance(missing, Failure) and missing.reason == "no 'contenu' field"


def test_jsonl_record_text_is_normalised(tmp_path):
    path = tmp_path / "dump.jsonl"
    mojibake = "Le prÃ©fet a Ã©tÃ© Ã©lu."
    path.write_bytes(codecs.BOM_UTF8 + json.dumps({"id": 1, "text": mojibake}).encode() + b"\n")
    assert read_one(path).text == "Le préfet a été élu."


def test_size_limit_is_per_record_for_jsonl(tmp_path):
    path = tmp_path / "dump.jsonl"
    lines = [{"id": 1, "text": "Court."}, {"id": 2, "text": "Long. " * 100}]
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), "utf-8")
    items = list(item_articles(str(path), ReadOptions(max_bytes=200)))
    assert isinstance(items[0], Article)
    assert isinstance(items[1], Failure) and items[1].reason.startswith("too large")


def test_too_large_file(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"Une phrase. " * 100)
    item = read_one(path, ReadOptions(max_bytes=1000))
    assert isinstance(item, Failure)
    assert item.reason == "too large (1200 bytes, limit 1000 bytes; see --max-bytes)"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'{"id": 7, "text": "Un article."}\n{"id": 8, "text": "Un autre."}\n', [7, 8]),
        (b"Un article en texte brut.\n", [None]),
    ],
)
def test_stdin_jsonl_is_sniffed(monkeypatch, data, expected):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert [item.id for item in item_articles(STDIN)] == expected


def test_stdin_jsonl_streams_with_a_limit_per_record(monkeypatch):
    records = [{"id": i, "text": f"Article numéro {i} en entier."} for i in range(200)]
    data = "".join(json.dumps(r) + "\n" for r in records).encode()
    assert len(data) > 5000
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    items = list(item_articles(STDIN, ReadOptions(max_bytes=100)))
    assert [item.id for item in items] == list(range(200))
    assert all(isinstance(item, Article) for item in items)


def test_stdin_text_over_the_limit(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Une phrase. " * 100)))
    [item] = item_articles(STDIN, ReadOptions(max_bytes=1000))
    assert item.reason == "too large (at least 1001 bytes, limit 1000 bytes; see --max-bytes)"


def test_failures_name_the_reason(tmp_path):
    assert read_one(tmp_path / "absent.txt").reason == "no such file"
    assert read_one(BAD / "empty.txt").reason == "empty article"
    assert read_one(BAD / "blank.txt").reason == "empty article"
    assert "NUL" in read_one(BAD / "binary.txt").reason


def test_unreadable_file(monkeypatch, tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("Texte.", "utf-8")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", refuse)
    assert read_one(path).reason == "permission denied"


def test_directories_expand_to_article_files_in_order(tmp_path):
    for name in ("b.txt", "a.html", "c.jsonl", "d.pdf", "e.TXT"):
        (tmp_path / name).write_text("x", "utf-8")
    assert [p.rsplit("/", 1)[-1] for p in expand([str(tmp_path)])] == [
        "a.html",
        "b.txt",
        "c.jsonl",
        "e.TXT",
    ]
    (empty := tmp_path / "vide").mkdir()
    [failure] = list(articles([str(empty)]))
    assert failure.reason.startswith("directory has no article file")


def test_every_valid_article_survives_a_cp1252_export():
    """The decoder's choice on real news: all OrangeSum validation articles that cp1252 can hold
    come back identical from their cp1252 bytes."""
    path = shared_file("orangesum/valid.jsonl")
    texts = [json.loads(line)["article"] for line in path.open(encoding="utf-8")]
    checked = 0
    for text in texts:
        text = unicodedata.normalize("NFC", text)
        try:
            data = text.encode("cp1252")
        except UnicodeEncodeError:
            continue
        checked += 1
        assert normalise(decode(data)) == text
    assert checked > 1400


def test_stdin_first_record_over_the_limit_is_refused_whole(monkeypatch):
    big = json.dumps({"id": 1, "text": "Une phrase assez longue. " * 20})
    data = (big + "\n" + json.dumps({"id": 2, "text": "Un article court."}) + "\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    items = list(item_articles(STDIN, ReadOptions(max_bytes=100)))
    assert [type(item) for item in items] == [Failure, Article]
    assert items[0].reason.startswith("too large")
    assert (items[1].id, items[1].line) == (2, 2)


def test_an_empty_page_is_a_failure_not_a_crash(tmp_path):
    page = tmp_path / "vide.html"
    page.write_text("<html><body></body></html>")
    assert read_one(page).reason == "no article found in the page (no text)"


def test_an_unlistable_folder_is_a_failure(tmp_path, monkeypatch):
    def refuse(path):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("abrege.read.os.listdir", refuse)
    [item] = list(expand([str(tmp_path)]))
    assert item == Failure(str(tmp_path), "cannot list directory (Permission denied)")
