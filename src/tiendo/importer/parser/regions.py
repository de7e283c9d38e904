"""Stage 3a, target regions: which paragraphs and sentences are read for targets.

In an action program the regions are its target sections ("Mục tiêu cụ thể", "Các chỉ tiêu chủ
yếu"), found by `sections`. A document with neither programs nor a target section (a
resolution written as prose, a press report of a congress) is "free": every paragraph outside a
section is read, except the legal grounds ("Căn cứ …", "Xét …"), and sentences that report the
past ("Nhiệm kỳ 2015 - 2020, GRDP tăng bình quân 7,2%/năm", "ước đạt", "đã đạt") are skipped.
"""

from __future__ import annotations

import re

from .lines import Para
from .quantities import year_context
from .sections import Sections

_PAST_RE = re.compile(
    r"\b(?:đã đạt|đạt được|ước đạt|ước thực hiện|ước cả năm|nhiệm kỳ qua|những năm qua|5 năm qua|"
    r"năm năm qua|thời gian qua|giai đoạn qua|so với đầu nhiệm kỳ|vượt kế hoạch|vượt chỉ tiêu)\b",
    re.IGNORECASE,
)


def is_free(sections: Sections) -> bool:
    """A document with neither programs nor a target section."""
    return not sections.programs and not sections.region_count


def free_regions(sections: Sections) -> None:
    """Make every loose paragraph of a free document a target paragraph outside programs
    (region 0), but the legal grounds, which stay loose."""
    sections.target_paras.setdefault(None, [])
    kept: list[tuple[Para, str]] = []
    for p, where in sections.loose:
        if p.marker == "" and re.match(r"(?:Căn cứ|Xét)\b", p.text):
            kept.append((p, where))
            continue
        sections.target_paras[None].append((0, p))
    sections.loose = kept


def reports_the_past(sentence: str, *, period_start: int) -> bool:
    """ "Nhiệm kỳ 2015 - 2020, GRDP tăng bình quân 7,2%/năm" reports results, sets no target."""
    if _PAST_RE.search(sentence):
        return True
    for match in re.finditer(
        r"(?:nhiệm kỳ|giai đoạn)\s+\d{4}\s*[-–]\s*(\d{4})", sentence, re.IGNORECASE
    ):
        if int(match.group(1)) < period_start:
            return True
    found = year_context(sentence)
    return bool(found and found[0] < period_start and not re.search(r"(?:đến|tới)\s+năm", sentence))
