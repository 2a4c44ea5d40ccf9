"""Every attribution rule, in the order it is tried: the rules next to quote marks, then those of
reported speech with spaCy's parse and without a model. A rule's name is what `quotes.attribution`
says for the rows it attributes (reported speech prefixed `reported-`)."""

from __future__ import annotations

from transforms.attribution import (
    after_quote,
    before_quote,
    headline,
    inside_quote,
    lead_in,
    reported_parse,
    reported_patterns,
)
from transforms.attribution.rule import Engine, Rule


def _ordered(*groups: tuple[Rule, ...]) -> tuple[Rule, ...]:
    return tuple(sorted((r for group in groups for r in group), key=lambda r: r.priority))


MARKS = _ordered(inside_quote.RULES, after_quote.RULES, before_quote.RULES, headline.RULES, lead_in.RULES)
PARSE = _ordered(reported_parse.RULES)
PATTERNS = _ordered(reported_patterns.RULES)
RULES: dict[Engine, tuple[Rule, ...]] = {"marks": MARKS, "parse": PARSE, "patterns": PATTERNS}

_ENGINES: dict[Engine, str] = {
    "marks": "Next to quote marks (`transforms/attribution/`: inside_quote, after_quote, before_quote, headline, "
    "lead_in); the pattern is a regular expression of `transforms/speakers.py`",
    "parse": "Reported speech, spaCy's parse (`transforms/attribution/reported_parse.py`)",
    "patterns": "Reported speech without a model (`transforms/attribution/reported_patterns.py`); VERB stands for "
    "the alternation of the lexicon's verb forms, SUBJECT, ADVERBS and NAME for the pieces of that module",
}


def _shown(pattern: str) -> str:
    """A pattern as the rules page shows it: its shared pieces by name, pipes escaped for the table."""
    for name, piece in reported_patterns.PIECES.items():
        pattern = pattern.replace(piece, name)
    return pattern.replace("|", "\\|")


def rules_page() -> str:
    """docs/attribution-rules.md: every rule by engine, in priority order, with its pattern and example."""
    lines = [
        "# Attribution rules",
        "",
        "Generated from `transforms/attribution/registry.py` by `uv run newsdesk docs`; do not edit by hand.",
        "The first rule in priority order that finds a speaker gives it; `attribution` in `quotes` names it",
        "(see [how a quote gets its speaker](attribution.md)).",
    ]
    for engine, rules in RULES.items():
        lines += ["", f"## {_ENGINES[engine]}", "", "| priority | attribution | kind | pattern | example | speaker |"]
        lines.append("|---|---|---|---|---|---|")
        for r in rules:
            patterns = "<br>".join(f"`{_shown(p)}`" for p in r.patterns)
            example = r.example.replace("\n", " ").replace("|", "\\|")
            kind = r.kind if engine == "marks" else "reported"
            lines.append(f"| {r.priority} | `{r.attribution}` | {kind} | {patterns} | {example} | {r.speaker} |")
    return "\n".join(lines) + "\n"
