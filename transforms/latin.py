"""Letter classes narrowed to the Latin script, for the quote stage's regular expressions.

A Unicode-wide `\\w` or `\\p{Lu}` compiles to a large automaton: a name pattern holding a few of them
takes 3-5 ms to compile, against 0.6 ms with Latin-only classes. Polars compiles the quote stage's
hundred-odd patterns afresh on every call (its regex cache keeps 32 per thread). Names and words
in English news are written in the Latin script; read as Latin-only classes, the patterns give the
same rows on PolNeAR and on the 2,520 BBC News and Wikinews articles, and a call on PolNeAR dev
takes 0.13-0.25 s less CPU (median 0.82-0.84 s before, 0.58-0.70 s after, on a busy machine).

The patterns are still written with the usual classes; `latin(pattern)` rewrites them.
"""

from __future__ import annotations

import re

# ASCII, Latin-1 (without × and ÷), Latin Extended-A and -B, Latin Extended Additional.
# The extended blocks alternate upper and lower case letter by letter, so both of their cases
# count as either: only a lower-case accented initial (`łódź`) could tell the difference.
_EXTENDED = "\\u0100-\\u024F\\u1E00-\\u1EFF"
_UPPER = f"A-Z\\u00C0-\\u00D6\\u00D8-\\u00DE{_EXTENDED}"
_LOWER = f"a-z\\u00B5\\u00DF-\\u00F6\\u00F8-\\u00FF{_EXTENDED}"
_LETTER = f"A-Za-z\\u00AA\\u00B5\\u00BA\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u00FF{_EXTENDED}"
# a word character: letters, digits, `_` and combining accents (`é` written as e + U+0301)
_WORD = f"0-9_{_LETTER}\\u0300-\\u036F"

CLASSES = {
    r"\w": f"[{_WORD}]",
    r"\W": f"[^{_WORD}]",
    r"\p{L}": f"[{_LETTER}]",
    r"\p{Lu}": f"[{_UPPER}]",
    r"\p{Ll}": f"[{_LOWER}]",
}
# one of the classes, not an escaped backslash before a `w` (`\\w`)
_CLASS = re.compile(r"(?<!\\)\\(?:[wW]|p\{L[ul]?\})")


def latin(pattern: str) -> str:
    """`pattern` with `\\w`, `\\W`, `\\p{L}`, `\\p{Lu}` and `\\p{Ll}` read as Latin-script classes
    (inside a character class too: `[\\w’'.\\-]` becomes a class holding the Latin one). `\\b`
    keeps its Unicode meaning, which agrees with these classes on Latin text."""
    return _CLASS.sub(lambda m: CLASSES[m.group()], pattern)
