"""Stage 5, assignments and deadlines: who leads, coordinates, monitors; by when; what is replaced.

Read from the paragraphs of "Tổ chức thực hiện": "Giao X chủ trì, phối hợp với Y, Z … thực hiện
Chương trình 1, 2" (lead per program, coordinate), "X phát động phong trào thi đua" (mobilize),
"X … theo dõi, đôn đốc" (monitor), "X chủ động nghiên cứu, tham mưu" (coordinate); without a
program reference the scope is the whole plan. Bodies are named one way (`unit_name`: "Uỷ" ->
"Ủy", the Front always "Ủy ban Mặt trận Tổ quốc …"), keyed by `slug(name)` and given a kind
from their name (`unit_kind`). Deadlines: "chậm nhất trong quý IV năm 2021" -> 2021-12-31, for
the bodies named in the paragraph or else those that lead programs; a task's own deadline is its
`due_date`. "thay thế Chương trình hành động số 04-CTr/TU, ngày 06/11/2020" -> `supersedes`.
"""

from __future__ import annotations

import calendar
import re
from typing import Any

from tiendo.core.text import normalize_space, slug

from .lines import Para, Placement
from .spans import capitalise, split_top

_UNIT_HEAD_RE = re.compile(
    r"^(?:[Cc]ác\s|Ban\s|Đảng đoàn|Đảng ủy|Đảng uỷ|Văn phòng|Ủy ban|Uỷ ban|UBND|HĐND|Hội đồng|"
    r"Mặt trận|MTTQ|Sở\s|Đoàn\s|Hội\s|Liên đoàn|Công an|Bộ\s|Tỉnh đoàn|Tỉnh ủy|Tỉnh uỷ|"
    r"Thành ủy|Thành uỷ|Huyện ủy|Huyện uỷ|Kho bạc|Ngân hàng|Cục\s|Chi cục|Viện\s|Báo\s|Đài\s|"
    r"Trung tâm|Thanh tra|Tòa án|Toà án|Bộ đội|tổ chức chính trị)"
)
_UNIT_STOP_RE = re.compile(
    r"\s(?:chủ trì|phối hợp|chỉ đạo|căn cứ|phát động|giúp|theo dõi|đôn đốc|triển khai|thực hiện|"
    r"nghiên cứu|tham mưu|chủ động|lãnh đạo|để|có trách nhiệm|tổ chức thực hiện|tổ chức triển khai|"
    r"cụ thể hoá|cụ thể hóa|kiểm tra|giám sát|hướng dẫn|tuyên truyền|vận động|bổ sung|điều chỉnh|"
    r"xem xét|xây dựng kế hoạch|ban hành|báo cáo|định kỳ)\b"
)
_GIAO_RE = re.compile(r"\b[Gg]iao\s+(?:cho\s+)?(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠUỦ]|các\s)")
_LEVEL_WORD_RE = re.compile(
    r"\b(?:tỉnh|Tỉnh ủy|thành phố|huyện|xã|trực thuộc|Trung ương|cấp)\b", re.IGNORECASE
)
_PROGRAM_REF_RE = re.compile(
    r"Chương trình\s+(?:số\s+)?(\d{1,2}(?:\s*(?:,|và|-|–)\s*\d{1,2})*)(?!\d|[./]\d)", re.IGNORECASE
)
_ROMAN_QUARTER = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_DEADLINE_RES = [
    re.compile(
        r"(?:chậm nhất|trước|hoàn thành trong|hoàn thành trước|trong)\s+(?:trong\s+|vào\s+)?"
        r"quý\s+(?P<q>IV|I{1,3}|[1-4])\s*(?:năm|/)\s*(?P<y>\d{4})",
        re.IGNORECASE,
    ),
    re.compile(
        r"(?:chậm nhất|trước|hoàn thành trước)\s+(?:vào\s+|trong\s+)?(?:ngày\s+)?"
        r"(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})",
        re.IGNORECASE,
    ),
    re.compile(
        r"(?:chậm nhất|trước|hoàn thành trước)\s+(?:vào\s+)?(?:ngày\s+)?(?P<d>\d{1,2})\s+tháng\s+"
        r"(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})",
        re.IGNORECASE,
    ),
    re.compile(
        r"(?:chậm nhất|trước|hoàn thành trong|trong)\s+(?:trong\s+)?tháng\s+(?P<mo>\d{1,2})\s*(?:năm|/)\s*(?P<y>\d{4})",
        re.IGNORECASE,
    ),
    re.compile(r"(?:chậm nhất|hoàn thành)\s+(?:trong\s+)?năm\s+(?P<ye>\d{4})", re.IGNORECASE),
]


