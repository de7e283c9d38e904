"""The plan document: a whole plan as JSON (schema: `schema/plan-document.schema.json`).

`document_validate` checks a raw document against the JSON Schema and the rules the schema
cannot say (references, kinds × comparators, ranges, years), and returns it in canonical form:
every optional field present, numbers as normalised decimal strings, importer-only fields
(`line`, `unparsed`, a target's `confidence` and `reason`) removed. Two documents describe the same plan exactly when their canonical
forms are equal. Pure Python: no database access here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

FORMAT = "tiendo.plan/1"
QUANTITATIVE = {"level", "annual", "annual_reduction", "avg_growth", "increase"}
PERIOD = {"annual", "annual_reduction", "avg_growth", "increase", "maintain"}
NO_NUMBER = {"milestone", "qualitative"}


@dataclass
class PlanDocumentError(Exception):
    """A document refused whole: `path` is the JSON path of the first error."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@cache
def schema() -> dict[str, Any]:
    text = (
        resources.files("tiendo.plans")
        .joinpath("schema/plan-document.schema.json")
        .read_text("utf-8")
    )
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def document_read_file(path: Path) -> Any:
    """Read JSON from a file; a syntax error becomes a PlanDocumentError naming line and column."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise PlanDocumentError("$", f"không tìm thấy tệp {path}") from exc
    except UnicodeDecodeError as exc:
        raise PlanDocumentError("$", "tệp không phải văn bản UTF-8") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise PlanDocumentError(
            "$", f"JSON không hợp lệ ở dòng {exc.lineno}, cột {exc.colno}: {exc.msg}"
        ) from exc


def decimal_text(value: Any) -> str | None:
    """A JSON number or decimal string as a canonical decimal string ("6650", "3.5")."""
    if value is None:
        return None
    number = Decimal(str(value))
    text = f"{number.normalize():f}" if number != 0 else "0"
    return text


def _json_path(parts: Any) -> str:
    path = "$"
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def _schema_message(error: jsonschema.ValidationError) -> str:
    validator = error.validator
    if validator == "required":
        missing = str(error.message).split("'")[1] if "'" in error.message else error.message
        return f"thiếu trường bắt buộc “{missing}”"
    if validator == "additionalProperties":
        return f"có trường không được phép ({error.message})"
    if validator == "type":
        return f"sai kiểu dữ liệu: cần {error.validator_value}, nhận {json.dumps(error.instance, ensure_ascii=False)[:60]}"
    if validator in ("enum", "const"):
        allowed = error.validator_value if validator == "enum" else [error.validator_value]
        return f"giá trị {json.dumps(error.instance, ensure_ascii=False)[:60]} không hợp lệ; cho phép: {', '.join(map(str, allowed))}"
    if validator == "pattern":
        return f"giá trị {json.dumps(error.instance, ensure_ascii=False)[:60]} không đúng định dạng"
    if validator in ("minimum", "maximum"):
        return f"giá trị {error.instance} nằm ngoài giới hạn ({validator} {error.validator_value})"
    if validator == "maxItems" and list(error.absolute_path) == ["implementing_documents"]:
        return (
            "văn bản triển khai không còn ghi trong tài liệu chương trình; hãy ghi vào sổ văn "
            "bản triển khai (trang “Văn bản triển khai” của chương trình hoặc API /api/v1) và "
            "để trống danh sách này"
        )
    if validator in ("minLength", "minItems"):
        return "không được để trống"
    if validator == "anyOf":
        return f"giá trị {json.dumps(error.instance, ensure_ascii=False)[:60]} không hợp lệ (cần số, chuỗi số thập phân, ngày YYYY-MM-DD hoặc null tùy trường)"
    return str(error.message)


def _first_schema_error(raw: Any) -> PlanDocumentError | None:
    validator = jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker())
    errors = sorted(
        validator.iter_errors(raw), key=lambda e: (list(e.absolute_path), e.validator != "required")
    )
    if not errors:
        return None
    first = errors[0]
    return PlanDocumentError(_json_path(first.absolute_path), _schema_message(first))


def document_validate(
    raw: Any, *, known_unit_keys: set[str] | frozenset[str] = frozenset()
) -> dict[str, Any]:
    """Validate a raw document and return its canonical form, or raise PlanDocumentError.

    `known_unit_keys` are units already held in tiendo: a document may refer to them without
    defining them in its `units` list.
    """
    error = _first_schema_error(raw)
    if error is not None:
        raise error
    return _canonical(raw, known_unit_keys=set(known_unit_keys))


def _fail(path: str, message: str) -> None:
    raise PlanDocumentError(path, message)


def _canonical(raw: dict[str, Any], *, known_unit_keys: set[str]) -> dict[str, Any]:
    term = raw["term"]
    if term["from_year"] > term["to_year"]:
        _fail("$.term", "năm bắt đầu sau năm kết thúc")

    units: list[dict[str, Any]] = []
    unit_keys: set[str] = set()
    for i, unit in enumerate(raw.get("units", [])):
        if unit["key"] in unit_keys:
            _fail(f"$.units[{i}].key", f"đơn vị “{unit['key']}” khai báo hai lần")
        unit_keys.add(unit["key"])
        if (
            unit.get("valid_from")
            and unit.get("valid_to")
            and unit["valid_to"] < unit["valid_from"]
        ):
            _fail(f"$.units[{i}].valid_to", "ngày hết hiệu lực trước ngày hiệu lực")
        units.append(
            {
                "key": unit["key"],
                "name": unit["name"],
                "short_name": unit.get("short_name", ""),
                "kind": unit["kind"],
                "parent": unit.get("parent"),
                "valid_from": unit.get("valid_from"),
                "valid_to": unit.get("valid_to"),
            }
        )
    all_units = unit_keys | known_unit_keys
    for i, unit in enumerate(units):
        if unit["parent"] is not None and unit["parent"] not in all_units:
            _fail(f"$.units[{i}].parent", f"không có đơn vị “{unit['parent']}”")

    def unit_ref(path: str, key: str | None) -> str | None:
        if key is not None and key not in all_units:
            _fail(path, f"không có đơn vị “{key}” (khai báo trong “units”)")
        return key

    programs: list[dict[str, Any]] = []
    numbers: set[int] = set()
    for i, program in enumerate(raw["programs"]):
        if program["number"] in numbers:
            _fail(f"$.programs[{i}].number", f"chương trình {program['number']} khai báo hai lần")
        numbers.add(program["number"])
        programs.append({"number": program["number"], "title": program["title"]})

    targets: list[dict[str, Any]] = []
    target_codes: set[str] = set()
    for i, target in enumerate(raw["targets"]):
        targets.append(_canonical_target(f"$.targets[{i}]", target, numbers, target_codes))

    tasks: list[dict[str, Any]] = []
    task_codes: set[str] = set()
    for i, task in enumerate(raw.get("tasks", [])):
        path = f"$.tasks[{i}]"
        if task["program"] not in numbers:
            _fail(f"{path}.program", f"không có chương trình {task['program']}")
        if task["code"] in task_codes or task["code"] in target_codes:
            _fail(f"{path}.code", f"mã “{task['code']}” đã dùng")
        task_codes.add(task["code"])
        tasks.append(
            {
                "code": task["code"],
                "program": task["program"],
                "text": task["text"],
                "due_date": task.get("due_date"),
                "status": task.get("status", "not_started"),
            }
        )

    breakthroughs: list[dict[str, Any]] = []
    bt_numbers: set[int] = set()
    for i, item in enumerate(raw.get("breakthroughs", [])):
        path = f"$.breakthroughs[{i}]"
        if item["number"] in bt_numbers:
            _fail(f"{path}.number", f"khâu đột phá {item['number']} khai báo hai lần")
        bt_numbers.add(item["number"])
        for j, number in enumerate(item.get("programs", [])):
            if number not in numbers:
                _fail(f"{path}.programs[{j}]", f"không có chương trình {number}")
        for j, code in enumerate(item.get("tasks", [])):
            if code not in task_codes:
                _fail(f"{path}.tasks[{j}]", f"không có nhiệm vụ “{code}”")
        breakthroughs.append(
            {
                "number": item["number"],
                "text": item["text"],
                "programs": sorted(set(item.get("programs", []))),
                "tasks": sorted(set(item.get("tasks", []))),
            }
        )

    assignments: list[dict[str, Any]] = []
    seen_assignments: set[tuple[Any, ...]] = set()
    for i, item in enumerate(raw.get("assignments", [])):
        path = f"$.assignments[{i}]"
        unit_ref(f"{path}.unit", item["unit"])
        ref = _assignment_ref(path, item, numbers, target_codes, task_codes)
        key = (item["unit"], item["role"], item["scope"], ref)
        if key in seen_assignments:
            _fail(path, "phân công trùng lặp")
        seen_assignments.add(key)
        assignments.append(
            {
                "unit": item["unit"],
                "role": item["role"],
                "scope": item["scope"],
                "ref": ref,
                "deadline": item.get("deadline"),
                "source_text": item.get("source_text", ""),
            }
        )

    deadlines = []
    for i, item in enumerate(raw.get("deadlines", [])):
        for j, key in enumerate(item.get("units", [])):
            unit_ref(f"$.deadlines[{i}].units[{j}]", key)
        deadlines.append(
            {
                "title": item["title"],
                "due_date": item["due_date"],
                "units": sorted(set(item.get("units", []))),
                "source_text": item.get("source_text", ""),
            }
        )

    supersedes = []
    for i, item in enumerate(raw.get("supersedes", [])):
        if item.get("plan") == raw["code"]:
            _fail(f"$.supersedes[{i}].plan", "chương trình không thể thay thế chính nó")
        supersedes.append(
            {
                "number": item["number"],
                "date": item.get("date"),
                "title": item.get("title", ""),
                "plan": item.get("plan"),
            }
        )

    return document_sort(
        {
            "format": FORMAT,
            "code": raw["code"],
            "number": raw.get("number", ""),
            "title": raw["title"],
            "issuing_body": raw.get("issuing_body", ""),
            "issuing_unit": unit_ref("$.issuing_unit", raw.get("issuing_unit")),
            "area": unit_ref("$.area", raw.get("area")),
            "issue_date": raw.get("issue_date"),
            "place": raw.get("place", ""),
            "signer": raw.get("signer", ""),
            "term": {"from_year": term["from_year"], "to_year": term["to_year"]},
            "status": raw.get("status", "active"),
            "follows": raw.get("follows"),
            "supersedes": supersedes,
            "units": units,
            "programs": programs,
            "targets": targets,
            "tasks": tasks,
            "breakthroughs": breakthroughs,
            "assignments": assignments,
            "deadlines": deadlines,
            # The register of implementing documents is kept apart (tiendo.plans.register):
            # a plan document carries an empty list, kept for files written before.
            "implementing_documents": [],
        }
    )


def natural_key(text: object) -> tuple[Any, ...]:
    """Sort "2.9" before "2.10"; numbers before words."""
    parts = re.split(r"(\d+)", str(text))
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts if p != "")


_SCOPES = ("plan", "program", "target", "task")
_ROLES = ("lead", "coordinate", "monitor", "mobilize")


def document_sort(doc: dict[str, Any]) -> dict[str, Any]:
    """Put the unordered collections of a canonical document in one fixed order.

    Targets and tasks keep the order of the document (it is their position in the plan)."""
    parents = {u["key"]: u["parent"] for u in doc["units"]}

    def depth(key: str) -> int:
        seen = 0
        while parents.get(key) is not None and seen < 50:
            key = parents[key]
            seen += 1
        return seen

    doc["units"].sort(key=lambda u: (depth(u["key"]), u["key"]))
    doc["programs"].sort(key=lambda p: p["number"])
    doc["breakthroughs"].sort(key=lambda b: b["number"])
    doc["supersedes"].sort(key=lambda s: s["number"])
    doc["assignments"].sort(
        key=lambda a: (
            _SCOPES.index(a["scope"]),
            natural_key(a["ref"] or ""),
            _ROLES.index(a["role"]),
            a["unit"],
        )
    )
    doc["deadlines"].sort(key=lambda d: (d["due_date"], d["title"]))
    return doc


def _canonical_target(
    path: str, target: dict[str, Any], programs: set[int], codes: set[str]
) -> dict[str, Any]:
    if target["program"] not in programs:
        _fail(f"{path}.program", f"không có chương trình {target['program']}")
    if target["code"] in codes:
        _fail(f"{path}.code", f"mã chỉ tiêu “{target['code']}” đã dùng")
    codes.add(target["code"])
    kind = target["kind"]
    comparator = target.get("comparator")
    try:
        value = decimal_text(target.get("value"))
        value_high = decimal_text(target.get("value_high"))
        tolerance = decimal_text(target.get("tolerance_pct"))
    except InvalidOperation:
        _fail(f"{path}.value", "không phải là số")
        raise  # pragma: no cover
    if kind in NO_NUMBER and (comparator is not None or value is not None):
        _fail(f"{path}.comparator", f"chỉ tiêu loại “{kind}” không có phép so sánh và giá trị")
    if kind in QUANTITATIVE and comparator is None:
        _fail(f"{path}.comparator", f"chỉ tiêu loại “{kind}” cần phép so sánh")
    if comparator is not None and value is None:
        _fail(f"{path}.value", "thiếu giá trị mục tiêu")
    if comparator == "range":
        if value_high is None:
            _fail(f"{path}.value_high", "khoảng giá trị cần cận trên (value_high)")
        elif Decimal(value_high) <= Decimal(value or "0"):
            _fail(f"{path}.value_high", "cận trên phải lớn hơn cận dưới")
    elif value_high is not None:
        _fail(f"{path}.value_high", "chỉ phép so sánh “range” mới có cận trên")
    if tolerance is not None and (
        comparator not in ("approx", "eq") or not 0 < Decimal(tolerance) < 100
    ):
        _fail(f"{path}.tolerance_pct", "dung sai chỉ dùng cho “approx”/“eq”, trong khoảng (0, 100)")
    from_year = target.get("from_year")
    if kind in PERIOD and from_year is None:
        _fail(f"{path}.from_year", f"chỉ tiêu loại “{kind}” cần năm bắt đầu")
    if from_year is not None and from_year > target["to_year"]:
        _fail(f"{path}.from_year", "năm bắt đầu sau năm kết thúc")
    baseline = target.get("baseline")
    if baseline and baseline["year"] >= target["to_year"]:
        _fail(f"{path}.baseline.year", "năm gốc phải trước năm kết thúc của chỉ tiêu")
    return {
        "code": target["code"],
        "program": target["program"],
        "kind": kind,
        "comparator": comparator,
        "value": value,
        "value_high": value_high,
        "tolerance_pct": tolerance,
        "unit": target.get("unit", ""),
        "from_year": from_year,
        "to_year": target["to_year"],
        "indicator": target["indicator"],
        "indicator_code": target.get("indicator_code"),
        "source_text": target.get("source_text", ""),
        "baseline": (
            {"value": decimal_text(baseline["value"]), "year": baseline["year"]}
            if baseline
            else None
        ),
    }


def _assignment_ref(
    path: str, item: dict[str, Any], programs: set[int], targets: set[str], tasks: set[str]
) -> int | str | None:
    scope, ref = item["scope"], item.get("ref")
    if scope == "plan":
        if ref is not None:
            _fail(f"{path}.ref", "phân công cho cả chương trình hành động không có “ref”")
        return None
    if ref is None:
        _fail(f"{path}.ref", f"thiếu “ref” cho phạm vi “{scope}”")
    if scope == "program":
        try:
            number = int(str(ref))
        except ValueError:
            number = -1
        if number not in programs:
            _fail(f"{path}.ref", f"không có chương trình {ref}")
        return number
    if scope == "target" and str(ref) not in targets:
        _fail(f"{path}.ref", f"không có chỉ tiêu “{ref}”")
    if scope == "task" and str(ref) not in tasks:
        _fail(f"{path}.ref", f"không có nhiệm vụ “{ref}”")
    return str(ref)
