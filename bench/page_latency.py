"""Benchmark: page latency (p50/p95/p99) and query counts of the main pages and API reads, at
N provinces of synthetic data, each against the cheapest signed-in page that renders the base
layout (the password-change page) measured in the same run, interleaved with it.

Run:  python bench/page_latency.py --provinces 34 [--requests 200]
      DATABASE_URL=postgres://tiendo:tiendo@127.0.0.1:5432/tiendo_bench python bench/page_latency.py ...
Uses a throw-away data folder (SQLite) unless DATABASE_URL is set (then that database must be
empty or hold only this benchmark's data). Generates the data (`tiendo demo generate`), counts
each page's queries in-process (Django test client) and times them in-process, then starts the
production server (gunicorn with tiendo's settings) on 127.0.0.1 and times them over HTTP.

Both timings are interleaved: each round requests every page once (in a shuffled order), so a
burst of load from elsewhere on the machine hits every page alike; the ratio column is each
page's median over the password-change page's median in the same rounds. Prints two tables; the
latest result is kept in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import random
import statistics
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
    reference = "password page (reference)"
    pages = [
        (reference, "/accounts/mat-khau/", leader),
        ("/healthz", "/healthz", None),
        ("dashboard", f"/plans/{code}/", leader),
        ("program page", f"/plans/{code}/programs/2/", leader),
        ("target page", f"/plans/{code}/targets/2.2/", leader),
        ("unit workspace", "/viec/", reporter),
        ("API plans", "/api/v1/plans", "token"),
        ("API evaluation", f"/api/v1/plans/{code}/evaluation?as_of=2025", "token"),
    ]

    users = get_user_model().objects
    queries: dict[str, int] = {}
    clients: dict[str, tuple[Client, dict[str, str]]] = {}
    for name, path, who in pages:
        client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="vi")
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
        clients[name] = (client, headers)

    rng = random.Random(args.seed)
    in_process: dict[str, list[float]] = {name: [] for name, _p, _w in pages}
    order = list(pages)
    for _ in range(args.requests):
        rng.shuffle(order)
        for name, path, _who in order:
            client, headers = clients[name]
            begin = time.perf_counter()
            status = client.get(path, headers=headers).status_code
            in_process[name].append((time.perf_counter() - begin) * 1000)
            assert status == 200, (path, status)
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

        def client_of(who: str | None) -> Http:
            return api if who == "token" else sessions.get(who or "", anon)

        for _name, path, who in pages:
            for _ in range(5):
                client_of(who).get(path)
        over_http: dict[str, list[float]] = {name: [] for name, _p, _w in pages}
        for _ in range(args.requests):
            rng.shuffle(order)
            for name, path, who in order:
                begin = time.perf_counter()
                status, _body = client_of(who).get(path)
                over_http[name].append((time.perf_counter() - begin) * 1000)
                assert status == 200, (path, status)
    finally:
        server.stop()

    print(f"machine: {machine(info['vendor'])}")
    print(
        f"data: {args.provinces} provinces (seed {args.seed}); generated {info['generated']} in "
        f"{info['generate_seconds']:.1f} s; {args.requests} rounds, each page once per round "
        "(shuffled)"
    )
    for title, results in (
        ("In-process (Django test client, no network)", in_process),
        ("Over HTTP (gunicorn on 127.0.0.1)", over_http),
    ):
        base = statistics.median(results[reference])
        print()
        print(f"{title}:")
        print()
        print("| page | queries | p50 ms | p95 ms | p99 ms | p50 ÷ password page p50 |")
        print("|---|---|---|---|---|---|")
        for name, _path, _who in pages:
            t = results[name]
            print(
                f"| {name} | {queries[name]} | {statistics.median(t):.1f} | "
                f"{percentile(t, 95):.1f} | {percentile(t, 99):.1f} | "
                f"{statistics.median(t) / base:.2f}× |"
            )


if __name__ == "__main__":
    sys.exit(main())
