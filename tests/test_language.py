"""Language detection."""

from __future__ import annotations

import polars as pl

from transforms.language import detect_language


def test_detects_and_keeps_given_language():
    df = pl.DataFrame({
        "article_id": ["a", "b", "c", "d"],
        "title": ["Le gouvernement annonce une réforme", "Storm hits the coast", None, "Kurz"],
        "body": [
            "Le gouvernement français a annoncé mardi une nouvelle réforme des retraites, contestée par les syndicats.",
            "A powerful storm hit the coast on Monday, officials said, cutting power to thousands of homes.",
            "El gobierno aprobó el martes un nuevo presupuesto para las escuelas públicas del país.",
            "This body is written in English but the source said German.",
        ],
        "language": [None, None, None, "DE"],
    })  # fmt: skip
    out = detect_language(df)
    assert out["language"].to_list() == ["fr", "en", "es", "de"]
    assert out.columns == df.columns and out.height == df.height


def test_adds_column_and_leaves_empty_text_null():
    out = detect_language(pl.DataFrame({"body": ["Die Regierung hat am Dienstag eine neue Reform angekündigt.", ""]}))
    assert out["language"].to_list() == ["de", None]


def test_plainly_english_samples_skip_the_detector_and_others_still_reach_it(monkeypatch):
    import transforms.language as language

    seen: list[str] = []
    real = language._classify

    def spy(texts: pl.Series) -> pl.Series:
        seen.extend(t for t in texts if t)
        return real(texts)

    monkeypatch.setattr(language, "_classify", spy)
    english = (
        "The minister said on Tuesday that the reform of the pension system was to be put to a vote in the "
        "parliament, and that it had the support of most of the members of the governing coalition."
    )
    dutch = (
        "De minister zei dinsdag dat de hervorming van het pensioenstelsel in januari in werking treedt en dat het "
        "is afgesproken met de vakbonden, die in Den Haag een akkoord hebben getekend met de regering."
    )
    out = language.detect_language(pl.DataFrame({"body": [english, dutch, "Short English text."]}))
    assert out["language"].to_list() == ["en", "nl", "en"]
    # the detector sees "title\nbody" samples
    assert not any(english in t for t in seen)
    assert any(dutch in t for t in seen) and any("Short English text." in t for t in seen)
