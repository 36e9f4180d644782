"""Fixtures of the widget tests."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def collect_qt_cycles() -> Iterator[None]:
    """Collect each test's reference cycles as the test ends.

    A test's AppContext, its undo stack and the commands on it (which hold the context) form a
    cycle. Collected right away, while their Qt objects still exist, it is freed cleanly; left
    for a later, arbitrary collection, PySide can meet a half-deleted wrapper and crash.
    """
    yield
    gc.collect()
