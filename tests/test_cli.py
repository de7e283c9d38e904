"""The `tiendo` command behaves as a Unix tool: piped into a reader that stops early
(`tiendo plan coverage | head`), it stops quietly, without a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_a_reader_that_goes_away_is_no_error(tmp_path: Path) -> None:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["TIENDO_HOME"] = str(tmp_path / "data")
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the command writes anything
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tiendo.cli", "help", "--commands"],
            stdout=write,
            stderr=subprocess.PIPE,
            env=env,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write)
    errors = done.stderr.decode()
    assert "Traceback" not in errors and "BrokenPipeError" not in errors, errors
    assert done.returncode == 1
