"""A depot's shared truck-hours: the units that fit do, and each unit flagged does not."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from supplyline.routing.truck_hours import Lane, Need, busiest_share, shared_misfits

_lanes = st.builds(
    lambda rt_a, rt_b, cap: (Lane("A", 10.0, rt_a, cap), Lane("B", 2.0, rt_b, 3 * cap)),
    st.floats(0.5, 8.0),
    st.floats(0.5, 8.0),
    st.floats(0.5, 10.0),
)


@st.composite
def _needs(draw: st.DrawFn) -> list[Need]:
    out = []
    for i in range(draw(st.integers(1, 6))):
        a, b = draw(_lanes)
        lanes = draw(st.sampled_from([(a,), (b,), (a, b)]))
        most = sum(x.payload_t * x.max_trips for x in lanes)
        out.append(Need(f"U{i}", draw(st.floats(0.0, 1.0)) * most, lanes))
    return out


@settings(max_examples=60, deadline=None)
@given(needs=_needs(), hours_a=st.floats(1.0, 40.0), hours_b=st.floats(1.0, 40.0))
def test_the_units_kept_fit_and_each_one_flagged_would_not(
    needs: list[Need], hours_a: float, hours_b: float
) -> None:
    """Not flagged: carried together within every truck type's hours; flagged: not beside them."""
    hours = {"A": hours_a, "B": hours_b}
    share, misfits = shared_misfits(needs, hours)
    kept = [n for n in needs if n.unit not in misfits]
    assert busiest_share(kept, hours) <= 1 + 1e-6
    for n in needs:
        if n.unit in misfits:
            assert busiest_share([*kept, n], hours) > 1 + 1e-8
    assert (share <= 1 + 1e-7) == (not misfits)


def test_one_truck_type_by_hand() -> None:
    """13.5 truck-hours; 8.1 h each for two units (1.8 trips × 4.5 h): 120 %, the second out."""
    lane = Lane("T", 10.0, 4.5, 3.0)
    share, misfits = shared_misfits([Need("U0", 18.0, (lane,)), Need("U1", 18.0, (lane,))],
                                    {"T": 13.5})  # fmt: skip
    assert abs(share - 1.2) < 1e-6
    assert list(misfits) == ["U1"]
    assert abs(misfits["U1"][0] - 8.1) < 1e-9
    assert abs(misfits["U1"][1] - 8.1) < 1e-9
