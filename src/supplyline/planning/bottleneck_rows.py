"""The bottleneck report as rows and words for the faces: the capacities, then the closures.

Capacities are ranked by shadow price, a rate (objective saved per tonne or person a day
at the margin); an outage has no such rate, only the objective its lifting saves in all
(:mod:`~supplyline.planning.outages`). So the closures follow the capacities in the ranks,
and the tables people read show them apart: the top capacities under "shadow price", every
closure under "objective saved" (an analyst's random network ranked an outage that cut 600
person-days above a capacity whose extra cut 4,500, and a column mixing the rate and the
total sorted into another order). Programs (CSV, JSON) get every entry as one list.
"""

from __future__ import annotations

from typing import Any

from supplyline.domain import Bottleneck, JointExtra, Measuring, Plan, ResourceKind
from supplyline.domain.bottleneck import BOTTLENECK_PLACE_FIELDS
from supplyline.planning.outcome_words import GAIN_FIELDS, extra_text
from supplyline.planning.price_reading import measured_saves_text, saves_unit_words
from supplyline.planning.resources import amount_text
from supplyline.planning.shortfall_words import plan_decimals
from supplyline.planning.unexplained import explained_shortfall, unexplained_outcome
from supplyline.types import Said, day_ranges, figure_with_unit

__all__ = [
    "CLOSURES_TITLE",
    "CLOSURE_RANK_RULE",
    "bottleneck_caveats",
    "bottleneck_note",
    "bottleneck_rows",
    "bottleneck_table_rows",
    "capacity_entries",
    "closure_entries",
    "closure_table_rows",
    "filled_columns",
    "one_more_saves",
]

CLOSURES_TITLE = "Closures that hold the plan back"
"""The title of the closures' table, in the CLI's summary and the HTML report."""
CLOSURE_RANK_RULE = (
    "first by the shortfall the re-made plan removes (weighted by the goods' priority), "
    "then by the objective saved"
)
"""How the closures are ranked (:func:`~supplyline.planning.outages.closure_rank`), in words."""


def capacity_entries(plan: Plan) -> list[tuple[int, Bottleneck]]:
    """The plan's capacities with their ranks (1 to n, by shadow price): no closures."""
    return [
        (i, b) for i, b in enumerate(plan.bottlenecks, start=1) if b.kind is not ResourceKind.OUTAGE
    ]


def closure_entries(plan: Plan) -> list[tuple[int, Bottleneck]]:
    """The plan's closures (kind ``outage``) with their ranks, after the capacities'."""
    return [
        (i, b) for i, b in enumerate(plan.bottlenecks, start=1) if b.kind is ResourceKind.OUTAGE
    ]


def bottleneck_note(plan: Plan, *, warned: bool) -> str | None:
    """What to say where a plan lists no bottleneck, or why it lists none (None: it lists some).

    Only a plan proven best has shadow prices to rank capacities by; saying "no capacity
    limits the plan" of one the time limit stopped would contradict its shortfalls.

    It says no capacity *limits* the plan (more of none would buy anything), never that
    none is *full*: a depot's handling of 4 t/day was full on each day it could load,
    priced 0 since the 4 t short were due on C+0, which nothing could reach, and the note
    had said "no capacity the plan uses is full". What is left short or late is said with
    where to read why: the shortfall table's "why" for the shortfalls it explains, the
    scenario's warnings for the rest, and only when there are some (``warned``).
    """
    if (why := plan.bottlenecks_not_computed) is not None:
        return f"bottlenecks: not computed ({why})"
    if plan.bottlenecks:
        return None
    unexplained = unexplained_outcome(plan)
    explained = explained_shortfall(plan)
    # an outage the time left untried may limit it: --explain-time 0.001 said "none"; with
    # --explain 0 every one is untried as asked, and the note below the table says so
    cut_short = plan.stats.outages_untried and plan.stats.explain_top > 0
    if unexplained is None and explained is None and cut_short:
        return "no capacity the plan uses limits it, but not every outage was tried (below)"
    if unexplained is None and explained is None:
        return "no capacity limits the plan"
    # a link of capacity 0 is no capacity the plan uses: "no capacity limits the plan"
    # stood above a unit that never closed (21,600 t-days late); validate's warnings say why
    said = []
    if unexplained is not None:
        said.append(f"yet {unexplained}" + (": see the scenario's warnings" if warned else ""))
    if explained is not None:
        said.append(explained)
    tried = ", and not every outage was tried (below)" if cut_short else ""
    return f"no capacity the plan uses limits it{tried}; " + "; ".join(said)


