"""The other capacities a bottleneck's claim raises with its own, as data.

Where more of one capacity alone buys nothing, the measuring raises the capacities that
bind with it too (:func:`~supplyline.planning.measure.measure_run`), and the gain is
theirs together. The explanation said so ("together with +400 pax/day at the railhead L6
… on C+0–C+2"), but the bottleneck's record had no field for it: a tester who applied
only its own extra gained nothing. This turns each partner into a
:class:`~supplyline.domain.JointExtra`, with the scenario row it is added to.
"""

from __future__ import annotations

from supplyline.domain import JointExtra, ResourceKind
from supplyline.planning.assemble import Problem
from supplyline.planning.resources import Run, describe, extra_unit
from supplyline.types import to_gram

__all__ = ["joint_extra"]

_LINK_KINDS = (ResourceKind.LINK_TONNES, ResourceKind.LINK_PAX)


def joint_extra(p: Problem, run: Run, figure: float) -> JointExtra:
    """``figure`` more of ``run``'s resource on its ``lifted`` days, as a claim's partner.

    A store's extra has no days (its one ``storage_t`` raised), as a bottleneck's own.
    """
    prefix, ident = run.key
    link = location = commodity = None
    if run.kind in _LINK_KINDS:
        link = p.scenario.links[int(p.net.arc_link[ident])].id
    else:
        location = p.scenario.locations[ident].id
    if run.kind is ResourceKind.SUPPLY:
        commodity = p.flows.names[int(prefix.removeprefix("supply"))]
    resource, _, capacity, _ = describe(p, run)
    return JointExtra(
        kind=run.kind,
        resource=resource,
        link=link,
        location=location,
        commodity=commodity,
        suggested_extra=figure,
        extra_unit=extra_unit(run, run.lifted),
        extra_days=() if run.kind is ResourceKind.STORAGE else tuple(run.lifted),
        capacity=None if capacity is None else to_gram(capacity),
    )
