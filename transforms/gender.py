"""Gender of persons as the text's language gives it, never as anyone's identity.

Evidence, strongest first (`infer_gender`):

1. `pronoun`: the pronouns the article's own coreference ties to the person (a quote's speaker
   written "she" or "he" that speaker resolution resolved to them: "Jane Smith … Smith said … she added");
2. `honorific`: a title English gives to one gender written before the name (Mr, Mrs, Ms, Sir, Lady);
3. `given_name`: the given name, written in the article, when at least `share` (95 %) of its bearers
   in the name statistics are of one gender: the US Census lists of the `names` package (per-name
   frequencies for each sex) and, for names they lack, the firm `male` / `female` verdicts of
   `gender-guesser` (40,000 names of many countries); a name the two disagree on says nothing.

Otherwise null. Words are data (`transforms/data/person_words.toml`).
"""

from __future__ import annotations

from functools import lru_cache

import polars as pl

from transforms.gazetteer import normalise_name
from transforms.person_words import gendered, person_words

EVIDENCE = ("pronoun", "honorific", "given_name")
# one gender's pronouns (or titles) decide when at least this many times the other's: a stray
# misresolved "he" among four "she" does not flip a person, a 2-2 tie says nothing
DOMINANCE = 3

# characters of the body read before each mention: enough for "the " of "the Lions"
BEFORE_CHARS = 5

EVIDENCE_SCHEMA = {
    "article_id": pl.String,
    "entity_id": pl.String,
    "key": pl.String,
    "given": pl.String,
    "surname": pl.String,
    "n_words": pl.Int32,
    "mentions": pl.Int32,
    "female_pronouns": pl.Int32,
    "male_pronouns": pl.Int32,
    "female_titles": pl.Int32,
    "male_titles": pl.Int32,
    "given_written": pl.Boolean,
    "after_the": pl.Int32,
}


def name_words(name: pl.Expr) -> pl.Expr:
    """The words of a person's name, lower case, without suffixes ("Jr", "MP") and dots."""
    suffixes = person_words()["names"]["suffixes"]
    return normalise_name(name).str.split(" ").list.eval(pl.element().filter(~pl.element().is_in(suffixes)))


def given_name(words: pl.Expr) -> pl.Expr:
    """The given name: the first of two or more words, unless it is an initial ("J K Rowling")."""
    first = words.list.first()
    return pl.when((words.list.len() >= 2) & (first.str.len_chars() >= 2)).then(first)


def surname(words: pl.Expr) -> pl.Expr:
    """The surname: the last word of the name."""
    return words.list.last()


@lru_cache(maxsize=1)
def _census_shares() -> dict[str, tuple[float, float]]:
    """Given name -> (male, female) frequency in the US Census lists (percent of each sex)."""
    from importlib.resources import files

    out: dict[str, list[float]] = {}
    for i, table in enumerate(("dist.male.first", "dist.female.first")):
        for line in files("names").joinpath(table).read_text().splitlines():
            w = line.split()
            if w:
                out.setdefault(w[0].lower(), [0.0, 0.0])[i] = float(w[1])
    return {k: (m, f) for k, (m, f) in out.items()}


@lru_cache(maxsize=1)
def _guesser():
    import gender_guesser.detector as detector

    return detector.Detector(case_sensitive=False)


def name_genders(keys: pl.Series, sources: tuple[str, ...] = ("census", "guesser")) -> pl.DataFrame:
    """The gender the name statistics give each given name, where they give one.

    :param keys: given names, lower case (duplicates and nulls allowed).
    :param sources: "census" (share of bearers from the Census frequencies, at least `share`),
        "guesser" (gender-guesser's firm verdicts, used only for names the Census lists lack); both
        by default, and a name they contradict each other on gets none.
    :returns: `key`, `gender` ("female" | "male"), `source`; names without a verdict are left out.
    """
    share = person_words()["given_names"]["share"]
    census = _census_shares() if "census" in sources else {}
    guesser = _guesser() if "guesser" in sources else None
    rows = []
    for key in keys.drop_nulls().unique().sort():
        guess = guesser.get_gender(key) if guesser is not None else "unknown"
        if key in census:
            m, f = census[key]
            says = "male" if m >= share * (m + f) else "female" if f >= share * (m + f) else None
            opposite = {"male": ("female", "mostly_female"), "female": ("male", "mostly_male")}
            if says is not None and guess not in opposite[says]:
                rows.append((key, says, "census"))
        elif guess in ("male", "female"):
            rows.append((key, guess, "guesser"))
    return pl.DataFrame(rows, schema={"key": pl.String, "gender": pl.String, "source": pl.String}, orient="row")


