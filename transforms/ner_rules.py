"""Rules around named-entity spans: clean a model's spans, and find spans without a model.

`refine_spans` applies general newsroom conventions to any raw span (from spaCy or from the rules):
a leading "the" is not part of a name, a title ("President", "Mr") goes to a `title` column
rather than into the span, a possessive "'s" is dropped, and a country, state or big city is a
GPE whatever the model guessed. `rule_spans` proposes capitalised sequences and labels them from
the gazetteer and word lists, for bulk runs where the model is too slow.
"""

from __future__ import annotations

from functools import lru_cache

import polars as pl

from transforms.gazetteer import (
    BIG_CITY_POPULATION,
    census_names,
    common_words,
    demonyms,
    normalise_name,
    person_names,
    places,
)
from transforms.sorted_keys import in_sorted, sorted_unique
from transforms.word_lists import words

# Titles that come before a person's name, several words first (transforms/data/speaker_words.toml [names])
PERSON_TITLES: list[str] = words()["names"]["person_titles"]
# Titles that only ever precede a person: a span they open is a PERSON whatever the model said
HONORIFICS: list[str] = words()["names"]["honorifics"]
_TITLE = "|".join(PERSON_TITLES)
_HONORIFIC = "|".join(HONORIFICS)
# A title with its optional dot and optional lower-case qualifier before it ("former President").
_QUALIFIER = r"(?:(?:former|then|late|acting|new|outgoing|incoming)\s+)?"
_TITLE_RUN = rf"{_QUALIFIER}(?:(?:{_TITLE})\.?\s+)+"

# Capitalised words at a sentence start or in headlines that are not names.
STOPWORDS = """A An And As At But By For From He Her His How I If In Into It Its Last Meanwhile Mon
My No Not Now Of On Once One Or Our Over She So Some That The Their Then There These They This Those
Though To Under Until Up We What When Where Which While Who Why With Yet You Your After Before Also
Although Because Both During Each Even Every Here However Many More Most Much Next Only Other Since
Such Than Thus Today Tomorrow Yesterday Tonight According Among Despite Earlier Later Instead Despite
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
August September October November December""".split()
# Acronyms that are not organisations or places.
COMMON_ACRONYMS = """CEO CFO CTO COO CIO GDP GNP VAT TV PC DNA RNA HIV AIDS CD DVD MP MPS USB GPS SMS PIN
ATM IPO RSS API CPU GPU RAM ROM FAQ PDF HTML HTTP URL WWW LGBT LGBTQ CCTV SUV UFO VIP BBQ ASAP GMT BST
EST PST UTC CET AM PM BC AD BCE CE DIY FYI LOL OMG PHD MBA IQ HQ PR NB PS RIP SOS TBA TBC ETA MRI CT ECG
IVF STD COVID SARS MERS EBOLA OK ID OBE MBE CBE KBE QC AKA RPG FPS NFT ESG KPI ROI B2B AI VR AR IT TBD""".split()
# Last words that make a capitalised sequence an organisation.
ORG_WORDS = """Inc Ltd Corp Corporation Co Company Group Holdings Bank Association Council Committee
Commission Agency Authority Department Ministry Office Bureau Service Services University College
School Institute Foundation Trust Party Union Federation League Club Society Board Court Parliament
Congress Senate Assembly Police Army Navy Force Forces Airlines Airways Times Post News Press
Network Media Organisation Organization Fund Team United FC Institution Museum Hospital Centre Center
Government Administration Industries Partners Labs Motors Systems Technologies""".split()
_STOP = "|".join(STOPWORDS)
# An organisation word, or one with a plural `s`, as a word of a name whose words one space parts
# (a regex: splitting every span into a list of words cost more than the rest of the labelling).
_ORG_WORD_IN = rf"(?:^| )(?:{'|'.join(ORG_WORDS)})s?(?: |$)"
# Prepositions that introduce places rather than people.
_PLACE_PREPOSITIONS = "in|at|from|near|outside|into|across|around|throughout|toward|towards|via"
# Labels of places: these entities get country and coordinates from the gazetteer.
PLACE_LABELS = ["GPE", "LOC", "FAC"]

