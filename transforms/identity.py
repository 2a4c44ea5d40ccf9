"""One identity per person across the corpus: where a bare surname resolves to a full name.

`link_mentions` already maps "Smith" to "Jane Smith" inside one article. An article that writes
only "Smith" (or "Mr Smith") keeps its own entity; `resolve_aliases` decides, from the evidence the
people step keeps per article (`transforms.gender.person_evidence`), when the corpus leaves no real
doubt who it is:

- `only-full-name`: one full name in the corpus carries the surname (and the surname alone is not
  written in more than BARE_PER_FULL times as many articles as name it in full);
- `only-full-name-of-gender`: several do, and only one has a gender that agrees with what the
  article says of the bare surname ("Mrs Clinton" beside Bill and Hillary Clinton);
- `dominant-in-context`: one carries it in at least DOMINANT_SHARE of the articles naming a full name
  with it, and is named in the same outlet within CONTEXT_DAYS of the article.

Otherwise it stays its own entity ("Trudeau" beside Justin and Sophie Trudeau in equal measure).
A name the corpus mostly labels otherwise (`other-label`: a party, a religion, a team, a company or a
place the model once read as a person) resolves to that entity instead, full names included. A name
the corpus writes as a group's (`group-name`: "the Lions", "the Beatles", "the Carolina Hurricanes";
`group_names`) resolves to an organisation of that name, and a one-word name the gazetteer knows as
a place, a religion or a nationality, with no sign of a person (`place-name`: "Gloucester",
"Wigan"; `religion-or-nationality`: "Islam"; `gazetteer_names`), to that place or group. Full
names never move: only aliases point at them.
"""

from __future__ import annotations

import polars as pl

from transforms.gender import verdict

DOMINANT_SHARE = 0.8
# a surname written alone in more than this many times as many articles as name the full name is
# another use of the word ("Disney" the company beside one "Roy Disney", "Idol" beside "Billy Idol")
BARE_PER_FULL = 3
CONTEXT_DAYS = 365
# a one-word person is another thing when the corpus gives that name another label in at least this
# share of the articles that name it (and in at least OTHER_LABEL_ARTICLES of them)
OTHER_LABEL_SHARE = 0.5
OTHER_LABEL_ARTICLES = 2
# ... or, for NORP (religions, nationalities, parties: never a person's label), this share
NORP_SHARE = 0.2
# a person's name is a group's when the corpus writes "the" right before it in at least this share
# of its mentions, in at least GROUP_ARTICLES articles: English puts no article before a person's
# name, except attributively ("the Obama administration"), which is a small part of a person's mentions
GROUP_SHARE = 0.5
GROUP_ARTICLES = 2

ALIAS_SCHEMA = {
    "article_id": pl.String,
    "alias_id": pl.String,
    "alias": pl.String,
    "entity_id": pl.String,
    "method": pl.String,
    "candidates": pl.Int32,
}


def other_labels(labels: pl.DataFrame) -> pl.DataFrame:
    """Persons the corpus mostly labels otherwise ("Labour", "Kinder Morgan"), and the entity they are.

    :param labels: `key`, `entity_id`, `label`, `articles` (articles linking a mention to it), for
        the names in question (`warehouse.people.name_labels`).
    :returns: `key`, `alias_id` (the PERSON entity), `entity_id` (the most frequent other label's),
        `candidates` (other labels seen).
    """
    per = labels
    person = per.filter(pl.col("label") == "PERSON").select("key", alias_id="entity_id", person_articles="articles")
    other = (
        per.filter(pl.col("label") != "PERSON")
        .sort("key", pl.col("label") != "NORP", "articles", "entity_id", descending=[False, False, True, False])
        .group_by("key", maintain_order=True)
        .agg(
            pl.col("entity_id").first(),
            other_articles=pl.col("articles").sum(),
            norp_articles=pl.col("articles").filter(pl.col("label") == "NORP").sum(),
            candidates=pl.len(),
        )
    )
    total = pl.col("other_articles") + pl.col("person_articles")
    return (
        person.join(other, on="key")
        .filter(
            (pl.col("other_articles") >= OTHER_LABEL_ARTICLES)
            & (
                (pl.col("other_articles") >= OTHER_LABEL_SHARE * total)
                | (pl.col("norp_articles") >= NORP_SHARE * total)
            )
        )
        .select("key", "alias_id", "entity_id", candidates=pl.col("candidates").cast(pl.Int32))
    )


def _personal(known_given: pl.DataFrame) -> pl.Expr:
    """True for a full name that opens with a given name the name statistics know, or an initial:
    not "Irish Lions", "Kill Bill", "Team GB", "North Devon"."""
    first = pl.col("key").str.split(" ").list.first()
    return pl.col("given").is_in(known_given["key"].implode()) | (first.str.len_chars() == 1)


