"""Sustained ledger transitions per second on SQLite and PostgreSQL, with 1 and 8 clients.

Each client is a process that drives support orders through their whole life (request,
accept, issue, receive, bill, settle: six audited transitions each) for a fixed time.
Side by side, the same clients run the *peer*: a bare DB-API durable append, one INSERT
and COMMIT per transaction on the same database with the same durability, which is the
ceiling any audited ledger on that database can approach. The ratio shows what the
ledger's checks, hash chain and serialised writes cost.

    .venv/bin/python benchmarks/ledger.py                  # starts its own PostgreSQL
    .venv/bin/python benchmarks/ledger.py --pg-url postgresql://u@host/db
    .venv/bin/python benchmarks/ledger.py --skip-postgres --seconds 5

Without ``--pg-url`` (or SUPPLYLINE_TEST_POSTGRES_URL) it re-runs itself under
``scripts/postgres.sh`` (a durable server: fsync on), which stops the server afterwards.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing as mp
import os
import platform
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CTX = mp.get_context("spawn")
NLD = ("NLD", "bench-nld")
DEU = ("DEU", "bench-deu")


def _agreement() -> Any:
    from supplyline.domain import Agreement, Price, ReimbursementMode

    return Agreement(
        id="BENCH",
        name="benchmark agreement",
        parties=("NLD", "DEU"),
        valid_from=dt.date(2000, 1, 1),
        valid_to=dt.date(2099, 12, 31),
        commodities=frozenset({"fuel"}),
        reimbursement_modes=frozenset({ReimbursementMode.CASH}),
        prices=(Price(commodity="fuel", currency="EUR", per_t=Decimal("950.50")),),
    )


def _wait_for_start(ready: Any, go: Any, start: Any) -> float:
    """Say this client is ready, wait until all are, and return the common start time."""
    ready.put(os.getpid())
    go.wait()
    start_at: float = start.value
    while time.time() < start_at:
        time.sleep(0.0005)
    return start_at


def ledger_client(url: str, sync: tuple[Any, Any, Any], seconds: float, out: Any) -> None:
    """Drive orders through their life until the deadline; report transitions and latencies."""
    from supplyline.services.ledger import Actor, open_ledger

    ledger = open_ledger(url)
    receiver, provider = Actor(partner=NLD[0], user=NLD[1]), Actor(partner=DEU[0], user=DEU[1])
    latencies: list[float] = []
    ledger.orders(receiver)  # connect before the clock starts
    deadline = _wait_for_start(*sync) + seconds
    done = 0

    def timed(call: Any, order_id: int) -> None:
        nonlocal done
        t0 = time.perf_counter()
        call(order_id)
        latencies.append(time.perf_counter() - t0)
        done += 1

    while time.time() < deadline:
        order = ledger.request(receiver, agreement_id="BENCH", item="fuel", quantity=Decimal(2))
        done += 1
        steps = (
            lambda o: ledger.accept(provider, o),
            lambda o: ledger.issue(provider, o, Decimal(2)),
            lambda o: ledger.receive(receiver, o),
            lambda o: ledger.bill(provider, o),
            lambda o: ledger.settle(receiver, o),
        )
        for step in steps:
            if time.time() >= deadline:
                break
            timed(step, order.id)
    out.put((done, latencies, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
    ledger.db.dispose()


def peer_client(url: str, sync: tuple[Any, Any, Any], seconds: float, out: Any) -> None:
    """The peer: one INSERT + COMMIT per transaction through the bare DB-API driver."""
    if url.startswith("sqlite"):
        conn: Any = sqlite3.connect(
            url.removeprefix("sqlite:///"), timeout=30, isolation_level=None
        )
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        sql = "INSERT INTO peer_event (payload) VALUES (?)"

        def append(payload: str) -> None:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(sql, (payload,))
            conn.execute("COMMIT")
    else:
        import psycopg

        conn = psycopg.connect(_libpq(url))
        sql = "INSERT INTO peer_event (payload) VALUES (%s)"

        def append(payload: str) -> None:
            with conn.transaction():
                conn.execute(sql, (payload,))

    deadline = _wait_for_start(*sync) + seconds
    done = 0
    latencies: list[float] = []
    while time.time() < deadline:
        t0 = time.perf_counter()
        append(f'{{"kind":"bench","n":{done}}}')
        latencies.append(time.perf_counter() - t0)
        done += 1
    conn.close()
    out.put((done, latencies, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))


def _libpq(url: str) -> str:
    from sqlalchemy.engine import make_url

    u = make_url(url)
    options = u.query.get("options", "")
    return (
        f"host={u.host} port={u.port or 5432} dbname={u.database} user={u.username}"
        + (f" password={u.password}" if u.password else "")
        + (f" options='{options}'" if options else "")
    )


def _fresh(kind: str, pg_base: str | None, workdir: Path) -> str:
    """A new empty database (SQLite file, or a PostgreSQL schema) with the peer's table."""
    if kind == "sqlite":
        path = workdir / f"bench-{uuid.uuid4().hex[:8]}.db"
        url = f"sqlite:///{path}"
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE peer_event (seq INTEGER PRIMARY KEY, payload TEXT)")
        return url
    import psycopg
    from sqlalchemy.engine import make_url

    from supplyline.services.db import normalise_url

    assert pg_base is not None
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_libpq(normalise_url(pg_base)), autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
        conn.execute(f"CREATE TABLE {schema}.peer_event (seq bigserial PRIMARY KEY, payload text)")
    url = make_url(normalise_url(pg_base)).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


