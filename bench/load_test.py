"""Benchmark: load test of the production server at the reporting deadline.

Run:  python bench/load_test.py --provinces 34 [--users 50] [--reporters 20] [--seconds 30]
      DATABASE_URL=postgres://... python bench/load_test.py ...   (an empty, disposable database)

Generates N provinces (`tiendo demo generate`), starts gunicorn (tiendo's settings, as in
docs/deployment.md: 4 workers per core, 1 thread each) on 127.0.0.1 only, then runs `--users`
virtual users for `--seconds` (bounded; it stops by itself): `--reporters` of them submit the
open round's reports through the API (read the report, save the figures, submit: what a unit
does at the deadline) and the others are leaders reading pages in a browser session (dashboard, program,
target page; a random province each time) and the evaluation through the API. Each user waits
`--think` seconds (uniform 0.5×–1.5×) between requests. Prints throughput, latency percentiles per
kind of request and the error count (any status other than 2xx/3xx, or no answer): for the whole
run, and for the run without its first `--skip` seconds (5: when every user starts at once), so
that a tail made by the start shows as such. The clock starts once every worker has warmed up.
`--raw FILE` writes every request (kind, path, when it was sent, milliseconds, error) as CSV.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import threading
import time
from collections import defaultdict

from _common import Http, machine, percentile, server_start, setup, token_for


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--provinces", type=int, default=34)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--reporters", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--think", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, help="gunicorn worker processes (tiendo's default)")
    parser.add_argument("--threads", type=int, help="threads per worker (tiendo's default)")
    parser.add_argument("--home", help="reuse this data folder")
    parser.add_argument(
        "--skip", type=float, default=5, help="seconds left out of the second table"
    )
    parser.add_argument("--raw", help="write every request (kind, path, sent at s, ms, error) here")
    args = parser.parse_args()
    args.seconds = min(args.seconds, 300.0)  # bounded whatever is asked
    info = setup(provinces=args.provinces, seed=args.seed, home=args.home)

    from django.db import connection

    from tiendo.ops.demo import PROVINCES, demo_plan_code, province_slug
    from tiendo.plans.models import Target
    from tiendo.reporting.models import Submission

    plans = [demo_plan_code(i) for i in range(args.provinces)]
    leaders = [f"{province_slug(PROVINCES[i])}.lanhdao" for i in range(args.provinces)]
    qualitative = set(Target.objects.filter(kind="qualitative").values_list("plan__code", "code"))
    # The open round's editable reports, and a token for each unit's reporter.
    editable = list(
        Submission.objects.filter(round__status="open", state__in=["draft", "returned"])
        .select_related("unit", "round__plan")
        .order_by("id")
    )
    reporter_tokens: dict[int, str] = {}
    for sub in editable:
        if sub.unit_id not in reporter_tokens:
            slug = sub.round.plan.code.removeprefix("demo-").removesuffix("-2020-2025")
            reporter_tokens[sub.unit_id] = token_for(f"{slug}.{sub.unit.code[len(slug) + 1 :]}")
    leader_token = token_for(leaders[0])
    connection.close()

    # each request: (kind, path, seconds since the start when it was sent, milliseconds, error)
    raw: list[tuple[str, str, float, float, bool]] = []
    lock = threading.Lock()
    pool = list(editable)
    random.Random(args.seed).shuffle(pool)

    server = server_start(workers=args.workers, threads=args.threads)
    stop_at = 0.0
    started = 0.0

    def record(kind: str, path: str, began: float, status: int | None) -> None:
        row = (
            began - started,
            (time.perf_counter() - began) * 1000,
            status is None or status >= 400,
        )
        with lock:
            raw.append((kind, path, *row))

    def timed(
        kind: str, http: Http, method: str, path: str, body: object = None
    ) -> tuple[int, bytes]:
        began = time.perf_counter()
        try:
            status, payload = http.request(method, path, body)
        except OSError:
            record(kind, path, began, None)
            return 0, b""
        record(kind, path, began, status)
        return status, payload

    def think(rng: random.Random) -> None:
        time.sleep(args.think * rng.uniform(0.5, 1.5))

    sessions: dict[int, Http] = {}

    def leader(n: int) -> None:
        rng = random.Random(n)
        http = sessions[n]
        api = Http(server.port, token=leader_token)
        while time.monotonic() < stop_at:
            code = rng.choice(plans)
            roll = rng.random()
            if roll < 0.5:
                timed("dashboard", http, "GET", f"/plans/{code}/")
            elif roll < 0.7:
                timed("program page", http, "GET", f"/plans/{code}/programs/{rng.randint(1, 7)}/")
            elif roll < 0.85:
                timed("target page", http, "GET", f"/plans/{code}/targets/2.{rng.randint(1, 9)}/")
            else:
                timed("API evaluation", api, "GET", f"/api/v1/plans/{code}/evaluation?as_of=2025")
            think(rng)

    def reporter(n: int) -> None:
        import json

        rng = random.Random(1000 + n)
        while time.monotonic() < stop_at:
            with lock:
                sub = pool.pop() if pool else None
            if sub is None:
                return
            api = Http(server.port, token=reporter_tokens[sub.unit_id])
            status, payload = timed("API read report", api, "GET", f"/api/v1/submissions/{sub.pk}")
            if status != 200:
                continue
            detail = json.loads(payload)
            think(rng)
            # a value for each target measured by a figure (qualitative ones are assessed)
            figures = [
                {"target": f["target"], "value": round(rng.uniform(1, 90), 2), "source": "tải"}
                for f in detail["figures"]
                if (sub.round.plan.code, f["target"]) not in qualitative
            ]
            status, payload = timed(
                "API save report",
                api,
                "PUT",
                f"/api/v1/submissions/{sub.pk}",
                {"version": detail["version"], "figures": figures},
            )
            if status != 200:
                continue
            think(rng)
            timed(
                "API submit report",
                api,
                "POST",
                f"/api/v1/submissions/{sub.pk}/submit",
                {"version": json.loads(payload)["version"]},
            )
            think(rng)

    try:
        for n in range(args.reporters, args.users):  # log in before the clock starts
            sessions[n] = Http(server.port)
            sessions[n].login(leaders[n % len(leaders)])
        stop_at = time.monotonic() + args.seconds
        started = time.perf_counter()
        threads = [
            threading.Thread(target=reporter if n < args.reporters else leader, args=(n,))
            for n in range(args.users)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.seconds + 60)
        elapsed = time.perf_counter() - started
    finally:
        server.stop()

    if args.raw:
        with open(args.raw, "w", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(("kind", "path", "sent_s", "ms", "error"))
            raw.sort(key=lambda request: request[2])
            writer.writerows(raw)
    print(f"machine: {machine(info['vendor'])} (the load generator shares the 2 cores)")
    print(
        f"data: {args.provinces} provinces; {args.users} users ({args.reporters} reporters, "
        f"{args.users - args.reporters} leaders), think time {args.think} s ± 50 %, "
        f"{args.seconds:.0f} s; server: gunicorn {server.workers} workers × {server.threads} threads"
    )
    samples: dict[str, list[tuple[float, float, bool]]] = defaultdict(list)
    for kind, _path, sent, ms, error in raw:
        samples[kind].append((sent, ms, error))
    submitted = len(samples["API submit report"])
    print(f"reports submitted: {submitted} of {len(editable)} open")
    for title, since in (
        ("Whole run", 0.0),
        (f"Without the first {args.skip:g} s (every user starting at once)", args.skip),
    ):
        kept = {
            kind: [(ms, error) for at, ms, error in rows if at >= since]
            for kind, rows in samples.items()
        }
        total = sum(len(rows) for rows in kept.values())
        errors = sum(error for rows in kept.values() for _ms, error in rows)
        print()
        print(
            f"{title}: {total / max(elapsed - since, 1e-9):.1f} requests/s ({total} requests); "
            f"errors: {errors}"
        )
        print()
        print("| request | count | errors | p50 ms | p95 ms | p99 ms | max ms |")
        print("|---|---|---|---|---|---|---|")
        for kind in sorted(kept):
            t = [ms for ms, _error in kept[kind]]
            if not t:
                continue
            print(
                f"| {kind} | {len(t)} | {sum(e for _ms, e in kept[kind])} | "
                f"{percentile(t, 50):.0f} | {percentile(t, 95):.0f} | {percentile(t, 99):.0f} | "
                f"{max(t):.0f} |"
            )


if __name__ == "__main__":
    sys.exit(main())