# A name word: an initial or abbreviation with its dot, an acronym, or a capitalised word.
_WORD = (
    r"(?:(?:\p{Lu}\.){2,}|\p{Lu}\.|(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Inc|Ltd|Co|Corp|Gen|Sen|Rep|Gov|Prof|Rev|Lt|Col|Capt|Sgt)\."
    r"|\p{Lu}[\p{L}\p{M}\p{N}'’\-]*)"
)
# Lower-case words that begin surnames ("de Gaulle", "van Gogh", "al-Assad" has its own hyphen).
_PARTICLE = "de|del|della|da|di|do|dos|das|du|van|von|der|den|ter|ten|la|le|el|al|bin|ibn"
_CONNECT = r"(?:of(?: the)?|de|del|della|da|di|do|dos|van|von|der|den|du|la|le|al|bin|ibn|&)"
_CANDIDATE = rf"{_WORD}(?:[ ](?:{_CONNECT}[ ])?{_WORD})*"
# Non-capitals then a candidate: successive matches tile the text, so cumulative lengths are offsets.
_TILE = rf"[^\p{{Lu}}]*{_CANDIDATE}"


# What `refine_spans` reads around a span: a title before it, a regnal number or a stop after it.
_BEFORE_CHARS = 40
_AFTER_CHARS = 12


def _near_spans(spans: pl.DataFrame) -> pl.DataFrame:
    """Each span's paragraph cut down to the span with `_BEFORE_CHARS` characters before it and
    `_AFTER_CHARS` after, `para_start`, `start` and `end` moved to match (same body offsets).

    `str.slice` counts characters from the start of the string, so slicing a whole paragraph costs
    as much as the span's offset in it; `refine_spans` slices a dozen times per span, but never
    beyond these margins (it only trims a span, or widens it by a `He ` before or a regnal number
    after), so the slices read a few dozen characters instead.
    In: `para_start`, `para_text`, `start`, `end` (more columns kept). Out: the same columns.
    """
    cut = (pl.col("start") - _BEFORE_CHARS).clip(lower_bound=0)
    return spans.with_columns(
        para_text=pl.col("para_text").str.slice(cut, pl.col("end") + _AFTER_CHARS - cut),
        para_start=pl.col("para_start") + cut,
        start=pl.col("start") - cut,
        end=pl.col("end") - cut,
    )


