"""YAML text to PyYAML's node graph, with every alias kept where it is used.

PyYAML's composer puts the anchored node itself where an alias (``*name``) is used, so
the graph forgets where the alias was written and how often: a tester's 995-byte
agreements.yaml of nested aliases ("billion laughs") stood for millions of values,
which took minutes to check. Here each use of an alias is an :class:`AliasUse` at its
own place, which :mod:`supplyline.io._yamltree` counts against a budget before it
repeats anything; and a value nested past :data:`MAX_DEPTH` is a :class:`TooDeep`,
its events skipped, so that neither composing nor reading recurses without end.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml
from yaml.composer import Composer, ComposerError
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    NodeEvent,
)
from yaml.nodes import Node
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

__all__ = ["MAX_DEPTH", "AliasUse", "TooDeep", "compose"]

MAX_DEPTH = 64
"""The deepest a value may be nested, aliases counted as the values they stand for."""


class AliasUse(Node):
    """One use of an alias: the node it repeats (``value``), at the alias's own place."""

    id = "alias"

    def __init__(self, target: Node, event: Any) -> None:
        super().__init__("", target, event.start_mark, event.end_mark)
        self.anchor: str = event.anchor


class TooDeep(Node):
    """A value nested more than :data:`MAX_DEPTH` levels deep, left unread."""

    id = "too deep"


class _KeepAliases(Composer):
    """PyYAML's composer, but an alias is an :class:`AliasUse` and depth is bounded."""

    depth = 0

    if TYPE_CHECKING:  # the parser's, which a loader puts beside this class

        def check_event(self, *choices: Any) -> bool: ...
        def peek_event(self) -> Any: ...
        def get_event(self) -> Any: ...

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(AliasEvent):
            event = self.get_event()
            if event.anchor not in self.anchors:
                raise ComposerError(
                    None, None, f"found undefined alias {event.anchor!r}", event.start_mark
                )
            return AliasUse(self.anchors[event.anchor], event)
        if self.depth >= MAX_DEPTH:
            return self._skip()
        self.depth += 1
        try:
            node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
        return node

    def _skip(self) -> TooDeep:
        """Consume one node's events (a whole collection), its anchors standing for it."""
        first = self.peek_event()
        node = TooDeep("", None, first.start_mark, first.end_mark)
        open_collections = 0
        while True:
            event = self.get_event()
            if isinstance(event, NodeEvent) and event.anchor is not None:
                self.anchors[event.anchor] = node
            if isinstance(event, CollectionStartEvent):
                open_collections += 1
            elif isinstance(event, CollectionEndEvent):
                open_collections -= 1
            if open_collections == 0:
                return node


if yaml.__with_libyaml__:  # PyYAML's wheels have it; a build from source may not
    from yaml._yaml import CParser

    class _FastLoader(_KeepAliases, CParser, Resolver):
        """libyaml's parser (C) under the composer above."""

        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            Composer.__init__(self)
            Resolver.__init__(self)


class _Loader(_KeepAliases, Reader, Scanner, Parser, Resolver):
    """PyYAML's parser in Python under the composer above: its messages name the mistake."""

    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        Resolver.__init__(self)


def compose(text: str) -> Node | None:
    r"""The document's node graph (``None`` when empty); a mistake raises ``yaml.YAMLError``.

    libyaml reads the text first: PyYAML's parser in Python skips a comment a character
    at a time (a tester's 50 MB of comments in scenario.yaml took 38 s). A text libyaml
    refuses is read again by the Python parser, whose messages the errors are worded
    from, and so is a text with a tab, which libyaml takes after a colon where PyYAML
    (and the tests of its message) refuse it.

    >>> compose("a: &x [1]\nb: *x\n").value[1][1].anchor
    'x'
    """
    if yaml.__with_libyaml__ and "\t" not in text:
        # without a '*' there is no alias: libyaml's own composer, in C, is a third faster
        fast = _FastLoader(text) if "*" in text else yaml.CSafeLoader(text)
        try:
            node: Node | None = fast.get_single_node()
        except yaml.YAMLError:
            pass  # said in the Python parser's words, below
        else:
            return node
        finally:
            fast.dispose()
    loader = _Loader(text)
    try:
        slow: Node | None = loader.get_single_node()
    finally:
        loader.dispose()
    return slow