def known_given_names(keys: pl.Series) -> pl.Series:
    """True for each key that the name statistics know as a given name, of either gender or both
    ("Kim", "Chris" too): a word that opens a person's name, not "Kill" (Bill) or "Irish" (Lions: a
    Census name borne by too few to count). gender-guesser's names count; a Census one only when it
    is no ordinary English word."""
    from transforms.gazetteer import common_words

    census, guesser = _census_shares(), _guesser()
    floor = person_words()["given_names"]["census_floor"]
    words = set(common_words()["key"].to_list())

    def known(k: str | None) -> bool:
        if k is None:
            return False
        return guesser.get_gender(k) != "unknown" or k in census and max(census[k]) >= floor and k not in words

    return pl.Series([known(k) for k in keys.to_list()], dtype=pl.Boolean)


def _count_of(words: dict[str, str], gender: str, col: pl.Expr) -> pl.Expr:
    """1 where `col` (lower case, no dots) is one of `words` of `gender`, else 0."""
    return col.is_in([w for w, g in words.items() if g == gender]).cast(pl.Int32)


def text_before(mentions: pl.DataFrame, sentences: pl.DataFrame) -> pl.DataFrame:
    """`mentions` (`article_id`, `sentence_id`, `start_char`, ...) with `before`: the BEFORE_CHARS
    characters right before each mention, in its sentence (`sentences`: `article_id`,
    `sentence_id`, `start_char`, `text`); fewer at the start of a sentence. Sentences, not bodies:
    a frame of one body per mention took hundreds of MB a batch."""
    at = pl.col("start_char") - pl.col("sentence_start")
    return mentions.join(
        sentences.select("article_id", "sentence_id", "text", sentence_start="start_char").rename({"text": "sentence"}),
        on=["article_id", "sentence_id"],
        how="left",
    ).select(
        pl.exclude("sentence", "sentence_start"),
        before=pl.col("sentence").str.slice(
            (at - BEFORE_CHARS).clip(lower_bound=0), pl.min_horizontal(at, pl.lit(BEFORE_CHARS))
        ),
    )


