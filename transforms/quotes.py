"""Quotes: who said what. One row per quoted passage, with its speaker as written and resolved.

Rules in Polars: quote marks give the spans (`quote_marks`), reporting-verb patterns next to
each quote give the speaker (`speakers`), entity mentions give the person behind a name, a
pronoun or a title. A quote with no cue of its own inherits the speaker of its neighbour in the
paragraph, or of the paragraph it continues. The few quotes the rules leave unattributed have
their sentence parsed (`quote_parse`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

import polars as pl

from transforms import speakers as sp
from transforms.attribution.own import own_speaker
from transforms.attribution.shapes import NEAR_CHARS
from transforms.gazetteer import COUNTRY_ALIASES, census_names, common_words, demonyms, given_name_genders
from transforms.latin import latin
from transforms.quote_marks import misplaced_openers, quote_spans
from transforms.quote_parse import CUE_PATTERN as PARSE_CUES
from transforms.quote_parse import OUT_SCHEMA as PARSE_SCHEMA
from transforms.quote_parse import parsed_speakers
from transforms.reported import candidate_sentences, parsed_statements, pattern_statements
from transforms.word_lists import words

from .ids import stable_id

OUT_COLUMNS = [
    "quote_id",
    "article_id",
    "sentence_id",
    "start_char",
    "end_char",
    "text",
    "kind",
    "speaker",
    "speaker_start",
    "speaker_end",
    "cue",
    "speaker_entity_id",
    "speaker_name",
    "part_of_quote_id",
    "attribution",
]
# `attribution`: the name of the rule that chose a row's speaker (docs/attribution.md): a rule next to
# the quote marks (`transforms.attribution.registry`), or the stage that found it: the inheritance
# between quotes, the name fallback, the parse, or the reported-speech engine
ATTRIBUTION = {
    "named": "first-name-in-sentence",
    "parse": "parse-governing-verb",
    "inherited": "inherited-from-previous-quote",
}
REPORTED_MODES = ("parse", "patterns")
SPEAKER_FIELDS = ["speaker", "speaker_start", "speaker_end", "cue"]
SPEAKER_LABELS = ["PERSON", "ORG", "GPE", "NORP"]
# An uncued quote goes to a named person or organisation, not to a place or a group adjective ("American").
NAMED_LABELS = ["PERSON", "ORG"]
# What is never a speaker: a place, a date, a work, an event, a law, a product, a number (`Ont.`,
# `Monday`, `“The Art of the Deal”`). A country, state or city (GPE) speaks for its government only
# with a reporting verb of its own and written out (`China said`, `Beijing warned`): not without one
# (a headline's `Florida: ‘…’`), not abbreviated (`N.C.`, `Ont.`).
NOT_SPEAKER_LABELS = [
    "LOC",
    "FAC",
    "DATE",
    "TIME",
    "WORK_OF_ART",
    "EVENT",
    "LAW",
    "PRODUCT",
    "LANGUAGE",
    "CARDINAL",
    "ORDINAL",
    "QUANTITY",
    "PERCENT",
    "MONEY",
]
# A speaker written as a surname, with a courtesy title or without (`Kasich`, `Mr. Blair`).
SURNAME_ALONE = latin(r"^(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?\p{Lu}[\w’'\-]+$")


# Titles that name a person's role: "the senator" -> the last person written with Sen./Senator.
def _written(forms: list[str]) -> str:
    """A role's written forms as a pattern: `sen.` or `senator`, each a whole word."""
    return r"\b(?:" + "|".join(re.escape(f) + (r"\b" if f[-1].isalnum() else "") for f in forms) + ")"


TITLES = {
    **{role: _written(forms) for role, forms in words()["titles"]["written"].items()},
    # (sport, the church, parliament, business, stage and screen, and the nationality sports writing
    # uses for a player named before: transforms/data/speaker_words.toml [titles])
    **{word: rf"\b{word}\b" for word in (*words()["titles"]["roles"], *words()["titles"]["nationalities"])},
    # `the 30-year-old`, whose age is seldom written before the name: the person a pronoun would be
    "year-old": r"\d-year-old\b",
}
_PRONOUN = rf"^(?i:{'|'.join(words()['pronouns']['pointing_back'])})$"
# a pronoun that speaks as a person: a whole subject
_PERSONAL = rf"^(?i:{'|'.join(words()['pronouns']['personal'])})$"
# A person's role ending a speaker after a name (`the Factory Records founder`): the person speaks,
# not the name (a spokesman or a representative speaks for the body: `a Defra spokesman`).
_ROLE_AFTER_NAME = (
    r"^(?:-[a-z]+)?(?:\s[a-z][a-z\-]*){0,2}\s(?:"
    + "|".join(sorted({*TITLES, *words()["titles"]["after_name"]} - {"spokesman", "spokeswoman", "year-old"}))
    + r")$"
)
# A person opening a sentence, after titles and lower-case words that describe them:
# `Former Arizona governor Jan Brewer`, `Wolves chief executive Jez Moxey` (not `Trump beat rival Ted Cruz`).
_DESCRIBED_SUBJECT = latin(rf"^(?:[^,]{{0,60}},\s+)?(?:(?:\p{{Lu}}[\w.’'\-]*|(?:{sp.ROLE_WORDS})s?)\s+){{0,5}}$")
# The subject of a reporting clause after a quote: `,” explained Mr Hopkins.`, `…, noted NBC’s Dante Chinni.`,
# `.” Calderón said` (the common verbs only: the whole cue alternation costs a compile on every call)
_INVERTED_SUBJECT = latin(
    r"[.,?!][”\"]\s+(?:\p{Lu}[\w.’'\-]*\s+){0,4}$|"
    r"(?:[,?!][”\"]|,)\s+(?:" + "|".join(words()["verbs"]["common"]) + r")\s+(?:\p{Lu}[\w.’'\-]*\s+){0,4}$"
)
# Words right before a name that tell a person's gender (transforms/data/speaker_words.toml [gender]):
# `Ms. Tanzer`, `Congresswoman Maxine Waters`, `his wife, Jane`.
GENDER_WORDS = {w: g for g in ("female", "male") for w in words()["gender"][g]}
_GENDER_WORD_BEFORE = rf"(?:^|[^\w])({'|'.join(sorted(GENDER_WORDS, key=len, reverse=True))})\.?,?\s+$"
_SO_CALLED = r"(?i)((?-u:\b)so-?)\s(called(?-u:\b))"


def _slice(body: pl.Expr, start: pl.Expr, end: pl.Expr) -> pl.Expr:
    return body.str.slice(start, (end - start).clip(lower_bound=0))


def _paragraph_frame(articles: pl.LazyFrame, sentences: pl.LazyFrame) -> pl.LazyFrame:
    """Paragraph spans and text rebuilt from the sentences, so both agree on the boundaries."""
    last = pl.col("start_char").sort_by("start_char").last()
    paras = sentences.group_by("article_id", "paragraph_id").agg(
        pstart=pl.col("start_char").min(),
        pend=pl.col("end_char").max(),
        last_sentence_start=last,
        is_heading=pl.col("is_heading").any(),
    )
    return paras.join(articles.select("article_id", "body"), on="article_id").with_columns(
        ptext=_slice(pl.col("body"), pl.col("pstart"), pl.col("pend"))
    )


def _paragraphs(paras: pl.LazyFrame) -> pl.LazyFrame:
    """`_paragraph_frame` in the columns `quote_marks` reads."""
    return paras.select(
        "article_id", "paragraph_id", pl.col("pstart").alias("start_char"), pl.col("ptext").alias("text")
    )


def misplaced_marks(articles: pl.LazyFrame, sentences: pl.LazyFrame) -> pl.LazyFrame:
    """Passages the marks leave out of `quotes`: paragraphs where a closing mark ” opens a quote
    (`quote_marks.misplaced_openers`). In: `articles` and `sentences` as `quotes` takes them.
    Out: `article_id`, `start_char` (paragraph offset in the body), `text` (the paragraph)."""
    return misplaced_openers(_paragraphs(_paragraph_frame(articles, sentences)))


