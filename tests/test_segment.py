"""Tests for the French sentence segmenter (``abrege.segment.sentence_spans``).

Three layers: real hard cases from OrangeSum validation articles (fixture), one unit test per
rule, and a regression floor on the UD French dev files (skipped when ../shared is absent).
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from conftest import shared_file
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

from abrege import segment  # noqa: E402

sentence_spans = segment.sentence_spans


def split(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def check_spans(text: str) -> None:
    """The contract: trimmed, non-empty, ordered, non-overlapping, exact offsets, and nothing
    but whitespace left between sentences."""
    spans = sentence_spans(text)
    prev_end = 0
    for start, end in spans:
        assert 0 <= prev_end <= start < end <= len(text)
        sentence = text[start:end]
        assert sentence == sentence.strip()
        assert text[prev_end:start].strip() == ""
        prev_end = end
    assert text[prev_end:].strip() == ""


# --- real hard cases from OrangeSum validation articles ---------------------------------------

_CASES = json.loads((FIXTURES / "orangesum_hard_cases.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", _CASES, ids=[f"{c['kind']}-{c['id']}" for c in _CASES])
def test_orangesum_hard_case(case: dict) -> None:
    assert split(case["text"]) == case["sentences"]
    check_spans(case["text"])


# --- one test per rule ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # glued sentences, as scrapers leave them
        (
            "Les causes restent inconnues.Lorsque la police",
            ["Les causes restent inconnues.", "Lorsque la police"],
        ),
        ("selon l'AFP.Aucune victime.", ["selon l'AFP.", "Aucune victime."]),
        ("Il y a eu 18.859.En outre, rien.", ["Il y a eu 18.859.", "En outre, rien."]),
        (
            'C\'est la fin."Le texte est prêt", dit-il.',
            ["C'est la fin.", '"Le texte est prêt", dit-il.'],
        ),
        ("C'est fini.«Nous partons», dit-il.", ["C'est fini.", "«Nous partons», dit-il."]),
        ("Il a gagné!Personne ne l'attendait.", ["Il a gagné!", "Personne ne l'attendait."]),
        ("élu en 2018.A l'époque, non.", ["élu en 2018.", "A l'époque, non."]),
    ],
)
def test_glued_sentences_are_split(text: str, expected: list[str]) -> None:
    assert split(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "M. Dupont est arrivé.",
        "MM. Engel et Menendez ont signé.",
        "Mme Durand et Mlle Petit sont là.",
        "Selon le Dr. Martin, le Pr. Raoult et Me. Dupond, rien.",
        "Elle vit à St. Louis depuis 2010.",
        "Il est né en 52 av. J.-C. à Rome.",
        "Voir p. 12 et art. 3 du code, chap. 4.",
        "Le dossier n° 5 est clos.",
        "Il est né en janv. 2020 selon cf. Le Monde.",
    ],
)
def test_abbreviations_and_titles_do_not_split(text: str) -> None:
    assert split(text) == [text]


def test_abbreviations_that_are_words_end_sentences() -> None:
    assert split("Ils sont sept. Puis ils partent.") == ["Ils sont sept.", "Puis ils partent."]
    assert split("Il aime l'art. Il peint.") == ["Il aime l'art.", "Il peint."]
    assert split("Il a des fruits, des légumes, etc. Le marché ferme.") == [
        "Il a des fruits, des légumes, etc.",
        "Le marché ferme.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Le roman de J. Earnest est paru.",
        "Jean-Marie Le Pen, dit J.-M. Le Pen, parle.",
        "Les U.S.A. ont voté.",
        "Selon George W. Bush, non.",
    ],
)
def test_initials_and_dotted_acronyms_do_not_split(text: str) -> None:
    assert split(text) == [text]


def test_initial_before_sentence_starter_splits() -> None:
    assert split("Il tourne sous Mac OS X. Une version existe.") == [
        "Il tourne sous Mac OS X.",
        "Une version existe.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Il a perdu 2,5 points.",
        "Ils étaient 1.000 à 18.859 selon 3.14 calculs.",
        "Le 10.JPG est une photo.",
    ],
)
def test_numbers_do_not_split(text: str) -> None:
    assert split(text) == [text]


def test_number_after_sentence_end_splits() -> None:
    assert split("Il est entré en 2008. 23 épreuves suivent.") == [
        "Il est entré en 2008.",
        "23 épreuves suivent.",
    ]


def test_ellipses() -> None:
    assert split("Il hésite... Puis il part.") == ["Il hésite...", "Puis il part."]
    assert split("Il hésite… Puis il part.") == ["Il hésite…", "Puis il part."]
    assert split("Il hésite... et part.") == ["Il hésite... et part."]
    assert split("C'est dramatique (...) Il y a des enfants.") == [
        "C'est dramatique (...)",
        "Il y a des enfants.",
    ]
    assert split("Ils ont joué 42 matchs. (...) Les universités.") == [
        "Ils ont joué 42 matchs.",
        "(...) Les universités.",
    ]


def test_quotes_closed_after_punctuation_and_attribution() -> None:
    assert split("« Il y a des morts ! », a-t-il dit. Puis rien.") == [
        "« Il y a des morts ! », a-t-il dit.",
        "Puis rien.",
    ]
    assert split('"Y a-t-il des morts ?", a confié un témoin.') == [
        '"Y a-t-il des morts ?", a confié un témoin.'
    ]
    assert split("« C'est fini. » Le ministre est parti.") == [
        "« C'est fini. »",
        "Le ministre est parti.",
    ]
    assert split('Il dit "non." Puis il part.') == ['Il dit "non."', "Puis il part."]


def test_straight_quote_parity_when_glued() -> None:
    text = 'Il a crié: "Comment osez-vous?!"La jeune femme est partie.'
    assert split(text) == ['Il a crié: "Comment osez-vous?!"', "La jeune femme est partie."]
    text = 'Il a dit "je pars.""Je reviendrai", a-t-il ajouté.'
    assert split(text) == ['Il a dit "je pars."', '"Je reviendrai", a-t-il ajouté.']


def test_parentheses() -> None:
    assert split("Il a payé 120 € !) Après cela, rien.") == [
        "Il a payé 120 € !)",
        "Après cela, rien.",
    ]
    assert split("Le texte (voir p. 3) est clair. Il passe.") == [
        "Le texte (voir p. 3) est clair.",
        "Il passe.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Voir https://www.example.fr/page.Html pour tout.",
        "Écrivez à jean.dupont@example.fr pour tout.",
        "Le site quel-assureur.com publie une étude.",
        "Lisez Le Monde.fr ce matin.",
        "Allez sur www.Service-Public.fr demain.",
    ],
)
def test_urls_emails_domains_do_not_split(text: str) -> None:
    assert split(text) == [text]


def test_question_exclamation_runs() -> None:
    assert split("Comment osez-vous ?! Il part.") == ["Comment osez-vous ?!", "Il part."]
    assert split("Vraiment ?!! non.") == ["Vraiment ?!! non."]


def test_line_breaks_headings_and_paragraphs() -> None:
    text = "Le contexte\nLa police est arrivée.\n\nUn autre paragraphe sans point\nSuite"
    assert split(text) == [
        "Le contexte",
        "La police est arrivée.",
        "Un autre paragraphe sans point",
        "Suite",
    ]
    # a hard-wrapped line inside a sentence is not a boundary
    wrapped = (
        "Le gouvernement a annoncé mardi une série de mesures destinées à soutenir\n"
        "les entreprises touchées par la crise."
    )
    assert split(wrapped) == [wrapped]
    assert split("Liste :\n- premier point\n- second point") == [
        "Liste :",
        "- premier point",
        "- second point",
    ]


def test_headings_glued_without_punctuation() -> None:
    assert split("Il a été arrêté par la policeAprès une course.") == [
        "Il a été arrêté par la police",
        "Après une course.",
    ]
    assert split("Cinq médecins décédés Parmi les victimes, un interne.") == [
        "Cinq médecins décédés",
        "Parmi les victimes, un interne.",
    ]
    assert split("ACTE 2, ELLE EST SUSPENDUE Ces explications suffisent.") == [
        "ACTE 2, ELLE EST SUSPENDUE",
        "Ces explications suffisent.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Il regarde YouTube et TikTok sur son iPhone chez McDonald avec DiCaprio.",
        "La LaREM et le MoDem votent avec BlackRock.",
        "Il écoute l'émission On n'est pas couché le soir.",
    ],
)
def test_camel_case_names_and_titles_stay_whole(text: str) -> None:
    assert split(text) == [text]


def test_intertitles() -> None:
    text = "Il a dit.- Quel plan de bataille? -Dès le début, rien. Le Covid-19 - selon lui - passe."
    assert split(text) == [
        "Il a dit.",
        "- Quel plan de bataille? -",
        "Dès le début, rien.",
        "Le Covid-19 - selon lui - passe.",
    ]
    # a list keeps one item per dash
    assert split("Affaires : - Affaire A - Affaire B") == ["Affaires : - Affaire A - Affaire B"]


def test_semicolon_before_sentence_starter() -> None:
    assert split("Il était seul ; Il partit.") == ["Il était seul ;", "Il partit."]
    assert split("Invités : Jeanne ; Suzanne ; Albin.") == ["Invités : Jeanne ; Suzanne ; Albin."]


# --- offsets ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Un mot",
        "  Deux phrases.  Voilà !  ",
        "\n\nTitre\n\nTexte.Suite collée.\u00a0Fin « citée. » Encore",
        "M. Dupont.M. Durand. (...) Fin... ",
        *[c["text"] for c in _CASES],
    ],
)
def test_offsets_are_exact_trimmed_ordered(text: str) -> None:
    check_spans(text)


_PIECES = st.sampled_from(
    list("aZé .!?…;:,\"«»“”'()[]\n\t\u00a0-0123456789@/") + ["M. ", "(...)", "Il ", "www."]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_offsets_property(text: str) -> None:
    check_spans(text)


@pytest.mark.parametrize(
    "text",
    ["aB" * 50_000, "a.B" * 30_000, "ÉÉÉÉ " * 20_000, 'a "b"C' * 20_000, "M. " * 30_000],
    ids=["camel", "glued", "capitals", "quotes", "titles"],
)
def test_pathological_input_stays_fast(text: str) -> None:
    t0 = time.perf_counter()
    sentence_spans(text)
    assert time.perf_counter() - t0 < 5.0  # linear time; ~0.1-0.5 s on a 2-core machine


def test_empty_and_blank() -> None:
    assert sentence_spans("") == []
    assert sentence_spans(" \n\t ") == []


def test_offsets_on_whole_articles() -> None:
    path = shared_file("orangesum/valid.jsonl")
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= 200:
                break
            check_spans(json.loads(line)["article"])


# --- UD French dev regression floor -----------------------------------------------------------


# F1 reached on the dev files when this was written, minus a small margin.
UD_FLOORS = {
    "gsd-dev": 98.5,
    "gsd-dev-glued": 98.5,
    "sequoia-dev": 93.0,
    "sequoia-dev-glued": 93.0,
}


@pytest.mark.parametrize("name", sorted(UD_FLOORS))
def test_ud_dev_f1_floor(name: str) -> None:
    path = shared_file(f"ud_fr/{name}.jsonl")
    tp = fp = fn = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            text = doc["text"]
            gold = {len(text[:e].rstrip()) for e in doc["ends"][:-1]}
            pred = {len(text[:e].rstrip()) for _, e in sentence_spans(text)}
            pred.discard(len(text.rstrip()))
            tp += len(gold & pred)
            fp += len(pred - gold)
            fn += len(gold - pred)
    f1 = 200 * tp / (2 * tp + fp + fn)
    assert f1 >= UD_FLOORS[name], f"{name}: F1 {f1:.1f} < {UD_FLOORS[name]}"


# The patterns as first written, each with its look-behind in front: segment.py reorders them so
# the regex engine skips fast to candidate characters; they must find the same things.
_UP, _LOW = segment._UPPER, segment._LOWER
PLAIN_GLUED_QUOTE = re.compile(rf"[\w)]([\"“”])(?=[{_UP}][{_LOW}'’])")
PLAIN_CAPS_HEADING = re.compile(
    rf"(?<![\w'’])(?:[{_UP}'’(),\-]{{1,30}}+[ \u00a0]++){{2,12}}+([{_UP}][{_LOW}]+)(?=['’ ])"
)
PLAIN_INTERTITLE = re.compile(
    r"(?:(?<=[.!?…\"»)])|^)[ \t\u00a0]*(-[ \u00a0](?:[^-.\n]|(?<=\w)-(?=\w)){2,80}?[ \u00a0]-)"
    rf"(?=[{_UP}0-9\"«“'])",
    re.MULTILINE,
)
PATTERN_PIECES = st.sampled_from(
    ["- ", " -", "-", " ", "\u00a0", "\t", "\n", ".", "!", '"', "“", "”", "»", ")", "'", "’"]
    + ["Appel", "ELLE", "EST", "SUSPENDUE", "Ces", "Les", "tenable", "é", "x", "Covid-19", "A"]
)


def same_finds(text: str) -> None:
    assert [m.span(1) for m in PLAIN_GLUED_QUOTE.finditer(text)] == [
        m.span(1) for m in segment._GLUED_QUOTE.finditer(text)
    ]
    assert [m.span() + m.span(1) for m in PLAIN_CAPS_HEADING.finditer(text)] == [
        m.span() + m.span(1) for m in segment._CAPS_HEADING.finditer(text)
    ]
    assert [m.span(1) for m in PLAIN_INTERTITLE.finditer(text)] == [
        m.span() for m in segment._INTERTITLE.finditer(text) if segment._after_end(text, m.start())
    ]


@settings(max_examples=500, deadline=None)
@given(st.lists(PATTERN_PIECES, max_size=30).map("".join))
def test_reordered_patterns_find_what_the_plain_ones_find(text):
    same_finds(text)


def test_reordered_patterns_on_validation_articles():
    with shared_file("orangesum/valid.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            same_finds(json.loads(line)["article"])


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "La Commission de contrôle Le contrôle de cette surveillance sera confié à une "
            "autorité.",
            [
                "La Commission de contrôle",
                "Le contrôle de cette surveillance sera confié à une autorité.",
            ],
        ),
        (
            "Texte.\nConservation des données Les données seront conservées cinq ans.",
            ["Texte.", "Conservation des données", "Les données seront conservées cinq ans."],
        ),
        ("Il a vu Le petit prince hier soir.", ["Il a vu Le petit prince hier soir."]),
        ("Marine Le Pen a parlé hier soir.", ["Marine Le Pen a parlé hier soir."]),
        ("Dans le film Le bon la brute il joue.", ["Dans le film Le bon la brute il joue."]),
        ("Texte.\nLe journal Le Monde a parlé.", ["Texte.", "Le journal Le Monde a parlé."]),
    ],
)
def test_a_heading_opening_a_line_is_cut_from_its_paragraph(text, expected):
    assert [text[a:b] for a, b in sentence_spans(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A heading in capitals glued to its paragraph: cut when a starter or a determiner
        # follows, and only if the heading has a word of 4+ capitals, before the cut.
        (
            "LA SÉANCE EST SUSPENDUE Ces explications ont été données hier.",
            ["LA SÉANCE EST SUSPENDUE", "Ces explications ont été données hier."],
        ),
        (
            "LA SÉANCE EST SUSPENDUE Le ministre a parlé.",
            ["LA SÉANCE EST SUSPENDUE", "Le ministre a parlé."],
        ),
        ("LA SÉANCE EST SUSPENDUE Bernard a parlé.", None),
        ("PS UMP Les élus votent.", None),
        ("PS UMP Les élus de la CGT et de la FNSEA votent.", None),
        # Intertitles: cut around them only after a sentence end (spaces and tabs between),
        # never inside them, and the sentence before them keeps its own cut.
        (
            "Première phrase. Deuxième phrase. - Quel plan de bataille ? -Le ministre répond.",
            ["Première phrase.", "Deuxième phrase.", "- Quel plan de bataille ? -"]
            + ["Le ministre répond."],
        ),
        (
            "Première phrase.  \t - Quel plan de bataille ? -Le ministre répond.",
            ["Première phrase.", "- Quel plan de bataille ? -", "Le ministre répond."],
        ),
        ("Le choix - très risqué -Macron l'assume.", None),
        (
            "Fin. - Premier titre -Texte un. - Second titre -Texte deux.",
            ["Fin.", "- Premier titre -", "Texte un.", "- Second titre -", "Texte deux."],
        ),
        # A quote glued between a word and a capital: the cut goes after a closing quote and
        # before an opening one.
        ('Il a dit : "Non"Le ministre répond.', ['Il a dit : "Non"', "Le ministre répond."]),
        (
            'La porte-parole du meurtre"On ne peut pas", dit-il.',
            ["La porte-parole du meurtre", '"On ne peut pas", dit-il.'],
        ),
        ("Ils ont “gagné”Parmi eux, Paul.", ["Ils ont “gagné”", "Parmi eux, Paul."]),
    ],
)
def test_glued_headings_intertitles_and_quotes(text: str, expected: list[str] | None) -> None:
    assert [text[a:b] for a, b in sentence_spans(text)] == (expected or [text])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='"\na ', max_size=40))
def test_a_straight_quote_closes_after_an_odd_number_before_it_in_its_paragraph(text: str):
    # Odd before it and even after it, counting within its paragraph (between line breaks).
    parity = segment._QuoteParity(text)
    for i, char in enumerate(text):
        if char == '"':
            start = text.rfind("\n", 0, i) + 1
            end = len(text) if text.find("\n", i) < 0 else text.find("\n", i)
            before, after = text.count('"', start, i), text.count('"', i + 1, end)
            assert parity.closes(i) == (before % 2 == 1 and after % 2 == 0)
