"""Vietnamese wording of targets, figures and explanations, in pure Python (no Django).

`target_meaning` writes what a target asks in words a leader reads ("Đến năm 2025 đạt khoảng
6.650 triệu USD"); `explain` writes the sentence of a verdict from its `Reason` ("Năm 2025 đạt
2,32% (số chính thức), dưới mức 3% đề ra: đạt."); the other helpers write amounts with their
unit, always in the Vietnamese number format (6.650; 3,5).
"""

from __future__ import annotations

from decimal import Decimal

from tiendo.core.numbers import format_number, format_percent

from .. import reasons as r
from ..spec import DEFAULT_TOLERANCE_PCT, STATUS_LABELS, Status, TargetSpec

__all__ = [
    "FIGURE_TYPE_LABELS",
    "amount",
    "comparator_phrase",
    "explain",
    "figure_amount",
    "format_value",
    "period",
    "span",
    "status_label",
    "target_meaning",
    "years_text",
]

FIGURE_TYPE_LABELS: dict[str, str] = {
    "official": "số chính thức",
    "reported": "số báo cáo",
    "estimate": "số ước tính",
}
_QUALIFIER_WORDS: dict[str, str] = {"exact": "", "more_than": "hơn ", "about": "khoảng "}


def amount(value: Decimal, unit: str = "") -> str:
    """A number with its unit: (6650, "triệu USD") -> "6.650 triệu USD"; (3.5, "%") -> "3,5%"."""
    number = format_number(value)
    if not unit:
        return number
    if unit.startswith("%"):
        return f"{number}{unit}"
    return f"{number} {unit}"


def format_value(value: Decimal) -> str:
    """A value the Vietnamese way, as exact as it is: 6650.000000 -> "6.650", 2.32 -> "2,32"."""
    return format_number(value)


def span(low: Decimal, high: Decimal, unit: str = "") -> str:
    """A short range: (3, 3.5, "%/năm") -> "3–3,5%/năm"."""
    return f"{format_number(low)}–{amount(high, unit)}"


def figure_amount(*, value: Decimal, unit: str, qualifier: str = "exact") -> str:
    """A reported amount with its qualifier: "hơn 4,4 triệu lượt khách", "khoảng 4.500 tỷ đồng"."""
    return f"{_QUALIFIER_WORDS.get(qualifier, '')}{amount(value, unit)}"


def period(from_year: int | None, to_year: int) -> str:
    """The years of a period: "2021–2025", or "2025" for a single year."""
    if from_year is None or from_year == to_year:
        return str(to_year)
    return f"{from_year}–{to_year}"


def years_text(years: tuple[int, ...] | list[int]) -> str:
    """A list of years: "2021, 2023 và 2024"."""
    names = [str(year) for year in years]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} và {names[-1]}"


def _tolerance(spec: TargetSpec) -> Decimal:
    return DEFAULT_TOLERANCE_PCT if spec.tolerance_pct is None else spec.tolerance_pct


def comparator_phrase(spec: TargetSpec, *, unit: str | None = None) -> str:
    """What the comparator asks of a number: "ít nhất 2.000 đảng viên/năm", "dưới 3%",
    "khoảng 6.650 triệu USD", "từ 3 đến 3,5%/năm"."""
    unit = spec.unit if unit is None else unit
    if spec.value is None:
        return ""
    value = amount(spec.value, unit)
    match spec.comparator:
        case "ge":
            return f"ít nhất {value}"
        case "gt":
            return f"trên {value}"
        case "le":
            return f"không quá {value}"
        case "lt":
            return f"dưới {value}"
        case "approx":
            return f"khoảng {value}"
        case "eq":
            return f"{value} (sai lệch không quá {format_percent(_tolerance(spec))})"
        case "range":
            high = spec.value_high if spec.value_high is not None else spec.value
            return f"từ {format_number(spec.value)} đến {amount(high, unit)}"
    return value


def target_meaning(spec: TargetSpec) -> str:
    """The target's meaning in Vietnamese words, e.g. "Đến năm 2025 đạt khoảng 6.650 triệu USD",
    "Mỗi năm 2021–2025 giảm ít nhất 5% so với năm trước", "Hoàn thành chậm nhất năm 2025"."""
    years = period(spec.from_year, spec.to_year)
    if spec.kind == "milestone":
        return f"Hoàn thành chậm nhất năm {spec.to_year}"
    if spec.kind == "qualitative" or spec.comparator is None:
        if spec.from_year is None:
            return f"Đánh giá định tính đến năm {spec.to_year}"
        return f"Đánh giá định tính giai đoạn {years}"
    reach = "" if spec.comparator in ("le", "lt") else "đạt "
    match spec.kind:
        case "annual":
            return f"Mỗi năm {years} {reach}{comparator_phrase(spec)}"
        case "maintain":
            return f"Mỗi năm {years} duy trì {comparator_phrase(spec)}"
        case "annual_reduction":
            return f"Mỗi năm {years} giảm {comparator_phrase(spec, unit='%')} so với năm trước"
        case "avg_growth":
            return f"Bình quân {years} tăng {comparator_phrase(spec)}"
        case "increase":
            return f"Giai đoạn {years} có thêm {comparator_phrase(spec)}"
    return f"Đến năm {spec.to_year} {reach}{comparator_phrase(spec)}"