def _attach_windows(spans: pl.LazyFrame, sentences: pl.LazyFrame, paras: pl.LazyFrame) -> pl.LazyFrame:
    """Add `sentence_id`, the `before` and `after` text windows and their body offsets."""
    sents = sentences.select("article_id", "sentence_id", "start_char", "end_char").sort("start_char")
    by_start = sents.select("article_id", "sentence_id", pl.col("start_char").alias("s_start"))
    by_end = sents.select("article_id", pl.col("end_char").alias("s_end"))
    prev_sent = sents.select("article_id", pl.col("start_char").alias("ps_start"), pl.col("end_char").alias("ps_end"))
    # The paragraph before: does it end with a colon introducing this quote ("Caddell continued:")?
    prev = paras.select(
        "article_id",
        (pl.col("paragraph_id") + 1).alias("paragraph_id"),
        pl.col("ptext").str.strip_chars_end().str.ends_with(":").alias("prev_colon"),
        pl.col("last_sentence_start").alias("prev_sentence_start"),
        pl.col("pend").alias("prev_end"),
    )
    # The paragraph after: a byline-style attribution on its own (`- Sanders.`)?
    nxt = paras.select(
        "article_id",
        (pl.col("paragraph_id") - 1).alias("paragraph_id"),
        pl.col("pstart").alias("np_start"),
        pl.when(pl.col("pend") - pl.col("pstart") < 60).then(pl.col("ptext")).alias("np_text"),
    )
    body = pl.col("body")
    q = (
        spans.sort("start_char")
        .join_asof(
            by_start,
            left_on="start_char",
            right_on="s_start",
            by="article_id",
            strategy="backward",
            check_sortedness=False,
        )
        .with_columns(after_key=pl.col("close_end") + 1)
        .sort("after_key")
        .join_asof(
            by_end, left_on="after_key", right_on="s_end", by="article_id", strategy="forward", check_sortedness=False
        )
        # the sentence ending before the opening mark
        .sort("open_char")
        .join_asof(
            prev_sent.sort("ps_end"),
            left_on="open_char",
            right_on="ps_end",
            by="article_id",
            strategy="backward",
            check_sortedness=False,
        )
        .join(
            paras.select("article_id", "paragraph_id", "pstart", "pend", "is_heading", "body"),
            on=["article_id", "paragraph_id"],
        )
        .join(prev, on=["article_id", "paragraph_id"], how="left")
        .join(nxt, on=["article_id", "paragraph_id"], how="left")
    )
    intro = (pl.col("open_char") == pl.col("pstart")) & pl.col("prev_colon").fill_null(False)
    # A quote left open before this one in the paragraph (`"… any calls for its introduction. "In
    # pre-season …`: marks that open each quoted sentence, one closing the last) holds the words
    # up to this mark: they are not the writer's. (Its end is read below.)
    prev_open_end = pl.when(
        ~pl.col("is_closed").shift(1).over("article_id", "paragraph_id", order_by="open_char")
    ).then(pl.col("end_char").shift(1).over("article_id", "paragraph_id", order_by="open_char"))
    b_start = (
        pl.when(intro)
        .then(pl.col("prev_sentence_start"))
        .otherwise(pl.max_horizontal(pl.col("s_start").fill_null(0), pl.col("pstart")))
    )
    b_end = pl.when(intro).then(pl.col("prev_end")).otherwise(pl.col("open_char"))
    a_end = pl.min_horizontal(pl.col("s_end").fill_null(pl.col("pend")), pl.col("pend"))
    # A quote opening its sentence may be introduced by the sentence before it in the paragraph
    # ("…, he said in an interview. “…”"): that sentence is the `lead_in` window.
    # (not a sentence inside a quote left open before this one)
    lead_in = (
        (pl.col("ps_start") >= pl.col("pstart"))
        & ~intro
        & (pl.col("prev_open_end") < pl.col("ps_start")).fill_null(True)
    )
    return (
        q.with_columns(prev_open_end=prev_open_end)
        .with_columns(
            b_start=b_start,
            b_end=b_end,
            a_end=a_end,
            # its last NEAR_CHARS hold the reporting clause, and bound the regex's work
            li_start=pl.when(lead_in).then(pl.max_horizontal(pl.col("ps_start"), pl.col("ps_end") - NEAR_CHARS)),
        )
        .with_columns(
            before=_slice(body, pl.col("b_start"), pl.col("b_end")),
            after=_slice(body, pl.col("close_end"), pl.col("a_end")),
            text=_slice(body, pl.col("start_char"), pl.col("end_char")),
        )
        .with_columns(
            # a line break ends both windows as a paragraph break does: some sources set paragraphs
            # apart by one newline (`…haven't."⏎Rubio fired back at Christie` is not Rubio's); a line
            # ending on a colon introduces the quote on the next, as a paragraph does (`Seidenberg commented:⏎"…`).
            # A break before a lower-case word is a hard wrap inside a sentence: it reads as a space
            # (the same length, so offsets hold).
            pl.when(pl.col(c).str.contains("\n", literal=True))
            .then(pl.col(c).str.replace_all(latin(r"\n(\p{Ll})"), " ${1}"))
            .otherwise(pl.col(c))
            for c in ("before", "after")
        )
        .with_columns(
            after=pl.when(pl.col("after").str.contains("\n", literal=True))
            .then(pl.col("after").str.extract(r"^([^\n]*)", 1))
            .otherwise("after"),
            before_line=pl.when(
                ~intro
                & pl.col("before").str.contains("\n", literal=True)
                & ~pl.col("before").str.contains(r":[^\S\n]*\n\s*$")
            ).then(pl.col("before").str.extract(r"([^\n]*)$", 1)),
        )
        .with_columns(
            a_end=pl.col("close_end") + pl.col("after").str.len_chars().cast(pl.Int64),
            b_start=pl.coalesce(pl.col("b_end") - pl.col("before_line").str.len_chars().cast(pl.Int64), "b_start"),
            before=pl.coalesce("before_line", "before"),
        )
        .drop("before_line")
        .with_columns(
            # ... a before window that is a whole quoted sentence of it (the splitter left the mark on
            # that sentence) is no one's attribution; a lead-in like `Wenger said:` left inside a quote
            # its writer forgot to close still is
            inside_open=(pl.col("prev_open_end") > pl.col("b_start")) & pl.col("before").str.contains(r"[.!?…]\s*$"),
        )
        .with_columns(
            # (the window and its offset agree: the name and parse fallbacks read from `b_start` too)
            before=pl.when("inside_open").then(pl.lit("")).otherwise("before"),
            b_start=pl.when("inside_open").then(pl.col("b_end")).otherwise("b_start"),
        )
        .drop("inside_open")
        .with_columns(
            lead_in=pl.when(pl.col("before").str.strip_chars() == "").then(
                _slice(body, pl.col("li_start"), pl.col("ps_end"))
            )
        )
        .with_columns(
            # `so called` is `so-called`, a scare marker, not a reporting verb (same length: offsets hold)
            pl.when(pl.col(c).str.contains("called", literal=True))
            .then(pl.col(c).str.replace_all(_SO_CALLED, "${1}-${2}"))
            .otherwise(pl.col(c))
            for c in ("before", "after", "lead_in")
        )
    )


def _kind() -> pl.Expr:
    """`partial` when the quote sits inside a sentence of the writer's (a "full ceasefire")."""
    lead = pl.col("before").str.strip_chars_end()
    # (a closing mark before the quote ends a quote before it; a plural possessive’s apostrophe,
    # `The Democrats’ “Medicare for All” plan`, does not)
    opens_statement = (
        (lead == "")
        | lead.str.contains(r"[:,.!?;…—–\-”\"]$")
        | (lead.str.ends_with("’") & ~lead.str.contains(latin(r"\p{L}s’$")))
    )
    starts_upper = pl.col("text").str.contains(latin(r"^[\p{Lu}\p{N}…\[(‘'\"]"))
    return pl.when(opens_statement & starts_upper).then(pl.lit("direct")).otherwise(pl.lit("partial"))


# A quoted title of a work is no one's words: `MSNBC’s “Morning Joe”`, `the documentary “13th”`,
# `the 30-second spot, titled “Arrogant”`. It is title-cased (every word capitalised but the small
# ones, at most eight) and comes after a broadcaster's possessive or a word naming a work ...
_SMALL_WORDS = "a|an|the|of|and|in|on|to|for|with|at|by|or|from|as|vs\\.|is|it|&"
_TITLE_CASED = latin(
    rf"^[(‘'“\"]?[\p{{Lu}}\p{{N}}]\S*(?:\s+(?:[(‘'“\"]?[\p{{Lu}}\p{{N}}]\S*|(?:{_SMALL_WORDS})[,.:]?)){{0,7}}$"
)
_WORK_BEFORE = latin(
    r"(?:(?:\b\p{Lu}{2,8}|\b\p{Lu}\w+ (?:News|Channel|Central|Radio|TV|Network|Media|Studios|Pictures|Books))"
    r"(?:’s|'s|’|')"
    r"|\b(?:show|program|programme|podcast|series|sitcom|miniseries|episode of|edition of|broadcast of|documentary"
    r"|film|movie|biopic|book|memoir|novel|song|album|play|musical|column|op-ed|editorial|ad|advert|advertisement"
    r"|spot|video|segment|newsletter|magazine),?(?:\s+(?:called|titled|entitled|named))?)\s*$"
)
# ... or before one: `his "Keepin' It Real" radio program`, `the “No Comparison” ad contrasts`
_WORK_AFTER = (
    r"^\s*(?:(?:radio|television|TV|talk|reality|news|cable)\s+)?(?:show|program|programme|podcast|series|documentary"
    r"|film|movie|book|column|segment|newsletter|broadcast|special|ad|video|album|song)\b"
)


def _names_a_work_or_nickname() -> pl.Expr:
    """True for a quoted title of a show, a film, a book or an ad (see `_TITLE_CASED`), or for a
    nickname inside a name: `Rep. Robert C. "Bobby" Scott threw`, `George "Jay" Keyworth.` (one word
    between a given name or an initial and a surname that a lower-case word or a stop follows)."""
    # (the window regexes read only the few rows the cheap, anchored test on the words lets through)
    titled = pl.col("text").str.strip_chars_end(" ,.").str.contains(_TITLE_CASED)
    work = pl.when(titled).then(pl.col("before")).str.contains(_WORK_BEFORE) | pl.when(titled).then(
        pl.col("after")
    ).str.contains(_WORK_AFTER)
    one_word = pl.col("text").str.contains(latin(r"^\p{Lu}[\p{L}'’\-]*$")) & ~pl.col("is_heading")
    before, after = pl.when(one_word).then(pl.col("before")), pl.when(one_word).then(pl.col("after"))
    nickname = (
        before.str.contains(latin(r"(?:\b\p{Lu}\.|\b\p{Lu}\p{Ll}+)\s$"))
        & after.str.contains(latin(r"^\s\p{Lu}\p{Ll}+(?:\s[\p{Ll}(]|[.,;:)]|\s*$)"))
        # (not in a headline, which capitalises every word: `When It Comes To ‘Fact-Checking’ Republicans`)
        & pl.concat_str(before, after).str.contains(latin(r"\b\p{Ll}{3,}"))
    )
    return work.fill_null(False) | nickname.fill_null(False)


def _gather(col: str | pl.Expr, row: pl.Expr) -> pl.Expr:
    """The value of `col` (a struct) at row `row` of the frame (null where `row` is null).

    A window pass (`shift`, `forward_fill`) over a struct column costs some 40 ms per 10,000 rows, and
    an expression repeated in when/then runs again: the pass runs over the row numbers (`_row`, see
    `with_row_index`) instead, and the struct is gathered once."""
    return (pl.col(col) if isinstance(col, str) else col).gather(row)


def _inherit(q: pl.LazyFrame) -> pl.LazyFrame:
    """Direct quotes with no cue take the speaker of the quote they continue or that continues them."""
    has = pl.col("own").struct.field("speaker").is_not_null()
    order = ["open_char"]
    para = ["article_id", "paragraph_id"]
    row = pl.col("_row")
    own_row = pl.when(has).then(row)
    prev_in_para = pl.col("_prev_in_para")
    # Across paragraphs: a paragraph opening with a quote continues the previous paragraph's
    # speaker; an unclosed quote at a paragraph's end is continued (and attributed) by the next.
    prev_pid = pl.col("paragraph_id").shift(1).over("article_id", order_by=order)
    next_q = _gather("own_or_para", row.shift(-1).over("article_id", order_by=order))
    next_pid = pl.col("paragraph_id").shift(-1).over("article_id", order_by=order)
    next_opens = pl.col("open_char").shift(-1).over("article_id", order_by=order) == pl.col("next_pstart")
    direct = pl.col("kind") == "direct"
    at_start = pl.col("open_char") == pl.col("pstart")
    return (
        q.with_row_index("_row")
        .with_columns(
            _prev_in_para=_gather("own", own_row.forward_fill().shift(1).over(para, order_by=order)),
            _next_in_para=_gather("own", own_row.backward_fill().shift(-1).over(para, order_by=order)),
        )
        .with_columns(
            own_or_para=pl.when(has & (pl.col("own").struct.field("rule") == "lead_in_quoted"))
            .then(pl.coalesce(prev_in_para, pl.col("own")))
            .when(has)
            .then(pl.col("own"))
            .when(direct)
            .then(pl.coalesce(prev_in_para, "_next_in_para"))
            # the second half of an interrupted quote (`“…,” said the senator, “because …”`) continues the first
            .when(pl.col("interrupted"))
            .then(prev_in_para)
        )
        .with_columns(
            next_pstart=pl.col("pstart").shift(-1).over("article_id", order_by=order),
        )
        .with_columns(continues=(direct & at_start & (prev_pid == pl.col("paragraph_id") - 1)).fill_null(False))
        # a multi-paragraph quote (each paragraph opens a mark, only the last closes it) is one
        # speaker's however many paragraphs it runs (`Dr. Ward stated:` then three paragraphs)
        .with_columns(prev_open=~pl.col("is_closed").shift(1).over("article_id", order_by=order))
        .with_columns(
            run=(~(pl.col("continues") & pl.col("prev_open")).fill_null(True))
            .cum_sum()
            .over("article_id", order_by=order)
        )
        .with_columns(
            # the words go on one statement: a direct quote with no cue of its own after a quote of its
            # paragraph (`“A,” she said. “B.”`, an interrupted quote), or the next paragraph of an open one
            # (or whose lead-in is the attribution closing the quote before: `“A,” Smith said. “B.”`)
            joins_prev=(
                (~has | (pl.col("own").struct.field("rule") == "lead_in_quoted"))
                & (
                    (direct | pl.col("interrupted")) & prev_in_para.is_not_null()
                    | pl.col("continues") & pl.col("prev_open")
                )
            ).fill_null(False),
            inherited=~has,
        )
        .with_columns(
            who=pl.coalesce(
                pl.col("own_or_para"),
                pl.when(pl.col("continues")).then(
                    _gather("own_or_para", row.shift(1).over("article_id", order_by=order))
                ),
                pl.when(pl.col("continues")).then(
                    _gather(
                        "own_or_para",
                        pl.when(pl.col("own_or_para").is_not_null())
                        .then(row)
                        .forward_fill()
                        .over("article_id", "run", order_by=order),
                    )
                ),
                pl.when(direct & ~pl.col("is_closed") & (next_pid == pl.col("paragraph_id") + 1) & next_opens).then(
                    next_q
                ),
            )
        )
        .with_columns(pl.col("who").struct.unnest())
        .drop("_row", "_prev_in_para", "_next_in_para")
    )


