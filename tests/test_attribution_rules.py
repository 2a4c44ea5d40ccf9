"""The registry of attribution rules: every rule is named once, tried in its priority order, and its
own example is attributed by it, through the whole quote stage, to the speaker it names."""

from __future__ import annotations

import polars as pl
import pytest

from tests.quote_helpers import _inputs
from transforms.attribution.registry import MARKS, PARSE, PATTERNS, RULES, rules_page
from transforms.attribution.rule import marks_rule
from transforms.quotes import quotes

ALL = [rule for rules in RULES.values() for rule in rules]
# the reported-speech mode a rule's engine runs under (`quotes(reported=…)`)
MODE = {"marks": None, "parse": "parse", "patterns": "patterns"}


@pytest.mark.parametrize("engine", list(RULES))
def test_each_engine_names_its_rules_once_and_orders_them_by_priority(engine):
    rules = RULES[engine]
    assert len({r.name for r in rules}) == len(rules)
    assert len({r.priority for r in rules}) == len(rules)
    assert [r.priority for r in rules] == sorted(r.priority for r in rules)
    assert all(r.example and r.speaker and r.patterns for r in rules)


def test_the_registry_holds_every_rule_of_the_stage():
    assert (len(MARKS), len(PARSE), len(PATTERNS)) == (25, 6, 3)
    # the reported-speech engines name the same shapes alike, so a row's attribution reads the same in both modes
    assert {r.name for r in PATTERNS} <= {r.name for r in PARSE}


@pytest.mark.parametrize("rule", ALL, ids=[f"{r.engine}:{r.name}" for r in ALL])
def test_a_rules_example_is_attributed_by_that_rule(rule):
    people = {rule.speaker: [rule.speaker]}
    rows = quotes(**_inputs(rule.example, people), reported=MODE[rule.engine]).collect()
    by_rule = rows.filter(pl.col("attribution") == rule.attribution)
    assert by_rule.height >= 1, rows.select("text", "speaker", "attribution")
    assert by_rule["speaker"].to_list()[0] == rule.speaker, by_rule.select("text", "speaker")
    first = by_rule.row(0, named=True)
    assert rule.example[first["speaker_start"] : first["speaker_end"]] == rule.speaker


def test_a_rule_must_name_a_pattern_that_exists():
    with pytest.raises(ValueError, match="no pattern NO_SUCH_PATTERN"):
        marks_rule("broken", 1, "NO_SUCH_PATTERN", example="“A,” she said.", speaker="she")


def test_the_rules_page_lists_every_rule_with_its_example():
    page = rules_page()
    for rule in ALL:
        assert f"`{rule.attribution}`" in page
        assert rule.example.replace("\n", " ") in page