def find_deadline(text: str) -> tuple[str, int, int] | None:
    """ "chậm nhất trong quý IV năm 2021" -> ("2021-12-31", start, end)."""
    for pattern in _DEADLINE_RES:
        match = pattern.search(text)
        if not match:
            continue
        groups = match.groupdict()
        year = int(groups.get("y") or groups.get("ye") or 0)
        if not 1945 <= year <= 2100:
            continue
        if groups.get("q"):
            month = 3 * _ROMAN_QUARTER[groups["q"].upper()]
            day = calendar.monthrange(year, month)[1]
        elif groups.get("d"):
            month, day = int(groups["m"]), int(groups["d"])
        elif groups.get("mo"):
            month = int(groups["mo"])
            day = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
        else:
            month, day = 12, 31
        if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]):
            continue
        return f"{year:04d}-{month:02d}-{day:02d}", match.start(), match.end()
    return None


def unit_name(name: str) -> str:
    """One spelling per body: NFC, "Uỷ" -> "Ủy", the Front always as "Ủy ban Mặt trận Tổ quốc"."""
    text = normalize_space(name)
    text = text.replace("Uỷ", "Ủy").replace("uỷ", "ủy").replace("UỶ", "ỦY")
    text = text.replace("hoá", "hóa").replace("Hoá", "Hóa")
    text = text.strip(" ,;.:")
    front = re.search(
        r"(?:Ủy ban\s+)?Mặt trận Tổ quốc(?:\s+Việt Nam)?(?P<rest>.*)$", text, re.IGNORECASE
    )
    if front and not text.lower().startswith(("ban ", "đảng đoàn")):
        return "Ủy ban Mặt trận Tổ quốc" + front["rest"]
    if text.lower().startswith("tổ chức chính trị"):
        text = "các " + text
    if text.lower().startswith("các "):
        text = "Các " + text[4:]
    return text


def unit_kind(name: str) -> str:
    """The kind of a body from its name ("Ban Thường vụ" -> standing_committee …)."""
    low = name.lower().replace("uỷ", "ủy")
    rules = [
        (r"^các\s", "group"),
        (r"ban cán sự đảng|^đảng đoàn", "party_delegation"),
        (r"^ban thường vụ", "standing_committee"),
        (r"^ban chấp hành", "party_executive"),
        (
            r"^ban (?:tổ chức|tuyên giáo|dân vận|nội chính|kinh tế|bảo vệ chăm sóc sức khỏe)",
            "party_board",
        ),
        (r"^ủy ban kiểm tra", "inspection_commission"),
        (r"^văn phòng", "office"),
        (r"mặt trận tổ quốc", "front"),
        (r"^đoàn đại biểu quốc hội", "na_delegation"),
        (r"^hội đồng nhân dân|^hđnd", "peoples_council"),
        (r"^ủy ban nhân dân|^ubnd", "peoples_committee"),
        (r"^sở\s", "department"),
        (r"^(?:công an|bộ chỉ huy|bộ đội biên phòng|quân sự)", "armed_forces"),
        (r"^(?:hội\s|liên đoàn lao động|tỉnh đoàn|đoàn thanh niên)", "mass_organization"),
        (r"^(?:tỉnh ủy|huyện ủy|thành ủy|đảng ủy)", "party_committee"),
    ]
    for pattern, kind in rules:
        if re.search(pattern, low):
            return kind
    return "other"