def status_label(status: Status | str) -> str:
    """The status's Vietnamese label: "Đạt", "Khó đạt", ..."""
    return STATUS_LABELS[Status(status)]


# --------------------------------------------------------------------------------------------
# The sentence explaining a verdict


def explain(reason: r.Reason) -> str:
    """One sentence: the parts joined by "; ", then ": <verdict>."."""
    text = "; ".join(_part(part) for part in reason.parts)
    text = f"{text[0].upper()}{text[1:]}"
    if reason.verdict_in_parts:  # "Chưa có số liệu năm 2025; …" says it already
        return f"{text}."
    label = status_label(reason.status)
    return f"{text}: {label[0].lower()}{label[1:]}."


def _figure(figure: r.FigureRef) -> str:
    """ "2,32% (số chính thức)", "hơn 4,4 triệu lượt khách (số báo cáo)"."""
    shown = figure_amount(value=figure.value, unit=figure.unit, qualifier=figure.qualifier)
    return f"{shown} ({FIGURE_TYPE_LABELS[figure.figure_type]})"


_NOUNS = {"level": "mức", "mean": "mức bình quân", "increase": "mức tăng thêm"}


def _target(target: r.TargetRef) -> str:
    """ "mức 3% đề ra", "mức bình quân khoảng 7%/năm đề ra", "khoảng 2–4 khu đề ra"."""
    if target.comparator == "range" and target.value_high is not None:
        return f"khoảng {span(target.value, target.value_high, target.unit)} đề ra"
    about = "khoảng " if target.comparator == "approx" else ""
    return f"{_NOUNS[target.noun]} {about}{amount(target.value, target.unit)} đề ra"


_RELATIONS: dict[tuple[str, str], str] = {
    ("at_least", "exceeded"): "vượt",
    ("at_least", "met"): "đạt",
    ("at_least", "not_met"): "chưa đạt",
    ("above", "met"): "trên",
    ("above", "not_met"): "chưa vượt",
    ("at_most", "met"): "không vượt",
    ("at_most", "not_met"): "cao hơn",
    ("below", "met"): "dưới",
    ("below", "not_met"): "chưa xuống dưới",
    ("within", "met"): "sát",
    ("within", "not_met"): "lệch nhiều so với",
    ("range", "exceeded"): "vượt",
    ("range", "met"): "nằm trong",
    ("range", "not_met"): "dưới",
}


def _relation(relation: r.Relation) -> str:
    """ "dưới mức 3% đề ra", "chưa đạt mức khoảng 6.650 triệu USD đề ra (tối thiểu 6.317,5
    triệu USD)"."""
    text = f"{_RELATIONS[(relation.test, relation.grade)]} {_target(relation.target)}"
    if relation.minimum is not None:
        text += f" (tối thiểu {amount(relation.minimum, relation.target.unit)})"
    if relation.maximum is not None:
        text += f" (cao hơn {amount(relation.maximum, relation.target.unit)})"
    return text


def _base(base: r.BaseRef) -> str:
    """ "12,2% (số báo cáo) năm 2021", "50 năm 2020 (số gốc)", "0% năm 2020"."""
    if base.share:
        kind = "" if base.figure_type is None else f" ({FIGURE_TYPE_LABELS[base.figure_type]})"
        return f"{amount(base.value, '%')}{kind} năm {base.year}"
    if base.figure_type is None:
        return f"{amount(base.value, base.unit)} năm {base.year} (số gốc)"
    figure = r.FigureRef(base.year, base.value, base.unit, base.figure_type, base.qualifier)
    return f"{_figure(figure)} năm {base.year}"


