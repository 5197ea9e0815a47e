"""Shared fixtures of the inbox tests."""

import pytest

from heraldo.core.settings import Settings
from heraldo.inbox.analysis.pipeline import Analyzer


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    """The analyser as a default installation builds it: lexicon backends, no local model."""
    return Analyzer(Settings(_env_file=None))