def parse_units(text: str) -> tuple[list[str], int]:
    """Names of the bodies listed at the start of `text`, and where the list ends."""
    if not _UNIT_HEAD_RE.match(text):
        return [], 0
    stop = _UNIT_STOP_RE.search(" " + text)
    end = (
        max(0, stop.start() - 1) if stop else len(text)
    )  # the match starts at the space before the verb
    listing = text[:end].strip(" ,")
    names: list[str] = []
    for c_start, c_end in split_top(listing, 0, len(listing), (";",)):
        chunk = listing[c_start:c_end]
        pieces: list[str] = []
        depth_spans = split_top(chunk, 0, len(chunk), (", ", " và "))
        previous_end = 0
        for s, e in depth_spans:
            piece = chunk[s:e].strip()
            if pieces and not _UNIT_HEAD_RE.match(piece):
                # "các sở, ban, ngành": a piece that names no body continues the one before
                joined = f"{pieces[-1]}{chunk[previous_end:s].rstrip()} {piece}"
                pieces[-1] = re.sub(r"\s+,", ",", re.sub(r"\s+", " ", joined))
            else:
                pieces.append(piece)
            previous_end = e
        if not pieces or not _UNIT_HEAD_RE.match(pieces[0]):
            continue
        if len(pieces) > 1 and re.search(r"\stỉnh$", pieces[-1]):
            pieces = [
                x if _LEVEL_WORD_RE.search(x) or unit_kind(unit_name(x)) not in ("group", "front", "mass_organization") else x + " tỉnh"
                for x in pieces
            ]  # fmt: skip
        names.extend(unit_name(x) for x in pieces if x)
    return names, end


def _program_refs(text: str) -> list[int]:
    refs: list[int] = []
    for match in _PROGRAM_REF_RE.finditer(text):
        chunk = match.group(1)
        for part in re.split(r"\s*(?:,|và)\s*", chunk):
            bounds = re.split(r"\s*[-–]\s*", part)
            if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit():
                refs.extend(range(int(bounds[0]), int(bounds[1]) + 1))
            elif part.isdigit():
                refs.append(int(part))
    return list(dict.fromkeys(refs))


def task_deadlines(tasks: list[dict[str, Any]]) -> None:
    """Give each task the deadline its own words set ("… hoàn thành trước ngày 30/6/2022")."""
    for task in tasks:
        due = find_deadline(task["text"])
        if due:
            task["due_date"] = due[0]