def refine_spans(spans: pl.DataFrame) -> pl.DataFrame:
    """Apply span conventions and gazetteer labels.

    In: `article_id`, `para_start` (paragraph offset in the body), `para_text`, `start`, `end`
    (span offsets within the paragraph), `label`.
    Out: `article_id`, `start_char`, `end_char` (offsets into the body), `text`, `label`, `title`
    (the title before the name, null if none); spans that trim to nothing are dropped.
    """
    raw = pl.col("para_text").str.slice(pl.col("start"), pl.col("end") - pl.col("start"))
    det = pl.col("raw").str.extract(r"^((?:the|The|THE)\s+)[\p{Lu}\p{N}]", 1)
    title_run = pl.col("raw").str.extract(rf"^(?:(?:the|The|THE)\s+)?({_TITLE_RUN})[\p{{Lu}}\p{{N}}]", 1)
    # Only a person's span loses its title, or any span an honorific opens ("General Motors" stays).
    # (`_det`, `_run` and `_title_ok` are columns, not repeated expressions: an eager frame does not
    # share common subexpressions, so each use would run the title regex again)
    run = pl.col("_run")
    title_ok = (pl.col("label") == "PERSON") | run.str.contains(rf"^{_QUALIFIER}(?:{_HONORIFIC})\.?\s")
    lead = pl.when("_title_ok").then(pl.concat_str(pl.col("_det").fill_null(""), run)).otherwise("_det")
    title_inside = pl.when("_title_ok").then(run.str.replace(rf"^{_QUALIFIER}", ""))
    before_start = (pl.col("start") - _BEFORE_CHARS).clip(lower_bound=0)
    before = pl.col("para_text").str.slice(before_start, pl.col("start") - before_start)
    title_before = pl.col("before").str.extract(rf"(?:^|[^\p{{L}}])((?:{_TITLE})\.?(?:\s+(?:{_TITLE})\.?)*)\s+$", 1)
    honorific = rf"^(?:{_HONORIFIC})\.?(?:\s|$)"
    out = (
        _near_spans(spans)
        .with_columns(raw=raw, before=before)
        .with_columns(_det=det, _run=title_run)
        .with_columns(_title_ok=title_ok)
        .with_columns(
            lead_len=lead.str.len_chars().fill_null(0).cast(pl.Int64),
            tail_len=pl.col("raw")
            .str.extract(r"((?:['’]s?)?[\s,;:]*)$", 1)
            .str.len_chars()
            .fill_null(0)
            .cast(pl.Int64),
            title=pl.coalesce(title_inside, title_before),
        )
        .drop("_det", "_run", "_title_ok")
        .with_columns(
            start=pl.col("start") + pl.col("lead_len"),
            end=pl.max_horizontal(pl.col("end") - pl.col("tail_len"), pl.col("start") + pl.col("lead_len")),
        )
        .with_columns(text=pl.col("para_text").str.slice(pl.col("start"), pl.col("end") - pl.col("start")))
        # ... nor with a mark or a dash the model took in with it (`―\xa0Jacklyn Ashley`: no space between)
        .with_columns(
            start=pl.min_horizontal(
                pl.col("start")
                + pl.col("text").str.extract(r"^([^\p{L}\p{N}@#]+)", 1).str.len_chars().fill_null(0).cast(pl.Int64),
                pl.col("end"),
            )
        )
        .with_columns(text=pl.col("para_text").str.slice(pl.col("start"), pl.col("end") - pl.col("start")))
        # A name starts and ends with a capitalised word: lower-case words at its edges ("east Delhi",
        # "Ontario city", "Seychelles and"), an unclosed bracket and a dash after a space ("Kanye West -")
        # are left out; particles stay.
        .with_columns(
            lead_len=pl.col("text").str.extract(r"^((?:\p{Ll}+\s+)+)\S", 1).str.len_chars().fill_null(0).cast(pl.Int64),
            particle=pl.col("text").str.contains(rf"^(?:{_PARTICLE})\s"),
            tail_len=pl.col("text")
            .str.extract(r"\S((?:\s+\p{Ll}+|\s*\([^)]*|[\s,;:]+|\s+[\-–—―]+)+)$", 1)
            .str.len_chars()
            .fill_null(0)
            .cast(pl.Int64),
        )
        .with_columns(
            start=pl.min_horizontal(
                pl.col("start") + pl.when(pl.col("particle")).then(0).otherwise(pl.col("lead_len")), pl.col("end")
            ),
        )
        .with_columns(end=pl.max_horizontal(pl.col("end") - pl.col("tail_len"), pl.col("start")))
        .with_columns(text=pl.col("para_text").str.slice(pl.col("start"), pl.col("end") - pl.col("start")))
        .filter(pl.col("text").str.contains(r"\p{L}|\p{N}") & (pl.col("end") > pl.col("start")))
        .with_columns(key=normalise_name(pl.col("text")))
        .filter(~pl.col("key").str.to_uppercase().is_in(COMMON_ACRONYMS))
        .join(places().select("key", "place_kind", "population"), on="key", how="left")
        .join(demonyms().with_columns(demonym=pl.lit(True)), on="key", how="left")
        .join(person_names().with_columns(person_name=pl.lit(True)), on="key", how="left")
        .join(
            person_names().filter("given").select(first_key="key", given_first="given"),
            how="left",
            left_on=pl.col("key").str.extract(r"^(\S+) \S", 1),
            right_on="first_key",
        )
        .with_columns(
            # A nationality adjective ("Ukrainian", "Chinese") is a NORP, not a place or a person.
            label=pl.when(pl.col("demonym").fill_null(False))
            .then(pl.lit("NORP"))
            .when(
                pl.col("title").str.contains(honorific)
                & ~pl.col("label").is_in(["PERSON"])
                & pl.col("place_kind").is_null()
                & (pl.col("text").str.count_matches(r"\s+") <= 2)
            )
            .then(pl.lit("PERSON"))
            # A country or state is a GPE whatever the model guessed; so is a big city,
            # except as an ORG, which is often a club or a government ("Liverpool beat Chelsea").
            .when(
                pl.col("title").is_null()
                & (
                    pl.col("place_kind").is_in(["country", "state"])
                    & pl.col("label").is_in(["PERSON", "ORG", "LOC", "FAC", "NORP", "PRODUCT", "WORK_OF_ART"])
                    | (pl.col("place_kind") == "city")
                    & (pl.col("population") >= BIG_CITY_POPULATION)
                    & pl.col("label").is_in(["PERSON", "LOC", "FAC", "NORP", "PRODUCT", "WORK_OF_ART"])
                    # Any known town after a place preposition ("born in Tarragona"), where a
                    # surname that is also a town ("Clinton", "Wright") rarely stands.
                    | (pl.col("place_kind") == "city")
                    & (pl.col("label") == "PERSON")
                    & pl.col("before").str.contains(rf"(?:^|\s)(?:{_PLACE_PREPOSITIONS})\s+$")
                )
            )
            .then(pl.lit("GPE"))
            # The small model calls many lone surnames organisations ("Spielberg's films"); a lone
            # word that is a known given name or surname, not a place and not in capitals, is a person.
            .when(
                (pl.col("label") == "ORG")
                & pl.col("person_name").fill_null(False)
                & pl.col("place_kind").is_null()
                & pl.col("text").str.contains(r"^\p{Lu}\p{Ll}[\p{L}'’\-]*$")
                & ~pl.col("text").is_in(ORG_WORDS)
            )
            .then(pl.lit("PERSON"))
            # So is a two- or three-word "organisation" that opens with a given name ("Susan
            # Lindqvist") and has no organisation word ("Jackson Administrations") or place in it.
            .when(
                (pl.col("label") == "ORG")
                & pl.col("given_first").fill_null(False)
                & pl.col("place_kind").is_null()
                & pl.col("text").str.contains(r"^\p{Lu}\p{Ll}+(?: \p{Lu}[\p{L}'’\-]+){1,2}$")
                & ~pl.col("text").str.contains(_ORG_WORD_IN)
            )
            .then(pl.lit("PERSON"))
            .otherwise(pl.col("label"))
        )
        # A place's region after a comma is a place, not a person: `Kingston, Ont.`, `Portland, Ore.`
        # (one short capitalised word and its abbreviating stop, after a capitalised word and a comma)
        .with_columns(
            label=pl.when(
                (pl.col("label") == "PERSON")
                & pl.col("text").str.contains(r"^\p{Lu}\p{Ll}{1,4}$")
                & (pl.col("para_text").str.slice(pl.col("end"), 1) == ".")
                & pl.col("before").str.contains(r"\p{Lu}[\p{L}.]+,\s$")
            )
            .then(pl.lit("GPE"))
            .otherwise("label")
        )
        # A capitalised `He` or `She` right before a person's name is the name's first word, not a
        # pronoun (no pronoun precedes a name): `He Jianxiong`, whose given name the model tags alone.
        .with_columns(
            start=pl.when(
                (pl.col("label") == "PERSON")
                & pl.col("before").str.contains(r"(?:^|[^\p{L}\p{N}'’])(?:He|She) $")
                & pl.col("text").str.contains(r"^\p{Lu}\p{Ll}")
            )
            .then(pl.col("start") - pl.col("before").str.extract(r"((?:He|She) )$", 1).str.len_chars().cast(pl.Int64))
            .otherwise("start")
        )
        .with_columns(text=pl.col("para_text").str.slice(pl.col("start"), pl.col("end") - pl.col("start")))
        # A regnal number belongs to the name ("Ramesses II", "Felipe V"); "I" only before no verb.
        .with_columns(after=pl.col("para_text").str.slice(pl.col("end"), _AFTER_CHARS))
        .with_columns(
            end=pl.col("end")
            + pl.when((pl.col("label") == "PERSON") & ~pl.col("after").str.contains(r"^\sI\s+\p{Ll}"))
            .then(pl.col("after").str.extract(r"^(\s[IVX]{1,4})(?:[^\p{L}\p{N}]|$)", 1).str.len_chars())
            .fill_null(0)
            .cast(pl.Int64)
        )
        .with_columns(text=pl.col("para_text").str.slice(pl.col("start"), pl.col("end") - pl.col("start")))
        # A role, a nationality or an epithet the model took in before a full name ("Comedian Ricky
        # Gervais", "Kenyan Paul Tergat", "Crooked Hillary Clinton") is not part of it but its title: an
        # ordinary word or a demonym that is no given name itself, before a given name and a surname.
        .pipe(_role_before_name)
        # A title belongs to people only; "the Supreme Court" has no title.
        .with_columns(title=pl.when(pl.col("label") == "PERSON").then(pl.col("title").str.strip_chars()))
        .select(
            "article_id",
            start_char=(pl.col("para_start") + pl.col("start")).cast(pl.Int64),
            end_char=(pl.col("para_start") + pl.col("end")).cast(pl.Int64),
            text="text",
            label="label",
            title="title",
        )
    )
    return out.unique(["article_id", "start_char", "end_char"], keep="first", maintain_order=True)


