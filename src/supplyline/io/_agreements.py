"""``agreements.yaml``: the mutual-support agreements between partners (a YAML list).

Money is read from the YAML source text, never through a float, so ``1250.10`` stays
exactly ``Decimal("1250.10")``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import Any

from supplyline.domain import Agreement, Price, ReimbursementMode
from supplyline.domain.agreements import ceilings_problem, prices_outside, second_price
from supplyline.domain.amounts import MONEY_DECIMALS, UNIT_PRICE_DECIMALS, largest_amount
from supplyline.io._cells import (
    BadValue,
    parse_currency,
    parse_decimal,
    parse_id,
    parse_name,
    show,
)
from supplyline.io._day_cells import parse_date
from supplyline.io._enum_cells import parse_enum
from supplyline.io._source import Fields, LooseRef, Origin, Origins, Report
from supplyline.io._yaml_fields import (
    kind_of,
    list_of,
    mapping_of,
    missing_keys,
    one_value,
    parse_as_written,
    take,
    yaml_tree,
)
from supplyline.io._yamltree import YNode, as_written

__all__ = ["AGREEMENT_KEYS", "read_agreements"]

FILE = "agreements.yaml"
AGREEMENT_KEYS = (
    "id", "name", "parties", "valid_from", "valid_to", "commodities", "services",
    "reimbursement_modes", "currency", "prices", "ceiling_per_order", "ceiling_total",
)  # fmt: skip


def _money(node: YNode, *, decimals: int, above_zero: bool = False) -> Decimal:
    """An amount as the ledger stores it: its bound and decimals (``domain.amounts``)."""
    one_value(node, "an amount such as 1250.00")
    raw = node.raw if node.raw is not None and node.value is not None else node.value
    hi = largest_amount(decimals)
    return parse_decimal(raw, hi=hi, above_zero=above_zero, places=decimals)


def _words(f: Fields, entries: dict[str, YNode], key: str, parse: Any) -> list[Any] | None:
    """A YAML list of single values (ids, words), each parsed; ``None`` after an issue.

    An item that is itself a list or a mapping is said as one (``[[rail, road]]`` had
    been stored as the text of Python's objects), at the item's own line.
    """
    node = entries.get(key)
    if node is not None and node.unread:
        f.said()
        return None
    if node is None or node.value is None:
        return []
    items = node.value if isinstance(node.value, list) else None
    if items is None:
        f.fail(key, f"must be a list such as [a, b], not {kind_of(node)}")
        return None
    out = []
    failed = False  # this list's own errors: another key's must not lose it (checked on)
    for item in items:
        if item.unread:
            f.said()
            failed = True
            continue
        try:
            if isinstance(item.value, dict | list):
                raise BadValue(
                    f"an item is {kind_of(item)}, not a single value: {key} is a list of "
                    "single values, such as [a, b]"
                )
            out.append(parse(as_written(item)))
        except BadValue as bad:
            f.fail(key, str(bad), item.line)
            failed = True
    return None if failed else out


@dataclass(frozen=True, slots=True)
class _Priced:
    """A price read, and where: its key in the file as written, and its line."""

    price: Price
    key: str
    line: int


def _prices(f: Fields, entries: dict[str, YNode], currency: str) -> list[_Priced]:
    """The prices of an entry, each problem said at the price's own line and key."""
    node = entries.get("prices")
    if node is not None and node.unread:
        f.said()
        return []
    if node is None or node.value is None:
        return []
    if not isinstance(node.value, dict):
        f.fail(
            "prices",
            "must be a mapping of commodity: price per tonne (such as food: 2400.00), "
            f"not {kind_of(node)}",
        )
        return []
    out: list[_Priced] = []
    for com, value in node.value.items():
        at, line = f"prices.{com}", value.line
        try:
            price = _price(com, value, currency)
        except BadValue as bad:
            f.fail(at, f"price of {show(com)}: {bad}", line)
            continue
        if price is None:  # unread: said by the YAML reader
            f.said()
            continue
        if any(
            (p.price.commodity, p.price.currency) == (price.commodity, price.currency) for p in out
        ):
            f.fail(at, f"price of {show(com)}: {second_price(price.currency)}", line)
            continue
        out.append(_Priced(price, com, line))
    return out


def _warn_other_currency(f: Fields, agreement: Agreement, prices: list[_Priced]) -> None:
    """Warn, at its line, of a price in another currency than the agreement's, as it matters.

    Orders are priced in the agreement's currency and the ledger converts none, so such a
    price values no order. Its commodity cannot be requested under the modes that need a
    price (:meth:`Agreement.modes_unable`, the request's own rule), which the warning names;
    where every mode permitted takes it at no price (in kind, no ceiling) nothing is said:
    a tester's in-kind-only ``ikonly-usdprice`` was warned that water "cannot be
    requested", and the request was taken.
    """
    cur = agreement.currency
    for priced in prices:
        price, com = priced.price, show(priced.key)
        if price.currency == cur:
            continue
        head = f"price of {com} is in {price.currency}, not the agreement's {cur}: it is kept, but"
        unable = agreement.modes_unable(price.commodity)  # none: taken at no price
        if not unable:
            continue
        said = (
            f"{head} an order of {com} reimbursed by {' or '.join(m.value for m in unable)} "
            f"cannot be requested (request and propose price orders in {cur} only, and the "
            f"ledger converts no currency; add a {cur} price to use {com}"
            f"{_at_no_price(agreement, unable)})"
        )
        at = f"prices.{priced.key}"
        f.report.warning(f.origin.file, said, priced.line, f.origin.column(at))


def _price(com: str, node: YNode, currency: str) -> Price | None:
    """One price: an amount, or ``{per_t: amount, currency: XXX}``; ``None`` if unread."""
    cid = parse_id(com, "commodity")
    amount_node, cur = node, currency
    if isinstance(node.value, dict):
        sub = node.value
        unknown = sorted(set(sub) - {"per_t", "currency"})
        if unknown or "per_t" not in sub:
            raise BadValue("a price is an amount, or {per_t: amount, currency: XXX}")
        if "currency" in sub:
            if sub["currency"].unread:
                return None
            one_value(sub["currency"], "a currency code such as EUR")
            cur = parse_as_written(parse_currency, sub["currency"])
        amount_node = sub["per_t"]
    if amount_node.unread:
        return None
    amount = _money(amount_node, decimals=UNIT_PRICE_DECIMALS)
    return Price(commodity=cid, currency=cur, per_t=amount)


def _outside(f: Fields, commodities: list[str] | None, prices: list[_Priced]) -> None:
    """Say each price of a commodity the entry does not cover, at that price's own key.

    A tester's price for 'water' on line 13 was said at line 9, the first price's.
    """
    if commodities is None:
        return  # unknown: said already
    for priced in prices:
        for message in prices_outside(set(commodities), [priced.price]):
            f.fail(f"prices.{priced.key}", message, priced.line)


def _check_failed_entry(
    f: Fields,
    aid: str | None,
    parties: list[str] | None,
    commodities: list[str] | None,
) -> None:
    """The checks of an agreement that had an error, on what of it did parse.

    Its parties and commodities are kept to check against the scenario once every file is
    read (its prices are checked against its commodities by :func:`_outside`), so that an
    entry's problems are said in one run (a tester's bad date hid an unknown commodity and
    a price outside the list).
    """
    refs = [("parties", "partner", p) for p in parties or ()]
    refs += [("commodities", "commodity", c) for c in commodities or ()]
    for key, kind, ref in refs:
        f.report.loose_refs.append(
            LooseRef(
                file=FILE,
                line=f.origin.line_of(key),
                column=f.origin.column(key),
                entity="agreement",
                entity_id=aid,
                kind=kind,
                ref=ref,
            )
        )


def _ceilings(f: Fields, e: dict[str, YNode]) -> dict[str, Decimal]:
    """The ceilings an entry gives, each checked, and checked against the other."""
    ceilings = {}
    for key in ("ceiling_per_order", "ceiling_total"):
        node = e.get(key)
        if node is not None and node.unread:
            f.said()
        elif node is not None and node.value is not None:
            try:
                ceilings[key] = _money(node, decimals=MONEY_DECIMALS, above_zero=True)
            except BadValue as bad:
                f.fail(key, str(bad))
    # the domain's rule, said here at the file's line, with the entry's other errors
    problem = ceilings_problem(ceilings.get("ceiling_per_order"), ceilings.get("ceiling_total"))
    if problem is not None:
        f.fail("ceiling_total", problem)
    return ceilings


def _note_id(f: Fields, aid: str | None, seen: dict[str, int], line: int) -> None:
    """Say a repeated id, naming the first entry's line; else remember the id's line."""
    if aid is None:
        return
    if aid in seen:
        f.fail(
            "id", f"duplicate agreement id {aid!r} (first on line {seen[aid]}; ids must be unique)"
        )
    else:
        seen[aid] = line


def _agreement(
    node: YNode, i: int, report: Report, origins: Origins, seen: dict[str, int]
) -> Agreement | None:
    """The entry's agreement, if whole and its id is new in the file (``seen``: id -> line).

    A repeated id is said whatever else is wrong with the entry (a second 'dup-1' with a
    negative price was reported for its price alone), and the entry's other fields are
    still checked, its parties and commodities as a failed entry's are: a repeated 'mou-1'
    with the party 'nobody' was told the repeat alone, the same entry as 'mou-2' the party.
    """
    path = f"[{i}]"
    required = ("id", "parties", "valid_from", "valid_to")
    e = mapping_of(node, FILE, path, report, AGREEMENT_KEYS, required)
    if e is None:
        return None
    f = Fields(report, Origin(FILE, node.line, f"{path}.", {k: v.line for k, v in e.items()}))
    f.reported = missing_keys(e, required)
    aid = take(f, e, "id", parse_id, text=True)
    # nothing in a scenario refers to an agreement: its id, were its entry to fail, must
    # not be offered for a partner or commodity ("did you mean 'hra-unicef'?" for 'unicef')
    f.record_id = None
    name = take(f, e, "name", partial(parse_name, default=aid or ""), aid or "", text=True)
    parties = _words(f, e, "parties", parse_id)
    # a missing key is said once, by the required-keys check ("not 0" said it twice)
    whole = "parties" in e  # else said once, and the entry fails below
    if parties is None or not whole:
        pass
    elif len(parties) != 2:
        f.fail("parties", f"an agreement has exactly two parties, not {len(parties)} ([a, b])")
    elif parties[0] == parties[1]:
        f.fail("parties", f"the two parties must differ (not {parties[0]!r} twice)")
    valid_from = take(f, e, "valid_from", parse_date, written=True)
    valid_to = take(f, e, "valid_to", parse_date, written=True)
    if valid_from is not None and valid_to is not None and valid_to < valid_from:
        f.fail("valid_to", f"{valid_to} is before valid_from {valid_from} (a date on or after it)")
    commodities = _words(f, e, "commodities", partial(parse_id, what="commodity"))
    services = _words(f, e, "services", partial(parse_name, default=""))
    modes = _words(f, e, "reimbursement_modes", partial(parse_enum, enum=ReimbursementMode))
    if modes == [] and "reimbursement_modes" in e:
        f.fail(
            "reimbursement_modes",
            "needs at least one mode (cash, replacement_in_kind, equal_value_exchange)",
        )
    currency = take(f, e, "currency", parse_currency, "EUR")
    prices = _prices(f, e, currency or "EUR")  # one in another currency: warned of when built
    _outside(f, commodities, prices)
    ceilings = _ceilings(f, e)
    _note_id(f, aid, seen, node.line)
    if not f.ok or not whole:  # a missing parties key is said once, and fails the entry
        _check_failed_entry(f, aid, parties, commodities)
        return None
    assert parties is not None
    assert commodities is not None
    assert services is not None
    assert modes is not None
    agreement = Agreement(
        id=aid,
        name=name,
        parties=(parties[0], parties[1]),
        valid_from=valid_from,
        valid_to=valid_to,
        commodities=frozenset(commodities),
        services=frozenset(services),
        reimbursement_modes=tuple(modes) if modes else (ReimbursementMode.CASH,),  # as written
        prices=tuple(priced.price for priced in prices),
        currency=currency,
        **ceilings,
    )
    origins.add("agreement", agreement.id, f.origin)
    _warn_other_currency(f, agreement, prices)
    _warn_unpriced(f, agreement)
    return agreement


def _at_no_price(agreement: Agreement, unable: list[ReimbursementMode]) -> str:
    """What a warning adds of the modes that can take a commodity without a price, if any."""
    able = [m.value for m in agreement.reimbursement_modes if m not in unable]
    return f"; by {' or '.join(able)} it is requested at no price" if able else ""


def _warn_unpriced(f: Fields, agreement: Agreement) -> None:
    """Warn, at the entry's commodities, of those no price values where an order needs one.

    The relief example's ``mer-gfr-warehousing`` (cash) priced fuel only: ``validate`` said
    OK and the import stored it without a word, and every request for food was then
    refused (``has no price for food in USD``). The load goes on: the agreement is kept.
    """
    missing, needing = agreement.unpriced()
    if not missing:
        return
    cur, items = agreement.currency, " and ".join(map(show, missing))
    modes = " or ".join(m.value for m in needing)
    valued = (
        "its value, which its ceilings count, is its tonnes at the price"
        if needing == [ReimbursementMode.REPLACEMENT_IN_KIND]
        else "it repays its value, its tonnes at the price"
    )
    f.report.warning(
        FILE,
        f"agreement {agreement.id!r} has no {cur} price for {items}: an order reimbursed by "
        f"{modes} needs one ({valued}), so such a request for {items} will be refused "
        f"(add a {cur} price for each to its prices{_at_no_price(agreement, needing)})",
        f.origin.line_of("commodities"),
        f.origin.column("commodities"),
    )


def read_agreements(text: str | None, report: Report, origins: Origins) -> list[Agreement]:
    """Read agreements.yaml's text (``None``: the file is absent, so no agreements)."""
    if text is None:
        return []
    tree = yaml_tree(text, FILE, report)
    if tree is None:
        return []
    out: list[Agreement] = []
    seen: dict[str, int] = {}
    for i, node in enumerate(list_of(tree, FILE, "", report)):
        agreement = _agreement(node, i, report, origins, seen)
        if agreement is not None:
            out.append(agreement)
    return out
