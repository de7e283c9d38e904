"""Benchmark: page latency (p50/p95/p99) and query counts of the main pages and API reads, at
N provinces of synthetic data, against /healthz of the same server in the same run.

Run:  python bench/page_latency.py --provinces 34 [--requests 200]
      DATABASE_URL=postgres://tiendo:tiendo@127.0.0.1:5432/tiendo_bench python bench/page_latency.py ...
Uses a throw-away data folder (SQLite) unless DATABASE_URL is set (then that database must be
empty or hold only this benchmark's data). Generates the data (`tiendo demo generate`), counts
each page's queries in-process (Django test client), then starts the production server
(gunicorn, 2 workers × 4 threads) on 127.0.0.1 and requests each page one after another.
Prints a table; the latest result is kept in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import sys
import time

from _common import Http, machine, percentile, server_start, setup, token_for


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--provinces", type=int, default=34)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--home", help="reuse this data folder")
    args = parser.parse_args()
    info = setup(provinces=args.provinces, seed=args.seed, home=args.home)

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tiendo.ops.demo import PROVINCES, demo_plan_code, province_slug

    code = demo_plan_code(0)
    slug = province_slug(PROVINCES[0])
    leader, reporter = f"{slug}.lanhdao", f"{slug}.so-tai-chinh"
    token = token_for(leader)
    pages = [
        ("/healthz (reference)", "/healthz", None),
        ("dashboard", f"/plans/{code}/", leader),
        ("program page", f"/plans/{code}/programs/2/", leader),
        ("target page", f"/plans/{code}/targets/2.2/", leader),
        ("unit workspace", "/viec/", reporter),
        ("API plans", "/api/v1/plans", "token"),
        ("API evaluation", f"/api/v1/plans/{code}/evaluation?as_of=2025", "token"),
    ]

    users = get_user_model().objects
    queries: dict[str, int] = {}
    for name, path, who in pages:
        client = Client(HTTP_HOST="127.0.0.1")
        headers = {}
        if who == "token":
            headers["Authorization"] = f"Bearer {token}"
        elif who:
            client.force_login(users.get(username=who))
        client.get(path, headers=headers)  # warm caches
        with CaptureQueriesContext(connection) as ctx:
            status = client.get(path, headers=headers).status_code
        assert status == 200, (path, status)
        queries[name] = len(ctx.captured_queries)
    connection.close()

    server = server_start()
    try:
        sessions = {}
        for who in {w for _n, _p, w in pages if w and w != "token"}:
            http = Http(server.port)
            http.login(who)
            sessions[who] = http
        api = Http(server.port, token=token)
        anon = Http(server.port)
        results = {}
        for name, path, who in pages:
            http = api if who == "token" else sessions.get(who or "", anon)
            for _ in range(5):
                http.get(path)
            times = []
            for _ in range(args.requests):
                begin = time.perf_counter()
                status, _body = http.get(path)
                times.append((time.perf_counter() - begin) * 1000)
                assert status == 200, (path, status)
            results[name] = times
    finally:
        server.stop()

    base = percentile(results["/healthz (reference)"], 50)
    print(f"machine: {machine(info['vendor'])}")
    print(
        f"data: {args.provinces} provinces (seed {args.seed}); generated {info['generated']} in "
        f"{info['generate_seconds']:.1f} s; {args.requests} sequential requests per page"
    )
    print()
    print("| page | queries | p50 ms | p95 ms | p99 ms | p50 ÷ /healthz p50 |")
    print("|---|---|---|---|---|---|")
    for name, _path, _who in pages:
        t = results[name]
        print(
            f"| {name} | {queries[name]} | {percentile(t, 50):.1f} | {percentile(t, 95):.1f} | "
            f"{percentile(t, 99):.1f} | {percentile(t, 50) / base:.1f}× |"
        )


if __name__ == "__main__":
    sys.exit(main())