def _standing(standing: r.Relation | r.PathTrack | r.DirectTrack | r.IncreasePath) -> str:
    if isinstance(standing, r.Relation):
        return _relation(standing)
    if isinstance(standing, r.DirectTrack):
        target = "hoàn thành" if standing.relation is None else _relation(standing.relation)
        return (
            f"chưa có số liệu năm gốc nên so trực tiếp với chỉ tiêu năm {standing.to_year}, "
            f"{target}"
        )
    word = "đúng hoặc vượt" if standing.ahead else "chậm hơn"
    if isinstance(standing, r.IncreasePath):
        change = "tăng" if standing.milestone >= 0 else "giảm"
        return (
            f"{word} lộ trình đều tới {_target(standing.target)} (mốc năm {standing.at_year}: "
            f"{change} {amount(abs(standing.milestone), standing.unit)})"
        )
    target = "hoàn thành" if standing.target is None else _target(standing.target)
    return (
        f"{word} lộ trình đều từ {_base(standing.base)} đến {target} năm {standing.to_year} "
        f"(mốc năm {standing.at_year}: {amount(standing.milestone, standing.milestone_unit)})"
    )


_PROJECTED = {"level": "đạt ", "yearly": "khoảng ", "increase": "có khoảng ", "mean": ""}
_METHODS = {
    "linear_trend": "theo xu hướng tuyến tính",
    "straight_path": "theo đường thẳng từ năm gốc qua năm gần nhất",
}
_MEAN_METHODS = {
    "linear_trend": "theo xu hướng tuyến tính của tốc độ tăng các năm",
    "straight_path": "nếu các năm còn lại giữ mức bình quân hiện nay",
}


def _tally(tally: r.YearTally) -> str:
    if not tally.failed and not tally.missing:
        text = f"đạt yêu cầu cả {tally.met}/{tally.total} năm"
    else:
        text = f"đạt yêu cầu {tally.met}/{tally.judged} năm có số liệu"
    if tally.failed:
        text += f", không đạt năm {years_text(tally.failed)}"
    if tally.missing:
        text += f", thiếu số liệu năm {years_text(tally.missing)}"
        if tally.final and not tally.failed:
            text += " nên chưa kết luận được"
    return text


def _mean(mean: r.MeanGrowth) -> str:
    label = period(mean.from_year, mean.to_year)
    over = f"các năm {years_text(mean.years)}" if mean.missing else label
    head = f"bình quân {over} tăng {amount(mean.mean, mean.unit)}"
    if mean.relation is None:
        missing = years_text(mean.missing)
        return f"{head}, thiếu số liệu năm {missing} nên chưa tính được bình quân cả giai đoạn"
    text = f"{head}, {_relation(mean.relation)}"
    if mean.missing and not mean.final:
        text += f", thiếu số liệu năm {years_text(mean.missing)}"
    return text


def _when(figure: r.FigureRef) -> str:
    """ "năm 2025", or "giai đoạn 2021–2025" for a figure of a period."""
    if figure.from_year is None:
        return f"năm {figure.year}"
    return f"giai đoạn {period(figure.from_year, figure.year)}"


def _share(share: r.UnitShare | None) -> str:
    """ ", bằng 60,57% trong tổng số 175 xã có năm 2025" (empty without a number of units)."""
    if share is None:
        return ""
    pct = f"{_QUALIFIER_WORDS.get(share.qualifier, '')}{amount(share.pct, '%')}"
    noun = share.noun or "đơn vị"
    return (
        f", bằng {pct} trong tổng số {format_number(share.denominator)} {noun} có năm {share.year}"
    )


def _period_figure(part: r.PeriodFigureUsed) -> str:
    """ "bình quân giai đoạn 2021–2025 tăng 6,14%/năm (số chính thức, số liệu của cả giai
    đoạn), vượt khoảng 3–3,5%/năm đề ra"."""
    figure = part.figure
    label = period(figure.from_year, figure.year)
    qualifier = _QUALIFIER_WORDS.get(figure.qualifier, "")
    kind = f"{FIGURE_TYPE_LABELS[figure.figure_type]}, số liệu của cả giai đoạn"
    if part.measure == "mean":
        shown = f"{qualifier}{amount(figure.value, figure.unit)}"
        text = f"bình quân giai đoạn {label} tăng {shown} ({kind})"
        what = "bình quân"
    else:
        change = "tăng thêm" if figure.value >= 0 else "giảm"
        shown = f"{qualifier}{amount(abs(figure.value), figure.unit)}"
        text = f"lũy kế giai đoạn {label} {change} {shown} ({kind})"
        what = "mức tăng"
    text += f", {_relation(part.relation)}"
    if part.yearly_value is not None:
        yearly = amount(part.yearly_value, figure.unit)
        text += f"; dùng số liệu cả giai đoạn (số liệu từng năm cho {what} {yearly})"
    elif part.yearly_missing:
        missing = years_text(part.yearly_missing)
        text += f"; dùng số liệu cả giai đoạn vì số liệu từng năm còn thiếu năm {missing}"
    return text


