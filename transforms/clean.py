"""Cleaning: raw article text in, title, author and a clean body out.

Works line by line over all articles at once (split, explode, flag, re-join), so site
boilerplate is recognised by vectorised regexes rather than a Python loop.
"""

from __future__ import annotations

import re

import polars as pl

from transforms.person_words import person_words

# A line that opens an author box at the end of a page ("Author", "About the author").
_AUTHOR_HEADING = r"(?i)^(?:about\s+the\s+)?authors?:?$|^(?i)written\s+by:?$"
# A byline at the top: "By Jane Doe" / "By Jane Doe and John Roe, Reuters".
_BYLINE = (
    r"^(?i:by)\s+(\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|de|van|von|al|bin))*"
    r"(?:\s+(?:and|&)\s+\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*)*)*)(?:\s*[,|–—-].*)?$"
)
# Lines that are page furniture, not text.
_FURNITURE = (
    r"(?i)^(?:view all posts|view all posts by .*|share|share this(?: article| story)?:?|tweet|print|e-?mail|"
    r"facebook|twitter|x|linkedin|whatsapp|pinterest|reddit|telegram|copy link|"
    r"share (?:on|via) \w+|click to (?:share|print|email).*|advertisement|related(?: posts| articles)?:?|"
    r"read more:?|subscribe(?: now)?|sign up(?: for our newsletter)?|comments?|leave a comment|"
    r"follow us(?: on .*)?|skip to (?:main )?content)$"
)
_BULLET = r"^[•·*▪◦‣\-–—]\s*"


def photo_credit_pattern() -> str:
    """A photo credit left in the text: a name, a slash and an agency, more agencies after slashes
    ("Doug Ives/Canadian Press", "(Kabir Dhanji/AFP/Getty Images)"), with the space before it. The
    agencies are data (`transforms/data/person_words.toml`); a name before a slash and any other
    word ("Smith/Jones", "and/or") stays."""
    agencies = sorted(person_words()["photo_credits"]["agencies"], key=len, reverse=True)
    agency = "(?i:" + "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in agencies) + ")"
    # a photographer's full name: two to four capitalised words ("AP" is no name's word)
    word = r"\p{Lu}[\p{Ll}'’\-][\p{L}'’\-]*|\p{Lu}\."
    name = rf"(?:{word})(?:\s+(?:{word})){{1,3}}"
    lead = r"(?i:photo(?:graph)?|credit|file photo|picture)\s*[:.]?\s*"
    return rf"\s*\(?(?:{lead})?{name}\s*/\s*{agency}(?:\s*/\s*{agency})*\b\)?"


def clean_articles(raw: pl.LazyFrame) -> pl.LazyFrame:
    """Clean raw articles.

    In: one row per raw article with `rid` (a row id unique in the batch), `fmt` ("text": a plain
    text file whose first non-empty line is the title; anything else: title given separately),
    `body`, `title`, `author`.
    Out: the same rows with `title`, `author` and `body` replaced by their clean forms: the title
    line and its repeats, a byline ("By ..."), an author box ("Author" ... "View all posts") and
    share/print furniture and photo credits ("Doug Ives/Canadian Press") are taken out of the body;
    the author's name moves to `author` when none was given; NUL characters are dropped; lines are
    stripped and paragraphs separated by exactly one blank line.
    """
    # NUL characters (from binary junk or bad encodings) carry no text and break tools downstream
    norm = (
        pl.col("body")
        .str.replace_all("\x00", "", literal=True)
        .str.replace_all(r"\r\n?", "\n")
        .str.replace_all("\u00a0", " ")
    )
    first_line = norm.str.extract(r"^\s*([^\n]*\S)", 1)
    base = raw.with_columns(
        title=pl.when(pl.col("fmt") == "text")
        .then(pl.coalesce(pl.col("title"), first_line))
        .otherwise(pl.col("title")),
        body=pl.when(pl.col("fmt") == "text").then(norm.str.replace(r"^\s*[^\n]*\S[^\n]*\n?", "")).otherwise(norm),
    ).with_columns(
        pl.col("title").str.replace_all("\x00", "", literal=True).str.strip_chars(),
        pl.col("author").str.replace_all("\x00", "", literal=True),
    )

    line = pl.col("line")
    lines = (
        base.select("rid", "title", pl.col("body").str.split("\n").alias("line"))
        .explode("line")
        # photo credits are page furniture too, wherever a caption left them
        .with_columns(
            line.str.replace_all(photo_credit_pattern(), "").str.strip_chars(), ln=pl.int_range(pl.len()).over("rid")
        )
        .with_columns(
            nonblank=pl.col("line") != "",
            is_title=line.str.to_lowercase() == pl.col("title").str.to_lowercase(),
            is_author_heading=line.str.contains(_AUTHOR_HEADING),
            is_furniture=line.str.contains(_FURNITURE),
        )
        .with_columns(nb_rank=pl.col("nonblank").cast(pl.Int32).cum_sum().over("rid"))
        .with_columns(
            # a byline only counts among the first three non-blank lines
            byline=pl.when(pl.col("nonblank") & (pl.col("nb_rank") <= 3)).then(line.str.extract(_BYLINE, 1)),
            # the author box: from its heading to the end, when the heading sits in the last lines
            box_start=pl.when(pl.col("is_author_heading")).then(pl.col("ln")).min().over("rid"),
            n_lines=pl.len().over("rid"),
        )
        .with_columns(
            in_box=pl.col("box_start").is_not_null()
            & (pl.col("ln") >= pl.col("box_start"))
            & (pl.col("n_lines") - pl.col("box_start") <= 12)
        )
        .with_columns(
            box_name=pl.when(pl.col("in_box") & pl.col("nonblank") & ~pl.col("is_author_heading"))
            .then(line.str.replace(_BULLET, ""))
            .first(ignore_nulls=True)
            .over("rid", order_by="ln"),
        )
    )
    drop = pl.col("is_title") | pl.col("is_furniture") | pl.col("byline").is_not_null() | pl.col("in_box")
    bodies = (
        lines.group_by("rid")
        .agg(
            body=pl.when(~drop).then(line).drop_nulls().str.join("\n"),
            found_author=pl.coalesce(pl.col("byline").drop_nulls().first(), pl.col("box_name").drop_nulls().first()),
        )
        .with_columns(pl.col("body").str.replace_all(r"\n{3,}", "\n\n").str.strip_chars())
    )
    return (
        base.drop("body")
        .join(bodies, on="rid", how="left", maintain_order="left")
        .with_columns(
            author=pl.coalesce(pl.col("author"), pl.col("found_author")),
            body=pl.col("body").fill_null(""),
        )
        .drop("found_author")
    )
