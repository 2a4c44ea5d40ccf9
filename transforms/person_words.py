"""The English words of the people step, read once from `transforms/data/person_words.toml`.

Pronouns and honorifics by the gender English gives them, the share of a given name's bearers that
makes it say a gender, name suffixes and particles, and the agencies of photo credits. The code holds
the rules; the words are data.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "person_words.toml"


@lru_cache(maxsize=1)
def person_words() -> dict[str, Any]:
    """The whole file: `pronouns` and `honorifics` (`female`, `male`), `given_names` (`share`),
    `names` (`suffixes`, `particles`), `photo_credits` (`agencies`)."""
    with DATA.open("rb") as f:
        return tomllib.load(f)


def gendered(section: str) -> dict[str, str]:
    """Word -> "female" | "male" for one section (`pronouns` or `honorifics`)."""
    table = person_words()[section]
    return {w: g for g in ("female", "male") for w in table[g]}
