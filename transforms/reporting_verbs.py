"""The reporting-verb lexicon: which words report speech, in every inflection.

The lemmas live in `transforms/data/reporting_verbs.tsv`, learned from the speech cues annotated
in PolNeAR's train split (`benchmarks/learn_cues.py`); their forms come from lemminflect's tested
inflection tables, not from hand rules. To add a verb, add its lemma to the data file.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from lemminflect import getAllInflections, getAllInflectionsOOV

DATA = Path(__file__).resolve().parent / "data" / "reporting_verbs.tsv"
FRAMES = Path(__file__).resolve().parent / "data" / "reporting_frames.tsv"
# phrases that report without a verb of their own (`according to the police, …`)
SOURCE_PHRASES = ("according to",)


@lru_cache(maxsize=1)
def lemmas() -> dict[str, str]:
    """lemma -> particle ('' for none) of every reporting verb in the data file."""
    return {r["lemma"]: r["particle"] or "" for r in _rows(DATA)}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))


@lru_cache(maxsize=1)
def frames() -> frozenset[tuple[str, str]]:
    """(lemma, relation) pairs that report speech: which complement of which verb is its content
    (`ccomp` a clause, `dobj` an object, `xcomp` an infinitive, `prep:for` a preposition's object)."""
    return frozenset((r["lemma"], r["relation"]) for r in _rows(FRAMES))


def verb_forms(lemma: str) -> list[str]:
    """The lemma and its inflections from lemminflect's tables (say: say, said, says, saying)."""
    table = getAllInflections(lemma, upos="VERB") or getAllInflectionsOOV(lemma, upos="VERB")
    return [lemma, *dict.fromkeys(f for fs in table.values() for f in fs)]


@lru_cache(maxsize=1)
def forms() -> dict[str, str]:
    """Every inflected form (said, says, saying, say) -> its lemma (say)."""
    out: dict[str, str] = {}
    for lemma in lemmas():
        for inflected in verb_forms(lemma):
            out.setdefault(inflected.lower(), lemma)
    # British spellings of -ize verbs (`criticised`)
    for form, lemma in list(out.items()):
        if "iz" in form:
            out.setdefault(form.replace("iz", "is"), lemma)
    return out


@lru_cache(maxsize=1)
def cue_pattern() -> str:
    """A Polars regex true for text holding a reporting verb in any form, or `according to`."""
    words = sorted(forms(), key=len, reverse=True)
    return (
        r"(?i)(?-u:\b)(?:"
        + "|".join(words)
        + "|"
        + "|".join(p.replace(" ", r"\s+") for p in SOURCE_PHRASES)
        + r")(?-u:\b)"
    )