def _named_mentions(mentions: pl.LazyFrame, named: bool = True) -> pl.LazyFrame:
    """Mentions naming a person or an organisation (the others with `named=False`): `article_id`,
    `m_start`, `m_end`, `m_text`."""
    is_named = pl.col("label").is_in(NAMED_LABELS)
    return mentions.filter(is_named if named else ~is_named).select(
        "article_id", m_start="start_char", m_end="end_char", m_text="text"
    )


# a speaker written as a name: an optional courtesy title, then one to three capitalised words
_WRITTEN_NAME = latin(r"^(?:(Mr|Mrs|Ms|Dr)\.?\s+)?(\p{Lu}[\p{L}'’\-]+(?:\s+\p{Lu}[\p{L}'’\-]+){0,2})$")


# a given name and a surname written anywhere in an article
_FULL_NAME = latin(r"\b\p{Lu}\p{Ll}+\s+\p{Lu}[\p{L}'’\-]+")
# a contraction, which is no name (`It’s`, `There’s`, `I’m`)
_CONTRACTION = r"^(?i:i|you|we|they|it|there|he|she|that|what|here|who|where)[’'](?i:s|m|re|ve|ll|d)$"


@lru_cache(maxsize=1)
def _name_words() -> pl.DataFrame:
    """Lower-case words and what each tells of a speaker written in capitals: `kind` `not_name` (a
    word that never opens a name, a pronoun, a nationality, a role), `ordinary` (an English word),
    `surname` or `given` (a Census name that is no such word). A word has one row per kind it has."""
    # (pronouns but `It`, which may be a subject: `subject_before`)
    never = [w.lower() for w in words()["names"]["not_name"]] + [p for p in words()["pronouns"]["subject"] if p != "it"]
    roles = [w.lower() for w in words()["names"]["role_words"]]
    census = census_names()
    return pl.concat(
        [
            pl.DataFrame({"key": [*never, *roles]})
            .vstack(demonyms().select("key"))
            .with_columns(kind=pl.lit("not_name")),
            common_words().with_columns(kind=pl.lit("ordinary")),
            census.select("key", kind=pl.lit("surname")),
            census.filter("given").select("key", kind=pl.lit("given")),
        ]
    ).unique()


_KINDS = ["not_name", "ordinary", "surname", "given"]


@lru_cache(maxsize=1)
def _name_table() -> pl.DataFrame:
    """`_name_words` as one row per word, sorted by it: `key` and a flag per kind (`_KINDS`)."""
    return _name_words().group_by("key").agg(**{k: (pl.col("kind") == k).any() for k in _KINDS}).sort("key")


def _has_kind(word: pl.Expr, kind: str) -> pl.Expr:
    """True where `word` (lower-case) is of `kind` in `_name_words`, false where it is not or null.
    (A binary search of the sorted table: a join against its 300,000 words hashed them all on every call.)"""
    table = _name_table()
    keys = pl.lit(table["key"])
    at = keys.search_sorted(word).clip(upper_bound=table.height - 1)
    return ((keys.gather(at) == word) & pl.lit(table[kind]).gather(at)).fill_null(False)


def _mid_sentence() -> pl.Expr:
    """True for a speaker written mid-sentence, after a lower-case word, a comma or a quote closed by
    one (`,” said He.`, `,” Poulter added`): a capitalised word there is a name. Not after a stop, a
    dash, an opening mark, a line break, nor a quote closed by `?` or `!`, which may end the sentence
    (`?” He answered`). Reads `body`, `speaker`, `speaker_start`."""
    before = _slice(pl.col("body"), (pl.col("speaker_start") - 4).clip(lower_bound=0), pl.col("speaker_start"))
    return pl.when(pl.col("speaker").is_not_null()).then(before.str.contains(latin(r"(?:[\p{Ll},]|,[”\"’']+) $")))


def _written_as_a_name(frame: pl.LazyFrame, keys: list[str]) -> pl.LazyFrame:
    """The speakers of `frame` written as a person's name: `keys`, `name` (without a courtesy title).

    One to three capitalised words after an optional `Mr`, `Mrs`, `Ms` or `Dr`, none of them a word
    that never opens a name (`Monday`, `It`), a pronoun, a nationality or a role (`Officials`,
    `Democrats`, in the singular too), nor a contraction (`It’s`, `I’m`). Words that are all ordinary English
    are a name only when a Census surname ends them and they are written mid-sentence or after a
    courtesy title (`,” Poulter added`; not `Police announce`, `Black Lives Matter said`). A `He` or
    `She` mid-sentence is a name (He Jianxiong's). A speaker holding a given name and a surname
    (`Phoenix Mayor Greg Stanton`) is one too.

    In: `keys`, `speaker`, `mid_sentence`. Out: one row per speaker written as a name."""
    g = pl.col("_g").struct
    rows = (
        frame.select(*keys, "speaker", "mid_sentence", _g=pl.col("speaker").str.extract_groups(_WRITTEN_NAME))
        .filter(g["2"].is_not_null())
        .with_columns(name=g["2"], titled=g["1"].is_not_null(), mid=pl.col("mid_sentence").fill_null(False))
        .drop("_g", "mid_sentence")
    )
    # each word, and its singular (`Witnesses`, `Authorities`, `Officials`), against the word lists
    word = pl.col("word").str.to_lowercase()
    per_word = (
        rows.select(
            *keys,
            word=pl.col("name").str.split(" "),
            _last=pl.int_ranges(pl.col("name").str.split(" ").list.len()).list.eval(pl.element() == pl.element().max()),
        )
        .explode("word", "_last")
        .with_row_index("_w")
        .with_columns(
            contraction=pl.col("word").str.contains(_CONTRACTION),
            # (a possessor before more words: `Editor's Note`, `Twitter's Adam Sharp`)
            possessor=pl.col("word").str.contains(r"[’']s$") & ~pl.col("_last"),
            form=pl.concat_list(
                word, word.str.strip_suffix("s"), word.str.strip_suffix("es"), word.str.replace(r"ies$", "y")
            ),
        )
        .explode("form")
        .with_columns(**{k: _has_kind(pl.col("form"), k) for k in ("not_name", "ordinary", "surname")})
        .group_by(*keys, "_w")
        .agg(
            not_name=pl.col("not_name").any() | pl.col("contraction").first() | pl.col("possessor").first(),
            ordinary=pl.col("ordinary").any(),
            # (the word as written, not its singular: `Hale`, `Poulter`)
            surname=(pl.col("surname") & (pl.col("form") == word)).any(),
        )
    )
    # the last word, whose surname may make ordinary words a name
    last_word = (
        rows.select(*keys, form=pl.col("name").str.extract(r"(\S+)$").str.to_lowercase())
        .filter(_has_kind(pl.col("form"), "surname"))
        .select(*keys, last_surname=pl.lit(True))
    )
    per_row = per_word.group_by(keys).agg(not_name=pl.col("not_name").any(), ordinary=pl.col("ordinary").all())
    he = pl.col("name").str.contains(r"^(?:He|She)$") & pl.col("mid")
    named = (
        rows.join(per_row, on=keys, how="left")
        .join(last_word, on=keys, how="left")
        .filter(
            (~pl.col("not_name") | he)
            & (~pl.col("ordinary") | (pl.col("mid") | pl.col("titled")) & pl.col("last_surname").fill_null(False))
        )
    )
    # ... or a given name and a surname anywhere in it
    full = (
        frame.select(*keys, found=pl.col("speaker").str.extract_all(_FULL_NAME))
        .explode("found")
        .with_columns(first=pl.col("found").str.extract(r"^(\S+)").str.to_lowercase())
        .filter(_has_kind(pl.col("first"), "given"))
        .select(*keys, name=pl.col("found"))
    )
    return pl.concat([named.select(*keys, "name"), full]).unique(keys, keep="first", maintain_order=True)


def _not_a_speaker(q: pl.LazyFrame, mentions: pl.LazyFrame) -> pl.LazyFrame:
    """The speakers (`article_id`, `speaker_start`, `speaker_end`) that are wholly a place, a date or
    a work (see NOT_SPEAKER_LABELS): the speaker's words, but for an article and trailing punctuation,
    are one such mention. A name the tagger took for a thing (`Vargas Llosa` as a work, `, Cole said`
    as a product) with its reporting verb is a person's, not one (see `_written_as_a_name`).
    In: the quote frame's speaker fields, `rule`, `cue`, `body`; `mentions`."""
    keys = ["article_id", "speaker_start", "speaker_end"]
    words = pl.col("speaker").str.replace(r"^(?i:the)\s+", "").str.strip_chars_end(" ,;:—–-")
    place = pl.col("label") == "GPE"
    # (an equi-join on the words: a join on the article alone pairs every speaker with every mention)
    found = (
        q.filter(pl.col("speaker").is_not_null())
        .select(*keys, "rule", "cue", "speaker", mid_sentence=_mid_sentence(), words=words)
        .with_columns(m_text=pl.col("words").str.strip_chars_end("."))
        .join(
            mentions.select(
                "article_id", "label", m_text=pl.col("text").str.replace(r"^(?i:the)\s+", "").str.strip_chars_end(".")
            ),
            on=["article_id", "m_text"],
        )
        .unique([*keys, "label"])
        # (read twice below, and three times by `_written_as_a_name`)
        .pipe(_stage)
    )
    person_like = (
        _written_as_a_name(found.filter(pl.col("cue").is_not_null()), keys)
        .select(keys)
        .unique()
        .with_columns(person_like=pl.lit(True))
    )
    return (
        found.join(person_like, on=keys, how="left")
        .filter(
            pl.col("label").is_in(NOT_SPEAKER_LABELS) & ~pl.col("person_like").fill_null(False)
            | place
            & (
                pl.col("cue").is_null()
                | (pl.col("rule") == "named")
                # (a state or province abbreviated: `Ont.`, `Calif.`, `N.C.`; not `U.S.`, `the F.B.I.`)
                | pl.col("words").str.contains(latin(r"^(?:\p{Lu}\p{Ll}{1,4}|\p{Lu}\.\p{Lu})\.$"))
                & ~pl.col("words").is_in(list(COUNTRY_ALIASES))
            )
        )
        .select(keys)
        .unique()
    )