@lru_cache(maxsize=1)
def _given_and_role_words() -> tuple[pl.Series, pl.Series]:
    """Census given names, and the words that may open a role or epithet before a name: ordinary
    words and demonyms that are no given name themselves (lower case); both sorted for `in_sorted`."""
    given = sorted_unique(census_names().filter("given").get_column("key"))
    role = pl.concat([common_words().get_column("key"), demonyms().get_column("key")]).unique()
    return given, sorted_unique(role.filter(~role.is_in(given.implode())))


def _role_before_name(spans: pl.DataFrame) -> pl.DataFrame:
    """PERSON spans lose a leading role or epithet word to `title` (see `refine_spans`).

    In and out: `para_text`, `start`, `end`, `text`, `label`, `title` (more columns kept)."""
    words = pl.col("text").str.extract_groups(r"^(\p{Lu}[\p{Ll}'’\-]+)(\s+)(\p{Lu}\p{Ll}+)\s+\p{Lu}")
    given, role_words = _given_and_role_words()
    first = pl.col("_w").struct.field("1")
    role = (
        (pl.col("label") == "PERSON")
        & in_sorted(first.str.to_lowercase(), role_words)
        & in_sorted(pl.col("_w").struct.field("3").str.to_lowercase(), given)
    ).fill_null(False)
    cut = (first.str.len_chars() + pl.col("_w").struct.field("2").str.len_chars()).cast(pl.Int64)
    return (
        spans.with_columns(_w=words)
        .with_columns(_role=role)  # a column: an eager frame would look the words up once per use
        .with_columns(
            start=pl.when("_role").then(pl.col("start") + cut).otherwise("start"),
            title=pl.when("_role").then(pl.coalesce("title", first)).otherwise("title"),
        )
        .with_columns(text=pl.col("para_text").str.slice(pl.col("start"), pl.col("end") - pl.col("start")))
        .drop("_w", "_role")
    )


