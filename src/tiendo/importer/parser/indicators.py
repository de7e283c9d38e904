"""Naming a target: the indicator, from the words around its number.

"Tổng kim ngạch xuất nhập khẩu qua địa bàn đạt khoảng 6.650 triệu USD" names "Tổng kim ngạch
xuất nhập khẩu qua địa bàn": the words before the number without the context ("Đến năm 2025,",
"phấn đấu", "toàn tỉnh có") and without the trailing cue ("đạt khoảng"). A number named only by
the words after it gets them ("thêm 50 sản phẩm OCOP" -> "Số sản phẩm OCOP"); a part named after
"trong đó" borrows the name of the whole ("… qua địa bàn: xuất khẩu"); "cả 3 tiêu chí" gives one
name per criterion. Used by `targets`.
"""

from __future__ import annotations

import re

from tiendo.core.text import normalize_space

from .clauses import CONTEXT_PREFIX_RE
from .cues import MAINTAIN_RE, comparator_after
from .spans import capitalise, split_top

_PREAMBLE_PART_RE = re.compile(
    r"^\s*(?:phấn đấu|theo |nhiệm kỳ|trong nhiệm kỳ|giai đoạn|trong giai đoạn|đến năm|năm \d{4}|"
    r"hằng năm|hàng năm|mỗi năm|trong đó|gồm|về |toàn tỉnh|toàn thành phố|tỉnh [A-ZĐ]|"
    r"thành phố [A-ZĐ]|.*\bphấn đấu$)",
    re.IGNORECASE,
)
_TRAILING_CUE_RE = re.compile(
    r"(?:\s|^)(?:đạt|là|có|khoảng|trên|hơn|dưới|ít nhất|tối thiểu|không quá|không vượt quá|tối đa|"
    r"từ|tăng|giảm|còn|chiếm|bằng|ở mức|thêm|có thêm|xây dựng được|được|gần|xấp xỉ|đạt mức|"
    r"giảm còn|xuống còn|giảm xuống|xuống|lên|gấp|tăng gấp|:|<|>|≥|≤|=|cả \d+ (?:tiêu chí|chỉ tiêu|mặt))\s*$",
    re.IGNORECASE,
)

_TRAFFIC_CRITERIA = ["Số vụ", "Số người chết do", "Số người bị thương do"]


def _strip_trailing_cues(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = _TRAILING_CUE_RE.sub("", text).rstrip(" ,:")
    return text


#: "Lũy kế đến cuối nhiệm kỳ có thêm 6 xã …": the period of a count, not its name.
_CUMULATIVE_RE = re.compile(
    r"^\s*(?:lũy kế|luỹ kế|cộng dồn)(?:\s+(?:đến|tới)\s+(?:cuối|hết)\s+"
    r"(?:nhiệm kỳ|giai đoạn|năm\s+\d{4}))?\s*[:,]?\s*",
    re.IGNORECASE,
)


def _lead_noun(lead: str) -> str:
    text = CONTEXT_PREFIX_RE.sub("", _CUMULATIVE_RE.sub("", CONTEXT_PREFIX_RE.sub("", lead)))
    listing = re.search(r".*\b(?:bao gồm|gồm|như sau|gồm có)\s*:?\s+", text, re.IGNORECASE)
    if listing:
        text = text[listing.end() :]
    parts = [text[s:e] for s, e in split_top(text, 0, len(text), (",",))]
    while len(parts) > 1 and _PREAMBLE_PART_RE.match(parts[0]):
        parts.pop(0)
    text = ", ".join(p.strip() for p in parts)
    text = CONTEXT_PREFIX_RE.sub("", text)
    text = re.sub(
        r"\s*\b(?:đến|tới|vào)\s+(?:cuối\s+)?năm\s+\d{4}\b", "", text, flags=re.IGNORECASE
    )
    text = _strip_trailing_cues(text).strip(" ,;:")
    head, colon, rest = text.rpartition(":")
    if colon and rest.strip():
        head = re.sub(r"\s*(?:(?:đến|tới|vào)\s+)?năm\s+\d{4}\s*$", "", head).strip(" ,")
        keep = (
            head
            and len(head.split()) <= 6
            and not re.search(r"mục tiêu|chỉ tiêu|đề ra|phấn đấu|như sau", head, re.I)
        )
        text = f"{head}: {rest.strip()}" if keep else rest.strip()
    if MAINTAIN_RE.fullmatch(text):
        return ""
    return text


_MEASURES = {
    "usd",
    "đồng",
    "ha",
    "tấn",
    "km",
    "km2",
    "m2",
    "m3",
    "mw",
    "kwh",
    "lần",
    "giờ",
    "ngày",
    "héc-ta",
    "hecta",
}


def _base_unit(unit: str) -> str:
    unit = re.sub(r"^(?:(?:nghìn|ngàn|triệu|tỷ|tỉ|vạn)\s+)+", "", unit)
    return re.sub(r"\s*\(.*\)$", "", unit.split("/")[0]).strip()


def indicator_name(lead: str, unit: str, after: str, percent: bool) -> str:
    noun = _lead_noun(lead)
    # "trở lên"/"trở xuống" that comparator_after reads as the comparator (right after the number
    # or a word or two later) is not part of the name; a later one qualifies another number.
    if comparator_after(after) is not None:
        after = re.sub(r"^(\s*(?:[^\s,;.()]+\s+){0,2})trở (?:lên|xuống)\b", r"\1", after)
    rest = after.strip(" ,;:.")
    rest = re.sub(r"\s+", " ", rest)
    if not noun:
        words = rest if percent else f"{_base_unit(unit)} {rest}".strip()
        words = re.sub(r"^số\s+", "", words, flags=re.IGNORECASE)
        return capitalise(("Tỷ lệ " if percent else "Số ") + words) if words else ""
    base = _base_unit(unit)
    if rest and len(noun.split()) <= 3:
        return capitalise(f"{noun} {rest}" if percent else f"{noun} {base} {rest}")
    if not percent and base and base.lower() not in _MEASURES and base.lower() not in noun.lower():
        return capitalise(f"{noun} {base} {rest}")
    return capitalise(noun)


def refine_indicator(indicator: str, head: str, lead: str, sub_item: bool) -> str:
    """Name a quantity that the text names only by difference from the clause's first one."""
    if not head:
        return indicator
    if len(indicator.split()) <= 1 or indicator in ("Tỷ lệ", "Số"):
        words = normalize_space(re.sub(r"[(),:;]", " ", lead))
        return f"{head} ({words})" if words else head
    if indicator.startswith(("Số ", "Tỷ lệ ", "Tổng ")):
        return indicator
    low = indicator[:1].lower() + indicator[1:]
    key = " ".join(low.split()[:2])
    at = head.lower().find(" " + key.lower())
    if at > 0 and not head.lower().startswith(key.lower()):
        joined = head[: at + 1] + low
        if not head.lower().startswith(joined.lower()):
            return joined
    if sub_item and len(indicator.split()) <= 3:
        return f"{head}: {low}"
    return indicator


def criteria_names(indicator: str, n: int) -> list[str]:
    base = re.sub(r"^(?:giảm|tăng)\s+", "", indicator, flags=re.IGNORECASE)
    if n == 3 and re.search(r"tai nạn giao thông", base, re.IGNORECASE):
        return [f"{name} {base[:1].lower() + base[1:]}" for name in _TRAFFIC_CRITERIA]
    return [f"{capitalise(indicator)} (tiêu chí {k}/{n})" for k in range(1, n + 1)]
