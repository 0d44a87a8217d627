"""FrozenMap: the read-only mapping that the domain's records hold.

The records held their mappings (a scenario's activity levels and indexes, a unit's
vehicles, a route's loads) as ``types.MappingProxyType``, which cannot be pickled: a
tester's ``Scenario`` could not go to a process pool, nor through ``copy.deepcopy``
(``TypeError: cannot pickle 'mappingproxy' object``). A FrozenMap is as read-only, and
pickles, copies, compares equal to a dict of the same items, and hashes when its values do.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Generic, TypeVar

__all__ = ["FrozenMap"]

K = TypeVar("K")
V = TypeVar("V")


class FrozenMap(Mapping[K, V], Generic[K, V]):
    """A mapping that cannot be changed once made, and that pickles.

    Equal to any mapping with the same items (a dict too); hashable when its values
    are, as a frozenset of its items (so a frozen record holding one can be hashed).

    >>> import pickle
    >>> m = FrozenMap({"a": 1})
    >>> m == {"a": 1}, pickle.loads(pickle.dumps(m)) == m, hash(m) == hash(FrozenMap([("a", 1)]))
    (True, True, True)
    """

    __slots__ = ("_hash", "_items")

    def __init__(self, items: Mapping[K, V] | Iterable[tuple[K, V]] = (), /) -> None:
        self._items: dict[K, V] = dict(items)
        self._hash: int | None = None

    def __getitem__(self, key: K) -> V:
        return self._items[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._items == other._items
        if isinstance(other, Mapping):
            return self._items == dict(other)
        return NotImplemented

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._items.items()))
        return self._hash

    def __repr__(self) -> str:
        return f"FrozenMap({self._items!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled (and deep-copied) as its class and a dict of its items."""
        return (FrozenMap, (self._items,))

    def __copy__(self) -> FrozenMap[K, V]:
        return self  # it never changes: a copy may be itself