def _ends_in_paragraph(length: pl.Expr) -> pl.Expr:
    """Where each piece ends in its paragraph: the running total of `length` (Int64), restarting at
    each paragraph. Pieces come from `explode` on a frame numbered by `with_row_index("_p")`, so a
    paragraph's rows are contiguous, in text order, and share `_p`.

    A running total over all rows less the total before the paragraph's first row, forward-filled:
    the same as a cumulative sum over the paragraph, without grouping by it.
    """
    total = length.cum_sum()
    opens = (pl.col("_p") != pl.col("_p").shift(1)).fill_null(True)
    return total - pl.when(opens).then(total - length).forward_fill()


def rule_spans(paragraphs: pl.DataFrame) -> pl.DataFrame:
    """Capitalised sequences as raw spans, labelled without a model.

    In: `article_id`, `start_char`, `text` (paragraphs).
    Out: `article_id`, `para_start`, `para_text`, `start`, `end`, `label`: the input `refine_spans` takes.
    """
    tile = pl.col("tile")
    cand = pl.col("cand")
    last_word = cand.str.extract(r"(\S+)$", 1).str.strip_chars(".")
    # (a candidate's words are parted by single spaces: one word has none)
    one_word = ~cand.str.contains(" ", literal=True)
    # (each candidate's paragraph is looked up by number at the end: carried through every step,
    # the paragraphs would be copied into each one's result)
    texts = paragraphs.get_column("text")
    return (
        paragraphs.select("article_id", para_start="start_char", tile=pl.col("text").str.extract_all(_TILE))
        .with_row_index("_p")
        .explode("tile")
        .filter(tile.is_not_null())
        # A tile is the text since the last candidate, then the candidate, which opens at the tile's
        # first capital (found as a byte offset: the bytes from there are the candidate).
        .with_columns(
            end=_ends_in_paragraph(tile.str.len_chars().cast(pl.Int64)),
            cand=tile.cast(pl.Binary).bin.slice(tile.str.find(r"\p{Lu}")).cast(pl.String),
            # (a letter or digit right before the first capital: the candidate starts mid-word)
            mid_word=tile.str.contains(r"^[^\p{Lu}]*[[\p{L}\p{N}]&&[^\p{Lu}]]\p{Lu}"),
        )
        # A sentence-initial function word ("The", "But") is not part of the name that follows.
        .with_columns(stop=cand.str.extract(rf"^((?:(?:{_STOP})\s+)*)", 1).str.len_chars().cast(pl.Int64))
        .with_columns(
            start=pl.col("end") - cand.str.len_chars().cast(pl.Int64) + pl.col("stop"),
            cand=cand.str.slice(pl.col("stop")),
        )
        .filter(
            ~pl.col("mid_word")
            & (cand.str.len_chars() > 1)
            & ~cand.is_in(STOPWORDS)
            & ~cand.str.contains(rf"^(?:{_TITLE})\.?$")
        )
        .with_columns(key=normalise_name(cand))
        .join(places().select("key", "place_kind"), on="key", how="left")
        .join(demonyms().with_columns(demonym=pl.lit(True)), on="key", how="left")
        .with_columns(
            label=pl.when(pl.col("demonym").fill_null(False))
            .then(pl.lit("NORP"))
            .when(pl.col("place_kind").is_not_null())
            .then(pl.lit("GPE"))
            .when(
                last_word.is_in(ORG_WORDS)
                | cand.str.contains(r"^(?:\p{Lu}{2,}|(?:\p{Lu}\.){2,})$")
                | cand.str.contains(r"^(?:University|Bank|Ministry|Department|Institute) of ")
            )
            .then(pl.lit("ORG"))
            .when(one_word & cand.str.contains(r"(?:an|ian|ish|ese|ic|i)$"))
            .then(pl.lit("NORP"))
            .otherwise(pl.lit("PERSON"))
        )
        .select("article_id", "para_start", pl.lit(texts).gather("_p").alias("para_text"), "start", "end", "label")
    )


