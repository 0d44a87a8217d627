"""requirements.json's fast indented JSON is byte for byte what ``json.dumps`` writes."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from supplyline.io.indented_json import indented_json

_PLAIN = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
_KEYS = st.text() | st.integers() | st.booleans() | st.none() | st.floats(allow_nan=False)
_DOCUMENTS = st.recursive(
    _PLAIN,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(_KEYS, inner, max_size=4)
    ),
    max_leaves=30,
)


@given(st.dictionaries(st.text(), _DOCUMENTS, max_size=5) | st.lists(_DOCUMENTS, max_size=5))
def test_indented_json_is_json_dumps_indent_2(document: Any) -> None:
    """Any document (nested, empty, odd keys, NaN, line breaks in text) reads the same."""
    assert indented_json(document) == json.dumps(document, indent=2, ensure_ascii=False)