def _mark_weak(q: pl.LazyFrame, mentions: pl.LazyFrame) -> pl.LazyFrame:
    """Add `weak`: the speaker is a sentence's opening words that name no one and are no pronoun
    ("Speaking to reporters", "Holding signs"); a name or the parse may do better (see
    `_named_in_sentence`, `_parsed`), and `_resolve` drops what is left."""
    key = ["article_id", "open_char"]
    # (a surname the tagger read as a place or a group still names the person: `Kasich resisted:
    # “…”` after `John Kasich`)
    surnames = (
        mentions.filter(pl.col("label") == "PERSON")
        .select("article_id", m_text=pl.col("text").str.extract(latin(r"(\p{Lu}[\w’'\-]+)$")))
        .unique()
    )
    misread = _named_mentions(mentions, named=False).join(surnames, on=["article_id", "m_text"], how="semi")
    named_subject = (
        q.filter(pl.col("rule") == "subject")
        .select(*key, "speaker_start", "speaker_end")
        .join(pl.concat([_named_mentions(mentions), misread]), on="article_id")
        .filter((pl.col("m_start") < pl.col("speaker_end")) & (pl.col("m_end") > pl.col("speaker_start")))
        .select(*key, names=pl.lit(True))
        .unique()
    )
    # ... and a place, a date or a work is never a speaker: a name or the parse may find one
    keys = ["article_id", "speaker_start", "speaker_end"]
    no_speaker = _not_a_speaker(q, mentions).with_columns(no_speaker=pl.lit(True))
    return (
        q.join(named_subject, on=key, how="left")
        .join(no_speaker, on=keys, how="left")
        .with_columns(
            weak=(pl.col("rule") == "subject")
            & pl.col("names").is_null()
            & ~pl.col("speaker").str.contains(_PERSONAL).fill_null(False)
            | pl.col("no_speaker").fill_null(False)
        )
        .drop("names", "no_speaker")
    )


def _named_in_sentence(q: pl.LazyFrame, mentions: pl.LazyFrame, pending: pl.Expr) -> pl.LazyFrame:
    """Quotes where `pending` holds take the first person or organisation named in their sentence
    before the opening mark: news attributes a quote to a named source, and the first name of the
    sentence is most often its subject. A quote opening its paragraph looks in the last sentence
    of the paragraph before, which introduces it ("…, Obama said."). A name after a preposition is
    its object, not the subject (`… about the shooting of Keith Lamont Scott`).

    In: the quote frame with `weak` (see `_mark_weak`). Out: the same, the speaker fields filled,
    `rule` "named" where they were, and `weak` false there."""
    key = ["article_id", "open_char"]
    opens = (pl.col("kind") == "direct") & (pl.col("open_char") == pl.col("pstart")) & pl.col("prev_end").is_not_null()
    w_start = pl.when(opens).then(pl.col("prev_sentence_start")).otherwise(pl.col("b_start"))
    w_end = pl.when(opens).then(pl.col("prev_end")).otherwise(pl.col("b_end"))
    before_name = _slice(pl.col("body"), (pl.col("m_start") - 30).clip(lower_bound=0), pl.col("m_start"))
    first = (
        # a partial quote only when its sentence has a reporting verb (see the issue: a scare
        # quote gets no speaker)
        q.filter(pending & ((pl.col("kind") == "direct") | pl.col("before").str.contains(sp.CUE_ANYWHERE)))
        .select(*key, "body", w_start=w_start, w_end=w_end)
        .join(_named_mentions(mentions), on="article_id")
        .filter((pl.col("m_start") >= pl.col("w_start")) & (pl.col("m_end") <= pl.col("w_end")))
        # a possessor ("Biden’s comments", "the FBI's report") is not the one speaking
        .filter(
            ~pl.col("body").str.slice(pl.col("m_end"), 1).str.contains(r"^[’']")
            & ~before_name.str.contains(sp.PREPOSITION_BEFORE)
        )
        .drop("body")
        .group_by(key)
        .agg(pl.all().sort_by("m_start").first())
        .select(*key, f_speaker=pl.col("m_text").str.replace(r"[’']s$", ""), f_start="m_start")
    )
    fill = pending & pl.col("f_speaker").is_not_null()
    return (
        q.join(first, on=key, how="left")
        .with_columns(
            speaker=pl.when(fill).then("f_speaker").otherwise("speaker"),
            speaker_start=pl.when(fill).then("f_start").otherwise("speaker_start"),
            speaker_end=pl.when(fill)
            .then(pl.col("f_start") + pl.col("f_speaker").str.len_chars().cast(pl.Int64))
            .otherwise("speaker_end"),
            rule=pl.when(fill).then(pl.lit("named")).otherwise("rule"),
            weak=pl.col("weak") & ~fill,
        )
        .drop("f_speaker", "f_start")
    )


def _parsed(q: pl.LazyFrame) -> pl.LazyFrame:
    """Quotes still without a speaker (or with only a sentence opening that names no one) take the
    subject of the reporting verb governing them in a dependency parse of their sentence (see
    `quote_parse`). Only these few sentences are parsed."""
    key = ["article_id", "open_char"]
    w_start = pl.max_horizontal(pl.col("s_start").fill_null(0), pl.col("pstart"))
    unattributed = pl.col("speaker").is_null() | pl.col("weak")
    found = (
        q.filter(unattributed)
        .select(
            *key,
            "start_char",
            "end_char",
            w_start=w_start,
            window=_slice(pl.col("body"), w_start, pl.col("a_end")),
            # the words around the quote, not its own: the verb the parse looks for is outside it
            around=_slice(pl.col("body"), w_start, pl.col("start_char"))
            + _slice(pl.col("body"), pl.col("end_char"), pl.col("a_end")),
        )
        # only a sentence with a reporting verb in it can give a speaker: the others skip the parser
        .filter(pl.col("around").str.contains(PARSE_CUES))
        .drop("around")
        .map_batches(parsed_speakers, schema=PARSE_SCHEMA)
    )
    fill = unattributed & pl.col("p_speaker").is_not_null()
    return (
        q.join(found, on=key, how="left")
        .with_columns(
            pl.when(fill).then(pl.col(p)).otherwise(pl.col(c)).alias(c)
            for c, p in [
                ("speaker", "p_speaker"),
                ("speaker_start", "p_start"),
                ("speaker_end", "p_end"),
                ("cue", "p_cue"),
            ]
        )
        .with_columns(rule=pl.when(fill).then(pl.lit("parse")).otherwise("rule"))
        .drop("p_speaker", "p_start", "p_end", "p_cue")
        .pipe(_inherit_parsed)
    )


def _inherit_parsed(q: pl.LazyFrame) -> pl.LazyFrame:
    """A direct quote still without a speaker continues the quote before it in its paragraph, as in
    `_inherit`, now that the parse may have attributed that one (`“…!” X shouted. “…”`)."""
    # (a weak sentence opening left by the rules counts as no speaker: `_resolve` drops it)
    none = pl.col("speaker").is_null() | (pl.col("weak") & (pl.col("rule") != "parse"))
    prev_row = (
        pl.when(~none)
        .then(pl.col("_row"))
        .forward_fill()
        .shift(1)
        .over("article_id", "paragraph_id", order_by="open_char")
    )
    fill = (pl.col("kind") == "direct") & none & pl.col("_prev").is_not_null()
    return (
        q.with_row_index("_row")
        .with_columns(_prev=_gather(pl.struct(*SPEAKER_FIELDS), prev_row))
        .with_columns(
            *(
                pl.when(fill).then(pl.col("_prev").struct.field(c)).otherwise(pl.col(c)).alias(c)
                for c in SPEAKER_FIELDS
            ),
            rule=pl.when(fill).then(pl.lit("inherited")).otherwise("rule"),
        )
        .drop("_row", "_prev")
    )


def _possessed(q: pl.LazyFrame) -> pl.LazyFrame:
    """A speaker written as a possessor speaks through the one it possesses: `Trump’s` before
    `campaign said` becomes `Trump’s campaign` (see `speakers.POSSESSED_AGENT`).

    In: the speaker fields and `body`. Out: the same, the speaker running on over the possessed noun.
    """
    tail = _slice(pl.col("body"), pl.col("speaker_end"), pl.col("speaker_end") + 60).str.extract(sp.POSSESSED_AGENT, 1)
    possessed = pl.col("speaker").str.contains(sp.POSSESSOR) & tail.is_not_null()
    return (
        q.with_columns(_tail=tail)
        .with_columns(
            speaker=pl.when(possessed).then(pl.col("speaker") + pl.col("_tail")).otherwise("speaker"),
            speaker_end=pl.when(possessed)
            .then(pl.col("speaker_end") + pl.col("_tail").str.len_chars().cast(pl.Int64))
            .otherwise("speaker_end"),
        )
        .drop("_tail")
    )


def _headed(q: pl.LazyFrame) -> pl.LazyFrame:
    """A speaker found after `of`, `for` or `from` is the object of the head before it, which speaks:
    `Attorneys for Clinton`, `The senator from Vermont`, `Leaders of the organization`.

    In: the speaker fields, `body`, `pstart`. Out: the same, the speaker starting at its head,
    `head_word` (the head, lower-cased) and `object_start` (where the speaker began before),
    both null where nothing changed, and `head_is_title` (`Secretary of State …`).
    """
    look_from = pl.max_horizontal(pl.col("pstart"), pl.col("speaker_start") - 60)
    before = pl.when(look_from == pl.col("pstart")).then(pl.lit("\n")).otherwise(pl.lit("")) + _slice(
        pl.col("body"), look_from, pl.col("speaker_start")
    )

    def h(i: int) -> pl.Expr:
        return pl.col("_h").struct.field(str(i))

    found = h(1).is_not_null() & ~h(2).str.contains(sp.NOT_A_HEAD) & ~h(1).str.contains(sp.VERB_BEFORE_HEAD)
    return (
        q.with_columns(_h=pl.when(pl.col("speaker").is_not_null()).then(before).str.extract_groups(sp.HEAD_OF))
        .with_columns(
            object_start=pl.when(found).then(pl.col("speaker_start")),
            head_word=pl.when(found).then(h(2).str.to_lowercase()),
            # `Secretary of State John Kerry` is a title: the person after it speaks
            head_is_title=found & h(2).str.contains(latin(r"^\p{Lu}")) & h(2).str.to_lowercase().is_in(list(TITLES)),
        )
        .with_columns(
            speaker_start=pl.coalesce(pl.col("object_start") - h(1).str.len_chars().cast(pl.Int64), "speaker_start"),
        )
        .with_columns(
            speaker=pl.when(pl.col("object_start").is_not_null())
            .then(_slice(pl.col("body"), pl.col("speaker_start"), pl.col("speaker_end")))
            .otherwise("speaker"),
        )
        # ... and a speaker that holds its head already (a parse's subject: `Leaders from the United
        # Kingdom and France`): the object after `of`, `for`, `from` inside it does not speak either
        .with_columns(
            _i=pl.when(pl.col("object_start").is_null()).then(pl.col("speaker")).str.extract_groups(_HEAD_INSIDE)
        )
        .with_columns(
            _found=pl.col("_i").struct.field("1").is_not_null()
            & ~pl.col("_i").struct.field("2").str.contains(sp.NOT_A_HEAD)
        )
        .with_columns(
            object_start=pl.when("_found")
            .then(pl.col("speaker_start") + pl.col("_i").struct.field("1").str.len_chars().cast(pl.Int64))
            .otherwise("object_start"),
            head_word=pl.when("_found").then(pl.col("_i").struct.field("2").str.to_lowercase()).otherwise("head_word"),
            head_is_title=pl.when("_found")
            .then(
                pl.col("_i").struct.field("2").str.contains(latin(r"^\p{Lu}"))
                & pl.col("_i").struct.field("2").str.to_lowercase().is_in(list(TITLES))
            )
            .otherwise("head_is_title"),
        )
        .drop("_h", "_i", "_found")
    )


# a head noun and a preposition opening a speaker: `Leaders from …`, `The mayor of …`, `Secretary of State …`
_HEAD_INSIDE = latin(r"^((?:[\w’'\-]+\s+){0,3}?([\w’'\-]+)\s+(?:of|for|from)\s+)\S")


