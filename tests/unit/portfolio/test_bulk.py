"""gc_paused: no collection inside, and what was made inside is not scanned on the way out."""

from __future__ import annotations

import gc
import weakref

from portfolio.bulk import gc_paused


def _tracked_in(generation: int, made: list[list[int]]) -> bool:
    ids = {id(x) for x in made}
    return any(id(o) in ids for o in gc.get_objects(generation))


def test_collection_is_paused_and_turned_back_on() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # only the outermost block turns it back on
    assert gc.isenabled()


def test_what_the_block_made_is_long_lived() -> None:
    """Left young, the first allocation after the block would scan all of it."""
    with gc_paused():
        made = [[n] for n in range(1000)]
    [[] for _ in range(1000)]  # allocations that would trigger a young collection
    assert _tracked_in(2, made)
    assert not _tracked_in(0, made) and not _tracked_in(1, made)


class _Node:
    other: object = None


def test_a_cycle_made_inside_is_still_collected() -> None:
    with gc_paused():
        node = _Node()
        node.other = node
        gone = weakref.ref(node)
        del node
    assert gone() is not None
    gc.collect()
    assert gone() is None