def bottleneck_caveats(plan: Plan, top: int) -> list[str]:
    """How to read the first ``top`` suggestions: each alone, and which are not measured.

    The ranks the measuring time cut short are counted up to ``explain_top`` even past
    ``top``: those are in the plan's files, and a count that stopped at the shown ones
    said nothing of them.

    A planner applied two suggestions that each claimed the same gain and got it once,
    and read the blank cells of the ranks not measured as "no effect".
    """
    shown = capacity_entries(plan)[:top]  # and every closure, each measured by a re-plan
    measured = [b for _, b in shown if b.suggested_extra is not None]
    out = []
    if len(measured) > 1:
        out.append(
            "each suggestion is measured on its own: two can buy the same gain, and raising "
            "both may buy no more than one"
        )
    # every rank the measuring time cut short, shown or not: with --explain 6 and 5 shown,
    # "ranks 2–5 are not measured" let a planner take rank 6 (in bottlenecks.csv) for
    # measured; each bottleneck says which it is (Bottleneck.measuring)
    ranked = list(enumerate(plan.bottlenecks, start=1))
    cut = [i for i, b in ranked if b.measuring is Measuring.TIME_RAN_OUT]
    beyond = [i for i, b in shown if b.measuring is Measuring.NOT_ASKED]
    unsure = [i for i, b in ranked if b.measuring is Measuring.SOLVER_UNSURE]
    if cut:  # the measuring time, or the time limit (which says how to get the rest)
        out.append(f"{_ranks(cut)} not measured: {plan.stats.measuring_ran_out()}")
    if unsure:
        out.append(
            f"{_ranks(unsure)} not measured: the solver could not vouch for the re-solve "
            "(numerical trouble), so no gain is claimed"
        )
    if beyond:
        out.append(f"{_ranks(beyond)} ranked by shadow price only, not measured")
    return out


def _ranks(ranks: list[int]) -> str:
    """``rank 4 is`` or ``ranks 4–5 are``."""
    many = len(ranks) > 1
    return (
        f"rank{'s' if many else ''} {day_ranges(ranks).replace('C+', '')} {'are' if many else 'is'}"
    )


def bottleneck_rows(plan: Plan, top: int | None = None) -> list[dict[str, Any]]:
    """The ranked bottlenecks (the first ``top``), with their explanation.

    ``suggested_extra`` and ``shortfall_removed_t`` as bottlenecks.csv and plan.json name
    them: ``plan --format json`` said ``extra`` and ``removes_t`` for the same figures.
    The other gains too (``late_t_days_cut``, …), exact, which the explanation rounds.
    Every entry, closures (kind ``outage``) after the capacities: a closure's
    ``shadow_price`` is the objective its lifting saves in all, not a rate.

    The days as bottlenecks.csv has them: ``first_day``, ``first_label``, ``first_date``,
    the same for ``last_``, and ``days``, a count; ``day_ranges`` says them as the table
    does (``C+0–C+5, C+14``). Stdout's ``days`` was that range, where the file's ``days``
    column counts them (``30``). The extra's days likewise (``extra_first_day``, …,
    ``extra_day_ranges``), from :attr:`~supplyline.domain.Bottleneck.extra_days`; empty
    where it has none (a store's, or no extra). ``together_with``: the other capacities'
    extras the claim needs with its own, each as bottlenecks.csv's cell has it
    (``L6 +400 pax/day on C+0–C+2``; plan.json has each as a record).
    """
    ranked = list(enumerate(plan.bottlenecks, start=1))
    return [_row(plan, i, b) for i, b in (ranked[:top] if top else ranked)]


