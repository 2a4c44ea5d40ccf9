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
