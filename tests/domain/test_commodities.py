"""A commodity's own invariants: here, the ids kept for the units' own lift."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supplyline.domain import Commodity, SupplyClass
from supplyline.domain.commodities import RESERVED_PREFIXES


def _commodity(commodity_id: str) -> Commodity:
    return Commodity(id=commodity_id, name="x", supply_class=SupplyClass.GENERAL)


@pytest.mark.parametrize(
    "commodity_id", ["deploy:bn-1", "deploy-pax:bn-1", "Deploy:bn-1", "DEPLOY-PAX:x", "deploy:"]
)
def test_an_id_of_a_units_lift_is_refused(commodity_id: str) -> None:
    """``deploy:`` and ``deploy-pax:`` in any case would pass for a unit's lift: refused."""
    written = commodity_id[: commodity_id.index(":") + 1]
    with pytest.raises(
        ValueError, match=rf"commodity id '{commodity_id}' starts with '{written}'.*another id"
    ):
        _commodity(commodity_id)


@pytest.mark.parametrize(
    "commodity_id", ["deploy", "deployment-kit", "deploy-bn-1", "deploy_pax:bn-1", "re:deploy:x"]
)
def test_ids_like_the_kept_ones_are_fine(commodity_id: str) -> None:
    """Only the two prefixes are kept: ``deploy``, ``deploy-bn-1``… are ordinary ids."""
    assert _commodity(commodity_id).id == commodity_id


@given(
    st.sampled_from(RESERVED_PREFIXES),
    # why the filter: Hypothesis's \w also draws marks Python's re does not take as \w
    # (U+05C1, the shin dot), and an id with one is refused before any suggestion
    st.from_regex(r"[\w.\-:]{0,8}", fullmatch=True).filter(
        lambda rest: re.fullmatch(r"[\w.\-:]*", unicodedata.normalize("NFC", rest)) is not None
    ),
)
def test_the_suggested_id_is_not_kept(prefix: str, rest: str) -> None:
    """The id the message suggests (its first ``:`` made ``-``) would itself be accepted."""
    commodity_id = prefix.upper() + rest
    # ids are taken in NFC, as the files take them (丽 U+F9BE is U+4E3D)
    suggested = unicodedata.normalize("NFC", commodity_id).replace(":", "-", 1)
    with pytest.raises(ValueError, match=re.escape(f"such as {suggested!r}")):
        _commodity(commodity_id)
    assert _commodity(suggested).id == suggested
