"""Quote spans: the words between quotation marks, found per paragraph from the marks alone.

Quotes never cross a paragraph boundary. A mark opened and not closed in its paragraph (the
news convention for a quote running over several paragraphs: an opening mark on each, a
closing one only on the last) runs to the next opening mark or to the paragraph end, so an
unbalanced mark can never swallow the rest of the article.
"""

from __future__ import annotations

import polars as pl

from transforms.latin import latin

# Every character that may be a quotation mark; apostrophes are among them and are told
# apart by their neighbours below. A straight apostrophe (') never opens a quote: in news copy it
# is an apostrophe, a foot or minute sign, or two of them stand for a double mark in archive text
# (''…''), and PolNeAR's annotators never take either for a quotation (no gold quote of its
# 7,665 opens with one; of its 123 articles written with '' marks, 120 have no gold quote). It may
# still close a ‘ quote.
_MARKS = "“”\"‘’'"
_CHUNK = f"[^{_MARKS}]*[{_MARKS}]"

# Neighbours of a mark: what may stand before an opening mark / after a closing one.
_OPEN_BEFORE = r"^$|^[\s(\[{—–\-/“‘\"']$"
_WORDCHAR = latin(r"^[\p{L}\p{N}]$")


def _mark_role(mark: pl.Expr, prev: pl.Expr, nxt: pl.Expr) -> pl.Expr:
    """'open', 'close' or null (an apostrophe, an inch sign), from the glyph and its neighbours."""
    prev_open = prev.str.contains(_OPEN_BEFORE)
    next_space = (nxt == "") | nxt.str.contains(r"^\s$")
    next_word = nxt.str.contains(_WORDCHAR)
    prev_word = prev.str.contains(_WORDCHAR)
    return (
        # Curly double marks: trust the glyph, save a “ the spacing says closes. A ” always closes,
        # even where a quote would open (`”Words…”`): PolNeAR never starts a quote after one (none
        # of its 6,845 train quotes); `misplaced_openers` reports such passages.
        pl.when((mark == "“") & ~prev_open & next_space)
        .then(pl.lit("close"))
        .when(mark == "“")
        .then(pl.lit("open"))
        .when(mark == "”")
        .then(pl.lit("close"))
        # Straight double mark: opening after a space or bracket, else closing (12" is rare in news);
        # before a comma or the like it closes (`a phenomenon 'suicide by cop'", Wilson told`; not
        # before a full stop: `". . . I just want`)
        .when((mark == '"') & prev_open & ~next_space & ~nxt.str.contains(r"^[,;:!?)\]]$"))
        .then(pl.lit("open"))
        .when(mark == '"')
        .then(pl.lit("close"))
        # Single marks: ‘ opens after a space; ’ and ' close only before a non-letter,
        # so it’s, don’t, ’90s stay apostrophes.
        .when((mark == "‘") & prev_open)
        .then(pl.lit("open"))
        .when(mark.is_in(["’", "'"]) & ~prev_open & ~next_word & ~(prev_word & nxt.str.contains(r"^[-]$")))
        .then(pl.lit("close"))
        .otherwise(None)
    )


# A closing mark ” where a quote opens: after a space, bracket or dash, before a word.
_MISPLACED_OPENER = r"(?:^|[\s(\[{—–\-/‘'])”\S"
# A lower-case word after a mark; the clause from there to its first comma or stop outside
# nested curly marks (a nested quote ending the sentence ends it: `her “personal messages.”`).
_RUNS_ON = latin(r"^\s\p{Ll}$")
_CLAUSE = r"^(?:[^,.;:!?“”\"]|“[^“”]*[^.?!“”]”)*(?:“[^“”]*[.?!]”)?"
_BRACKETED_NOTE = r"^[(\[][^()\[\]]*[)\]][.,!?]?$"


