"""Whole numbers that add up: amounts rounded (to the kilogram) so that their sum is kept.

Both the convoy router (splitting a delivery into truck-loads) and the route files
(writing every part of a day's routes to the kilogram) need it, and neither may import
the other, so it lives here; and the requirements' writers, whose two parts and their
total are written side by side, each to the gram (:func:`gram_parts`); and the faces'
one-line summaries, whose parts are written to as many decimals as make them add up
(:func:`adding_decimals`); and the plan's tables and headline, whose totals are rounded
as they read alone and whose parts are rounded to add up to them
(:func:`summed_figures`, :func:`summed_within`, :func:`summed_columns`; the
requirements' tables, whose totals are fixed for two views at once, have
:mod:`supplyline.domain.margins`); and the ledger's
balances, whose receivable less payable reads as their net (:func:`said_difference`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from numbers import Real
from typing import TypeVar

from supplyline.domain.circulation import cheapest_circulation
from supplyline.types import GRAM_DECIMALS, to_gram

__all__ = [
    "adding_decimals",
    "apportion",
    "apportion_rows",
    "apportioned",
    "gram_decimal",
    "gram_parts",
    "half_up",
    "kilogram_parts",
    "rounded",
    "running_steps",
    "said_delivery",
    "said_difference",
    "summed_columns",
    "summed_figures",
    "summed_within",
]

K = TypeVar("K", bound=Hashable)
_TOL = 1e-4
"""What a sum of parts given to the milligram may be off by and still be whole (0.1 g)."""


def apportion(total: int, exact: Sequence[float]) -> list[int]:
    """Whole numbers near ``exact`` that add up to ``total`` (largest remainders).

    Each part is its exact value rounded down, and the parts with the largest remainders
    get one more until the sum is ``total`` (one less from the smallest, if the floors
    overshoot). With ``total`` the exact sum rounded, every part is its exact value
    rounded down or up: 13 truck-loads of 7.8447 t of a 101.981 t delivery are 7.844 and
    7.845 t in kilograms, adding up to 101.981, not 13 × 7.845 = 101.985.

    >>> parts = apportion(101_981, [101_981 / 13] * 13)
    >>> parts.count(7845), parts.count(7844), sum(parts), apportion(10, [3.4] * 3)
    (9, 4, 101981, [4, 3, 3])
    """
    if not exact:
        return []
    floors = [math.floor(x) for x in exact]
    left = total - sum(floors)
    order = sorted(range(len(exact)), key=lambda i: floors[i] - exact[i])  # largest first
    step = 1 if left > 0 else -1
    if step < 0:
        order.reverse()
    for k in range(abs(left)):
        floors[order[k % len(order)]] += step
    return floors


def apportion_rows(rows: Sequence[Mapping[K, float]]) -> list[dict[K, int]]:
    """Whole numbers near each row's exact parts, adding up by row, by key and in all.

    Every part, every row's total and every key's total (a commodity over the rows) is
    its exact value rounded down or up, and the whole is the exact sum rounded: a
    controlled rounding of the table, found as a flow (rounding a table that way always
    can be, and a flow finds it). A row's parts then add up to the row's total as
    written, a row at or under a whole bound (a truck's payload in kilograms) stays at or
    under it, and a commodity's parts add up to its total to the kilogram. Rounding each
    commodity across the rows alone, a relief truck of 8,000 kg (2,497.5 kg of food,
    5,412.5 kg of water, 90 kg of medical stores) was written 8.001 t beside its 8.0 t
    payload, both halves rounded up.

    >>> apportion_rows([{"food": 2497.5, "water": 5412.5, "medical": 90.0}, {"food": 0.6}])
    [{'food': 2498, 'water': 5412, 'medical': 90}, {'food': 1}]
    """
    keys = list(dict.fromkeys(k for r in rows for k in r))
    floors = [{k: math.floor(v) for k, v in r.items()} for r in rows]
    cells = [(i, k, r[k] - floors[i][k]) for i, r in enumerate(rows) for k in r]
    cells = sorted((c for c in cells if c[2] > _TOL), key=lambda c: -c[2])  # largest first
    extra = round(sum(sum(r.values()) for r in rows)) - sum(sum(f.values()) for f in floors)
    row_frac = [sum(r.values()) - sum(floors[i].values()) for i, r in enumerate(rows)]
    key_frac = {
        k: sum(r.get(k, 0.0) - floors[i].get(k, 0) for i, r in enumerate(rows)) for k in keys
    }
    # nodes: 0 source, 1 sink, rows, keys; bounds [lo, hi] on source→row and key→sink
    n_rows = len(rows)
    node = {k: 2 + n_rows + j for j, k in enumerate(keys)}
    bounded = [
        (0, 2 + i, math.floor(f + _TOL), math.ceil(f - _TOL)) for i, f in enumerate(row_frac)
    ]
    bounded += [
        (node[k], 1, math.floor(f + _TOL), math.ceil(f - _TOL)) for k, f in key_frac.items()
    ]
    bounded += [(2 + i, node[k], 0, 1) for i, k, _ in cells]
    bounded.append((1, 0, extra, extra))
    chosen = _bounded_flow(2 + n_rows + len(keys), bounded)
    if chosen is None:  # a table can always be rounded so: this is a bug
        raise ArithmeticError("no controlled rounding of the table was found")
    for j, (i, k, _) in enumerate(cells):
        floors[i][k] += chosen[len(bounded) - 1 - len(cells) + j]
    return floors


def _augment(graph: list[list[int]], to: list[int], cap: list[int], s: int, t: int) -> bool:
    """Push one unit from ``s`` to ``t`` along a shortest path with room; False if none."""
    back: dict[int, int] = {s: -1}
    queue = [s]
    for u in queue:
        for e in graph[u]:
            if cap[e] > 0 and to[e] not in back:
                back[to[e]] = e
                queue.append(to[e])
    if t not in back:
        return False
    x = t
    while x != s:
        e = back[x]
        cap[e] -= 1
        cap[e ^ 1] += 1
        x = to[e ^ 1]
    return True


def _bounded_flow(n: int, edges: Sequence[tuple[int, int, int, int]]) -> list[int] | None:
    """An integral circulation within each edge's [lower, upper] bounds (the flow on each).

    The textbook reduction: lower bounds become supplies and demands met by a maximum
    flow from a super source to a super sink (augmenting paths, breadth first). None
    where there is none.
    """
    s, t = n, n + 1
    graph: list[list[int]] = [[] for _ in range(n + 2)]
    to: list[int] = []
    cap: list[int] = []

    def add(u: int, v: int, c: int) -> int:
        graph[u].append(len(to))
        to.append(v)
        cap.append(c)
        graph[v].append(len(to))
        to.append(u)
        cap.append(0)
        return len(to) - 2

    excess = [0] * n
    ids = []
    for u, v, lo, hi in edges:
        ids.append(add(u, v, hi - lo))
        excess[v] += lo
        excess[u] -= lo
    need = 0
    for x, e in enumerate(excess):
        if e > 0:
            add(s, x, e)
            need += e
        elif e < 0:
            add(x, t, -e)
    got = 0
    while _augment(graph, to, cap, s, t):
        got += 1
    if got != need:
        return None
    return [lo + cap[e ^ 1] for (_, _, lo, _), e in zip(edges, ids, strict=True)]


def gram_parts(first: float, second: float) -> tuple[float, float, float]:
    """``first``, ``second`` and their sum to the gram, the two adding up to the third.

    The sum and ``first`` are each rounded to the gram (:func:`~supplyline.types.to_gram`)
    and ``second`` is what is left, in whole grams: rounded alone, two of the bilateral
    example's 23,669 daily requirements read 0.834322 + 0.602566 t of a 1.436887 t total.
    ``second`` is then within a gram of its own rounding. The grams are taken as decimals
    (:func:`gram_decimal`), exact at any size: in floats, grams beyond 2**53 (9,007 t ×
    10**9) lost their last digits, and a tester's 1,000 t of build-up beside
    73,180,003,658,000 t consumed read 999.99744 t. A NaN or an infinity is rounded alone.

    >>> from supplyline.types import to_gram
    >>> to_gram(0.8343216), to_gram(0.6025656), to_gram(0.8343216 + 0.6025656)
    (0.834322, 0.602566, 1.436887)
    >>> gram_parts(0.8343216, 0.6025656), gram_parts(73180003658000.0, 1000.0)[1]
    ((0.834322, 0.602565, 1.436887), 1000.0)
    """
    total = first + second
    if not (math.isfinite(first) and math.isfinite(total)):
        return to_gram(first), to_gram(second), to_gram(total)
    left = gram_decimal(total) - gram_decimal(first)
    return to_gram(first), to_gram(float(left)), to_gram(total)


def kilogram_parts(first: float, second: float) -> tuple[float, float, float]:
    """``first``, ``second`` and their sum in tonnes to the kilogram, the two adding up.

    As :func:`gram_parts`, to the kilogram the route files write: the sum and ``first``
    each rounded, ``second`` what is left in whole kilograms (within a kilogram of its
    own rounding). ``depot_short.csv`` rounded ``held_t``, ``asked_t`` and ``short_t``
    each alone, and held + short read a kilogram off asked.

    >>> round(0.0004 + 0.0004, 3), kilogram_parts(0.0004, 0.0004)
    (0.001, (0.0, 0.001, 0.001))
    """
    total = first + second
    if not (math.isfinite(first) and math.isfinite(total)):
        return round(first, 3), round(second, 3), round(total, 3)
    kg_total, kg_first = round(total * 1000), round(first * 1000)
    return kg_first / 1000, (kg_total - kg_first) / 1000, kg_total / 1000


def adding_decimals(parts: Sequence[float], least: int = 1, most: int = 3) -> int:
    """The fewest decimals, ``least`` to ``most``, at which ``parts`` add up as written.

    Each part written to that many decimals, their sum is their total written so, and
    no part above zero reads zero. A routes summary said "5.0 t delivered, 5.0 t
    unserved" of a 10.1 t day (5.05 t each). As a report table's columns of one quantity
    share one number of decimals (``Table.alike``), so do the figures of one sentence.

    >>> adding_decimals([5.05, 5.05]), adding_decimals([10.0, 0.1]), adding_decimals([9.96, 0.04])
    (2, 1, 2)
    """
    finite = [p for p in parts if math.isfinite(p)]
    for k in range(least, most + 1):
        written = [Decimal(f"{p:.{k}f}") for p in finite]
        if sum(written) == Decimal(f"{sum(finite):.{k}f}") and all(
            w != 0 or p == 0 for w, p in zip(written, finite, strict=True)
        ):
            return k
    return max(least, most)


def gram_decimal(value: float) -> Decimal:
    """``value`` to the gram (:func:`~supplyline.types.to_gram`) as an exact ``Decimal``.

    Any real number is taken as the float it is (numpy's too: ``repr(np.float64(1.5))``
    is ``'np.float64(1.5)'``, which ``Decimal`` refused, and a tester's ``routes`` ended
    in ``decimal.InvalidOperation``); anything else is a bug, a TypeError naming its type.

    >>> from fractions import Fraction
    >>> gram_decimal(Fraction(3, 2)), gram_decimal(2), gram_decimal(0.1 + 0.2)
    (Decimal('1.5'), Decimal('2.0'), Decimal('0.3'))
    """
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(
            f"a figure must be a real number, not {type(value).__name__}: {value!r:.60}"
        )
    return Decimal(repr(to_gram(float(value))))


def rounded(value: float, decimals: int) -> Decimal:
    """``value`` to the gram, then to ``decimals``, a half away from zero: as it reads alone.

    The rounding of :func:`~supplyline.types.fixed_text`, which writes every figure.

    >>> rounded(17.15, 1), rounded(38321.0396, 0), rounded(2.5, 0)
    (Decimal('17.2'), Decimal('38321'), Decimal('3'))
    """
    step = Decimal(1).scaleb(-decimals)
    return gram_decimal(value).quantize(step, rounding=ROUND_HALF_UP)


def half_up(value: Decimal, decimals: int) -> Decimal:
    """An exact amount to ``decimals``, a half away from zero: as an invoice rounds it.

    Python's own rounding (``f"{value:.0f}"``, ``quantize``) is half to even, which made
    settlements of 100.50, 101.50 and 102.50 read 100, 102 and 102.

    >>> half_up(Decimal("100.50"), 0), half_up(Decimal("-1024.50"), 0)
    (Decimal('101'), Decimal('-1025'))
    """
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def said_difference(
    first: Decimal, second: Decimal, places: tuple[int, int, int]
) -> tuple[Decimal, Decimal, Decimal]:
    """``first``, ``second`` and ``first - second``, each to its ``places``, read as a sum.

    The difference is rounded alone, a half away from zero (:func:`half_up`): it is the
    figure said elsewhere (a balance's net, the other partner's statement). ``first`` and
    ``second`` are each their exact amount rounded down or up so that, as read, the first
    less the second is that difference; where their places leave none that does (a part
    to the cent beside a whole net), the closest. Of those, the one nearest the exact
    amounts, then each as it rounds alone. Exact: Decimals of any size, no floats (the
    plan's :func:`summed_within` works in floats, which hold no cent above 10^14).
    Rounded alone, a balance of 1,000.60 receivable and 200.40 payable read ``1,001``,
    ``200`` and a net of ``800``.

    >>> [str(d) for d in said_difference(Decimal("1000.60"), Decimal("200.40"), (0, 0, 0))]
    ['1000', '200', '800']
    >>> [str(d) for d in said_difference(Decimal("150.50"), Decimal("20.25"), (0, 2, 0))]
    ['150', '20.25', '130']
    """
    net = half_up(first - second, places[2])

    def options(value: Decimal, decimals: int) -> list[Decimal]:
        step = Decimal(1).scaleb(-decimals)
        return sorted({value.quantize(step, rounding=r) for r in (ROUND_FLOOR, ROUND_CEILING)})

    def cost(pair: tuple[Decimal, Decimal]) -> tuple[Decimal, Decimal, int]:
        a, b = pair
        alone = int(a != half_up(first, places[0])) + int(b != half_up(second, places[1]))
        return abs(a - b - net), abs(a - first) + abs(b - second), alone

    pairs = [(a, b) for a in options(first, places[0]) for b in options(second, places[1])]
    a, b = min(pairs, key=cost)
    return a, b, net


def running_steps(balances: Sequence[Decimal], groups: Sequence[Hashable]) -> list[Decimal]:
    """The steps between running ``balances`` as shown, each group's from zero.

    A statement's balance is a total that reads alone (it is what the other partner's
    statement says); the amounts before it are shown as the steps between the balances
    shown, so that a column of whole figures adds up: ``-1,024.50`` then ``+25.00`` read
    ``-1,024 + 25.00 = -1,000``.

    >>> running_steps([Decimal(-1025), Decimal(-1000), Decimal(7)], ["a", "a", "b"])
    [Decimal('-1025'), Decimal('25'), Decimal('7')]
    """
    last: dict[Hashable, Decimal] = {}
    steps = []
    for balance, group in zip(balances, groups, strict=True):
        steps.append(balance - last.get(group, Decimal(0)))
        last[group] = balance
    return steps


def apportioned(parts: Sequence[float], target: Decimal, decimals: int) -> list[Decimal] | None:
    """``parts`` rounded down or up to ``decimals`` so that they add up to ``target``.

    Largest remainders: each part is rounded down, and those with the largest remainders
    (the first of equal ones) are rounded up until the sum is ``target``. A part that is
    already whole at ``decimals`` is never moved. None where no such rounding reaches
    ``target`` (parts that are not its sum to within a step each).

    >>> apportioned([4904.6, 32960.7], Decimal(37865), 0)
    [Decimal('4904'), Decimal('32961')]
    >>> apportioned([1.0, 1.0], Decimal(3), 0) is None
    True
    """
    step = Decimal(1).scaleb(-decimals)
    exact = [gram_decimal(p) for p in parts]
    low = [e.quantize(step, rounding=ROUND_FLOOR) for e in exact]
    left = (target - sum(low, Decimal(0))) / step
    ups = sorted((i for i, e in enumerate(exact) if e > low[i]), key=lambda i: low[i] - exact[i])
    if left != left.to_integral_value() or not 0 <= left <= len(ups):
        return None
    for i in ups[: int(left)]:
        low[i] += step
    return low


def summed_figures(parts: Sequence[float], total: float, decimals: int) -> list[Decimal]:
    """``parts`` and their ``total`` (last) to ``decimals``, the parts adding up to it as read.

    The total is rounded as it reads alone (:func:`rounded`), so that it reads alike
    wherever it is said; the parts are rounded to add up to it (:func:`apportioned`),
    each its exact value rounded down or up. Raising the decimals until rounding each
    alone added up, a synthetic plan's headline read "38,321.0396 t". Parts that are not
    the total's sum (to within a step each) are rounded alone.

    >>> summed_figures([4904.6, 32960.7], 37865.3, 0)
    [Decimal('4904'), Decimal('32961'), Decimal('37865')]
    >>> summed_figures([150.4, 150.4], 300.8, 0)
    [Decimal('151'), Decimal('150'), Decimal('301')]
    """
    whole = rounded(total, decimals)
    said = apportioned(parts, whole, decimals)
    return [*(said or [rounded(p, decimals) for p in parts]), whole]


def summed_within(
    parts: Sequence[float], wholes: Sequence[float], decimals: int
) -> tuple[list[Decimal], list[Decimal]]:
    """Two summed columns, each row's part within its whole, rounded to add up (totals last).

    Each total reads as it rounds alone; every part and every whole is its exact value
    rounded down or up; each column adds up to its total as read; and no part reads more
    than its whole, nor less where it is all of it (a controlled rounding of the table of
    parts and rests, found as a flow). Rounded as two columns apart, a mode whose
    tonnes were all deployment (871.5 and 871.5) could read 872 of which 871, and a unit
    short of all its demand 3 t short of 2. Of the roundings that add up, the one
    closest to the exact figures (:func:`_closest_costs`): each part and whole to its
    nearest where the totals allow, else the largest remainders up, the first of equal
    ones; any that added up had read a tester's road 8,454.36 t as 8,455 beside rail's
    2,617.60 t as 2,617. Columns where a part exceeds its whole are rounded apart
    (:func:`summed_figures`).

    >>> parts, wholes = summed_within([1.5, 0.0, 1.5], [1.5, 1.5, 3.0], 0)
    >>> [str(d) for d in parts], [str(d) for d in wholes]
    (['2', '0', '2'], ['2', '1', '3'])
    >>> parts, wholes = summed_within([5550, 2600, 8150], [8454.36, 2617.6, 11071.96], 0)
    >>> [str(d) for d in wholes]
    ['8454', '2618', '11072']
    """
    n = len(parts) - 1
    scale = Decimal(10) ** decimals
    p = [gram_decimal(v) * scale for v in parts[:n]]
    w = [gram_decimal(v) * scale for v in wholes[:n]]
    r = [b - a for a, b in zip(p, w, strict=True)]
    if any(x < 0 for x in r):
        return summed_figures(parts[:n], parts[n], decimals), summed_figures(
            wholes[:n], wholes[n], decimals
        )
    fp, fr = [math.floor(x) for x in p], [math.floor(x) for x in r]
    x_total = int(rounded(parts[n], decimals) * scale) - sum(fp)
    g_total = int(rounded(wholes[n], decimals) * scale) - sum(fp) - sum(fr)
    lows = [math.floor(w[i]) - fp[i] - fr[i] for i in range(n)]
    highs = [math.ceil(w[i]) - fp[i] - fr[i] for i in range(n)]
    cell_p = [i for i in range(n) if p[i] > fp[i]]
    cell_r = [i for i in range(n) if r[i] > fr[i]]
    if not (0 <= x_total <= len(cell_p) and sum(lows) <= g_total <= sum(highs)):
        return summed_figures(parts[:n], parts[n], decimals), summed_figures(
            wholes[:n], wholes[n], decimals
        )
    up_cost = _closest_costs(n)
    # nodes: 0 source, 1 sink, rows 2.., then the parts' key and the rests' key
    key_p, key_r = 2 + n, 3 + n
    edges = [(0, 2 + i, lows[i], lows[i], 0) for i in range(n)]
    edges += [(0, 2 + i, 0, highs[i] - lows[i], up_cost(i, w[i], True)) for i in range(n)]
    edges += [(key_p, 1, x_total, x_total, 0), (key_r, 1, 0, n, 0), (1, 0, g_total, g_total, 0)]
    first_cell = len(edges)
    edges += [(2 + i, key_p, 0, 1, up_cost(i, p[i], True)) for i in cell_p]
    edges += [(2 + i, key_r, 0, 1, up_cost(i, r[i], False)) for i in cell_r]
    flow = cheapest_circulation(4 + n, edges)
    if flow is None:  # the totals as read leave no such rounding: the columns apart
        # (none was met in 200,000 random tables; a figure is never worth failing on)
        return summed_figures(parts[:n], parts[n], decimals), summed_figures(
            wholes[:n], wholes[n], decimals
        )
    up_p = [0] * n
    up_r = [0] * n
    for (u, key, *_), f in zip(edges[first_cell:], flow[first_cell:], strict=True):
        (up_p if key == key_p else up_r)[u - 2] += f
    said_p = [Decimal(fp[i] + up_p[i]) / scale for i in range(n)]
    said_w = [Decimal(fp[i] + up_p[i] + fr[i] + up_r[i]) / scale for i in range(n)]
    return (
        [*said_p, rounded(parts[n], decimals)],
        [*said_w, rounded(wholes[n], decimals)],
    )


def _closest_costs(rows: int) -> Callable[[int, Decimal, bool], int]:
    """What rounding a cell up costs, so that the cheapest rounding is the closest one.

    ``cost(row, exact, shown)`` for a cell of ``exact`` (scaled to whole steps): first
    how much further from its exact value a shown cell (a part or a whole; not a rest,
    which no table shows) reads up than down, 1 - 2 × its remainder, so that the
    cheapest rounding strays least in all; then, among equally close ones, the larger
    remainder up; then the earlier row up. One integer, each tier outweighing the sum of
    every tier below it over the whole table.
    """
    micro = 10**GRAM_DECIMALS
    third = 3 * rows * rows + 1  # more than the earlier-row tier's sum over every cell
    second = (3 * rows * micro + 1) * third  # more than the tiers below, summed

    def cost(row: int, exact: Decimal, shown: bool) -> int:
        remainder = int((exact - math.floor(exact)) * micro)  # exact: in whole micro-steps
        closeness = micro - 2 * remainder if shown else 0
        return int(closeness * second - remainder * third - (rows - row))

    return cost


def summed_columns(
    columns: Mapping[str, Sequence[float]],
    decimals: Mapping[str, int],
    within: Iterable[tuple[str, str]] = (),
) -> dict[str, list[Decimal]]:
    """Each column's figures, its last the total of the others, rounded to add up as read.

    ``within``: pairs (part, whole) of columns whose row's part is within its whole (a
    mode's deployment tonnes within its tonnes), rounded together (:func:`summed_within`)
    to the more decimals of the two; every other column alone (:func:`summed_figures`).

    >>> columns = {"t": [1.5, 1.5, 3.0], "d": [1.5, 0.0, 1.5]}
    >>> said = summed_columns(columns, {"t": 0, "d": 0}, [("d", "t")])
    >>> {c: [str(d) for d in figures] for c, figures in said.items()}
    {'d': ['2', '0', '2'], 't': ['2', '1', '3']}
    """
    out: dict[str, list[Decimal]] = {}
    for part, whole in within:
        if part in columns and whole in columns:
            places = max(decimals[part], decimals[whole])
            out[part], out[whole] = summed_within(columns[part], columns[whole], places)
    for name, values in columns.items():
        if name not in out:
            out[name] = summed_figures(values[:-1], values[-1], decimals[name])
    return out


def said_delivery(
    delivered: float, short: float, unstocked: float, to_deliver: float | None, decimals: int
) -> tuple[Decimal, Decimal, Decimal, Decimal | None]:
    """The plan's delivered, short, build-up not delivered and to deliver, as said together.

    What is short and what is to deliver read as they round alone: the tonnes short as
    the shortfall table's total and the report's "short" card say them. Where some build-up
    is not delivered, the three parts are said with the whole to deliver (the CLI's
    headline), so the delivered and the build-up are rounded to add up with them
    (:func:`apportioned`), each its exact value rounded down or up; else each rounds
    alone. The CLI's headline and the report's summary both say these, alike.

    >>> [str(d) for d in said_delivery(9059.6, 1250.3, 786.0, 11095.9, 0)]
    ['9060', '1250', '786', '11096']
    """
    said_short = rounded(short, decimals)
    whole = None if to_deliver is None else rounded(to_deliver, decimals)
    parts = None
    if whole is not None and to_gram(unstocked):
        parts = apportioned([delivered, unstocked], whole - said_short, decimals)
    if parts is None:
        parts = [rounded(delivered, decimals), rounded(unstocked, decimals)]
    return parts[0], said_short, parts[1], whole