def _unnamed_before(spk: pl.LazyFrame, sentences: pl.LazyFrame, pronoun_gender: pl.Expr) -> pl.LazyFrame:
    """The last unnamed speaker before each pronoun speaker of its gender (`A Conservative
    spokeswoman said`, `"…," a spokesman said`; see `speakers.UNNAMED_SUBJECT`).

    In: `spk` (`article_id`, `speaker_start`, `speaker_end`, `speaker`), `sentences` (`article_id`,
    `start_char`, `end_char`, `text`). Out: one row per pronoun speaker that has one: its keys,
    `unnamed_at` (where the unnamed speaker's sentence ends, or their description when a name is
    apposed to it: names before are not the pronoun's) and `unnamed_head` (`spokesman` after `the`,
    which a person written with that role may be; null after `a`, `his`: someone new)."""
    head = pl.col("unnamed_head")
    # (one pass of each pattern: its groups in a struct)
    g = pl.col("g").struct
    said = sentences.select(
        "article_id", "start_char", "end_char", g=pl.col("text").str.extract_groups(sp.UNNAMED_SUBJECT)
    ).select(
        "article_id",
        unnamed_from=pl.col("start_char"),
        unnamed_at=pl.when(g[3].is_not_null())
        .then(pl.col("start_char") + g[0].str.len_chars())
        .otherwise(pl.col("end_char")),
        phrase=g[0],
        indefinite=g[1],
        unnamed_head=g[2],
    )
    speaking = spk.select(
        "article_id",
        "speaker_start",
        "speaker_end",
        "speaker",
        g=pl.col("speaker").str.extract_groups(sp.UNNAMED_SPEAKER),
    ).select(
        "article_id",
        unnamed_from=pl.col("speaker_start"),
        unnamed_at=pl.col("speaker_end"),
        phrase=pl.col("speaker"),
        indefinite=g[1],
        unnamed_head=g[2],
    )
    found = pl.concat([said, speaking]).filter(pl.col("indefinite").is_not_null() | head.is_not_null())
    # `the spokesman` is an unnamed one only when someone's (`the prime minister's official spokesman`)
    # or after `a spokesman`; else it may be the one named with that role (`The Tory spokesman`)
    first_a = (
        found.filter(pl.col("indefinite").str.contains("(?i)spokes"))
        .group_by("article_id")
        .agg(first_a=pl.col("unnamed_from").min())
    )
    found = found.join(first_a, on="article_id", how="left").filter(
        head.is_null() | pl.col("phrase").str.contains(r"\w[’']s\s") | (pl.col("first_a") < pl.col("unnamed_from"))
    )
    gender = (
        pl.coalesce("indefinite", "unnamed_head")
        .str.to_lowercase()
        .replace_strict(sp.UNNAMED_HEAD_GENDER, default=None)
    )
    keys = ["article_id", "speaker_start", "speaker_end"]
    return (
        spk.select(*keys, pronoun_gender=pronoun_gender)
        .filter(pl.col("pronoun_gender").is_not_null())
        .join(found.with_columns(unnamed_gender=gender), on="article_id")
        .filter(
            (pl.col("unnamed_from") < pl.col("speaker_start"))
            & (pl.col("unnamed_gender").is_null() | (pl.col("unnamed_gender") == pl.col("pronoun_gender")))
        )
        .group_by(keys)
        # (ties by where the description ends: the same on every run)
        .agg(pl.col("unnamed_at", "unnamed_head").sort_by("unnamed_from", "unnamed_at").last())
        .with_columns(head.str.to_lowercase())
    )


