"""The operation as immutable typed data, and the results that pass between layers.

No I/O and no solver code lives here.

The demand's names (:class:`Demand`, :func:`held_at_start`, :func:`to_deliver`) are
imported from their module on first use (:func:`__getattr__`): it is the one module here
built on NumPy, and the command line's ``--help`` and its ledger commands use the records
and not the demand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from supplyline.domain.agreements import Agreement, Price, ReimbursementMode
from supplyline.domain.checks import (
    Finding,
    check_scenario,
    check_scenario_sound,
    reachable_from,
)
from supplyline.domain.commodities import Commodity, DemandUnit, Rate, SupplyClass, VehicleClass
from supplyline.domain.factors import FactorTable, PlanningFactor
from supplyline.domain.geo import great_circle_km
from supplyline.domain.network import Link, Location, LocationKind, Mode
from supplyline.domain.partners import Partner
from supplyline.domain.plan import (
    Bottleneck,
    Closure,
    Delivery,
    Movement,
    Plan,
    PlanStatus,
    ResourceKind,
    Shortfall,
    SolveStats,
    StockLevel,
    TargetGap,
    amount_unit,
    check_plan_of,
    run_dependent_stats,
)
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
from supplyline.lazy import lazy_names

if TYPE_CHECKING:
    from supplyline.domain.demand import Demand, held_at_start, to_deliver

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
    "Link",
    "Location",
    "LocationKind",
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
    "reachable_from",
    "run_dependent_stats",
    "to_deliver",
    "unknown_reference",
]

_HOMES = dict.fromkeys(["Demand", "held_at_start", "to_deliver"], "demand")
"""The names of this package imported from their module on first use."""

__getattr__, __dir__ = lazy_names(__name__, _HOMES, globals(), __all__)
