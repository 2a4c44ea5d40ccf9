"""Shared fixtures: a private Prefect home, one Prefect test server per session, temp databases."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Prefect reads its settings at import: give the tests their own home before anything imports it.
_PREFECT_HOME = tempfile.mkdtemp(prefix="newsdesk-prefect-")
os.environ["PREFECT_HOME"] = _PREFECT_HOME
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.pop("PREFECT_API_URL", None)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BENCHMARKS = SHARED / "benchmarks"
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def prefect_harness():
    """One Prefect test server for the whole session (starting one takes ~10 s)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "news.duckdb"


@pytest.fixture
def seed_dir(tmp_path: Path) -> Path:
    """A copy of the sample articles, to add files to without touching seeds/."""
    d = tmp_path / "in"
    shutil.copytree(SEEDS, d)
    return d


def benchmark_file(*parts: str) -> Path:
    """A file under ../shared/benchmarks, or skip the test saying what is missing."""
    p = BENCHMARKS.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"benchmark data not found at {p} (../shared/benchmarks is read, never copied)")
    return p


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_PREFECT_HOME, ignore_errors=True)


@pytest.fixture(scope="session")
def nlp():
    """The spaCy NER pipeline (`--ner spacy`), loaded once for the session."""
    from transforms.entities import load_ner

    return load_ner("spacy")
