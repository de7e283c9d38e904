"""The parser's whole output on the seed and the development corpus, pinned byte for byte.

The fixtures in `tests/importer/golden/` were written by the parser as it was before it was split
into stages (`parser/`), and the split changed nothing. A change that is meant to change what the
parser proposes (a better reading of bullets, say) rewrites them on purpose:

    python tests/importer/parser/test_golden.py --write

and the diff of the fixtures shows, line by line, what the change did to real documents.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tiendo.importer.parser import parse_plan_text

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared"
GOLDEN = REPO / "tests" / "importer" / "golden"
SOURCES = {
    "seed": SHARED / "seed" / "chuong-trinh-hanh-dong-lang-son-2020-2025.txt",
    **{p.stem: p for p in sorted((SHARED / "corpus").glob("*.txt"))},
}


def golden_json(source: Path) -> str:
    """The document, warnings and placement of one text, as the fixtures hold them."""
    result = parse_plan_text(text=source.read_text(encoding="utf-8"))
    payload = {
        "document": result.document,
        "warnings": result.warnings,
        "placement": result.placement,
    }
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"


def test_every_source_has_a_fixture() -> None:
    assert len(SOURCES) == 5, "the seed and the four documents of ../shared/corpus"
    assert sorted(p.stem for p in GOLDEN.glob("*.json")) == sorted(SOURCES)


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_output_is_unchanged(name: str) -> None:
    source = SOURCES[name]
    assert source.is_file(), f"{source} is missing"
    expected = (GOLDEN / f"{name}.json").read_text(encoding="utf-8")
    assert golden_json(source) == expected


def main(argv: list[str]) -> int:
    if argv[1:] != ["--write"]:
        print(__doc__)
        return 2
    GOLDEN.mkdir(exist_ok=True)
    for name, source in SOURCES.items():
        (GOLDEN / f"{name}.json").write_text(golden_json(source), encoding="utf-8")
        print(f"wrote {GOLDEN / name}.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
