import pytest
from typer.testing import CliRunner

from flows.cli import app

runner = CliRunner()


@pytest.mark.parametrize("command", [c.name or c.callback.__name__ for c in app.registered_commands])
def test_every_command_explains_itself(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output or command == "docs"
    assert "Usage: " in result.output


def test_top_level_help_lists_the_commands():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in ("run", "sql", "export", "serve"):
        assert name in result.output


def test_unknown_ner_mode_is_a_clear_error():
    result = runner.invoke(app, ["run", "--ner", "magic", "seeds/"])
    assert result.exit_code == 1
    assert "--ner must be 'spacy' or 'rules'" in result.output
