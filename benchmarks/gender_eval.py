"""Gender from given names, measured against the pronouns of the 2,520-article corpus.

The gold is what the text itself says: the persons whose pronouns (a quote's "she said" / "he
said" resolved to them by speaker resolution) give them one gender. Their pronouns are hidden and
the given-name statistics (`transforms.gender.name_genders`) guess instead: precision is the share
of guesses that agree with the pronouns, coverage the share of those persons that get a guess.

Speaker resolution normally lets a pronoun go only to a person whose given name does not say the
other gender: that would make the gold agree with the names by construction. Here it runs with
that check off (`given_name_genders` empty), so the pronouns owe nothing to the names.

Shared by `benchmarks/bench_gender.py` (which prints it) and `tests/test_gate_gender.py`.
"""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import polars as pl

from flows.readers import RawArticle, read_source
from flows.stages import clean, find_entities, raw_frame, split_sentences
from transforms import quotes as quotes_module
from transforms.gender import infer_gender, name_genders, person_evidence, verdict

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "corpora" / "news_text.jsonl"
NO_NAMES = pl.DataFrame(schema={"key": pl.String, "gender": pl.String})


def corpus_evidence(path: Path = CORPUS, ner: str = "rules", limit: int | None = None) -> pl.DataFrame:
    """`person_evidence` of the corpus, its pronouns resolved without the given-name check."""
    records = [r for r in read_source(str(path)) if isinstance(r, RawArticle)][:limit]
    articles, _, _ = clean(raw_frame(records))
    paras, sents = split_sentences.fn(articles)
    mentions, entities = find_entities.fn(articles, paras, sents, ner, 1)
    with mock.patch.object(quotes_module, "given_name_genders", lambda: NO_NAMES):
        found = (
            quotes_module.quotes(
                articles.select("article_id", "body").lazy(),
                sents.lazy(),
                mentions.lazy(),
                entities.lazy(),
                reported="patterns",
            )
            .collect()
            .select("article_id", "speaker", "speaker_start", "speaker_entity_id")
        )
    return person_evidence(mentions, found, entities)


def measure(evidence: pl.DataFrame) -> dict[str, float | int]:
    """Precision and coverage of the given-name guesses against the pronoun gold, per source.

    Gold: full names (two or more words) whose given name an article writes and whose pronouns
    give one gender (`transforms.gender.verdict`). Returns counts and ratios: `gold`,
    `guessed`, `correct`, `precision`, `coverage`, the same per name source, the share of all
    such persons the names cover (`coverage_all`), and the honorifics' precision against the gold.
    """
    full = evidence.filter((pl.col("n_words") >= 2) & pl.col("given_written"))
    totals = full.group_by("entity_id").agg(
        pl.col("given").first(), pl.col("female_pronouns", "male_pronouns", "female_titles", "male_titles").sum()
    )
    gold = totals.with_columns(
        gold=verdict(pl.col("female_pronouns"), pl.col("male_pronouns")),
        titled=verdict(pl.col("female_titles"), pl.col("male_titles")),
    ).filter(pl.col("gold").is_not_null())
    names = name_genders(totals["given"])
    scored = gold.join(names, left_on="given", right_on="key", how="left")
    out: dict[str, float | int] = {"persons": totals.height, "gold": gold.height}
    for source in (None, "census", "guesser"):
        sub = scored if source is None else scored.filter(pl.col("source") == source)
        guessed = sub.filter(pl.col("gender").is_not_null())
        correct = guessed.filter(pl.col("gender") == pl.col("gold")).height
        tag = "" if source is None else f"_{source}"
        out[f"guessed{tag}"] = guessed.height
        out[f"correct{tag}"] = correct
        out[f"precision{tag}"] = correct / guessed.height if guessed.height else 0.0
    out["coverage"] = out["guessed"] / gold.height if gold.height else 0.0
    out["coverage_all"] = totals.join(names, left_on="given", right_on="key", how="semi").height / max(totals.height, 1)
    titled = gold.filter(pl.col("titled").is_not_null())
    out["honorific_checked"] = titled.height
    out["honorific_precision"] = (
        titled.filter(pl.col("titled") == pl.col("gold")).height / titled.height if titled.height else 0.0
    )
    genders = infer_gender(full)
    women = genders.filter(pl.col("gender") == "female").height
    out["women_share_of_gendered"] = women / max(genders.filter(pl.col("gender").is_not_null()).height, 1)
    return out