def organisation(
    items: list[tuple[Para, str]],
    programs: dict[int, dict[str, Any]],
    units: dict[str, dict[str, Any]],
    *,
    placement: Placement,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """(assignments, deadlines, supersedes) of the "Tổ chức thực hiện" paragraphs (each with
    the sub-heading it stands under). The bodies named are added to `units`."""
    assignments: list[dict[str, Any]] = []
    seen: set[tuple[Any, ...]] = set()
    deadlines: list[dict[str, Any]] = []
    supersedes: list[dict[str, Any]] = []

    def assign(name: str, role: str, refs: list[int], p: Para) -> None:
        key = slug(name)
        units.setdefault(key, {"key": key, "name": name, "kind": unit_kind(name)})
        scopes: list[tuple[str, int | None]] = [("program", r) for r in refs if r in programs] or [
            ("plan", None)
        ]
        for scope, ref in scopes:
            ident = (key, role, scope, ref)
            if ident in seen:
                continue
            seen.add(ident)
            assignments.append(
                {
                    "unit": key,
                    "role": role,
                    "scope": scope,
                    "ref": ref,
                    "source_text": p.text,
                    "line": p.lines[0],
                }
            )

    pending_deadlines: list[tuple[Para, str, str, list[str]]] = []
    for p, _context in items:
        text = p.body
        understood = False
        replaced = _superseded(text, p.lines[0])
        if replaced is not None:
            supersedes.append(replaced)
            understood = True
        refs = _program_refs(text)
        subjects, role, after = _subjects_and_role(text)
        if subjects and role:
            for name in subjects:
                assign(name, role, refs, p)
            understood = True
            partner = re.search(r"phối hợp\s+(?:với\s+)?", after)
            if partner and role == "lead":
                names, _ = parse_units(after[partner.end() :])
                for name in names:
                    assign(name, "coordinate", refs, p)
        due = find_deadline(text)
        if due:
            title = (text[: due[1]] + text[due[2] :]).strip(" .,;")
            cut = re.search(
                r"\bviệc\s+(?=ban hành|xây dựng|hoàn thành|tổ chức|sơ kết|tổng kết)", title
            )
            if cut:
                title = title[cut.end() :]
            title = re.sub(r"[,;]?\s*(?:và\s+)?(?:hoàn thành|xong)\s*$", "", title).strip(" ,;")
            for item in assignments:
                if item["line"] == p.lines[0] and item["role"] == "lead":
                    item["deadline"] = due[0]
            pending_deadlines.append(
                (p, capitalise(title) or "Thời hạn", due[0], [slug(s) for s in subjects])
            )
            understood = True
        if understood:
            placement.mark(p.lines, "assignment")
    leads = [a["unit"] for a in assignments if a["role"] == "lead" and a["scope"] == "program"]
    for p, title, due_date, subject_keys in pending_deadlines:
        keys = subject_keys or list(dict.fromkeys(leads))
        deadlines.append(
            {
                "title": title,
                "due_date": due_date,
                "units": keys,
                "source_text": p.text,
                "line": p.lines[0],
            }
        )
        placement.mark(p.lines, "deadline")
    return assignments, deadlines, supersedes


def _superseded(text: str, line: int) -> dict[str, Any] | None:
    """ "thay thế Chương trình hành động số 04-CTr/TU, ngày 06/11/2020 …": the document this
    one replaces."""
    sup = re.search(r"thay thế\s+(?P<kind>.+?)\s+số\s+(?P<num>\d[\w\-/ĐđỦủ]*)", text)
    if not sup:
        return None
    rest = text[sup.end() :]
    date = re.match(r"\s*,?\s*ngày\s+(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})", rest) or re.match(
        r"\s*,?\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", rest
    )
    tail = rest[date.end() :] if date else rest
    return {
        "number": sup["num"].rstrip(".,"),
        "date": f"{int(date.group(3)):04d}-{int(date.group(2)):02d}-{int(date.group(1)):02d}"
        if date
        else None,
        "title": normalize_space(f"{sup['kind']} {tail}").rstrip(" ."),
        "plan": None,
        "line": line,
    }


def _subjects_and_role(text: str) -> tuple[list[str], str | None, str]:
    """The bodies a paragraph charges, their role, and the words after their names."""
    first_clause = re.split(r";", text)[0]
    giao = _GIAO_RE.search(text)
    subjects: list[str] = []
    role: str | None = None
    after = ""
    if giao:
        subjects, end = parse_units(text[giao.end() :])
        after = text[giao.end() + end :].strip()
        role = "lead"
    elif _UNIT_HEAD_RE.match(text):
        subjects, end = parse_units(text)
        after = text[end:].strip()
        if re.match(r"chủ trì\b", after):
            role = "lead"
        elif re.search(r"\bphát động\b", first_clause):
            role = "mobilize"
        elif re.search(r"\b(?:theo dõi|đôn đốc)\b", first_clause):
            role = "monitor"
        elif re.match(r"(?:chủ động\s+)?(?:nghiên cứu|tham mưu|đề xuất|phối hợp)\b", after):
            role = "coordinate"
        elif re.match(r"(?:lãnh đạo|chỉ đạo)\b", after):
            role = "lead"
    if giao and subjects:
        if re.match(r"(?:theo dõi|đôn đốc)\b", after):
            role = "monitor"
        elif re.match(r"phát động\b", after):
            role = "mobilize"
    return subjects, role, after
