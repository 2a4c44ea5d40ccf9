"""Generated docs stay current: the data dictionary from the Pandera models, with readable checks."""

from __future__ import annotations

import re
from pathlib import Path

import pandera.polars as pa
import pytest
from typer.testing import CliRunner

from flows.cli import app
from schemas import MODELS, data_dictionary
from schemas.ddl import describe_check
from transforms.attribution.registry import rules_page

ROOT = Path(__file__).resolve().parents[1]
DICTIONARY = ROOT / "docs" / "data-dictionary.md"
RULES_PAGE = ROOT / "docs" / "attribution-rules.md"


def test_data_dictionary_is_current():
    assert DICTIONARY.exists(), "docs/data-dictionary.md is missing: run `uv run newsdesk docs`"
    assert DICTIONARY.read_text() == data_dictionary(MODELS) + "\n", (
        "docs/data-dictionary.md is stale: run `uv run newsdesk docs`"
    )


def test_data_dictionary_lists_every_table_and_column_readably():
    text = DICTIONARY.read_text()
    for table, model in MODELS.items():
        section = text.split(f"## `{table}`\n", 1)[1].split("\n## ", 1)[0]
        documented = re.findall(r"^\| `(\w+)` \|", section, flags=re.M)
        assert documented == list(model.to_schema().columns), table
    assert "<Check" not in text and "greater_than" not in text
    assert "| `kind` | VARCHAR | no | one of: `direct`, `partial`, `indirect` |" in text
    assert "| `content_hash` | VARCHAR | no | length 64 |" in text
    assert "Checks: end_char after start_char" in text  # table-wide checks show their description


@pytest.mark.parametrize(
    ("check", "text"),
    [
        (pa.Check.ge(0), "≥ 0"),
        (pa.Check.lt(10), "< 10"),
        (pa.Check.str_length(1, 64), "length 1 to 64"),
        (pa.Check.str_length(max_value=5), "length ≤ 5"),
        (pa.Check.isin(["a", "b"]), "one of: `a`, `b`"),
        (pa.Check.in_range(-90, 90), "-90 to 90"),
        (pa.Check(lambda s: s, name="custom_rule", description="no empty words"), "no empty words"),
    ],
)
def test_checks_read_as_words(check, text):
    assert describe_check(check) == text


def test_the_attribution_rules_page_is_current():
    assert RULES_PAGE.read_text() == rules_page(), "docs/attribution-rules.md is stale: run `uv run newsdesk docs`"


def test_docs_check_fails_when_stale_and_passes_when_current(tmp_path):
    out, rules = tmp_path / "dd.md", tmp_path / "rules.md"
    out.write_text("# Data dictionary\n\nold\n")
    args = ["docs", "--out", str(out), "--rules-out", str(rules)]
    stale = CliRunner().invoke(app, [*args, "--check"])
    assert stale.exit_code == 1 and "stale" in stale.output and str(rules) in stale.output
    assert CliRunner().invoke(app, args).exit_code == 0
    current = CliRunner().invoke(app, [*args, "--check"])
    assert current.exit_code == 0 and "up to date" in current.output
    assert out.read_text() == DICTIONARY.read_text()
    assert rules.read_text() == RULES_PAGE.read_text()


COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands if c.callback is not None)


def documentation() -> str:
    """The README and every page under docs/, as one text."""
    return "\n".join(p.read_text() for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))])


def test_the_cli_has_the_commands_this_test_knows():
    assert COMMANDS == ["docs", "export", "people", "report", "run", "serve", "sql"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented(command):
    assert re.search(rf"\bnewsdesk {command}\b", documentation()), (
        f"`newsdesk {command}` is in no page: document it in README.md or docs/"
    )


def test_the_architecture_page_exists_and_the_readme_links_it():
    assert (ROOT / "docs" / "architecture.md").exists()
    assert "(docs/architecture.md)" in (ROOT / "README.md").read_text()
