"""Reachability bounds: all searches in one Dijkstra call give each flow its own distances.

:func:`~supplyline.planning.network.reach` lays the tonnes' and the people's graphs, each
forward and reversed, side by side in one graph and searches them together; here each
flow's bounds are worked out alone, one search per source or sink, and must agree.
"""

from __future__ import annotations

import dataclasses

import numpy as np
from hypothesis import given
from random_networks import SETTINGS, scenarios

from supplyline.domain import Demand, Scenario
from supplyline.planning.network import (
    FlowKind,
    _goods_ends,
    days_from,
    index_flows,
    index_network,
    reach,
)


def _alone(scenario: Scenario, demand: Demand) -> tuple[np.ndarray, np.ndarray]:
    """Each flow's earliest and latest days from its own searches (reversed arcs for sinks)."""
    net = index_network(scenario)
    flows = index_flows(scenario, demand, net)
    days = scenario.horizon_days
    sources, sinks = _goods_ends(scenario, demand, net)
    earliest = np.full((len(flows.names), len(net.location_ids)), np.iinfo(np.int64).max // 4)
    latest = np.full((len(flows.names), len(net.location_ids)), -1)
    back = dataclasses.replace(  # every arc turned round, with the delay it had
        net,
        arc_from=net.arc_to,
        arc_to=net.arc_from,
        arc_transit=net.arc_transit + net.dwell[net.arc_to] - net.dwell[net.arc_from],
    )
    for f in range(len(flows.names)):
        pax = flows.kind[f] == FlowKind.DEPLOY_PAX
        usable = (net.arc_cap_pax if pax else net.arc_cap_t) > 0
        goods = flows.kind[f] == FlowKind.GOODS
        srcs = sources[flows.goods[f]] if goods else [int(flows.home[f])]
        snks = sinks[flows.goods[f]] if goods else [int(flows.dest[f])]
        start = 0 if goods else int(flows.start_day[f])
        for v in srcs:
            d = days_from(net, usable, np.array([v]))[0] + start
            earliest[f] = np.where(np.isfinite(d), np.minimum(earliest[f], d), earliest[f])
        if snks:  # the nearest sink decides (its day may be before day 0: never useful)
            nearest = np.min([days_from(back, usable, np.array([v]))[0] for v in snks], axis=0)
            latest[f] = np.where(np.isfinite(nearest), (days - 1) - nearest, -1)
    return earliest, latest


@SETTINGS
@given(scenarios())
def test_one_search_over_all_graphs_gives_each_flow_its_own_bounds(
    case: tuple[Scenario, Demand],
) -> None:
    """``reach`` equals, flow by flow, the bounds from one search per source and sink."""
    scenario, demand = case
    net = index_network(scenario)
    bounds = reach(scenario, demand, net, index_flows(scenario, demand, net))
    earliest, latest = _alone(scenario, demand)
    np.testing.assert_array_equal(bounds.earliest, earliest)
    np.testing.assert_array_equal(bounds.latest, latest)
