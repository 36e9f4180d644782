"""Helpers for work on a whole file or register at once.

:func:`gc_paused` runs a bulk read or comparison without Python's cyclic garbage collector.
Reading a sheet of a few thousand projects creates hundreds of thousands of small objects
(cells, Decimals, dicts of lines) that are not garbage; every young-generation collection
triggered on the way scans the new ones, and the occasional full collection walks everything
alive. None of them form cycles that need the collector: they live on in the result or are
freed by reference counting, so pausing collection for the duration loses nothing.

Turning collection back on would leave those objects in the youngest generation, and the
first allocation after it would scan every one of them (~40 ms for a 10,000-project sheet)
only to find them alive. They are moved to the oldest generation instead (``gc.freeze()``
then ``gc.unfreeze()``: no scan), as if they had survived; a cycle among them is still
collected by the next full collection.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Disable the cyclic collector for the ``with`` block (nested use is harmless: only the
    outermost block turns it back on, and only if it was on), then count what the block
    made as long-lived."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


__all__ = ["gc_paused"]
