"""Agreements in the database: domain Agreement ↔ rows, storing, and who may see which."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from supplyline.domain import Agreement, Price, ReimbursementMode, did_you_mean
from supplyline.domain.agreements import ceilings_problem
from supplyline.errors import ConflictError, NotFoundError
from supplyline.services.db.tables import AgreementRow, PriceRow
from supplyline.types import PartnerId

__all__ = [
    "agreement_payload",
    "check_names",
    "get_visible_agreement",
    "load_agreement",
    "same_terms",
    "store_agreement",
    "visible_agreements",
]


def _rows_of(agreement: Agreement, now: dt.datetime) -> tuple[AgreementRow, list[PriceRow]]:
    row = AgreementRow(
        id=agreement.id,
        name=agreement.name,
        party_a=agreement.parties[0],
        party_b=agreement.parties[1],
        valid_from=agreement.valid_from,
        valid_to=agreement.valid_to,
        commodities=json.dumps(sorted(agreement.commodities)),
        services=json.dumps(sorted(agreement.services)),
        reimbursement_modes=json.dumps([m.value for m in agreement.reimbursement_modes]),
        currency=agreement.currency,
        ceiling_per_order=agreement.ceiling_per_order,
        ceiling_total=agreement.ceiling_total,
        created_at=now,
    )
    prices = [
        PriceRow(
            agreement_id=agreement.id, commodity=p.commodity, currency=p.currency, per_t=p.per_t
        )
        for p in agreement.prices
    ]
    return row, prices


def _agreement_of(row: AgreementRow, prices: list[PriceRow]) -> Agreement:
    """The stored agreement as it was entered, a ceiling_total below the per-order one too.

    Agreement refuses such ceilings now, but a ledger may hold one entered before it
    did; its audit chain signs those terms, and the ledger's rules still hold with them
    (no order above the total). Refusing to read it would lock its partners out of their
    ledger, so it is read as stored.
    """
    total = row.ceiling_total
    if ceilings_problem(row.ceiling_per_order, total) is not None:
        total = None  # set below, past the check that came after it was stored
    agreement = Agreement(
        id=row.id,
        name=row.name,
        parties=(row.party_a, row.party_b),
        valid_from=row.valid_from,
        valid_to=row.valid_to,
        commodities=frozenset(json.loads(row.commodities)),
        services=frozenset(json.loads(row.services)),
        # in the order stored: as written; alphabetical in a ledger from before it was kept
        reimbursement_modes=tuple(
            ReimbursementMode(m) for m in json.loads(row.reimbursement_modes)
        ),
        prices=tuple(
            Price(commodity=p.commodity, currency=p.currency, per_t=p.per_t)
            for p in sorted(prices, key=lambda p: (p.commodity, p.currency))
        ),
        currency=row.currency,
        ceiling_per_order=row.ceiling_per_order,
        ceiling_total=total,
    )
    if total != row.ceiling_total:
        object.__setattr__(agreement, "ceiling_total", row.ceiling_total)  # frozen: as stored
    return agreement


def agreement_payload(agreement: Agreement) -> dict[str, Any]:
    """Everything an agreement says, as plain data for the audit event (and for comparing)."""
    return {
        "id": agreement.id,
        "name": agreement.name,
        "parties": list(agreement.parties),
        "valid_from": agreement.valid_from,
        "valid_to": agreement.valid_to,
        "commodities": sorted(agreement.commodities),
        "services": sorted(agreement.services),
        "reimbursement_modes": [m.value for m in agreement.reimbursement_modes],
        "currency": agreement.currency,
        "prices": [
            {"commodity": p.commodity, "currency": p.currency, "per_t": p.per_t}
            for p in sorted(agreement.prices, key=lambda p: (p.commodity, p.currency))
        ],
        "ceiling_per_order": agreement.ceiling_per_order,
        "ceiling_total": agreement.ceiling_total,
    }


def same_terms(one: Agreement, other: Agreement) -> bool:
    """Whether two agreements say the same, their reimbursement modes in any order.

    Ledgers stored the modes in alphabetical order before they kept them as written, so
    the same agreements.yaml imported again must still be the same terms there; the order
    first entered is the one kept.
    """

    def terms(agreement: Agreement) -> dict[str, Any]:
        payload = agreement_payload(agreement)
        return {**payload, "reimbursement_modes": sorted(payload["reimbursement_modes"])}

    return terms(one) == terms(other)


def load_agreement(session: Session, agreement_id: str) -> Agreement | None:
    """The stored agreement with this id, or None."""
    row = session.get(AgreementRow, agreement_id)
    if row is None:
        return None
    prices = list(
        session.execute(select(PriceRow).where(PriceRow.agreement_id == agreement_id)).scalars()
    )
    return _agreement_of(row, prices)


def store_agreement(session: Session, agreement: Agreement, now: dt.datetime) -> bool:
    """Store a new agreement; return False if the very same one is already stored.

    Raises ConflictError when an agreement with this id exists with different terms:
    agreements are never silently rewritten.
    """
    existing = load_agreement(session, agreement.id)
    if existing is not None:
        if same_terms(existing, agreement):
            return False
        raise ConflictError(
            f"agreement {agreement.id!r} is already in the ledger with different terms; "
            "give the new terms a new id"
        )
    row, prices = _rows_of(agreement, now)
    session.add(row)
    session.flush()
    session.add_all(prices)
    session.flush()  # a failure shows here, in this agreement's step, not at the next one
    return True


def visible_agreements(session: Session, partner: PartnerId) -> list[Agreement]:
    """The agreements to which ``partner`` is a party, by id."""
    rows = list(
        session.execute(
            select(AgreementRow)
            .where(or_(AgreementRow.party_a == partner, AgreementRow.party_b == partner))
            .order_by(AgreementRow.id)
        ).scalars()
    )
    if not rows:
        return []
    ids = [r.id for r in rows]
    prices: dict[str, list[PriceRow]] = {i: [] for i in ids}
    for p in session.execute(select(PriceRow).where(PriceRow.agreement_id.in_(ids))).scalars():
        prices[p.agreement_id].append(p)
    return [_agreement_of(r, prices[r.id]) for r in rows]


def _offered(ref: str, known: list[str]) -> str:
    """`` (did you mean 'x'?; known: a, b)``: what a person may have meant, and what there is."""
    hint = did_you_mean(ref, known)
    listed = ", ".join(sorted(known)[:8]) + (", …" if len(known) > 8 else "")
    return f" ({hint + '; ' if hint else ''}known: {listed or 'none'})"


def get_visible_agreement(session: Session, partner: PartnerId, agreement_id: str) -> Agreement:
    """The agreement if ``partner`` is a party to it; NotFoundError otherwise (no leak).

    The error offers the partner's own agreements most like the id (``did you mean``).
    """
    agreement = load_agreement(session, agreement_id)
    if agreement is None or partner not in agreement.parties:
        check_partner(session, partner)  # ``--as HopeAid`` is said as such, not as the id
        ids = [a.id for a in visible_agreements(session, partner)]
        raise NotFoundError(
            f"no agreement {agreement_id!r} to which {partner} is a party"
            + _offered(agreement_id, ids)
        )
    return agreement


def check_partner(session: Session, partner: PartnerId) -> None:
    """Refuse a partner that no agreement of the ledger names (NotFoundError, did you mean).

    Every command acts ``--as`` a partner; one mistyped (``HopeAid`` for ``hopeaid``) was
    said by ``balance`` as an unknown partner with its likely intent, but by ``request`` as
    an agreement it is not a party to (``known: none``) and by ``accept`` as an order not
    its own. A ledger without agreements names no partner at all: it was let pass, so
    any ``--as`` listed nothing with exit 0 there; it is said, with what to do.
    """
    rows = list(session.execute(select(AgreementRow.party_a, AgreementRow.party_b)).all())
    if not rows:
        raise NotFoundError(
            f"no agreement in this ledger names {partner!r} "
            "(the ledger is empty: import agreements first)"
        )
    partners = sorted({p for row in rows for p in row})
    if partner not in partners:
        hint = did_you_mean(partner, partners)  # not the list: it is others' business
        raise NotFoundError(
            f"no agreement in the ledger names partner {partner!r}" + (f" ({hint})" if hint else "")
        )


def check_names(
    session: Session,
    partner: PartnerId,
    *,
    agreement_id: str | None = None,
    counterparty: str | None = None,
) -> None:
    """Refuse a partner, agreement or counterparty the ledger does not know (NotFoundError).

    A read names them to filter by, and a typo (``balance --as nobody``, ``orders
    --agreement nope``, ``statement --with nobdy``) listed nothing and exited 0, as if
    nothing were owed. A partner is known when an agreement names it; an agreement or a
    counterparty when it is the partner's own. Each refusal offers the nearest names. A
    ledger without agreements has nothing to mistype: it lists nothing.
    """
    check_partner(session, partner)
    mine = visible_agreements(session, partner)
    if agreement_id is not None:
        get_visible_agreement(session, partner, agreement_id)
    if counterparty is not None:
        others = sorted({p for a in mine for p in a.parties if p != partner})
        if counterparty not in others:
            raise NotFoundError(
                f"{partner} has no agreement with {counterparty!r}" + _offered(counterparty, others)
            )
