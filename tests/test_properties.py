"""Whatever the text, no traceback: a summary made of spans of the input, or an AbregeError.

Hypothesis draws arbitrary Unicode (controls, emoji, right-to-left scripts, combining marks),
very long lines, text without punctuation and text made only of punctuation, alone and mixed
with French prose.
"""

from __future__ import annotations

import json
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from abrege import AbregeError, cli, summarize
from abrege.clean import keep
from abrege.pipeline import split_sentences
from abrege.prepare import prepare
from abrege.read import decode, item_articles, normalise

PROSE = st.sampled_from(
    [
        "Le gouvernement a présenté mercredi son projet de budget pour l'an prochain.",
        "Les syndicats appellent à la grève nationale jeudi.",
        "« C'est inacceptable », a réagi le maire de Lyon.",
        "L'incendie s'est déclaré vers 3h du matin dans un entrepôt.",
        "window.pvp_1 = new Pvp('dm', {id: 2});",
        "Lire aussi : la réforme des retraites",
        "https://exemple.fr/article",
        "",
        "\n\n",
    ]
)
ODD = st.one_of(
    st.text(),  # any Unicode but surrogates, controls included
    st.text(st.sampled_from("😀🇫🇷👩‍👩‍👧\u200d\u200b\ufeff")),  # emoji, joiners, invisible
    st.text(st.sampled_from("مرحبا بالعالم שלום עולם \u202e\u202c.؟")),  # right-to-left
    st.text(st.sampled_from(".!?…;:,«»\"'()-–— \n")),  # only punctuation
    st.text(st.sampled_from("abcdeéèàç ")).map(lambda s: s * 50),  # long line, no punctuation
    st.text(st.characters(categories=["Cc", "Cf", "Cs", "Mn", "Zs", "Zl", "Zp"])),
)
TEXT = st.lists(st.one_of(PROSE, ODD), max_size=12).map(" ".join)
OPTIONS = st.fixed_dictionaries(
    {
        "sentences": st.one_of(st.none(), st.integers(1, 5)),
        "words": st.one_of(st.none(), st.integers(1, 80)),
        "ratio": st.one_of(st.none(), st.floats(0.01, 1.0)),
        "method": st.sampled_from(["textrank", "lead"]),
    }
)
SETTINGS = settings(max_examples=300, deadline=None)


@SETTINGS
@given(TEXT, OPTIONS)
def test_summary_is_made_of_spans_of_the_input(text, options):
    try:
        summary = summarize(text, **options)
    except AbregeError:
        assert not prepare(text).sentences
        return
    assert summary.sentences
    previous_end = 0
    for sentence in summary.sentences:
        assert 0 <= previous_end <= sentence.start < sentence.end <= len(text)
        assert text[sentence.start : sentence.end] == sentence.text
        previous_end = sentence.end
    assert summary == summarize(text, **options)  # deterministic


@SETTINGS
@given(TEXT)
def test_kept_sentences_are_spans_within_their_sentence(text):
    sentences = {s.index: s for s in split_sentences(text)}
    kept = keep(sentences.values())
    assert len({s.index for s in kept}) == len(kept)
    for sentence in kept:
        original = sentences[sentence.index]
        assert original.start <= sentence.start < sentence.end <= original.end
        assert text[sentence.start : sentence.end] == sentence.text


@SETTINGS
@given(st.binary(max_size=2000) | TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_bytes_decode_or_fail_with_a_reason(data):
    try:
        text = normalise(decode(data))
    except ValueError as error:
        assert str(error)
        return
    # What normalise promises: composed accents, \n line ends, no lone surrogate.
    assert unicodedata.is_normalized("NFC", text)
    assert "\r" not in text
    assert not any("\ud800" <= c <= "\udfff" for c in text)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=st.binary(max_size=3000) | TEXT, jsonl=st.booleans())
def test_command_never_raises_on_any_file(tmp_path, capsys, content, jsonl):
    path = tmp_path / ("input.jsonl" if jsonl else "input.txt")
    if jsonl:  # JSON escapes can carry lone surrogates, which no encoder accepts
        text = content if isinstance(content, str) else content.decode("utf-8", "replace")
        data = json.dumps({"id": 1, "text": text}).encode() + b"\n"
    else:
        data = content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass")
    path.write_bytes(data)
    code = cli.main(["-f", "json", str(path)])
    out, err = capsys.readouterr()
    [record] = json.loads(out)
    assert code in (0, 1)
    assert "internal error" not in err
    assert (code == 1) == ("error" in record)
    assert all(line.startswith(f"abrege: {path}") for line in err.splitlines())
    if code == 0:
        [article] = item_articles(str(path))
        for sentence in record["sentences"]:
            assert article.text[sentence["start"] : sentence["end"]] == sentence["text"]
