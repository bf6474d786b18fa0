"""``python -m benchmarks.web [--municipalities N] [--per N]``: how long `muni serve` takes to
answer each page on a large registry (target: every page ≤ 100 ms of server time on 10,000
cases).

The registry is 1,000 copies of the sample municipality with 10 working-group cases each
(10,000 cases); a clerk of one municipality, its head and a district-wide reviewer log in.
Each page is requested through the real application (Starlette, the session lookup, the
CSRF and security middleware, the engine) in this process with Starlette's TestClient, so
the figure is the server's time without the network: the median of repeated requests after
one warm-up request (the web process keeps workflows, profiles and templates warm).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

TARGET_MS = 100.0


def build(directory: Path, municipalities: int, per: int) -> tuple[Path, str]:
    from muni.engine import identity, sample
    from muni.registry import db as regdb

    db_path = directory / "muni.db"
    db = regdb.connect(db_path, create=True)
    codes = sample.copy_municipalities(db, municipalities, directory)
    sample.open_cases(db, codes, per)
    code = codes[len(codes) // 2]
    identity.add_account(db, "admin", person=f"{code}-002", password="bench-admin-1",
                         roles=["admin"], by=None)
    admin = identity.account_actor(db, "admin")
    for login, person, roles in (("clerk", f"{code}-003", ["clerk"]),
                                 ("head", f"{code}-001", ["clerk"]),
                                 ("reviewer", f"{code}-010", ["reviewer"])):
        identity.add_account(db, login, person=person, password="bench-pass-1", roles=roles,
                             by=admin)
    db.close()
    return db_path, code


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def timed(client, path: str, runs: int) -> tuple[float, float, int]:
    client.get(path)                                   # warm-up
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        response = client.get(path)
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples), max(samples), response.status_code


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.web")
    parser.add_argument("--municipalities", type=int, default=1000)
    parser.add_argument("--per", type=int, default=10)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)

    import re

    from starlette.testclient import TestClient

    from muni.engine import Engine
    from muni.registry import cases
    from muni.registry import db as regdb
    from muni.web.routes import create_app

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        db_path, code = build(Path(tmp), args.municipalities, args.per)
        db = regdb.connect(db_path)
        total = db.execute("SELECT count(*) FROM cases").fetchone()[0]
        case_id = cases.select(db, municipality=code, limit=1)[0]["id"]
        db.close()
        print(f"registry: {total} cases in {args.municipalities} municipalities "
              f"(built in {time.perf_counter() - t0:.1f} s); load average {loadavg()}")
        app = create_app(Engine(db_path),
                         now=lambda: dt.datetime(2026, 11, 21, 9, tzinfo=dt.UTC))
        worst = 0.0
        for login in ("clerk", "head", "reviewer"):
            with TestClient(app, follow_redirects=False) as client:
                page = client.get("/login")
                token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
                client.post("/login", data={"csrf": token, "login": login,
                                            "password": "bench-pass-1", "next": "/"})
                paths = ["/", f"/case/{case_id}", f"/case/{case_id}/data",
                         f"/case/{case_id}/diagram.svg",
                         f"/cases/new?workflow=working_group&municipality={code}",
                         f"/batch?municipality={code}", "/registry", f"/registry/{code}",
                         "/acts"]
                reviewer = ["/", f"/case/{case_id}", "/batch", "/registry", "/acts"]
                for path in paths if login != "reviewer" else reviewer:
                    median, slowest, status = timed(client, path, args.runs)
                    worst = max(worst, median)
                    mark = "" if median <= TARGET_MS else "  (over the target)"
                    print(f"{login:<8} GET {path:<58} {status} median {median:6.1f} ms, "
                          f"slowest {slowest:6.1f} ms{mark}")
        print(f"load average after: {loadavg()}")
        print(f"slowest page (median): {worst:.1f} ms; target {TARGET_MS:.0f} ms: "
              + ("met" if worst <= TARGET_MS else "NOT met"))


if __name__ == "__main__":
    main()
