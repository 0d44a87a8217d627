"""The reach-check flags printed under a plan's summary."""

from __future__ import annotations

from rich.console import Console

from supplyline.domain.routes import NO_UNITS_WORDS, ReachCheck

__all__ = ["print_reach_flags"]


def print_reach_flags(check: ReachCheck, out: Console) -> None:
    """One line for the reach check, one per unit flagged or never there, one per unit cut off.

    A unit whose cut-off days its own stock covers is not flagged, but the closure is said
    (a planner should still see it), in ``reach``'s words; a unit never at its destination
    within the horizon says so ("never arrives: …"), not "(ok)".
    """
    from supplyline.routing.reach_counts import flagged_count_words  # not at start: numpy
    from supplyline.routing.reach_cut_off import cut_off_words

    if check.units == 0:
        out.print(f"reach check: skipped ({NO_UNITS_WORDS})", highlight=False)
        return
    if check.trucks == 0:
        out.print("reach check: skipped (no trucks in fleet.csv)", highlight=False)
        return
    flagged = check.flagged
    style = "red" if flagged else "green"
    out.print(
        f"[{style}]reach check: {flagged_count_words(check)}[/]",
        highlight=False,
    )
    for r in (*flagged, *check.never_arriving):  # "never arrives: …", not "(ok)"
        out.print(f"  {r.unit}: {r.reason}", markup=False, highlight=False)
    for r in check.rows:
        if said := cut_off_words(r):
            out.print(f"  {r.unit} (ok): {said}", markup=False, highlight=False)