def _where_followed(found: pl.DataFrame) -> pl.DataFrame:
    """Rows of `found` whose `para_text` holds `text` at byte offset `start_byte` (a character
    boundary) with no letter or digit right after it.

    Compared as bytes: `str.slice` counts characters from the start of the string, so cutting a
    name out of a long paragraph by character offset costs as much as the offset. The paragraph is
    cut once, to the name and the 4 bytes after it; the rest reads that short cut.
    """
    name_bytes = pl.col("text").str.len_bytes().cast(pl.Int64)
    lead = pl.col("_after").bin.get(0, null_on_oob=True)
    # the character after the name: its first byte tells how many bytes it takes (UTF-8)
    size = pl.when(lead < 0x80).then(1).when(lead < 0xE0).then(2).when(lead < 0xF0).then(3).otherwise(4)
    return (
        found.with_columns(_near=pl.col("para_text").cast(pl.Binary).bin.slice(pl.col("start_byte"), name_bytes + 4))
        .with_columns(
            _there=pl.col("_near").bin.slice(0, name_bytes) == pl.col("text").cast(pl.Binary),
            _after=pl.col("_near").bin.slice(name_bytes),
        )
        # read as text only where the name matched, so the cut is at a character boundary
        .with_columns(_next=pl.when("_there").then(pl.col("_after").bin.slice(0, size)).cast(pl.String))
        .filter(pl.col("_there") & ~pl.col("_next").str.contains(r"[\p{L}\p{N}]").fill_null(False))
        .drop("_near", "_there", "_after", "_next")
    )


def propagate_names(spans: pl.DataFrame, paras: pl.DataFrame) -> pl.DataFrame:
    """Tag the other occurrences of names already found in the same article.

    A model tags "Andy Leive" once and misses "Leive" three paragraphs on; news repeats names, so
    every untagged, capitalised, whole-word occurrence of a tagged name (or of a person's surname)
    becomes a span with that name's most frequent label.
    In: spans as `refine_spans` returns them; paras: `article_id`, `para_start`, `para_text`.
    Out: the same columns as `spans`, input rows plus the new ones.
    """
    words = pl.col("text").str.split(" ")
    names = pl.concat(
        [
            spans.select("article_id", "text", "label"),
            spans.filter((pl.col("label") == "PERSON") & pl.col("text").str.contains(" ", literal=True)).select(
                "article_id", text=words.list.last(), label=pl.lit("PERSON")
            ),
        ]
    )
    names = (
        names.filter(
            (pl.col("text").str.len_chars() >= 3)
            & ~pl.col("text").is_in(STOPWORDS)
            & pl.col("text").str.contains(r"^\p{Lu}")
        )
        .group_by("article_id", "text", "label")
        .len()
        # (the order of names does not matter: each group's first row is the one kept)
        .sort("len", "label", descending=[True, False])
        .unique(["article_id", "text"], keep="first", maintain_order=True)
    )
    # Every capitalised word in the text is a place a name may start; joining on the first word
    # and checking the text that follows finds all occurrences without a regex per article.
    first = pl.col("text").str.extract(r"^(\S+)", 1).str.replace(r"['’]s$", "")
    names = names.with_columns(first=first, length=pl.col("text").str.len_chars().cast(pl.Int64))
    tile = pl.col("tile")
    texts = paras.get_column("para_text")
    # (of spans sharing a start, the one ending first: a word it covers is covered whichever
    # `add_uncovered` meets)
    taken = spans.select("article_id", "start_char", prev_end="end_char").sort(
        "article_id", "start_char", "prev_end", descending=[False, False, True]
    )
    found = (
        paras.select(
            "article_id",
            "para_start",
            tile=pl.col("para_text").str.extract_all(r"[^\p{Lu}]*\p{Lu}[\p{L}\p{M}\p{N}'’\-]*"),
        )
        .with_row_index("_p")
        .explode("tile")
        .filter(tile.is_not_null())
        # A tile is the text since the last word, then a capitalised word from its first capital on
        # (the capital's byte offset cuts it out). A letter or digit before a capital in the tile puts
        # the word mid-word ("eBay", "McDonald").
        .with_columns(
            end=_ends_in_paragraph(tile.str.len_chars().cast(pl.Int64)),
            end_byte=_ends_in_paragraph(tile.str.len_bytes().cast(pl.Int64)),
            word=tile.cast(pl.Binary).bin.slice(tile.str.find(r"\p{Lu}")).cast(pl.String),
            mid_word=tile.str.contains(r"[\p{L}\p{N}]\p{Lu}"),
        )
        .filter(~pl.col("mid_word"))
        .select(
            "_p",
            "article_id",
            "para_start",
            "word",
            start=pl.col("end") - pl.col("word").str.len_chars().cast(pl.Int64),
            start_byte=pl.col("end_byte") - pl.col("word").str.len_bytes().cast(pl.Int64),
        )
        # A word inside a span already found starts no new one: `add_uncovered` would drop it by
        # this same test. Dropped before the join, these are most words where the rules tagged.
        .with_columns(start_char=pl.col("para_start") + pl.col("start"))
        .sort("article_id", "start_char")
        .join_asof(taken, on="start_char", by="article_id", strategy="backward", check_sortedness=False)
        .filter(pl.col("prev_end").is_null() | (pl.col("prev_end") <= pl.col("start_char")))
        .with_columns(first=pl.col("word").str.replace(r"['’]s$", ""))
        .join(names.select("article_id", "first", "text", "label", "length"), on=["article_id", "first"])
        # (the paragraph looked up by number only for these rows)
        .with_columns(pl.lit(texts).gather("_p").alias("para_text"))
        .pipe(_where_followed)
        # Where several names start at one word, the longest wins.
        .sort("article_id", "para_start", "start", "length", descending=[False, False, False, True])
        .unique(["article_id", "para_start", "start"], keep="first", maintain_order=True)
        .select(
            "article_id",
            start_char=pl.col("para_start") + pl.col("start"),
            end_char=pl.col("para_start") + pl.col("start") + pl.col("length"),
            text="text",
            label="label",
            title=pl.lit(None, dtype=pl.String),
        )
    )
    return add_uncovered(spans, found)