def _resolve(
    q: pl.LazyFrame, articles: pl.LazyFrame, sentences: pl.LazyFrame, mentions: pl.LazyFrame, entities: pl.LazyFrame
) -> pl.LazyFrame:
    """Add `speaker_entity_id`: the entity named in the speaker span, or the person a pronoun or
    a title points back to, or the person whose name ends with the speaker's surname."""
    m = mentions.filter(pl.col("label").is_in(SPEAKER_LABELS)).select(
        "article_id",
        pl.col("start_char").alias("m_start"),
        pl.col("end_char").alias("m_end"),
        pl.col("label").alias("m_label"),
        pl.col("entity_id").alias("m_entity"),
        "sentence_id",
    )
    keys = ["article_id", "speaker_start", "speaker_end"]
    # (one reading per speaker span: a reported statement and a partial quote inside it share their
    # speaker, whose head the partial quote's patterns may have found: `The senator from Vermont`)
    q = _stage(q.with_columns(mid_sentence=_mid_sentence()))
    spk = _stage(
        q.filter(pl.col("speaker").is_not_null())
        .select(*keys, "speaker", "object_start", "head_word", "head_is_title", "mid_sentence")
        .sort("head_word", nulls_last=True)
        .unique(keys, keep="first")
    )
    person = pl.col("m_label") == "PERSON"
    # people named in full in their article: a given name and more (`Donald Trump`, not `Lib Dem`)
    full_names = (
        entities.filter(pl.col("label") == "PERSON")
        .with_columns(key=pl.col("name").str.extract(r"^(\S+)\s").str.to_lowercase())
        .join(census_names().lazy().filter("given"), on="key", how="semi")
        .select(m_entity="entity_id", full_name=pl.lit(True))
    )
    # 1. a mention inside the speaker span: the last one starting in it (the head of
    # "Foreign Secretary David Lammy" or "Trump campaign manager Kellyanne Conway"), but not a
    # possessor: in `Ryan’s office` or `Rubio’s deputy campaign manager` Ryan and Rubio do not speak
    in_span = (
        spk.join(m, on="article_id")
        .filter((pl.col("m_start") < pl.col("speaker_end")) & (pl.col("m_end") > pl.col("speaker_start")))
        # the object of `Attorneys for Clinton` does not speak (of `Secretary of State John Kerry` it does)
        .filter(pl.col("head_is_title") | (pl.col("m_start") < pl.col("object_start")).fill_null(True))
        .join(articles.select("article_id", "body"), on="article_id")
        .join(full_names, on="m_entity", how="left")
        # (a possessor ending the span is the speaker as written: `From Bush's`)
        .with_columns(
            possessor=pl.col("body").str.slice(pl.col("m_end"), 1).str.contains(r"^[’']")
            & (pl.col("m_end") + 2 < pl.col("speaker_end")),
            # a party or place describing the words after it is not the speaker:
            # `the Democratic presidential candidate`, `one Florida Republican strategist`
            modifier=(pl.col("m_end") < pl.col("speaker_end"))
            & (
                pl.col("m_label").is_in(["GPE", "NORP"])
                & pl.col("body").str.slice(pl.col("m_end"), 2).str.contains(latin(r"^\s\w"))
                # ... nor, after a determiner, is a person (named in full somewhere: not a
                # body the tagger read as one, `A Defra spokesman`) describing a noun after
                # them, as a possessor does not speak (`a Trump supporter`, `one Clinton aide`,
                # not `Clinton herself`, nor `Dr Mike Watts head of exploration`)
                | pl.col("full_name").fill_null(False)
                & pl.col("speaker").str.contains(sp.DETERMINED)
                & (pl.col("m_start") > pl.col("speaker_start"))
                & ~pl.col("body")
                .str.slice(pl.col("m_end"), 16)
                .str.extract(sp.WORD_AFTER_NAME, 1)
                .is_in(sp.NOT_A_NOUN_AFTER_NAME)
                .fill_null(True)
                # ... nor a body or a name before the role of the person who speaks (`the
                # Factory Records founder`, `The Lib Dem leader`, `EEF chief economist`)
                | pl.col("body")
                .str.slice(pl.col("m_end"), (pl.col("speaker_end") - pl.col("m_end")).clip(lower_bound=0))
                .str.contains(_ROLE_AFTER_NAME)
            ),
        )
        .filter(~pl.col("modifier"))
        # a name that may stand for a speaker not in person: a place only when it is the whole speaker
        # (`China`, `The United States`), not a place the speaker is from or in (`the mayor of Paris`,
        # `One man in Manchester`)
        .with_columns(
            other=(pl.col("m_label") != "GPE")
            | (
                pl.col("speaker").str.replace(r"^(?i:the)\s+", "").str.strip_chars_end(" ,.;:")
                == pl.col("body")
                .str.slice(pl.col("m_start"), pl.col("m_end") - pl.col("m_start"))
                .str.strip_chars_end(".")
            )
        )
        .drop("body", "full_name")
        .sort("m_start", "m_end", "m_entity")
    )
    speaking = ~pl.col("possessor")
    other = pl.col("other")
    named = (
        _stage(in_span)
        .group_by(keys)
        .agg(
            # a person in the span is its head, not a place or body after `of` (`Ted Scambos of CU Boulder`);
            # past a possessor only a person named before it (`Corey Lewandowski, Donald Trump’s campaign
            # manager`), not `New Hampshire` in `New Hampshire Sen. Kelly Ayotte’s campaign`
            named_person=pl.when(speaking.last())
            .then(pl.col("m_entity").filter(person & speaking).last())
            .otherwise(pl.col("m_entity").filter(person & speaking).first()),
            # else the last name in it (an organisation, a place), unless a possessor ends it; a place is
            # not a role's speaker (`the mayor of Paris`)
            named_other=pl.when(speaking.last()).then(pl.col("m_entity").filter(other).last()),
            # ... and whether that name lies inside the speaker (`Kasich` read as a place) or only ends
            # in it (`Law` cut from `UCLA School of Law`)
            other_inside=(pl.col("m_start") >= pl.col("speaker_start")).filter(other).last(),
        )
    )
    # 2. a pronoun or a role: the last person named before it (with that title, for a role).
    spoken = pl.col("speaker").str.to_lowercase()
    head = pl.coalesce("head_word", spoken.str.extract(latin(r"(\d+-year-old|\w+)$")).str.replace(r"^\d+-", ""))
    title_pat = head.replace_strict(TITLES, default=None)
    is_back = (
        spoken.str.contains(_PRONOUN)
        # (`,” said He.`: a capitalised `He` mid-sentence is a name, He Jianxiong's)
        & ~(pl.col("speaker").str.contains(r"^(?:He|She)$") & pl.col("mid_sentence"))
    ) | (spoken.str.contains(r"^(?:the|this|that)\s") & title_pat.is_not_null())
    # A person opening a sentence (after titles or an introductory phrase) is its subject.
    sent_start = sentences.select("article_id", "sentence_id", pl.col("start_char").alias("s_start"))
    persons = (
        m.filter(person)
        .join(sent_start, on=["article_id", "sentence_id"], how="left")
        .join(articles.select("article_id", "body"), on="article_id")
        .with_columns(
            m_context=_slice(
                pl.col("body"), (pl.col("m_start") - 25).clip(lower_bound=0), pl.col("m_end")
            ).str.to_lowercase(),
            m_lead=_slice(pl.col("body"), pl.col("s_start"), pl.col("m_start")),
            m_next=pl.col("body").str.slice(pl.col("m_end"), 6),
            # a word before the name telling the person's gender: `Ms. Tanzer`, `Congresswoman Waters`,
            # `his wife, Jane`
            m_gender=_slice(pl.col("body"), (pl.col("m_start") - 16).clip(lower_bound=0), pl.col("m_start"))
            .str.to_lowercase()
            .str.extract(_GENDER_WORD_BEFORE, 1)
            .replace_strict(GENDER_WORDS, default=None),
            m_given=_slice(pl.col("body"), pl.col("m_start"), pl.col("m_end"))
            .str.extract(r"^(\S+)\s")
            .str.to_lowercase(),
        )
        .with_columns(
            # (a possessor after a comma is no subject: `Corey Lewandowski, Trump’s campaign manager, said`)
            is_subject=~(
                pl.col("m_next").str.contains(r"^[’']") & pl.col("m_lead").str.contains(latin(r"\p{Lu}\S*,\s+$"))
            )
            & (
                pl.col("m_lead").str.contains(_DESCRIBED_SUBJECT)
                | pl.col("m_lead").str.contains(_INVERTED_SUBJECT)
                # after a longer opening phrase, only when its verb or age follows (`…rural communities,
                # Clinton delivered`, `Suu Kyi, 70, said`), not an appositive (`his wife, Hillary Clinton, as`)
                | (
                    pl.when(pl.col("m_next").str.contains(r"^(?:\s[a-z]|,\s\d+,)"))
                    .then(pl.col("m_lead"))
                    .str.contains(latin(r"^[^,]*,\s+(?:\p{Lu}[\w.’'\-]*\s+){0,4}$"))
                )
            ).fill_null(False),
        )
        .drop("body", "sentence_id", "s_start", "m_lead", "m_next")
    )
    # a person named inside quoted words is spoken about, and no pronoun or role points back to them:
    # `“… so Tony Blair, Michael Howard and myself were all class of '83,” he said` is not Howard's
    quoted = (
        persons.select("article_id", "m_start", "m_end")
        # (in quote marks: a reported statement's subjects still speak on, `He said Smith would …`)
        .join(
            q.filter(pl.col("kind") != "indirect")
            .select("article_id", pl.col("start_char").alias("qs"), pl.col("end_char").alias("qe"))
            .unique(),
            on="article_id",
        )
        .filter((pl.col("m_start") >= pl.col("qs")) & (pl.col("m_end") <= pl.col("qe")))
        .select("article_id", "m_start")
        .unique()
    )
    persons = _stage(persons)
    persons = persons.join(quoted, on=["article_id", "m_start"], how="anti")
    # a name opening with an article is no one's (`The Lib Dems`, `The Da Vinci Code` read as people)
    persons = persons.join(
        entities.filter(pl.col("name").str.contains(r"^(?:The|A|An)\s")).select(m_entity="entity_id"),
        on="m_entity",
        how="anti",
    )
    # the person a quote's speaker names is a subject too, wherever the tagger put them (`…,"
    # Renaissance Capital energy analyst Adam Landes told Reuters. But he said`: Landes, not Miller),
    # when the name is the speaker's head: its last words, after no preposition (not `the director
    # behind JFK`, `the Spurs sporting director`)
    spoke = (
        named.filter(pl.col("named_person").is_not_null())
        # (with its reporting verb: not a name borrowed from a sentence before)
        .join(q.filter(pl.col("cue").is_not_null()).select(keys).unique(), on=keys)
        .join(spk.select(*keys, "speaker", "head_is_title"), on=keys)
        .select("article_id", "speaker_start", "speaker_end", "speaker", "head_is_title", m_entity="named_person")
        .join(persons.select("article_id", "m_entity", "m_start", "m_end"), on=["article_id", "m_entity"])
        .filter(
            (pl.col("m_start") >= pl.col("speaker_start"))
            & (pl.col("m_end") <= pl.col("speaker_end"))
            # (`Tory frontbencher Andrew Tyrie MP`; `Secretary of State John Kerry` is a title)
            & pl.col("speaker")
            .str.slice((pl.col("m_end") - pl.col("speaker_start")).clip(lower_bound=0))
            .str.contains(sp.AFTER_HEAD_NAME)
            & (
                pl.col("head_is_title")
                | ~pl.col("speaker")
                .str.slice(0, (pl.col("m_start") - pl.col("speaker_start")).clip(lower_bound=0))
                .str.contains(sp.PREPOSITION_IN_SPEAKER)
            )
        )
        .select("article_id", "m_start", spoke=pl.lit(True))
        .unique()
    )
    persons = (
        _stage(persons)
        .join(spoke, on=["article_id", "m_start"], how="left")
        .with_columns(is_subject=pl.col("is_subject") | pl.col("spoke").fill_null(False))
        .drop("spoke")
    )
    # `she` is not a person whose given name is clearly a man's, nor `he` a woman's
    given = entities.filter(pl.col("label") == "PERSON").select(
        pl.col("entity_id").alias("m_entity"), key=pl.col("name").str.extract(r"^(\S+)\s").str.to_lowercase()
    )
    # (a title or a word before their name tells it better than a given name: `Ms. Kim`; the mention's
    # own first, then the entity's, unless its mentions disagree: `Mr. Clinton` and `Mrs. Clinton` are two)
    titled_gender = (
        persons.filter(pl.col("m_gender").is_not_null())
        .group_by("m_entity")
        .agg(t_gender=pl.col("m_gender").first(), mixed=pl.col("m_gender").n_unique() > 1)
    )
    genders = given.join(given_name_genders().lazy(), on="key").select("m_entity", "gender")
    # (and a mention's own given name before its entity's: `John Schlafly`, linked to Phyllis Schlafly)
    given_gender = given_name_genders().lazy().select("key", own_gender="gender")
    persons = (
        persons.join(given_gender, left_on="m_given", right_on="key", how="left")
        .drop("m_given")
        .join(genders, on="m_entity", how="left")
        .join(titled_gender, on="m_entity", how="left")
        .with_columns(
            gender=pl.coalesce(
                "m_gender", "own_gender", pl.when(~pl.col("mixed").fill_null(False)).then("t_gender"), "gender"
            )
        )
        .drop("t_gender", "m_gender", "mixed", "own_gender")
    )
    pronoun_gender = (
        pl.when(spoken.is_in(["he", "him"]))
        .then(pl.lit("male"))
        .when(spoken.is_in(["she", "her"]))
        .then(pl.lit("female"))
    )
    back = (
        spk.filter(is_back)
        .with_columns(title_pat=title_pat, pronoun_gender=pronoun_gender)
        .join(_unnamed_before(spk, sentences, pronoun_gender), on=keys, how="left")
        .join(persons, on="article_id")
        .filter(pl.col("m_end") <= pl.col("speaker_start"))
        # `A spokeswoman said … She added`: the pronoun is hers, not a person named before her (one
        # written with that role before, for `the spokesman`, is the spokesman)
        .filter(
            pl.col("unnamed_at").is_null()
            | (pl.col("m_end") > pl.col("unnamed_at"))
            | pl.when(pl.col("unnamed_head").is_not_null()).then(
                pl.col("m_context").str.contains(pl.col("unnamed_head"), literal=True)
            )
        )
        .filter(
            pl.col("gender").eq_missing(pl.col("pronoun_gender"))
            | pl.col("gender").is_null()
            | pl.col("pronoun_gender").is_null()
        )
        # a role is the last person written with its title; when none was, the one a pronoun would be
        # (`The Indiana governor` for Mike Pence, never written `Gov. Pence`), but not for someone's
        # spokesman or director: they speak for the person before them
        # (`the chancellor` is not the shadow chancellor, unless written so)
        .with_columns(
            titled=pl.col("title_pat").is_null()
            | pl.col("m_context").str.contains(pl.col("title_pat"))
            & (~pl.col("m_context").str.contains("shadow", literal=True) | spoken.str.contains("shadow"))
        )
        .filter(
            pl.col("titled")
            | ~(pl.col("speaker").str.contains(sp.POSSESSOR_OF) | pl.col("speaker").str.contains("(?i)spokes"))
        )
        # the latest subject (one speaking, not whichever name came last), else the latest person named.
        # (Tried on PolNeAR train and left out: preferring people in the pronoun's paragraph and the two
        # before it, then the one the article names most, broke the chains of `he … he … he` that run
        # over paragraphs; preferring a person whose gender is known broke more than it mended.)
        .group_by(keys)
        .agg(
            back=pl.col("m_entity")
            .sort_by("titled", "is_subject", "m_end", "m_entity", descending=[True, True, True, False])
            .first()
        )
    )
    # `Trump, who has called …`: a relative pronoun's person is the name right before it
    antecedent = (
        spk.filter(pl.col("speaker").str.contains(r"^(?i:who)$"))
        .join(m.filter(person), on="article_id")
        .filter(pl.col("m_end").is_between(pl.col("speaker_start") - 3, pl.col("speaker_start")))
        .group_by(keys)
        .agg(antecedent=pl.col("m_entity").sort_by("m_end", "m_entity", descending=[True, False]).first())
    )
    # `The mayor of Paris, Anne Hidalgo, wrote`: a person apposed right after a speaker naming no one
    apposed = (
        spk.join(m.filter(person), on="article_id")
        .filter(pl.col("m_start").is_between(pl.col("speaker_end") + 1, pl.col("speaker_end") + 2))
        .join(articles.select("article_id", "body"), on="article_id")
        .filter(
            pl.col("body")
            .str.slice(pl.col("speaker_end"), pl.col("m_start") - pl.col("speaker_end"))
            .str.contains(r"^,\s?$")
        )
        .group_by(keys)
        .agg(apposed=pl.col("m_entity").sort_by("m_start", "m_entity").first())
    )
    # 3. a bare surname or "Mr. X" the mentions missed: the article's person whose name ends with it.
    ents = entities.filter(pl.col("label") == "PERSON").select(
        # lower-cased: a transcript writes `PENCE:`
        pl.col("entity_id").alias("s_entity"),
        pl.col("name").str.extract(r"(\S+)$").str.to_lowercase().alias("surname"),
    )
    # (of several people sharing the surname, the one the article names most, then first: Donald Trump,
    # not Eric Trump or the case `Trump v. Trump`; Carly Fiorina, not her husband Frank named later)
    in_article = (
        m.filter(person)
        .group_by("article_id", pl.col("m_entity").alias("s_entity"))
        .agg(n=pl.len(), first_start=pl.col("m_start").min())
    )
    surname = (
        spk.filter(pl.col("object_start").is_null() | pl.col("head_is_title"))
        .with_columns(surname=pl.col("speaker").str.extract(latin(r"(\p{Lu}[\w’'\-]+)$")).str.to_lowercase())
        .join(ents.join(in_article, on="s_entity"), on=["article_id", "surname"])
        .group_by(keys)
        .agg(by_surname=pl.col("s_entity").sort_by("n", "first_start", descending=[True, False]).first())
    )
    # ... or, for a lone surname that ends no name, whose name opens with it: a family name written
    # first (`Oh` for Oh Se-hoon, `He` for He Jianxiong)
    first_names = entities.filter((pl.col("label") == "PERSON") & pl.col("name").str.contains(r"\s")).select(
        pl.col("entity_id").alias("s_entity"), surname=pl.col("name").str.extract(r"^(\S+)").str.to_lowercase()
    )
    family_first = (
        spk.filter(pl.col("speaker").str.contains(SURNAME_ALONE))
        .with_columns(surname=pl.col("speaker").str.extract(latin(r"(\p{Lu}[\w’'\-]+)$")).str.to_lowercase())
        .join(first_names.join(in_article, on="s_entity"), on=["article_id", "surname"])
        .group_by(keys)
        .agg(by_family=pl.col("s_entity").sort_by("n", "first_start", descending=[True, False]).first())
    )
    return (
        q.join(named, on=keys, how="left", nulls_equal=False)
        .join(apposed, on=keys, how="left")
        .join(antecedent, on=keys, how="left")
        .join(back, on=keys, how="left")
        .join(surname, on=keys, how="left")
        .join(family_first, on=keys, how="left")
        # (a surname alone is the person's, not the place or body the tagger read it as: `Kasich` is
        # John Kasich; but `South Korea` is not `N. Korea`)
        .with_columns(
            speaker_entity_id=pl.coalesce(
                "named_person",
                pl.when(pl.col("speaker").str.contains(SURNAME_ALONE) & pl.col("other_inside")).then("by_surname"),
                "named_other",
                "apposed",
                "antecedent",
                "back",
                "by_surname",
                # (not a pronoun: `He` is He Jianxiong only written mid-sentence, as a name is)
                pl.when(~pl.col("speaker").str.contains(r"^(?:He|She)$") | pl.col("mid_sentence")).then("by_family"),
            )
        )
        .join(_not_a_speaker(q, mentions).with_columns(_place=pl.lit(True)), on=keys, how="left")
        .join(_missed_names(q), on=keys, how="left")
        .with_columns(missed_name=pl.when(pl.col("speaker_entity_id").is_null()).then("missed_name"))
        # A sentence's opening words are a speaker only if they name someone or are a pronoun; a place,
        # a date or a work never is (the name and parse fallbacks have had their turn: see `_mark_weak`).
        .with_columns(
            _drop=(
                (pl.col("rule") == "subject")
                & pl.col("speaker_entity_id").is_null()
                & pl.col("missed_name").is_null()
                & ~pl.col("speaker").str.contains(_PERSONAL)
                # `Gowdy’s office` names Gowdy's office, `Leaders of the group` its leaders, though no one in person
                & ~pl.col("speaker").str.contains(sp.POSSESSOR_OF)
                & pl.col("object_start").is_null()
            )
            | pl.col("_place").fill_null(False)
        )
        .with_columns(
            pl.when("_drop").then(None).otherwise(pl.col(c)).alias(c) for c in [*SPEAKER_FIELDS, "speaker_entity_id"]
        )
        .drop("_place", "_drop")
        .join(
            entities.select(pl.col("entity_id").alias("speaker_entity_id"), pl.col("name").alias("speaker_name")),
            on="speaker_entity_id",
            how="left",
        )
        .with_columns(
            speaker_name=pl.coalesce("speaker_name", pl.when(pl.col("speaker").is_not_null()).then("missed_name"))
        )
        .drop("missed_name")
    )


