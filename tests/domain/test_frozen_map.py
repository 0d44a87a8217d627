"""FrozenMap: the read-only mapping of the domain's records pickles, copies and compares."""

from __future__ import annotations

import copy
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supplyline.domain.frozen_map import FrozenMap

maps = st.dictionaries(st.text(max_size=8), st.floats(allow_nan=False) | st.integers())


@given(maps)
def test_a_frozen_map_pickles_and_deep_copies_to_an_equal_one(items: dict[str, float]) -> None:
    """Pickle and deepcopy give back the same items (a mappingproxy could do neither)."""
    m = FrozenMap(items)
    assert pickle.loads(pickle.dumps(m)) == m == items
    assert copy.deepcopy(m) == m
    assert type(pickle.loads(pickle.dumps(m))) is FrozenMap


@given(maps)
def test_equal_frozen_maps_hash_alike(items: dict[str, float]) -> None:
    """Two maps of the same items are equal and hash the same, whatever their order."""
    reversed_items = dict(reversed(list(items.items())))
    assert FrozenMap(items) == FrozenMap(reversed_items)
    assert hash(FrozenMap(items)) == hash(FrozenMap(reversed_items))


def test_a_frozen_map_cannot_be_changed() -> None:
    """It has no way to set or delete an item, and changing the dict it was made of leaves it."""
    source = {"a": 1}
    m = FrozenMap(source)
    source["a"] = 2
    assert m["a"] == 1
    with pytest.raises(TypeError):
        m["a"] = 3  # type: ignore[index]
    with pytest.raises(TypeError):
        del m["a"]  # type: ignore[attr-defined]
