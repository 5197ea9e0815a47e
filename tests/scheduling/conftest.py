"""Helpers for the scheduler's tests. Dates are in 2031, so nothing is in the past; its DST changes:

- Europe/Madrid: 30 March 02:00 CET -> 03:00 CEST (02:00-02:59 does not exist);
  26 October 03:00 CEST -> 02:00 CET (02:00-02:59 happens twice).
- America/New_York: 9 March 02:00 EST -> 03:00 EDT; 2 November 02:00 EDT -> 01:00 EST (01:00-01:59 twice).
"""

from datetime import UTC, datetime

import pytest

from heraldo.scheduling import queues, suggestions
from tests.factories import create_account


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def parse(value: str) -> datetime:
    return datetime.fromisoformat(value)


@pytest.fixture
def freeze_queue_clock(monkeypatch):
    """Make "now" a fixed instant for the queue and suggestion code (the rest keeps the real clock)."""

    def freeze(moment: datetime) -> None:
        monkeypatch.setattr(queues, "utcnow", lambda: moment)
        monkeypatch.setattr(suggestions, "utcnow", lambda: moment)

    return freeze


@pytest.fixture
def account(db, tenant):
    return create_account(db, tenant.id, handle="acme")