def _missed_names(q: pl.LazyFrame) -> pl.LazyFrame:
    """`missed_name` for a speaker with a reporting verb, for when no entity resolves it, that is
    written as a name (`,” Poulter added`, `Oh said`: a surname the tagger missed; see
    `_written_as_a_name`), the person's name: a given name and that surname written elsewhere in
    the article (`Ian Poulter`), else the name as written, without a courtesy title.

    In: the quote frame with `mid_sentence`, `cue`, `body`. Out: `article_id`, `speaker_start`,
    `speaker_end`, `missed_name`: one row per speaker that has one."""
    keys = ["article_id", "speaker_start", "speaker_end"]
    candidate = pl.col("cue").is_not_null() & pl.col("speaker").is_not_null()
    # (read by several branches below)
    q = _stage(q.filter(candidate).unique(keys))
    # (the whole speaker, but for a courtesy title: not a name inside a longer one, `a spokesman for X`)
    named = (
        _written_as_a_name(q, keys)
        .join(q.select(*keys, "speaker"), on=keys)
        .filter(pl.col("speaker").str.replace(r"^(?:Mr|Mrs|Ms|Dr)\.?\s+", "") == pl.col("name"))
        .select(*keys, missed_name="name")
    )
    q = q.join(named, on=keys, how="left")
    # a given name and the surname written together elsewhere in the article: the person's full name
    given = census_names().lazy().filter("given").select("key")
    surnames = q.filter(pl.col("missed_name").is_not_null() & ~pl.col("missed_name").str.contains(r"\s"))
    # (each body read once, however many of its speakers need it)
    written = (
        surnames.select("article_id", "body")
        .unique("article_id")
        .select("article_id", found=pl.col("body").str.extract_all(_FULL_NAME))
    )
    full = (
        surnames.select(*keys, "missed_name")
        .join(written, on="article_id")
        .explode("found")
        .with_columns(
            first=pl.col("found").str.extract(r"^(\S+)").str.to_lowercase(),
            found=pl.col("found").str.replace(r"\s+", " "),
        )
        .filter(pl.col("found").str.ends_with(" " + pl.col("missed_name")))
        .join(given, left_on="first", right_on="key", how="semi")
        .group_by(*keys, "found")
        .agg(n=pl.len())
        .group_by(keys)
        .agg(full_name=pl.col("found").sort_by("n", "found", descending=[True, False]).first())
    )
    return (
        q.join(full, on=keys, how="left")
        .filter(pl.col("missed_name").is_not_null())
        # (`Podliska’s` speaks through what he owns: his name is Podliska)
        .select(*keys, missed_name=pl.coalesce("full_name", "missed_name").str.replace(r"[’']s$", ""))
    )


# The engine to collect `quotes(...)` with: the plan is many small joins and window-free
# selects over a few thousand rows per batch, where the in-memory engine is about 1.5-2x faster
# than the default streaming one (same rows; measured on PolNeAR dev).
ENGINE: Literal["in-memory"] = "in-memory"


def _stage(lf: pl.LazyFrame) -> pl.LazyFrame:
    """One stage's rows, computed now: each stage feeds several window passes and joins in the
    next, so its rows are needed once, whole. Collecting here instead of caching inside one plan
    also spares the optimiser a plan of some 400 expressions: about 0.1 s less CPU per call on
    PolNeAR dev (of 0.6-0.7 s), same rows."""
    return lf.collect(engine=ENGINE).lazy()


def quotes(
    articles: pl.LazyFrame,
    sentences: pl.LazyFrame,
    mentions: pl.LazyFrame,
    entities: pl.LazyFrame,
    parse: bool = True,
    reported: str | None = "parse",
) -> pl.LazyFrame:
    """Quotes with their speakers, one row per quoted passage. The stages up to the speakers'
    resolution run on the call (see `_stage`); the frame returned holds the rest.

    :param articles: `article_id`, `body`.
    :param sentences: `article_id`, `sentence_id`, `paragraph_id`, `section`, `is_heading`,
        `start_char`, `end_char`, `text` (body offsets).
    :param mentions: `article_id`, `sentence_id`, `start_char`, `end_char`, `text`, `label`, `entity_id`.
    :param entities: `entity_id`, `name` (fullest form in the article), `label`.
    :param parse: parse the sentences of quotes the patterns leave unattributed (spaCy's parser).
    :param reported: reported speech (`kind` indirect) from spaCy's parse (`parse`), from patterns
        without a model (`patterns`), or none (None); see `transforms.reported`.
    :returns: `quote_id` (stable hash of article_id, start_char, end_char), `article_id`, `sentence_id`,
        `start_char`, `end_char` (the quoted words without marks, or the reported content), `text`,
        `kind` (direct | partial | indirect), `speaker` (as written, null when none), `speaker_start`,
        `speaker_end`, `cue`, `speaker_entity_id`, `speaker_name`, `part_of_quote_id` (the statement
        a quote continues or lies in), `attribution` (the rule that chose the speaker).
    """
    ids = [pl.col("article_id").cast(pl.String), pl.col("entity_id").cast(pl.String)]
    mentions = mentions.with_columns(ids[0], ids[1], pl.col("label").cast(pl.String))
    entities = entities.with_columns(ids[1], pl.col("name", "label").cast(pl.String))
    # paragraphs feed the quote marks and three joins
    paras = _stage(_paragraph_frame(articles, sentences))
    spans = quote_spans(_paragraphs(paras))
    q = _attach_windows(spans, sentences, paras).filter(~_names_a_work_or_nickname()).with_columns(kind=_kind())
    q = _mark_weak(_stage(_inherit(_stage(own_speaker(q)))), mentions)
    # a name in the sentence for quotes with no speaker; a weak sentence opening waits for the
    # parse, which reads `Small groups of protesters … while chanting` where the names are objects
    q = _stage(_named_in_sentence(q, mentions, pl.col("speaker").is_null()))
    if parse:
        q = _stage(_parsed(q))
    weak_left = pl.col("weak") & (pl.col("rule") != "parse")
    q = _named_in_sentence(q, mentions, pl.col("speaker").is_null() | weak_left)
    q = _stage(q.with_columns(attribution=_attribution()))
    if reported is not None:
        q = pl.concat([q, _reported(q, articles, sentences, reported)], how="diagonal_relaxed")
        q = pl.concat([q, _rest_of_sentence(_stage(q), sentences)], how="diagonal_relaxed")
    # (each `_stage` below also keeps the optimiser from running the resolution once for every
    # branch that reads its rows: `_plural_speakers` and `_part_of` read them three times each)
    q = _stage(_resolve(_stage(_headed(_possessed(q))), articles, sentences, mentions, entities))
    q = _stage(_plural_speakers(q, sentences, mentions, entities))
    # (a row whose speaker the resolution dropped has no rule that attributed it)
    q = q.with_columns(attribution=pl.when(pl.col("speaker").is_not_null()).then("attribution"))
    # blake2b, not Polars' hash: ids must survive a Polars upgrade
    quote_id = stable_id("article_id", "start_char", "end_char")
    return (
        q.with_columns(quote_id=quote_id, sentence_id=pl.col("sentence_id"))
        .pipe(_part_of)
        .select(OUT_COLUMNS)
        # (a total order: rows starting together come in the same order on every run)
        .sort("article_id", "start_char", "end_char", "quote_id")
    )


# a sentence opening with people joined by `and`: `French President Macron and Canadian Prime Minister Mark Carney`
_COORDINATED_OPENING = latin(r"^((?:(?:\p{Lu}[\w.’'\-]*|and)\s+){3,12})")


def _plural_speakers(
    q: pl.LazyFrame, sentences: pl.LazyFrame, mentions: pl.LazyFrame, entities: pl.LazyFrame
) -> pl.LazyFrame:
    """Speakers who are several people. A `they` speaking is the people the sentence before it opens
    with, when it opens with two or more persons joined by `and` (`Macron and Carney reaffirmed ….
    They cautioned that …`): `speaker_name` names them all ("Emmanuel Macron and Mark Carney"),
    `speaker_entity_id` is null (no one entity), `attribution` is `pronoun-previous-subject`. A
    speaker written as two or more persons joined by `and` is named the same way.

    In: the resolved quote frame (`sentence_id`, the speaker fields), `sentences`, `mentions`,
    `entities`. Out: the same frame.
    """
    persons = mentions.filter(pl.col("label") == "PERSON").select(
        "article_id",
        "sentence_id",
        m_start="start_char",
        m_end="end_char",
        entity_id=pl.col("entity_id").cast(pl.String),
    )
    names = entities.select(pl.col("entity_id").cast(pl.String), "name")

    def named_together(people: pl.LazyFrame, by: list[str]) -> pl.LazyFrame:
        """Per group of `by`, the names of two or more people, in order: "A and B", "A, B and C"."""
        joined = pl.col("name").list.join(" and ").str.replace(r" and ([^,]+) and ", ", ${1} and ")
        return (
            people.join(names, on="entity_id")
            .group_by(by)
            .agg(pl.col("name").sort_by("m_start").unique(maintain_order=True))
            .filter(pl.col("name").list.len() >= 2)
            .select(*by, names=joined)
        )

    opening = sentences.select(
        "article_id", "sentence_id", "start_char", lead=pl.col("text").str.extract(_COORDINATED_OPENING, 1)
    ).filter(pl.col("lead").str.contains(r"\sand\s"))
    in_opening = opening.join(persons.drop("m_end"), on=["article_id", "sentence_id"]).filter(
        pl.col("m_start") < pl.col("start_char") + pl.col("lead").str.len_chars()
    )
    # (keyed on the sentence after: the one whose `they` they are)
    subjects = named_together(in_opening, ["article_id", "sentence_id"]).select(
        "article_id", pl.col("sentence_id") + 1, plural_name="names"
    )
    they = pl.col("speaker").str.to_lowercase().is_in(["they", "they have", "they had"])
    found = they & pl.col("plural_name").is_not_null() & pl.col("speaker_entity_id").is_null()
    # a speaker naming two or more people joined by `and` is all of them (`French President Macron and
    # Canadian Prime Minister Mark Carney emphasized`), not the last one named; not the object after
    # a head (`Attorneys for Clinton and Kaine`)
    keys = ["article_id", "speaker_start", "speaker_end"]
    in_speaker = (
        q.filter(pl.col("speaker").str.contains(r"\sand\s"))
        .select(*keys, "object_start")
        .unique(keys)
        .join(persons.drop("sentence_id"), on="article_id")
        .filter(
            (pl.col("m_start") >= pl.col("speaker_start"))
            & (pl.col("m_end") <= pl.col("speaker_end"))
            & (pl.col("m_start") < pl.col("object_start")).fill_null(True)
        )
    )
    together = named_together(in_speaker, keys).rename({"names": "together"})
    return (
        q.join(subjects, on=["article_id", "sentence_id"], how="left")
        .join(together, on=keys, how="left")
        .with_columns(
            speaker_name=pl.when(found)
            .then("plural_name")
            .when(pl.col("together").is_not_null())
            .then("together")
            .otherwise("speaker_name"),
            speaker_entity_id=pl.when(pl.col("together").is_not_null()).then(None).otherwise("speaker_entity_id"),
            attribution=pl.when(found).then(pl.lit("pronoun-previous-subject")).otherwise("attribution"),
        )
        .drop("plural_name", "together")
    )


