"""The operation as immutable typed data, and the results that pass between layers.

No I/O and no solver code lives here.

Each public name is imported from its module on first use (:func:`__getattr__`), as in
``planning``, ``routing`` and ``io``: the command line's output modules use the domain's
rounding and its route records, and importing every record with them (the scenario, its
checks, the plan, and NumPy for the demand) took a quarter of ``supplyline --help``'s
start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from supplyline.lazy import lazy_names

if TYPE_CHECKING:
    from supplyline.domain.agreements import Agreement, Price, ReimbursementMode
    from supplyline.domain.bottleneck import JointExtra
    from supplyline.domain.checks import (
        Finding,
        check_scenario,
        check_scenario_sound,
        reachable_from,
    )
    from supplyline.domain.commodities import Commodity, DemandUnit, Rate, SupplyClass, VehicleClass
    from supplyline.domain.demand import Demand, held_at_start, to_deliver
    from supplyline.domain.factors import FactorTable, PlanningFactor
    from supplyline.domain.fingerprint import plan_basis_id, scenario_id
    from supplyline.domain.geo import great_circle_km
    from supplyline.domain.network import Link, Location, LocationKind, Mode
    from supplyline.domain.partners import Partner
    from supplyline.domain.plan import (
        Bottleneck,
        Closure,
        Delivery,
        Measuring,
        Movement,
        Plan,
        PlanStatus,
        ResourceKind,
        Shortfall,
        SolveStats,
        StockLevel,
        TargetGap,
        amount_unit,
        run_dependent_stats,
    )
    from supplyline.domain.plan_fit import check_plan_of
    from supplyline.domain.references import close_matches, did_you_mean, unknown_reference
    from supplyline.domain.routes import (
        DepotShort,
        DrawnOnSite,
        ReachCheck,
        ReachRow,
        Routes,
        RouteStatus,
        Stop,
        TruckRoute,
        Unserved,
        UnservedReason,
    )
    from supplyline.domain.scenario import (
        DEFAULT_ACTIVITY_LEVELS,
        RoutingOptions,
        Scenario,
        SolverOptions,
    )
    from supplyline.domain.stocks import FleetGroup, Stock
    from supplyline.domain.units import ActivityPeriod, Unit

__all__ = [
    "DEFAULT_ACTIVITY_LEVELS",
    "ActivityPeriod",
    "Agreement",
    "Bottleneck",
    "Closure",
    "Commodity",
    "Delivery",
    "Demand",
    "DemandUnit",
    "DepotShort",
    "DrawnOnSite",
    "FactorTable",
    "Finding",
    "FleetGroup",
    "JointExtra",
    "Link",
    "Location",
    "LocationKind",
    "Measuring",
    "Mode",
    "Movement",
    "Partner",
    "Plan",
    "PlanStatus",
    "PlanningFactor",
    "Price",
    "Rate",
    "ReachCheck",
    "ReachRow",
    "ReimbursementMode",
    "ResourceKind",
    "RouteStatus",
    "Routes",
    "RoutingOptions",
    "Scenario",
    "Shortfall",
    "SolveStats",
    "SolverOptions",
    "Stock",
    "StockLevel",
    "Stop",
    "SupplyClass",
    "TargetGap",
    "TruckRoute",
    "Unit",
    "Unserved",
    "UnservedReason",
    "VehicleClass",
    "amount_unit",
    "check_plan_of",
    "check_scenario",
    "check_scenario_sound",
    "close_matches",
    "did_you_mean",
    "great_circle_km",
    "held_at_start",
    "plan_basis_id",
    "reachable_from",
    "run_dependent_stats",
    "scenario_id",
    "to_deliver",
    "unknown_reference",
]

_HOMES = {
    **dict.fromkeys(["Agreement", "Price", "ReimbursementMode"], "agreements"),
    **dict.fromkeys(
        ["Finding", "check_scenario", "check_scenario_sound", "reachable_from"], "checks"
    ),
    **dict.fromkeys(
        ["Commodity", "DemandUnit", "Rate", "SupplyClass", "VehicleClass"], "commodities"
    ),
    **dict.fromkeys(["Demand", "held_at_start", "to_deliver"], "demand"),
    **dict.fromkeys(["FactorTable", "PlanningFactor"], "factors"),
    "great_circle_km": "geo",
    **dict.fromkeys(["plan_basis_id", "scenario_id"], "fingerprint"),
    **dict.fromkeys(["Link", "Location", "LocationKind", "Mode"], "network"),
    "Partner": "partners",
    "JointExtra": "bottleneck",
    **dict.fromkeys(
        [
            "Bottleneck",
            "Closure",
            "Delivery",
            "Measuring",
            "Movement",
            "Plan",
            "PlanStatus",
            "ResourceKind",
            "Shortfall",
            "SolveStats",
            "StockLevel",
            "TargetGap",
            "amount_unit",
            "run_dependent_stats",
        ],
        "plan",
    ),
    "check_plan_of": "plan_fit",
    **dict.fromkeys(["close_matches", "did_you_mean", "unknown_reference"], "references"),
    **dict.fromkeys(
        [
            "DepotShort",
            "DrawnOnSite",
            "ReachCheck",
            "ReachRow",
            "Routes",
            "RouteStatus",
            "Stop",
            "TruckRoute",
            "Unserved",
            "UnservedReason",
        ],
        "routes",
    ),
    **dict.fromkeys(
        ["DEFAULT_ACTIVITY_LEVELS", "RoutingOptions", "Scenario", "SolverOptions"], "scenario"
    ),
    **dict.fromkeys(["FleetGroup", "Stock"], "stocks"),
    **dict.fromkeys(["ActivityPeriod", "Unit"], "units"),
}
"""The module of this package that defines each public name."""

__getattr__, __dir__ = lazy_names(__name__, _HOMES, globals(), __all__)