def add_uncovered(spans: pl.DataFrame, found: pl.DataFrame) -> pl.DataFrame:
    """`spans` plus the rows of `found` (same columns) that overlap none of them."""
    taken = spans.select("article_id", "start_char", prev_end="end_char").sort("article_id", "start_char")
    nxt = spans.select("article_id", next_start="start_char").sort("article_id", "next_start")
    new = (
        found.sort("article_id", "start_char")
        .join_asof(taken, on="start_char", by="article_id", strategy="backward", check_sortedness=False)
        .join_asof(
            nxt,
            left_on="start_char",
            right_on="next_start",
            by="article_id",
            strategy="forward",
            check_sortedness=False,
        )
        .filter(
            (pl.col("prev_end").is_null() | (pl.col("prev_end") <= pl.col("start_char")))
            & (pl.col("next_start").is_null() | (pl.col("next_start") >= pl.col("end_char")))
        )
        .select(spans.columns)
        .unique(["article_id", "start_char"], keep="first", maintain_order=True)
    )
    return pl.concat([spans, new], how="vertical_relaxed")


def _tiles(paras: pl.DataFrame, pattern: str) -> pl.DataFrame:
    """Each paragraph cut into `tile`s, each running from the last match (or the start) to the end of
    the next match of `pattern`; `end` is where that tile ends in its paragraph. One row per match."""
    tile = pl.col("tile")
    return (
        paras.with_columns(tile=pl.col("para_text").str.extract_all(rf"(?s).*?{pattern}"))
        .explode("tile")
        .filter(tile.is_not_null())
        .with_columns(end=tile.str.len_chars().cum_sum().over("article_id", "para_start").cast(pl.Int64))
    )


def given_name_spans(paras: pl.DataFrame) -> pl.DataFrame:
    """Two capitalised words opening with a known given name (Theresa May, Karen Bobadilla) as PERSON spans.

    The small model misses a name whose surname is also a word it reads otherwise ("May" as a month).
    The given name must be in the Census lists and not an English word ("Will", "Rose" are left
    alone); a second word that is a place or an organisation word (Karen Hospital) is not a surname.
    In: `article_id`, `para_start`, `para_text`. Out: the columns of `refine_spans`.
    """
    tile = pl.col("tile")
    pair = r"\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}[\p{L}'’\-]+"
    given = person_names().filter("given").select(key="key", given=pl.lit(True))
    name = pl.col("text")
    return (
        _tiles(paras.filter(~pl.col("is_heading")), rf"\b{pair}\b")
        .with_columns(
            text=tile.str.extract(rf"({pair})$", 1),
            # (two words of a longer title-cased run, `Ben Carson Had The`, are not a name)
            before=tile.str.extract(rf"(\S+\s+){pair}$", 1),
        )
        .with_columns(after=pl.col("para_text").str.slice(pl.col("end"), 2))
        .filter(
            ~pl.col("before").str.contains(r"^\p{Lu}").fill_null(False)
            & ~pl.col("after").str.contains(r"^\s\p{Lu}").fill_null(False)
        )
        .join(given, left_on=name.str.extract(r"^(\S+)", 1).str.to_lowercase(), right_on="key", how="inner")
        .join(
            places().select(key="key", place_kind="place_kind"),
            left_on=normalise_name(name.str.extract(r"(\S+)$", 1)),
            right_on="key",
            how="left",
        )
        .filter(pl.col("place_kind").is_null() & ~name.str.extract(r"(\S+)$", 1).is_in(ORG_WORDS))
        .select(
            "article_id",
            start_char=pl.col("para_start") + pl.col("end") - name.str.len_chars().cast(pl.Int64),
            end_char=pl.col("para_start") + pl.col("end"),
            text="text",
            label=pl.lit("PERSON"),
            title=pl.lit(None, dtype=pl.String),
        )
    )