def _row(plan: Plan, rank: int, b: Bottleneck) -> dict[str, Any]:
    """One entry as :func:`bottleneck_rows` gives it."""
    return {
        "rank": rank,
        "kind": b.kind.value,
        "resource": b.resource,
        **plan.span_cells("", b.days),  # first_day, first_label, first_date, last_…
        "days": len(b.days),  # a count, as in bottlenecks.csv
        "day_ranges": day_ranges(b.days),
        # a list, as plan.json has it (";" in a CSV cell); a person's table joins it
        "commodities": list(b.commodities),
        "shadow_price": b.shadow_price,
        "capacity": b.capacity,
        "capacity_unit": b.capacity_unit,
        "suggested_extra": b.suggested_extra,
        "extra_unit": b.extra_unit,
        **plan.span_cells("extra_", b.extra_days),  # the days the extra is added on
        "extra_day_ranges": day_ranges(b.extra_days) if b.extra_days else None,
        "shortfall_extra": b.shortfall_extra,  # less, where it removes the shortfall alone
        "shortfall_removed_t": b.removes_shortfall_t,
        **b.gains_shown,
        "then_limited_by": b.then_limited_by,  # what caps the gain beyond the extra
        # the other capacities' extras the gain needs, each as bottlenecks.csv's cell values
        "together_with": [j.cell for j in b.together_with],
        "explanation": b.explanation,
        "measuring": b.measuring.value,  # as bottlenecks.csv: measured, not asked, cut short
        # where it is, and its price in its tier's unit, as bottlenecks.csv's last columns
        **{name: getattr(b, name) for name in BOTTLENECK_PLACE_FIELDS},
        "set_to": b.set_to,  # the scenario figure to write: capacity (as held) + extra
    }


def bottleneck_table_rows(plan: Plan, top: int | None = None) -> list[dict[str, Any]]:
    """The first ``top`` capacities for people: capacity and extra as figures with their unit.

    ``capacity_or_supply`` as "40 t/day" (or "60 pax/day", "600 t" of storage), for a
    supply "40 t/day of replenishment" or "600 t on hand", as the explanation says it: a
    tester could not tell t/day from t, and read a depot's replenishment as a "capacity"
    beside a cause that held whatever the (transport) capacities. ``extra`` as the sentence
    says it ("0.099 t/day", where a table showed 0.10 beside "+0.099 t/day"), followed by
    the extras its gain needs with it (", with L6 +400 pax/day on C+0–C+2"). The CLI
    table and the HTML report show these; CSV and JSON keep the numbers and units apart.
    Where less removes the shortfall, the extra says so: "28 t/day on C+1–C+3 (8 for the
    shortfall alone)". ``removes_t`` as the explanation says it too
    (:class:`~supplyline.types.Said`): a column of 99.995 (three decimals, for another
    row's 0.015) read beside "removes 100 t".
    Closures are not among them: :func:`closure_table_rows` gives every one.
    """
    entries = capacity_entries(plan)
    rows = [_row(plan, i, b) for i, b in (entries[:top] if top else entries)]
    # the decimals its explanation rounds the tonnes to, those of the shortfall table
    places = plan_decimals(plan.shortfalls, plan.movements, plan.deliveries)
    shown = entries[:top] if top else entries
    for row, (_, b) in zip(rows, shown, strict=True):
        row["commodities"] = ", ".join(row["commodities"])
        row["days"] = row.pop("day_ranges")  # a person reads the days, not their count
        for name in [*plan.span_cells("", ()), *plan.span_cells("extra_", ())]:
            del row[name]
        cap, extra = row["capacity"], row.pop("suggested_extra")
        extra_on = row.pop("extra_day_ranges")
        del row["capacity"]  # a supply is no capacity: "40 t/day of replenishment"
        kind = ResourceKind(row["kind"])
        said = None if cap is None else amount_text(kind, cap, row["capacity_unit"])
        row["capacity_or_supply"] = said
        # the scenario figure to write for the claim, in the capacity's unit (bottlenecks.csv's
        # number): a planner added the extra to the scenario's figure, not to what was held
        to = row.pop("set_to")
        row["set_to"] = None if to is None else amount_text(kind, to, row["capacity_unit"])
        # with its days, which may be fewer than the row's: a yard binding on C+3–C+11
        # showed "400 t/day" beside them, where the explanation said "on C+3–C+7"
        on = f" on {extra_on}" if extra_on else ""
        row["extra"] = None if extra is None else f"{extra_text(extra)} {row['extra_unit']}{on}"
        if (less := row.pop("shortfall_extra")) is not None:  # a planner ending the shortfall
            row["extra"] += f" ({extra_text(less)} for the shortfall alone)"
        del row["together_with"]
        if b.together_with:  # the claim's gain needs them too: a planner applied it alone
            row["extra"] += "".join(f", with {_joint_text(j)}" for j in b.together_with)
        removed = row.pop("shortfall_removed_t")  # short headings for a table
        row["removes_t"] = None if removed is None else Said(removed, places)
        # in the unit of the tier it acts on: "1,728,000" read as neither tonnes, days nor money
        row["one_more_saves"] = one_more_saves(b)
        for name in ("shadow_price", *BOTTLENECK_PLACE_FIELDS):
            del row[name]  # the price in objective units, and where: CSV and JSON give them
        for name in set(GAIN_FIELDS) - {"shortfall_removed_t"}:
            del row[name]  # the explanation says them; a table stays short
        del row["capacity_unit"], row["extra_unit"], row["measuring"]  # the caveats say it
    return rows