def person_evidence(
    mentions: pl.DataFrame, quotes: pl.DataFrame, entities: pl.DataFrame, sentences: pl.DataFrame | None = None
) -> pl.DataFrame:
    """What each article says of each person it names: one row per (article, person entity).

    :param mentions: `article_id`, `entity_id`, `text`, `label`, `title` (the title written before
        the name, or null); with `sentences`, also `sentence_id` and `start_char`.
    :param quotes: `article_id`, `speaker`, `speaker_start`, `speaker_entity_id`.
    :param entities: `entity_id`, `name`, `label`.
    :param sentences: `article_id`, `sentence_id`, `start_char`, `text`: when given, the words
        before each mention are read from them (`text_before`) for `after_the`.
    :returns: EVIDENCE_SCHEMA: the entity's normalised `key`, `given` name, `surname`, `n_words`;
        its `mentions` in the article; the pronoun speakers resolved to it by gender
        (`female_pronouns`, `male_pronouns`: one per speaker as written, however many quotes it
        opens); the one-gender titles written before it (`female_titles`, `male_titles`); and
        `given_written`, whether a mention in the article writes its given name; `after_the`, its
        mentions written right after the word "the" (null without `sentences`).
    """
    read_before = sentences is not None
    if sentences is not None:
        mentions = text_before(mentions, sentences)
    persons = (
        entities.filter(pl.col("label") == "PERSON")
        .select("entity_id", key=normalise_name(pl.col("name")), words=name_words(pl.col("name")))
        .with_columns(given=given_name(pl.col("words")), surname=surname(pl.col("words")))
        .with_columns(n_words=pl.col("words").list.len().cast(pl.Int32))
        .drop("words")
        # a "person" that is only a suffix or punctuation ("Jr", "MP") has no name to keep
        .filter(pl.col("surname").str.len_chars() > 0)
    )
    honorifics = gendered("honorifics")
    title = pl.col("title").fill_null("").str.replace_all(r"\.", "").str.to_lowercase()
    after_the = (
        pl.col("before").str.contains(r"(?i)(?:^|[^\p{L}])the\s$").cast(pl.Int32)
        if read_before
        else pl.lit(None, pl.Int32)
    )
    m = mentions.join(persons, on="entity_id").with_columns(
        first=name_words(pl.col("text")).list.first(), after_the=after_the
    )
    per_article = m.group_by("article_id", "entity_id").agg(
        pl.col("key", "given", "surname", "n_words").first(),
        mentions=pl.len().cast(pl.Int32),
        female_titles=_count_of(honorifics, "female", title).sum(),
        male_titles=_count_of(honorifics, "male", title).sum(),
        given_written=(pl.col("first") == pl.col("given")).any(),
        after_the=pl.col("after_the").sum() if read_before else pl.lit(None, pl.Int32),
    )
    pronouns = gendered("pronouns")
    spoken = pl.col("speaker").str.to_lowercase().str.strip_chars()
    said = (
        quotes.filter(pl.col("speaker_entity_id").is_not_null() & spoken.is_in(list(pronouns)))
        .unique(["article_id", "speaker_entity_id", "speaker_start"])
        .group_by("article_id", entity_id="speaker_entity_id")
        .agg(
            female_pronouns=_count_of(pronouns, "female", spoken).sum(),
            male_pronouns=_count_of(pronouns, "male", spoken).sum(),
        )
    )
    return (
        per_article.join(said, on=["article_id", "entity_id"], how="left")
        .with_columns(pl.col("female_pronouns", "male_pronouns").fill_null(0))
        .select([pl.col(c).cast(t) for c, t in EVIDENCE_SCHEMA.items()])
        .sort("article_id", "entity_id")
    )


def verdict(female: pl.Expr, male: pl.Expr) -> pl.Expr:
    """ "female" or "male" when one side has some and at least DOMINANCE times the other's."""
    return (
        pl.when((female > 0) & (female >= DOMINANCE * male))
        .then(pl.lit("female"))
        .when((male > 0) & (male >= DOMINANCE * female))
        .then(pl.lit("male"))
    )


def infer_gender(evidence: pl.DataFrame, names: pl.DataFrame | None = None) -> pl.DataFrame:
    """One gender per person from all its articles' evidence, strongest evidence first.

    :param evidence: rows of `person_evidence` (an entity's rows from every article that names it,
        including, under its id, those of a surname the corpus resolved to it).
    :param names: `name_genders` of the given names; computed when not given.
    :returns: `entity_id`, `gender` ("female" | "male" | null), `gender_evidence` (`pronoun`,
        `honorific`, `given_name`; null with the gender).
    """
    totals = evidence.group_by("entity_id").agg(
        pl.col("female_pronouns", "male_pronouns", "female_titles", "male_titles").sum(),
        # the given name counts only where an article writes it
        given=pl.col("given").filter(pl.col("given_written")).first(),
    )
    names = name_genders(totals["given"]) if names is None else names
    totals = totals.join(names.select("key", name_gender="gender"), left_on="given", right_on="key", how="left")
    by = {
        "pronoun": verdict(pl.col("female_pronouns"), pl.col("male_pronouns")),
        "honorific": verdict(pl.col("female_titles"), pl.col("male_titles")),
        "given_name": pl.col("name_gender"),
    }
    gender = pl.coalesce(list(by.values()))
    source = pl.coalesce([pl.when(v.is_not_null()).then(pl.lit(k)) for k, v in by.items()])
    return totals.select("entity_id", gender=gender, gender_evidence=source).sort("entity_id")
