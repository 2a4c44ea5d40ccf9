"""Reported-speech rules without a model (`--ner rules`): regular expressions over one sentence,
with the named groups `speaker`, `cue` (absent for `according to`) and `content`; the first pattern
that matches a sentence gives its statement (`reported.pattern_statements`, which reads them as
`latin` classes). The pieces they share are named (`PIECES`) so that the rules page can show them."""

from __future__ import annotations

from transforms.attribution.rule import Rule
from transforms.reporting_verbs import forms

_NAME = r"(?:\p{Lu}[\w.’'\-]*(?:\s+(?:\p{Lu}[\w.’'\-]*|of|de|van|von|al|bin))*)"
_SUBJECT = (
    rf"(?:(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+(?:[\w’'\-]+\s+){{0,4}}?[\w’'\-]+"
    rf"|{_NAME}|[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I|[Ii]t)"
)
_ADVERB = r"(?:(?:also|later|then|previously|earlier|recently|repeatedly|has|have|had|would|will|\w+ly)\s+){0,2}"
VERB = r"(?:" + "|".join(sorted(forms(), key=len, reverse=True)) + r")"
# (the names the rules page gives the shared pieces, longest first: a subject holds a name)
PIECES = {"VERB": VERB, "SUBJECT": _SUBJECT, "ADVERBS": _ADVERB, "NAME": _NAME}

RULES = (
    Rule(
        "according-to",
        10,
        "patterns",
        example="According to the police report, the driver fled the scene on foot.",
        speaker="the police report",
        patterns=(
            r"^(?P<pre>[Aa]ccording\s+to\s+)(?P<speaker>[^,]{2,80}?),\s+(?P<content>.+?)[.!?]?$",
            r"^(?P<content>.+?),?\s+(?P<pre>according\s+to\s+)(?P<speaker>[^,]{2,80}?)[.!?]?$",
        ),
    ),
    Rule(
        "clause-before-cue",
        20,
        "patterns",
        example="The bridge will reopen in May, Maria Lopez said.",
        speaker="Maria Lopez",
        patterns=(
            rf"^(?P<content>[^“”\"]+?),\s+(?P<speaker>{_SUBJECT})\s+{_ADVERB}(?P<cue>{VERB})(?-u:\b)[^,]{{0,60}}?[.!?]?$",
            rf"^(?P<content>[^“”\"]+?),\s+(?P<cue>{VERB})\s+(?P<speaker>{_SUBJECT})(?:,[^,]{{0,80}},?)?[.!?]?$",
        ),
    ),
    Rule(
        "cue-before-clause",
        30,
        "patterns",
        example="Maria Lopez said that the bridge would reopen in May.",
        speaker="Maria Lopez",
        patterns=(
            (
                rf"^(?P<lead>(?:[^,]{{0,80}},\s+)?)(?P<speaker>{_SUBJECT})\s+{_ADVERB}(?P<cue>{VERB})(?-u:\b)"
                rf"(?P<gap>\s+(?:(?:[\w’'\-]+\s+){{0,3}}?(?:on|in|at|during)\s+[\w’'\-]+(?:\s+[\w’'\-]+)?,?\s+)?(?:that\s+)?)"
                rf"(?P<content>\S.+?)[.!?]?$"
            ),
        ),
    ),
)
