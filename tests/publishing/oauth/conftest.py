"""Settings with every provider configured, and the providers' fakes on one respx router."""

import pytest

from heraldo.core.security.crypto import SecretBox
from tests.factories import TEST_SECRET
from tests.publishing.oauth.fakes import configure, mounted_providers


@pytest.fixture
def settings(settings):
    """The shared settings fixture, plus app credentials for every provider and a public URL."""
    return configure(settings)


@pytest.fixture
def box() -> SecretBox:
    return SecretBox(TEST_SECRET)


@pytest.fixture
def providers():
    with mounted_providers() as fakes:
        yield fakes