def acronym_spans(paras: pl.DataFrame) -> pl.DataFrame:
    """All-capital words of three or more letters (BBC, NATO, GCHQ) as ORG spans, GPE when a place.

    Skips common acronyms that name no organisation (CEO, GDP, DNA), Roman numerals, and
    paragraphs written in capitals (shouted headlines), where every word would match.
    In: `article_id`, `para_start`, `para_text`. Out: the columns of `refine_spans`.
    """
    tile = pl.col("tile")
    shouting = pl.col("para_text").str.count_matches(r"\p{Ll}") < pl.col("para_text").str.count_matches(r"\p{Lu}")
    return (
        _tiles(paras.filter(~shouting), r"\b\p{Lu}{3,}\b")
        .with_columns(text=tile.str.extract(r"(\p{Lu}+)$", 1))
        .filter(~pl.col("text").is_in(COMMON_ACRONYMS) & ~pl.col("text").str.contains(r"^[IVXLCDM]+$"))
        .join(
            places().select(key="key", place_kind="place_kind"),
            left_on=normalise_name(pl.col("text")),
            right_on="key",
            how="left",
        )
        .select(
            "article_id",
            start_char=pl.col("para_start") + pl.col("end") - pl.col("text").str.len_chars().cast(pl.Int64),
            end_char=pl.col("para_start") + pl.col("end"),
            text="text",
            label=pl.when(pl.col("place_kind").is_not_null()).then(pl.lit("GPE")).otherwise(pl.lit("ORG")),
            title=pl.lit(None, dtype=pl.String),
        )
    )


def mark_headings(spans: pl.DataFrame, paras: pl.DataFrame) -> pl.DataFrame:
    """`spans` plus `in_heading`: the span starts in a heading paragraph (paras as below)."""
    where = paras.select("article_id", "para_start", "is_heading").sort("article_id", "para_start")
    return (
        spans.sort("article_id", "start_char")
        .join_asof(
            where,
            left_on="start_char",
            right_on="para_start",
            by="article_id",
            strategy="backward",
            check_sortedness=False,
        )
        .select(*spans.columns, in_heading=pl.col("is_heading").fill_null(False))
    )


def distrust_headings(spans: pl.DataFrame, paras: pl.DataFrame) -> pl.DataFrame:
    """Drop heading spans that are not names the article's body or the gazetteer knows.

    Title-case headings fool a model: "White House Optimism Ahead of Call" comes back as one ORG.
    A heading span survives only when its name also occurs as a span in a non-heading paragraph of
    the same article or is a known place; `propagate_names`, run afterwards, then finds the body's
    names inside the heading, longest first ("White House", "Trump").
    In: spans as `refine_spans` returns them; paras: `article_id`, `para_start`, `para_text`,
    `is_heading`. Out: the columns of `spans` plus `in_heading` (the span lies in a heading).
    """
    located = mark_headings(spans, paras).with_row_index("_row")
    in_heading = pl.col("in_heading")
    # Only the articles with a heading span are looked at (a few in a hundred): their names are
    # normalised and compared; every other span stays, as a body span always does.
    checked = located.join(located.filter(in_heading).select("article_id").unique(), on="article_id", how="semi")
    checked = checked.with_columns(key=normalise_name(pl.col("text")))
    known = pl.concat(
        [
            checked.filter(~in_heading).select("article_id", "key"),
            checked.filter(in_heading).join(places().select("key"), on="key", how="semi").select("article_id", "key"),
        ]
    ).unique()
    unknown = checked.filter(in_heading).join(known, on=["article_id", "key"], how="anti").get_column("_row")
    return located.filter(~pl.col("_row").is_in(unknown.implode())).select(*spans.columns, "in_heading")