def group_names(evidence: pl.DataFrame, known_given: pl.DataFrame) -> pl.DataFrame:
    """Person names the corpus writes as a group's: a team, a band, a company ("the Lions", "the
    Gunners", "the Beatles", "the Carolina Hurricanes").

    A name qualifies when "the" comes right before it in at least GROUP_SHARE of its mentions, in at
    least GROUP_ARTICLES articles, and no article gives it a person's pronoun or title. A bare name
    that is the surname of a person's full name in the corpus stays a person: "the Clinton campaign"
    is Clinton's.

    :param evidence: `person_evidence` rows: every row of the names in question.
    :param known_given: `key`: given names the name statistics know (`known_given_names`).
    :returns: `key` of each group name, sorted; `method` "group-name", `label` "ORG".
    """
    gendered = pl.sum_horizontal("female_pronouns", "male_pronouns", "female_titles", "male_titles")
    written = pl.col("after_the").fill_null(0)
    candidates = (
        evidence.group_by("key")
        .agg(
            pl.col("n_words").first(),
            mentions=pl.col("mentions").sum(),
            after_the=written.sum(),
            the_articles=(written > 0).sum(),
            gendered=gendered.sum(),
        )
        .filter(
            (pl.col("after_the") >= GROUP_SHARE * pl.col("mentions"))
            & (pl.col("the_articles") >= GROUP_ARTICLES)
            & (pl.col("gendered") == 0)
        )
    )
    # (the surname of a group's full name, "Hurricanes" of "the Carolina Hurricanes", protects nothing)
    persons = evidence.filter(
        (pl.col("n_words") >= 2) & _personal(known_given) & ~pl.col("key").is_in(candidates["key"].implode())
    )
    return (
        candidates.filter(~((pl.col("n_words") == 1) & pl.col("key").is_in(persons["surname"].unique().implode())))
        .select("key", method=pl.lit("group-name"), label=pl.lit("ORG"))
        .sort("key")
    )


def gazetteer_names(evidence: pl.DataFrame, known_given: pl.DataFrame, gazetteer: pl.DataFrame) -> pl.DataFrame:
    """One-word person names that the gazetteers know as something else: a place (the model's
    "Gloucester", "Munster" or "Wigan", often the place's team), a religion or a nationality
    ("Islam"), where the corpus gives no sign of a person.

    A name qualifies when a gazetteer knows it, it is named in at least GROUP_ARTICLES articles, no
    article gives it a person's pronoun or title, and, for a place, it is no given name the name
    statistics know ("Elizabeth", "Anna") and no person's full name in the corpus has it as surname
    ("Blackburn" beside Tony Blackburn stays his). A religion or a nationality is a group before it
    is a surname: a bare "Islam" is not Yusuf Islam, whose own articles link it to him.

    :param evidence: `person_evidence` rows: every row of the names in question.
    :param known_given: `key`: given names the name statistics know (`known_given_names`).
    :param gazetteer: `key`, `label`: GPE for places, NORP for religions and nationalities.
    :returns: `key`, `method` ("place-name" for a place, else "religion-or-nationality"), `label`,
        sorted by key.
    """
    gendered = pl.sum_horizontal("female_pronouns", "male_pronouns", "female_titles", "male_titles")
    surnames = evidence.filter((pl.col("n_words") >= 2) & _personal(known_given))["surname"].unique()
    return (
        evidence.filter(pl.col("n_words") == 1)
        .group_by("key")
        .agg(articles=pl.col("article_id").n_unique(), gendered=gendered.sum())
        .filter((pl.col("articles") >= GROUP_ARTICLES) & (pl.col("gendered") == 0))
        .join(gazetteer.unique("key", keep="first", maintain_order=True), on="key")
        # (a given name or a surname is a person before it is a town; a religion or a nationality is
        # a group before it is a surname: bare "Islam" is not Yusuf Islam, whose articles link it)
        .filter(
            (pl.col("label") != "GPE")
            | ~pl.col("key").is_in(known_given["key"].implode()) & ~pl.col("key").is_in(surnames.implode())
        )
        .select(
            "key",
            method=pl.when(pl.col("label") == "GPE")
            .then(pl.lit("place-name"))
            .otherwise(pl.lit("religion-or-nationality")),
            label="label",
        )
        .sort("key")
    )


