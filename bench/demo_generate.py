"""Benchmark: `tiendo demo generate --provinces N` on a fresh SQLite database.

Run:  python bench/demo_generate.py --provinces 3 --runs 2
Each run makes a throw-away data folder, migrates it (not timed), then times the command
`tiendo demo generate --provinces N --seed S` as a separate process: the wall time of the
process and the seconds the command reports for the generation itself. Prints the load
average before each run (the machine may be shared: compare runs made under similar load).
The data digest (figures, submissions, audit entries, primary keys aside) is printed too, so
that two runs with the same seed can be seen to give the same data.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import BIN, machine


def tiendo(home: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
    env["TIENDO_HOME"] = str(home)
    env["DJANGO_SETTINGS_MODULE"] = "tiendo.settings.production"
    env["TIENDO_REQUEST_LOG"] = "false"
    done = subprocess.run(
        [str(BIN / "tiendo"), *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        sys.exit(f"tiendo {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def data_digest(home: Path) -> str:
    """What was generated, without primary keys and without the set-up's own times."""
    db = next(home.rglob("*.sqlite3"))
    queries = [
        "SELECT i.code, o.code, f.year, f.figure_type, f.value, f.accepted_at"
        " FROM indicators_figure f JOIN indicators_indicator i ON i.id = f.indicator_id"
        " JOIN org_orgunit o ON o.id = f.area_id",
        "SELECT u.code, s.state, s.version, s.submitted_at, s.accepted_at"
        " FROM reporting_submission s JOIN org_orgunit u ON u.id = s.unit_id",
        "SELECT at, action, object_type, actor_label FROM audit_auditentry"
        " WHERE object_type NOT IN ('indicators.indicator')",
    ]
    with sqlite3.connect(db) as conn:
        parts = [sorted(map(repr, conn.execute(q).fetchall())) for q in queries]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def one_run(*, provinces: int, seed: int, keep: bool) -> dict[str, object]:
    home = Path(tempfile.mkdtemp(prefix="tiendo-bench-demo-"))
    try:
        tiendo(home, "migrate", "--verbosity", "0")
        load = os.getloadavg()
        begin = time.perf_counter()
        out = tiendo(home, "demo", "generate", "--provinces", str(provinces), "--seed", str(seed))
        wall = time.perf_counter() - begin
        match = re.search(r"trong ([\d.]+) s \(([^)]*)\)", out)
        return {
            "load": load,
            "wall": wall,
            "generate": float(match.group(1)) if match else float("nan"),
            "counts": match.group(2) if match else out.strip(),
            "digest": data_digest(home),
            "home": str(home),
        }
    finally:
        if not keep:
            shutil.rmtree(home, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--provinces", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the data folders")
    args = parser.parse_args()
    results = [
        one_run(provinces=args.provinces, seed=args.seed, keep=args.keep) for _ in range(args.runs)
    ]
    print(f"tiendo demo generate --provinces {args.provinces} --seed {args.seed}")
    print(f"machine: {machine('sqlite')}")
    print("| run | load avg (1, 5, 15 min) | generation (s) | process wall (s) | data digest |")
    print("|---|---|---|---|---|")
    for n, r in enumerate(results, 1):
        load = ", ".join(f"{x:.2f}" for x in r["load"])  # type: ignore[attr-defined]
        print(f"| {n} | {load} | {r['generate']:.2f} | {r['wall']:.2f} | {r['digest']} |")
    gen = [float(r["generate"]) for r in results]  # type: ignore[arg-type]
    print(f"median generation: {statistics.median(gen):.2f} s; counts: {results[0]['counts']}")
    if args.keep:
        print("data folders: " + ", ".join(str(r["home"]) for r in results))


if __name__ == "__main__":
    main()