def _attribution() -> pl.Expr:
    """The rule that chose the speaker: the stage's (ATTRIBUTION) or the rule's next to the quote marks
    (`rule_name`); null for a quote with none. A speaker carried over from the quote before without a
    rule of its own is inherited too."""
    stage = pl.col("rule").is_in(["named", "parse", "inherited"]).fill_null(False)
    inherited = pl.col("inherited").fill_null(False) & ~stage
    return (
        pl.when(pl.col("speaker").is_null())
        .then(None)
        .when(inherited)
        .then(pl.lit(ATTRIBUTION["inherited"]))
        .when(stage)
        .then(pl.col("rule").replace_strict(ATTRIBUTION, default=None))
        .otherwise("rule_name")
    )


def _reported(q: pl.LazyFrame, articles: pl.LazyFrame, sentences: pl.LazyFrame, mode: str) -> pl.LazyFrame:
    """Reported statements (`transforms.reported`) as rows of the quote frame, `kind` indirect.

    Only sentences with a reporting verb and no direct quote are read (`candidate_sentences`); a
    statement that is mostly a quote's words is that quote (`said “the plan is dead.”`), whose row stands.
    In: the quote frame so far, with `kind`, `start_char`, `end_char`. Out: the statements, with
    the columns the speaker resolution reads (`body`, `pstart`, `rule`, the speaker fields).
    """
    if mode not in REPORTED_MODES:
        raise ValueError(f"reported speech mode must be one of {REPORTED_MODES}, not {mode!r}")
    direct = q.filter(pl.col("kind") == "direct").select("article_id", "start_char", "end_char")
    candidates = candidate_sentences(sentences, direct).collect(engine=ENGINE)
    statements = parsed_statements(candidates) if mode == "parse" else pattern_statements(candidates)
    sents = sentences.select("article_id", "sentence_id", "paragraph_id", "start_char", "end_char")
    paras = sents.group_by("article_id", "paragraph_id").agg(
        pstart=pl.col("start_char").min(), pend=pl.col("end_char").max()
    )
    found = (
        statements.lazy()
        .join(sents.select("article_id", "sentence_id", "paragraph_id"), on=["article_id", "sentence_id"])
        .join(paras, on=["article_id", "paragraph_id"])
        # what a colon introduces runs to the end of its paragraph (`He added: … . …`), but for its stop
        .with_columns(end_char=pl.when(pl.col("rule") == "cue-before-colon").then("pend").otherwise("end_char"))
        .drop("pend")
        .join(articles.select("article_id", "body"), on="article_id")
        .with_columns(
            end_char=pl.col("start_char")
            + _slice(pl.col("body"), pl.col("start_char"), pl.col("end_char"))
            .str.strip_chars_end(" \n\t.,;:")
            .str.len_chars()
            .cast(pl.Int64)
        )
    )
    key = ["article_id", "start_char", "end_char"]
    # (a statement mostly in a direct quote is that quote's; one that is a partial quote's words and
    # little more, `said “the plan is dead.”`, is that quote: its row stands)
    marked = q.select(
        "article_id",
        "start_char",
        "end_char",
        share=pl.when(pl.col("kind") == "direct").then(pl.lit(0.5)).otherwise(pl.lit(0.9)),
    )
    inside_direct = (
        found.select(key)
        .join(marked.select("article_id", "share", d0="start_char", d1="end_char"), on="article_id")
        .filter((pl.col("d0") < pl.col("end_char")) & (pl.col("d1") > pl.col("start_char")))
        .filter(
            pl.min_horizontal("d1", "end_char") - pl.max_horizontal("d0", "start_char")
            >= pl.col("share") * (pl.col("end_char") - pl.col("start_char"))
        )
        .select(key)
        .unique()
    )
    return (
        found.join(inside_direct, on=key, how="anti")
        # (a statement found twice, by two cues, is one row: the first cue's)
        .unique(key, keep="first", maintain_order=True)
        .with_columns(
            text=_slice(pl.col("body"), pl.col("start_char"), pl.col("end_char")),
            kind=pl.lit("indirect"),
            open_char=pl.col("start_char"),
            attribution=pl.lit("reported-") + pl.col("rule"),
            rule=pl.lit("reported"),
            weak=pl.lit(False),
        )
    )


def _rest_of_sentence(q: pl.LazyFrame, sentences: pl.LazyFrame) -> pl.LazyFrame:
    """Statements running from a partial quote's cue to the end of its sentence, where no reported
    statement holds the quote yet (`released an ad calling it “dangerous” that Obama “has no
    strategy”`): the quoted words are a piece of what the speaker is reported to say.

    In: the quote frame with the reported statements (`kind`, the speaker fields, `cue`, `body`).
    Out: new `indirect` rows (`attribution` `reported-rest-of-sentence`), the partial quotes' speakers.
    """
    key = ["article_id", "start_char", "end_char"]
    statements = q.filter(pl.col("kind") == "indirect").select("article_id", s0="start_char", s1="end_char")
    partial = q.filter(
        (pl.col("kind") == "partial") & pl.col("cue").is_not_null() & (pl.col("speaker_end") <= pl.col("start_char"))
    )
    held = (
        partial.select(key)
        .join(statements, on="article_id")
        .filter((pl.col("start_char") >= pl.col("s0") - 1) & (pl.col("end_char") <= pl.col("s1") + 1))
        .select(key)
        .unique()
    )
    sents = sentences.select("article_id", "sentence_id", sent_start="start_char", sent_end="end_char")
    between = _slice(pl.col("body"), pl.col("speaker_end"), pl.col("start_char"))
    return (
        partial.join(held, on=key, how="anti")
        .join(sents, on=["article_id", "sentence_id"])
        .filter(pl.col("speaker_start") >= pl.col("sent_start"))
        .with_columns(cue_at=pl.col("speaker_end") + between.str.find(pl.col("cue"), literal=True).cast(pl.Int64))
        .filter(pl.col("cue_at").is_not_null())
        .with_columns(
            _rest=_slice(
                pl.col("body"), pl.col("cue_at") + pl.col("cue").str.len_chars().cast(pl.Int64), pl.col("sent_end")
            )
        )
        .with_columns(
            start_char=pl.col("sent_end")
            - pl.col("_rest").str.len_chars().cast(pl.Int64)
            + pl.col("_rest").str.extract(r"^(\s*(?:that\s+)?)", 1).str.len_chars().cast(pl.Int64),
            end_char=pl.col("sent_end")
            - pl.col("_rest").str.len_chars().cast(pl.Int64)
            + pl.col("_rest").str.replace(r"[\s,;:.]+$", "").str.len_chars().cast(pl.Int64),
        )
        .filter(pl.col("end_char") - pl.col("start_char") > pl.col("text").str.len_chars() + 3)
        .with_columns(
            text=_slice(pl.col("body"), pl.col("start_char"), pl.col("end_char")),
            kind=pl.lit("indirect"),
            open_char=pl.col("start_char"),
            attribution=pl.lit("reported-rest-of-sentence"),
            rule=pl.lit("reported"),
            joins_prev=pl.lit(False),
        )
        .drop("_rest", "cue_at", "sent_start", "sent_end")
        .unique(key, keep="first")
        # (a span some row has already, a statement the parse found too, is that row: ids stay unique)
        .join(q.select(key), on=key, how="anti")
    )


def _part_of(q: pl.LazyFrame) -> pl.LazyFrame:
    """Add `part_of_quote_id`: the statement a row belongs to, so that a statement counts once.

    A quote continuing the one before it (`joins_prev`: `“A,” she said. “B.”`, an interrupted
    quote, the next paragraph of an open one) and the quote it continues form one statement,
    represented by its longest passage: the others point to that one. A quote or
    partial quote inside a reported statement (`He said the plan was a “disaster”`) to the statement.
    """
    quoted = pl.col("kind") != "indirect"
    joins = quoted & pl.col("joins_prev").fill_null(False)
    order = ["start_char"]
    run = (~joins).cum_sum().over("article_id", order_by=order)
    # a statement is represented by its longest passage (what a reader of one row should see)
    length = pl.col("end_char") - pl.col("start_char")
    # (the first of equal lengths: the same head on every run)
    head = pl.col("quote_id").sort_by(length, "start_char", descending=[True, False]).first().over("article_id", "_run")
    statements = q.filter(~quoted).select(
        "article_id", "speaker_start", "cue", s0="start_char", s1="end_char", statement="quote_id"
    )
    inside = (
        q.filter(quoted)
        .select(
            "article_id",
            "quote_id",
            "start_char",
            "end_char",
            q_speaker="speaker_start",
            q_cue="cue",
            partial=pl.col("kind") == "partial",
        )
        .join(statements, on="article_id")
        # (the marks of a quote inside a statement may stand just outside its content); a partial
        # quote of the same speaker and cue is the same statement, where the parse ended its clause
        # early (`said that Rubio was “a lightweight” while Cruz is “a basket case”`)
        .filter(
            (pl.col("start_char") >= pl.col("s0") - 1) & (pl.col("end_char") <= pl.col("s1") + 1)
            | pl.col("partial") & (pl.col("q_speaker") == pl.col("speaker_start")) & (pl.col("q_cue") == pl.col("cue"))
        )
        .group_by("quote_id")
        # (the first statement holding it; ties by end and id: the same on every run)
        .agg(pl.col("statement").sort_by("s0", "s1", "statement").first())
    )
    return (
        q.with_columns(_run=pl.when(quoted).then(run))
        .with_columns(_head=pl.when(quoted & (pl.col("_run").count().over("article_id", "_run") > 1)).then(head))
        .with_columns(_head=pl.when(pl.col("_head") != pl.col("quote_id")).then("_head"))
        .join(inside, on="quote_id", how="left")
        .with_columns(part_of_quote_id=pl.coalesce("_head", "statement"))
        .drop("_run", "_head", "statement")
    )