def resolve_aliases(
    evidence: pl.DataFrame,
    genders: pl.DataFrame,
    known_given: pl.DataFrame,
    labels: pl.DataFrame | None = None,
    groups: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Aliases of the bare surnames in `evidence`.

    :param evidence: `person_evidence` rows with `outlet` and `day`: every row of the bare names in
        question and of the full names whose surname they are.
    :param genders: `entity_id`, `gender` of the full names (`infer_gender` over their own rows).
    :param known_given: `key`: the given names of `evidence` that name statistics know
        (`transforms.gender.known_given_names`).
    :param labels: `name_labels` of the names, for `other-label` (none when not given).
    :param groups: `key`, `entity_id`, `method`: the names that are no person's (`group_names`,
        `gazetteer_names`), the entity each resolves to and why (none when not given).
    :returns: ALIAS_SCHEMA rows, one per (article, name) that resolves; a name that is another
        label's wins over a group name, which wins over a person.
    """
    written = evidence  # (a name misread as a person is still found among the group names)
    if groups is not None:  # a group or a place is no one's surname and no bare surname's person
        found_groups = (
            evidence.select("article_id", "key", alias_id="entity_id")
            .join(groups, on="key")
            .select("article_id", "alias_id", "entity_id", "method", alias="key", candidates=1)
        )
        evidence = evidence.filter(~pl.col("key").is_in(groups["key"].implode()))
    bare = evidence.filter(pl.col("n_words") == 1).with_columns(
        said=pl.coalesce(
            verdict(pl.col("female_pronouns"), pl.col("male_pronouns")),
            verdict(pl.col("female_titles"), pl.col("male_titles")),
        )
    )
    personal = _personal(known_given)
    full = evidence.filter((pl.col("n_words") >= 2) & personal)
    # one person, however the full name is written ("John Bolton", "John R Bolton"): given name and
    # surname; the spelling named in the most articles is the one the aliases point at
    per_entity = (
        full.group_by("entity_id")
        .agg(pl.col("surname", "given", "key").first(), articles=pl.col("article_id").n_unique())
        .with_columns(person=pl.format("{} {}", pl.coalesce("given", "key"), "surname"))
    )
    to_target = (
        per_entity.sort("person", "articles", "entity_id", descending=[False, True, False])
        .with_columns(target=pl.col("entity_id").first().over("person"))
        .select("entity_id", "target")
    )
    counts = (
        full.join(to_target, on="entity_id")
        .group_by("target")
        .agg(pl.col("surname").first(), articles=pl.col("article_id").n_unique())
        .rename({"target": "entity_id"})
    )
    bare_counts = bare.group_by("key").agg(bare_articles=pl.col("article_id").n_unique())
    cand = (
        bare.select("article_id", "outlet", "day", "said", alias_id="entity_id", alias="key")
        .join(bare_counts, left_on="alias", right_on="key")
        .join(counts, left_on="alias", right_on="surname")
        .join(genders.select("entity_id", "gender"), on="entity_id", how="left")
        .with_columns(candidates=pl.len().over("article_id", "alias_id").cast(pl.Int32))
        # a surname the article gives one gender is not a person of the other
        .filter(pl.col("said").is_null() | pl.col("gender").is_null() | (pl.col("said") == pl.col("gender")))
        .with_columns(
            left=pl.len().over("article_id", "alias_id"),
            share=pl.col("articles") / pl.col("articles").sum().over("article_id", "alias_id"),
        )
    )
    often = pl.col("bare_articles") <= BARE_PER_FULL * pl.col("articles")
    single = cand.filter((pl.col("left") == 1) & often).with_columns(
        method=pl.when(pl.col("candidates") == 1)
        .then(pl.lit("only-full-name"))
        .otherwise(pl.lit("only-full-name-of-gender"))
    )
    # the dominant full name, when it is named in the article's outlet within CONTEXT_DAYS
    seen = (
        full.join(to_target, on="entity_id").select(entity_id="target", seen_outlet="outlet", seen_day="day").unique()
    )
    near = (pl.col("day") - pl.col("seen_day")).dt.total_days().abs() <= CONTEXT_DAYS
    dominant = (
        cand.filter((pl.col("left") > 1) & (pl.col("share") >= DOMINANT_SHARE) & often)
        .join(seen, on="entity_id")
        .filter(
            (pl.col("seen_outlet") == pl.col("outlet"))
            & (near | pl.col("day").is_null() | pl.col("seen_day").is_null())
            & (pl.col("seen_outlet").is_not_null())
        )
        .unique(["article_id", "alias_id"])
        .with_columns(method=pl.lit("dominant-in-context"))
    )
    cols = list(ALIAS_SCHEMA)
    found = [single.select(cols), dominant.select(cols)]
    if labels is not None:
        misread = other_labels(labels)
        # (a full name that opens like a person's stays one: the model's ORG for "Keanu Reeves" is its error)
        found.append(
            written.filter((pl.col("n_words") == 1) | ~personal.fill_null(False))
            .select("article_id", alias_id="entity_id")
            .join(misread, on="alias_id")
            .select("article_id", "alias_id", "entity_id", "candidates", alias="key", method=pl.lit("other-label"))
            .select(cols)
        )
    if groups is not None:
        found.append(found_groups.select(cols))
    out = pl.concat([f.cast(ALIAS_SCHEMA) for f in found])  # type: ignore[arg-type]
    # a name misread as a person resolves to what it is, not to a person of that surname
    rank = pl.col("method").replace_strict(
        {"other-label": 0, "group-name": 1, "place-name": 1, "religion-or-nationality": 1},
        default=2,
        return_dtype=pl.Int8,
    )
    return out.sort("article_id", "alias_id", rank).unique(
        ["article_id", "alias_id"], keep="first", maintain_order=True
    )
