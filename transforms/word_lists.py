"""The English word lists of the speaker patterns, read once from `transforms/data/speaker_words.toml`.

Reporting verbs around quote marks (regular, past-only, transitive, irregular with their forms, the
commonest), the role words that describe a person before their name, the words that never open a
name, the titles and honorifics written before a name, the roles, written titles and nationalities a
"the <role>" speaker points back through, the words before a name that tell a person's gender, the
heads of an unnamed speaker, and pronouns. The code holds patterns; the words are data.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "speaker_words.toml"


@lru_cache(maxsize=1)
def words() -> dict[str, Any]:
    """The whole file: `verbs` (`regular`, `past_only`, `transitive`, `common`, `irregular`), `names`
    (`role_words`, `not_name`, `person_titles`, `honorifics`), `titles` (`roles`, `nationalities`,
    `after_name`, `written`), `gender` and `unnamed` (`female`, `male`, `either`), `pronouns`
    (`subject`, `personal`, `pointing_back`)."""
    with DATA.open("rb") as f:
        return tomllib.load(f)