def _run(target: Any, url: str, clients: int, seconds: float) -> dict[str, float]:
    out, ready, go, start = CTX.Queue(), CTX.Queue(), CTX.Event(), CTX.Value("d", 0.0)
    sync = (ready, go, start)
    procs = [CTX.Process(target=target, args=(url, sync, seconds, out)) for _ in range(clients)]
    for p in procs:
        p.start()
    for _ in procs:  # every client has imported and connected
        ready.get(timeout=300)
    start.value = time.time() + 0.2
    go.set()
    results = [out.get(timeout=seconds + 300) for _ in procs]
    for p in procs:
        p.join()
    total = sum(r[0] for r in results)
    lat = sorted(x for r in results for x in r[1])
    q = statistics.quantiles(lat, n=100) if len(lat) >= 2 else [0.0] * 99
    return {
        "tps": total / seconds,
        "count": total,
        "p50_ms": 1000 * q[49],
        "p95_ms": 1000 * q[94],
        "rss_mib": max(r[2] for r in results) / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.ArgumentDefaultsHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8])
    parser.add_argument("--pg-url", default=os.environ.get("SUPPLYLINE_TEST_POSTGRES_URL"))
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    if not args.skip_postgres and not args.pg_url:
        script = str(ROOT / "scripts" / "postgres.sh")
        os.execvp("bash", ["bash", script, sys.executable, *sys.argv])
    sys.path.insert(0, str(ROOT / "src"))
    from supplyline.services.ledger import Actor, open_ledger

    kinds = ["sqlite"] + ([] if args.skip_postgres else ["postgresql"])
    print(f"# supplyline ledger benchmark, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    print(
        f"# machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    print(
        f"# load average at start: {os.getloadavg()[0]:.1f} "
        "(other work on the machine skews the figures)"
    )
    print(f"# {args.seconds:g} s per run; a ledger transition = one audited state change")
    print()
    header = f"{'database':<11}{'clients':>8}{'ledger tx/s':>13}{'p50 ms':>9}{'p95 ms':>9}"
    header += f"{'peer tx/s':>11}{'ledger/peer':>12}{'peak RSS MiB':>14}  verify"
    print(header)
    with tempfile.TemporaryDirectory() as tmp:
        for kind in kinds:
            for clients in args.clients:
                url = _fresh(kind, args.pg_url, Path(tmp))
                ledger = open_ledger(url)
                ledger.add_agreement(Actor(partner=NLD[0], user=NLD[1]), _agreement())
                mine = _run(ledger_client, url, clients, args.seconds)
                peer = _run(peer_client, url, clients, args.seconds)
                report = ledger.verify()
                ok = report.ok and report.events == mine["count"] + 1
                ledger.db.dispose()
                print(
                    f"{kind:<11}{clients:>8}{mine['tps']:>13.1f}{mine['p50_ms']:>9.1f}"
                    f"{mine['p95_ms']:>9.1f}{peer['tps']:>11.1f}"
                    f"{mine['tps'] / peer['tps']:>12.2f}{mine['rss_mib']:>14.0f}  "
                    f"{'ok' if ok else 'FAILED'} ({report.events} events)",
                    flush=True,
                )


if __name__ == "__main__":
    main()