def one_more_saves(b: Bottleneck) -> str:
    """What one more of the resource on its days saves, as a person reads it.

    The shadow price over the weight of the tier it acts on
    (:mod:`supplyline.planning.price_reading`), with that tier's unit; a plan written
    before that was recorded says its price in objective units. A closure's is what
    lifting it saves, its re-plan's measured gains each in its own unit
    (:func:`~supplyline.planning.price_reading.measured_saves_text`): "440 t-days late"
    had summed 400 t-days and 40 person-days.

    >>> from supplyline.domain import ResourceKind
    >>> one_more_saves(Bottleneck(kind=ResourceKind.HANDLING, resource="y", days=(3,),
    ...     shadow_price=1728000.0, saves=36.0, saves_unit="t-days late"))
    '36 t-days late'
    >>> one_more_saves(Bottleneck(kind=ResourceKind.HANDLING, resource="y", days=(3,),
    ...     shadow_price=1728000.0, saves=5.0, saves_unit="pax-days late"))
    '5 person-days late'
    >>> one_more_saves(Bottleneck(kind=ResourceKind.HANDLING, resource="y", days=(3,),
    ...     shadow_price=1728000.0, saves=1.0, saves_unit="pax-days late"))
    '1 person-day late'
    >>> one_more_saves(Bottleneck(kind=ResourceKind.HANDLING, resource="y", days=(3,),
    ...     shadow_price=1728000.0))
    '1,728,000 in objective units'
    """
    if (measured := measured_saves_text(b)) is not None:
        return measured
    if b.saves is None or b.saves_unit is None:
        return f"{Said(b.shadow_price)} in objective units"
    return figure_with_unit(str(Said(b.saves)), saves_unit_words(b.saves_unit))


def _joint_text(joint: JointExtra) -> str:
    """A joint extra as the table says it: "L6 +400 pax/day on C+0–C+2 (set to 1,000)".

    With its figure to write where there is one, as the record's own ``set_to``.
    """
    on = f" on {day_ranges(joint.extra_days)}" if joint.extra_days else ""
    to = "" if joint.set_to is None else f" (set to {extra_text(joint.set_to)})"
    return f"{joint.resource} +{extra_text(joint.suggested_extra)} {joint.extra_unit}{on}{to}"


def filled_columns(rows: list[dict[str, Any]], *columns: str) -> list[str]:
    """Those of ``columns`` that some row fills: an empty cell on every row says nothing.

    The rule both faces' bottleneck tables show "removes t" and "then limited by" by: the
    terminal had left a "removes t" blank on every row out while the HTML report still
    showed it (the explanations say what each rank gains either way).

    >>> filled_columns([{"a": None, "b": 0.0}, {"a": None, "b": None}], "a", "b")
    ['b']
    """
    return [c for c in columns if any(row.get(c) not in (None, "") for row in rows)]


def closure_table_rows(plan: Plan) -> list[dict[str, Any]]:
    """Every closure (kind ``outage``) for people: rank, link, days, objective saved, words.

    ``objective_saved`` is the entry's ``shadow_price``: for a closure, the objective the
    plan re-made without it saves in all (a total, where a capacity's is a rate), and
    ``removes_t`` the shortfall its re-plan removes, as the explanation rounds it: the
    closures rank by that first (weighted by priority), then by the objective saved, and a
    re-checker read a smaller saving ranked above a larger one with no column saying why.
    All of them, never cut by the capacities' top N: a closure that holds the plan back is
    said. ``lifting_it_saves``: the objective saved read in its tier's unit
    (:func:`one_more_saves`), headed "lifting it saves" by both faces (the terminal said
    "saves").
    """
    places = plan_decimals(plan.shortfalls, plan.movements, plan.deliveries)
    return [
        {
            "rank": i,
            "resource": b.resource,
            "days": day_ranges(b.days),
            "commodities": ", ".join(b.commodities),
            "removes_t": None if not b.shortfall_removed_t else Said(b.shortfall_removed_t, places),
            "objective_saved": b.shadow_price,
            # the same total read in the unit of the tier it acts on, as a capacity's "one
            # more saves": "76,870,547" read as neither tonnes, days nor money
            "lifting_it_saves": one_more_saves(b),
            "explanation": b.explanation,
        }
        for i, b in closure_entries(plan)
    ]
