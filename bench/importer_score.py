"""Score the document importer against the labelled corpus (../shared/corpus).

Scoring rule (shared/corpus/README.md): a predicted target matches a label when its value and
value_high are equal as numbers (each label matched at most once); precision and recall on that,
and the share of matches whose comparator and kind also agree. Among the free labels with equal
numbers, a prediction is paired with the one whose quote shares most words with its source text.

    python bench/importer_score.py [CORPUS_DIR]

tests/importer/test_corpus.py asserts the overall scores with the same functions.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from tiendo.importer.parser import PlanNotRecognised, parse_plan_text

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


@dataclass
class Score:
    name: str
    predicted: int = 0
    labelled: int = 0
    matched: int = 0
    agreed: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.labelled if self.labelled else 0.0

    @property
    def agreement(self) -> float:
        return self.agreed / self.matched if self.matched else 0.0


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
        if predicted[i].get("comparator") == labels[j].get("comparator") and predicted[i].get(
            "kind"
        ) == labels[j].get("kind"):
            score.agreed += 1
    return score


def score_corpus(corpus: Path = CORPUS) -> tuple[list[Score], Score]:
    """Parse every labelled document of the corpus and score it; and the overall score."""
    rows: list[Score] = []
    total = Score("overall")
    for label_file in sorted(corpus.glob("*.labels.json")):
        data = json.loads(label_file.read_text(encoding="utf-8"))
        text = (corpus / data["file"]).read_text(encoding="utf-8")
        try:
            predicted = parse_plan_text(text=text).document["targets"]
        except PlanNotRecognised:
            predicted = []
        row = score_document(data["file"], predicted, data["targets"])
        rows.append(row)
        total.predicted += row.predicted
        total.labelled += row.labelled
        total.matched += row.matched
        total.agreed += row.agreed
    return rows, total


def format_table(rows: list[Score], total: Score) -> str:
    header = (
        f"{'document':<42} {'pred':>5} {'label':>5} {'match':>5} {'P':>6} {'R':>6} {'cmp+kind':>8}"
    )
    lines = [header, "-" * len(header)]
    for row in [*rows, total]:
        if row is total:
            lines.append("-" * len(header))
        lines.append(
            f"{row.name:<42} {row.predicted:>5} {row.labelled:>5} {row.matched:>5} "
            f"{row.precision:>6.3f} {row.recall:>6.3f} {row.agreement:>8.3f}"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    corpus = Path(argv[1]) if len(argv) > 1 else CORPUS
    if not corpus.is_dir():
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 2
    rows, total = score_corpus(corpus)
    print(format_table(rows, total))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