def _missing(missing: r.Missing) -> str:
    match missing.need:
        case "year":
            return f"chưa có số liệu năm {missing.year}"
        case "until":
            return f"chưa có số liệu nào đến năm {missing.year}"
        case "any_year":
            if missing.final:
                return (
                    f"chưa có số liệu năm nào giai đoạn {period(missing.from_year, missing.year)}"
                )
            if missing.from_year == missing.year:
                return f"chưa có số liệu năm {missing.year}"
            return f"chưa có số liệu năm nào từ năm {missing.from_year} đến năm {missing.year}"
        case "growth":
            label = period(missing.from_year, missing.year)
            return f"chưa có số liệu tăng trưởng năm nào giai đoạn {label}"
        case "since":
            return f"chưa có số liệu nào từ năm {missing.from_year}"
        case "baseline":
            return f"chưa có số liệu năm gốc {missing.year} để tính mức tăng"
        case "completion":
            return f"chưa có số liệu về tiến độ hoàn thành đến năm {missing.year}"
        case "not_started":
            label = period(missing.from_year, missing.to_year or missing.year)
            return f"giai đoạn {label} chưa bắt đầu (đánh giá đến năm {missing.year})"
    raise ValueError(f"unknown need {missing.need!r}")


def _part(part: r.Part) -> str:
    match part:
        case r.Reached(figure=figure, standing=standing):
            text = f"năm {figure.year} đạt {_figure(figure)}{_share(part.share)}"
            return text if standing is None else f"{text}, {_standing(standing)}"
        case r.ReductionYear():
            text = f"năm {part.figure.year} có {_figure(part.figure)}"
            if part.change is None:
                return text
            word = "giảm" if part.fell else "tăng"
            return f"{text}, {word} {amount(part.change, '%')} so với năm {part.previous_year}"
        case r.YearTally():
            return _tally(part)
        case r.MeanGrowth():
            return _mean(part)
        case r.Increase():
            change = "tăng" if part.gained >= 0 else "giảm"
            return (
                f"năm {part.figure.year} có {_figure(part.figure)}{_share(part.share)}, {change} "
                f"{amount(abs(part.gained), part.figure.unit)} so với {_base(part.base)}, "
                f"{_standing(part.standing)}"
            )
        case r.BaseGap():
            return (
                f"thiếu số liệu năm gốc {part.base_year} nên tính mức tăng từ năm "
                f"{part.counted_from}, chưa chắc chắn"
            )
        case r.Completed():
            when = "trong hạn" if part.year <= part.to_year else "chậm so với hạn"
            label = FIGURE_TYPE_LABELS[part.figure_type]
            return f"hoàn thành năm {part.year} ({label}), {when} năm {part.to_year}"
        case r.NotCompleted():
            head = (
                f"chưa hoàn thành, năm {part.year} đạt {amount(part.done_pct, '%')} khối lượng "
                f"({FIGURE_TYPE_LABELS[part.figure_type]})"
            )
            if part.deadline_passed or part.track is None:
                return f"{head}, đã đến hạn năm {part.to_year}"
            return f"{head}, {_standing(part.track)}"
        case r.Missing():
            return _missing(part)
        case r.LatestFigure():
            shown = f"{_figure(part.figure)}{_share(part.share)}"
            return f"số liệu gần nhất là năm {part.figure.year}: {shown}"
        case r.PeriodFigureUsed():
            return _period_figure(part)
        case r.EstimateNote():
            return f"năm {years_text(part.years)} là số ước tính"
        case r.UncertainNote(figure=None):
            return "kết luận chưa chắc chắn"
        case r.UncertainNote(figure=figure) if figure is not None:
            shown = figure_amount(value=figure.value, unit=figure.unit, qualifier=figure.qualifier)
            return f"số liệu {_when(figure)} chỉ ghi “{shown}” nên kết luận chưa chắc chắn"
        case r.ProjectionNote():
            if part.basis == "mean":
                method = _MEAN_METHODS[part.method]
                what = "bình quân cả giai đoạn "
            else:
                method = _METHODS[part.method]
                what = _PROJECTED[part.basis]
            shown = amount(part.value, part.unit)
            return f"dự báo năm {part.year} {what}{shown} {method}"
        case r.NotAssessed():
            return "chưa có đánh giá của người có thẩm quyền"
        case r.Assessed():
            who = f"theo đánh giá của {part.by}" if part.by else "theo đánh giá gần nhất"
            return f"{who} (căn cứ: {part.grounds})" if part.grounds else who
    raise TypeError(f"no Vietnamese wording for {part!r}")
