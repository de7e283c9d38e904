"""Score the document importer against the labelled development corpus.

The development corpus is the four documents in ../shared/corpus and the documents in
tests/importer/corpus (see its README.md). Scoring rule (shared/corpus/README.md): a predicted
target matches a label when its value and value_high are equal as numbers (each label matched at
most once); precision, recall and F1 on that, and among the matches the share whose comparator
agrees, whose kind agrees, and whose comparator and kind both agree. Among the free labels with
equal numbers, a prediction is paired with the one whose quote shares most words with its source
text.

    python bench/importer_score.py                   # the whole development corpus
    python bench/importer_score.py DIR [DIR ...]     # other labelled folders
    python bench/importer_score.py --markdown        # the table in Markdown (for docs/importer.md)
    python bench/importer_score.py --markdown FILE   # ... written to FILE

The time of each document is the fastest of three parses; no document may take more than a
second (MAX_SECONDS): the script says which one did and exits with 1.

tests/importer/test_corpus.py asserts the scores on the shared corpus with the same functions.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from tiendo.importer.parser import PlanNotRecognised, parse_plan_text

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
LOCAL_CORPUS = REPO / "tests" / "importer" / "corpus"
DEVELOPMENT_CORPUS = (CORPUS, LOCAL_CORPUS)
#: No document may keep the parser busier than this.
MAX_SECONDS = 1.0


@dataclass
class Score:
    name: str
    predicted: int = 0
    labelled: int = 0
    matched: int = 0
    comparator_agreed: int = 0
    kind_agreed: int = 0
    agreed: int = 0  # comparator and kind both
    seconds: float = 0.0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.labelled if self.labelled else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def comparator_accuracy(self) -> float:
        return self.comparator_agreed / self.matched if self.matched else 0.0

    @property
    def kind_accuracy(self) -> float:
        return self.kind_agreed / self.matched if self.matched else 0.0

    @property
    def agreement(self) -> float:
        """Share of the matches whose comparator and kind both agree."""
        return self.agreed / self.matched if self.matched else 0.0

    def add(self, other: Score) -> None:
        self.predicted += other.predicted
        self.labelled += other.labelled
        self.matched += other.matched
        self.comparator_agreed += other.comparator_agreed
        self.kind_agreed += other.kind_agreed
        self.agreed += other.agreed
        self.seconds += other.seconds


def _number(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", (text or "").lower()))


def match_targets(
    predicted: list[dict[str, Any]], labels: list[dict[str, Any]]
) -> list[tuple[int, int]]:
    """Pairs (predicted index, label index) under the corpus rule."""
    free = set(range(len(labels)))
    pairs: list[tuple[int, int]] = []
    for i, target in enumerate(predicted):
        value, high = _number(target.get("value")), _number(target.get("value_high"))
        candidates = [
            j
            for j in sorted(free)
            if _number(labels[j].get("value")) == value
            and _number(labels[j].get("value_high")) == high
        ]
        if not candidates:
            continue
        source = _words(target.get("source_text", ""))
        best = max(candidates, key=lambda j: (len(source & _words(labels[j].get("quote", ""))), -j))
        free.discard(best)
        pairs.append((i, best))
    return pairs


def score_document(
    name: str, predicted: list[dict[str, Any]], labels: list[dict[str, Any]]
) -> Score:
    score = Score(name, predicted=len(predicted), labelled=len(labels))
    for i, j in match_targets(predicted, labels):
        score.matched += 1
        same_comparator = predicted[i].get("comparator") == labels[j].get("comparator")
        same_kind = predicted[i].get("kind") == labels[j].get("kind")
        score.comparator_agreed += same_comparator
        score.kind_agreed += same_kind
        score.agreed += same_comparator and same_kind
    return score


def _corpora(corpus: Path | Sequence[Path]) -> list[Path]:
    return [corpus] if isinstance(corpus, Path) else list(corpus)


def score_corpus(
    corpus: Path | Sequence[Path] = DEVELOPMENT_CORPUS, *, runs: int = 1
) -> tuple[list[Score], Score]:
    """Parse every labelled document of the corpus folder(s) and score it; and the overall score.
    `runs`: parse each document that many times and keep the fastest time.

    With several folders, a document outside tests/importer/corpus is named after its folder's
    parent (`shared/<file>` for ../shared/corpus)."""
    folders = _corpora(corpus)
    rows: list[Score] = []
    total = Score("overall")
    for folder in folders:
        for label_file in sorted(folder.glob("*.labels.json")):
            data = json.loads(label_file.read_text(encoding="utf-8"))
            text = (folder / data["file"]).read_text(encoding="utf-8")
            predicted: list[dict[str, Any]] = []
            elapsed = float("inf")
            for _ in range(runs):  # the fastest of a few runs: the machine is shared
                started = time.perf_counter()
                try:
                    predicted = parse_plan_text(text=text).document["targets"]
                except PlanNotRecognised:
                    predicted = []
                elapsed = min(elapsed, time.perf_counter() - started)
            prefix = "" if len(folders) == 1 or folder == LOCAL_CORPUS else f"{folder.parent.name}/"
            name = prefix + data["file"]
            row = score_document(name, predicted, data["targets"])
            row.seconds = elapsed
            rows.append(row)
            total.add(row)
    return rows, total


def format_table(rows: list[Score], total: Score) -> str:
    width = max([42, *(len(row.name) for row in rows)])
    header = (
        f"{'document':<{width}} {'pred':>5} {'label':>5} {'match':>5} {'P':>6} {'R':>6} "
        f"{'F1':>6} {'cmp':>6} {'kind':>6} {'cmp+kind':>8} {'ms':>6}"
    )
    lines = [header, "-" * len(header)]
    for row in [*rows, total]:
        if row is total:
            lines.append("-" * len(header))
        lines.append(
            f"{row.name:<{width}} {row.predicted:>5} {row.labelled:>5} {row.matched:>5} "
            f"{row.precision:>6.3f} {row.recall:>6.3f} {row.f1:>6.3f} "
            f"{row.comparator_accuracy:>6.3f} {row.kind_accuracy:>6.3f} {row.agreement:>8.3f} "
            f"{row.seconds * 1000:>6.0f}"
        )
    return "\n".join(lines)


def format_markdown(rows: list[Score], total: Score) -> str:
    """The same table in Markdown; comparator and kind accuracy are over the matched targets."""
    lines = [
        "| document | predicted | labelled | matched | precision | recall | F1 "
        "| comparator | kind | comparator+kind | ms |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for row in [*rows, total]:
        name = f"**{row.name}**" if row is total else f"`{row.name}`"
        lines.append(
            f"| {name} | {row.predicted} | {row.labelled} | {row.matched} "
            f"| {row.precision:.3f} | {row.recall:.3f} | {row.f1:.3f} "
            f"| {row.comparator_accuracy:.3f} | {row.kind_accuracy:.3f} | {row.agreement:.3f} "
            f"| {row.seconds * 1000:.0f} |"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "corpus",
        nargs="*",
        type=Path,
        help="labelled folders (default: ../shared/corpus and tests/importer/corpus)",
    )
    parser.add_argument(
        "--markdown",
        nargs="?",
        const="-",
        metavar="FILE",
        help="print the table in Markdown, or write it to FILE",
    )
    args = parser.parse_args(argv[1:])
    folders = args.corpus or list(DEVELOPMENT_CORPUS)
    missing = [folder for folder in folders if not folder.is_dir()]
    if missing:
        print(f"no corpus at {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    rows, total = score_corpus(folders, runs=3)
    if args.markdown is None:
        print(format_table(rows, total))
    elif args.markdown == "-":
        print(format_markdown(rows, total))
    else:
        Path(args.markdown).write_text(format_markdown(rows, total) + "\n", encoding="utf-8")
        print(f"wrote {args.markdown}")
    slowest = max(rows, key=lambda row: row.seconds)
    print(
        f"slowest: {slowest.name} {slowest.seconds * 1000:.0f} ms "
        f"(limit {MAX_SECONDS * 1000:.0f} ms per document)",
        file=sys.stderr,
    )
    if slowest.seconds > MAX_SECONDS:
        print(f"{slowest.name} took more than {MAX_SECONDS:g} s", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
