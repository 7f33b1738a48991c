"""Shared fixtures: the language model and the gazetteer load once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")


@pytest.fixture(scope="session")
def nlp():
    from newsfacts import nlp as nlp_module

    return nlp_module.load()


@pytest.fixture(scope="session")
def gazetteer():
    from newsfacts import gazetteer as gazetteer_module

    return gazetteer_module.load()


@pytest.fixture(scope="session")
def parse(nlp):
    """parse(text) -> spaCy Doc, as the pipeline parses a document."""
    return nlp


@pytest.fixture(scope="session")
def extract(parse, gazetteer):
    """extract(text) -> {table: rows} for one document, as the pipeline extracts it (relative
    times resolved against ``published``, the document's publication date, if given)."""
    from newsfacts.extract import extract_document

    def run(text: str, doc_id: str = "test-doc", published: str | None = None):
        return extract_document(doc_id, parse(text), gazetteer, published)

    return run


@pytest.fixture(scope="session")
def prefect_api():
    """One Prefect test server for the session; yields its API URL, which subprocesses
    (`newsfacts run`) use instead of starting a temporary server each."""
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield PREFECT_API_URL.value()


ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
_written: list[Path] = []


@pytest.fixture
def artifact():
    """artifact(name) -> a path in test-artifacts/ that the run's summary will list."""

    def path(name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        _written.append(ARTIFACTS / name)
        return ARTIFACTS / name

    return path


def pytest_terminal_summary(terminalreporter):
    """Where this test run left what a person should look at (the landing page's screenshot...)."""
    for path in _written:
        if path.exists():
            terminalreporter.write_line(f"test artifact: {path}")