def quote_spans(paragraphs: pl.LazyFrame) -> pl.LazyFrame:
    """Quoted passages of every paragraph.

    In: `article_id`, `paragraph_id`, `start_char` (paragraph offset in the body), `text`.
    Out: one row per quote: `article_id`, `paragraph_id`, `start_char`, `end_char` (the quoted
    words without marks or surrounding spaces, body offsets), `open_char` (offset of the opening
    mark), `close_end` (offset just past the closing mark; equals `end_char` when unclosed),
    `is_closed`, `is_single` (in single marks). Quotes inside another quote are dropped.
    """
    chunk, ptext, pos = pl.col("chunk"), pl.col("ptext"), pl.col("pos")
    marks = (
        paragraphs.select(
            "article_id",
            "paragraph_id",
            pl.col("start_char").alias("pstart"),
            pl.col("text").alias("ptext"),
            pl.col("text").str.extract_all(_CHUNK).alias("chunk"),
        )
        .explode("chunk")
        .filter(chunk.is_not_null())
        .with_columns(
            # every mark is one character, the last of its chunk
            pos=(chunk.str.len_chars().cum_sum().over("article_id", "paragraph_id") - 1).cast(pl.Int64),
            mark=chunk.str.slice(-1),
        )
        .with_columns(
            prev=pl.when(pos > 0).then(ptext.str.slice(pos - 1, 1)).otherwise(pl.lit("")),
            nxt=ptext.str.slice(pos + 1, 1),
            plen=ptext.str.len_chars().cast(pl.Int64),
        )
        .with_columns(role=_mark_role(pl.col("mark"), pl.col("prev"), pl.col("nxt")))
        .filter(pl.col("role").is_not_null())
        .with_columns(
            is_single=pl.col("mark").is_in(["‘", "’", "'"]),
            # Curly and straight marks pair among themselves: a writer mixing them nests one in the other.
            family=pl.when(pl.col("mark").is_in(["‘", "’", "'"]))
            .then(pl.lit("single"))
            .when(pl.col("mark") == '"')
            .then(pl.lit("straight"))
            .otherwise(pl.lit("curly")),
        )
        .select("article_id", "paragraph_id", "pstart", "ptext", "plen", "pos", "mark", "role", "is_single", "family")
    )
    # Pair each opening mark with the next mark of its family in the paragraph.
    grp = ["article_id", "paragraph_id", "family"]
    nxt_role = pl.col("role").shift(-1).over(grp, order_by="pos")
    nxt_pos = pl.col("pos").shift(-1).over(grp, order_by="pos")
    closed = nxt_role == "close"
    inner_end = pl.when(nxt_pos.is_null()).then(pl.col("plen")).otherwise(nxt_pos)
    # A double mark its own family leaves open closes on the next mark of the other double
    # family if that one closes: writers mix “ and " by mistake more often than they nest them.
    other_close = (
        marks.filter(~pl.col("is_single"))
        .select(
            "article_id",
            "paragraph_id",
            pl.col("family").alias("other"),
            pl.col("pos").alias("o_pos"),
            pl.col("role").alias("o_role"),
        )
        .sort("o_pos")
    )
    paired = (
        marks.with_columns(is_closed=closed.fill_null(False), inner_end=inner_end)
        .filter(pl.col("role") == "open")
        .with_columns(
            other=pl.when(pl.col("family") == "straight")
            .then(pl.lit("curly"))
            .when(pl.col("family") == "curly")
            .then(pl.lit("straight"))
        )
        .sort("pos")
        .join_asof(
            other_close,
            left_on="pos",
            right_on="o_pos",
            by=["article_id", "paragraph_id", "other"],
            strategy="forward",
            allow_exact_matches=False,
            check_sortedness=False,
        )
    )
    # ... when that mark is the first of its family after the opening one (else it closes its own)
    mixed = ~pl.col("is_closed") & (pl.col("o_role") == "close").fill_null(False)
    o_pos = pl.col("o_pos")
    # ... unless it stands inside a phrase that runs on in lower case (`“no evidence" yet that it
    # was`, `"more hours” before details emerge`): then the quote runs to the end of that clause
    # (its first comma or full stop outside nested marks), as PolNeAR reads such a pair.
    runs_on = (
        mixed
        & ptext.str.slice(o_pos - 1, 1).str.contains(_WORDCHAR)
        & ptext.str.slice(o_pos + 1, 2).str.contains(_RUNS_ON)
    )
    clause_end = o_pos + 1 + ptext.str.slice(o_pos + 1).str.extract(_CLAUSE, 0).str.len_chars().cast(pl.Int64)
    # A double quote closed by a mark that is not its own closer (“…" or “…“ or "…”) keeps that
    # stray mark in its span, as PolNeAR's spans do (71 of our train quotes match only with it, none without).
    own_closer = pl.when(pl.col("mark") == "“").then(pl.lit("”")).otherwise(pl.lit('"'))
    stray = (
        pl.col("is_closed")
        & ~pl.col("runs_on")
        & pl.col("mark").is_in(["“", '"'])
        & (ptext.str.slice(pl.col("inner_end"), 1) != own_closer)
    )
    spans = (
        paired.with_columns(
            is_closed=pl.col("is_closed") | mixed,
            runs_on=runs_on,
            inner_end=pl.when(runs_on).then(clause_end).when(mixed).then(o_pos).otherwise(pl.col("inner_end")),
        )
        # A single mark left open is an apostrophe after all; a double one runs on (see module doc).
        .filter(pl.col("is_closed") | ~pl.col("is_single"))
        .with_columns(raw=ptext.str.slice(pos + 1, pl.col("inner_end") - pos - 1 + stray.cast(pl.Int64)))
        .with_columns(
            lead=pl.col("raw").str.len_chars() - pl.col("raw").str.strip_chars_start().str.len_chars(),
            inner=pl.col("raw").str.strip_chars(),
        )
        # (nothing but a bracketed note is no one's words: a transcript's “(CROSSTALK.)”, a source tag "[HuffPost.]")
        .filter((pl.col("inner").str.len_chars() > 0) & ~pl.col("inner").str.contains(_BRACKETED_NOTE))
        .with_columns(
            open_char=pl.col("pstart") + pos,
            start_char=pl.col("pstart") + pos + 1 + pl.col("lead").cast(pl.Int64),
        )
        .with_columns(end_char=pl.col("start_char") + pl.col("inner").str.len_chars().cast(pl.Int64))
        .with_columns(
            close_end=pl.when(pl.col("runs_on"))
            .then(pl.col("pstart") + pl.col("inner_end"))
            .when(pl.col("is_closed"))
            .then(pl.col("pstart") + pl.col("inner_end") + 1)
            .otherwise(pl.col("end_char"))
        )
    )
    # Keep outermost quotes only: nested single marks, or curly marks inside straight ones.
    outer_end = pl.col("close_end").cum_max().shift(1).over("article_id", order_by=["open_char", "close_end"])
    return (
        spans.sort("article_id", "open_char", pl.col("close_end"), descending=[False, False, True])
        .filter(outer_end.is_null() | (outer_end <= pl.col("open_char")))
        .select(
            "article_id",
            "paragraph_id",
            "start_char",
            "end_char",
            "open_char",
            "close_end",
            "is_closed",
            "is_single",
        )
    )


MISPLACED_OPENER = "a closing quotation mark ” opens a quote; its words are not in `quotes`"


def misplaced_openers(paragraphs: pl.LazyFrame) -> pl.LazyFrame:
    """Paragraphs where a closing mark ” stands where a quote opens (`”Words…” ― Name`). Often a
    quote with a mistyped mark, but PolNeAR never takes one for a quote (8 such passages in its
    train and dev), so `quote_spans` does not either; these rows let the pipeline report the
    passage in `rejects` instead of losing it silently.

    In: `article_id`, `paragraph_id`, `start_char` (paragraph offset in the body), `text`.
    Out: `article_id`, `start_char` (body offset of the paragraph), `text` (the paragraph).
    """
    return paragraphs.filter(pl.col("text").str.contains(_MISPLACED_OPENER)).select("article_id", "start_char", "text")
