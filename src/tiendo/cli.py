"""The `tiendo` command: Django's management commands with tiendo's settings.

`tiendo up`, `tiendo init`, `tiendo plan ...`, `tiendo evaluate ...` and every other
management command run through here.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tiendo.settings.production")
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["tiendo", *(sys.argv[1:] if argv is None else argv)])
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`tiendo plan coverage | head`): stop quietly, as Unix tools do.
        # Python's own flush at exit would fail on the same pipe, so point stdout at nothing.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)


if __name__ == "__main__":
    main()
