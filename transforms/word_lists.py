"""The English word lists of the speaker patterns, read once from `transforms/data/speaker_words.toml`.

Reporting verbs around quote marks (regular, past-only, transitive, irregular with their forms), the
role words that describe a person before their name, the words that never open a name, and the
roles and nationalities a "the <role>" speaker points back through, and the words before a name that
tell a person's gender. The code holds patterns; the words are data.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "speaker_words.toml"


@lru_cache(maxsize=1)
def words() -> dict[str, Any]:
    """The whole file: `verbs` (`regular`, `past_only`, `transitive`, `irregular`), `names`
    (`role_words`, `not_name`), `titles` (`roles`, `nationalities`), `gender` (`female`, `male`)."""
    with DATA.open("rb") as f:
        return tomllib.load(f)
