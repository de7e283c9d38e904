"""English wording of targets, figures and explanations, in pure Python (no Django).

The same `Reason` the Vietnamese sentence is written from, worded for an English reader:
numbers in the English format (6,650; 3.5%), units of the plan translated where they are known
("triệu USD" → "million USD", "%/năm" → "%/year"; others are kept as the plan writes them).
"""

from __future__ import annotations

import re
from decimal import Decimal

from .. import reasons as r
from ..spec import DEFAULT_TOLERANCE_PCT, Status, TargetSpec

__all__ = [
    "FIGURE_TYPE_LABELS",
    "STATUS_LABELS",
    "amount",
    "comparator_phrase",
    "explain",
    "figure_amount",
    "format_number",
    "period",
    "span",
    "status_label",
    "target_meaning",
    "unit_text",
    "years_text",
]

STATUS_LABELS: dict[Status, str] = {
    Status.EXCEEDED: "Exceeded",
    Status.ACHIEVED: "Achieved",
    Status.NOT_ACHIEVED: "Not achieved",
    Status.ON_TRACK: "On track",
    Status.AT_RISK: "At risk",
    Status.NO_DATA: "No data",
    Status.NEEDS_ASSESSMENT: "Needs assessment",
}

FIGURE_TYPE_LABELS: dict[str, str] = {
    "official": "official figure",
    "reported": "reported figure",
    "estimate": "estimate",
}
_QUALIFIER_WORDS: dict[str, str] = {"exact": "", "more_than": "more than ", "about": "about "}

# Units of measure as plans write them: (plural, singular). Compound units ("%/năm",
# "triệu đồng/người") are translated part by part; unknown words are kept as written.
_UNITS: dict[str, tuple[str, str]] = {
    "triệu USD": ("million USD", "million USD"),
    "tỷ USD": ("billion USD", "billion USD"),
    "USD": ("USD", "USD"),
    "triệu đồng": ("million VND", "million VND"),
    "tỷ đồng": ("billion VND", "billion VND"),
    "đồng": ("VND", "VND"),
    "triệu lượt khách": ("million visitors", "million visitors"),
    "lượt khách": ("visitors", "visitor"),
    "năm": ("year", "year"),
    "người": ("person", "person"),
    "ha": ("ha", "ha"),
    "km": ("km", "km"),
    "tấn": ("tonnes", "tonne"),
    "xã": ("communes", "commune"),
    "phường": ("wards", "ward"),
    "hộ": ("households", "household"),
    "sản phẩm": ("products", "product"),
    "chuỗi": ("value chains", "value chain"),
    "chỉ dẫn địa lý": ("geographical indications", "geographical indication"),
    "nhãn hiệu": ("trademarks", "trademark"),
    "đơn vị cấp huyện": ("district-level units", "district-level unit"),
    "buồng": ("rooms", "room"),
    "lao động": ("workers", "worker"),
    "khu": ("zones", "zone"),
    "điểm": ("sites", "site"),
    "đô thị": ("urban areas", "urban area"),
    "khu công nghiệp": ("industrial parks", "industrial park"),
    "cụm công nghiệp": ("industrial clusters", "industrial cluster"),
    "trường": ("schools", "school"),
    "đảng viên": ("Party members", "Party member"),
    "doanh nghiệp": ("enterprises", "enterprise"),
    "dự án": ("projects", "project"),
    "% chỉ tiêu": ("% of the quota", "% of the quota"),
}
_OF_TOTAL = re.compile(r"^(?P<head>.+?) \(trên (?P<count>[\d.,]+) (?P<what>.+)\)$")


def format_number(value: Decimal | int) -> str:
    """A number the English way, as exact as it is: 6650 -> "6,650", 3.50 -> "3.5"."""
    number = Decimal(value)
    text = f"{abs(number).normalize():f}" if number != 0 else "0"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    integer, _, fraction = text.partition(".")
    grouped = f"{int(integer):,}"
    result = f"{grouped}.{fraction}" if fraction else grouped
    if number < 0 and result.strip("0,.") != "":
        result = "-" + result
    return result


def _word(word: str, *, one: bool) -> str:
    known = _UNITS.get(word)
    if known is None:
        return word
    return known[1] if one else known[0]


def unit_text(unit: str, *, one: bool = False) -> str:
    """A unit of the plan in English: "triệu USD" -> "million USD", "%/năm" -> "%/year",
    "xã (trên 181 xã)" -> "communes (of 181 communes)"; `one` for the singular."""
    if unit in _UNITS:
        return _word(unit, one=one)
    match = _OF_TOTAL.match(unit)
    if match:
        count = match["count"].replace(".", "")
        head = unit_text(match["head"], one=one)
        return f"{head} (of {count} {unit_text(match['what'])})"
    if "/" in unit:
        first, *rest = unit.split("/")
        return "/".join([unit_text(first, one=one), *(unit_text(p, one=True) for p in rest)])
    if unit.startswith("%"):
        return unit
    return unit


def amount(value: Decimal, unit: str = "") -> str:
    """A number with its unit: (6650, "triệu USD") -> "6,650 million USD"; (3.5, "%") -> "3.5%"."""
    number = format_number(value)
    if not unit:
        return number
    shown = unit_text(unit, one=value == 1)
    if shown.startswith("%"):
        return f"{number}{shown}"
    return f"{number} {shown}"


def span(low: Decimal, high: Decimal, unit: str = "") -> str:
    """A short range: (3, 3.5, "%/năm") -> "3–3.5%/year"."""
    return f"{format_number(low)}–{amount(high, unit)}"


def figure_amount(*, value: Decimal, unit: str, qualifier: str = "exact") -> str:
    """A reported amount with its qualifier: "more than 4.4 million visitors"."""
    return f"{_QUALIFIER_WORDS.get(qualifier, '')}{amount(value, unit)}"


def period(from_year: int | None, to_year: int) -> str:
    if from_year is None or from_year == to_year:
        return str(to_year)
    return f"{from_year}–{to_year}"


def years_text(years: tuple[int, ...] | list[int]) -> str:
    """A list of years: "2021, 2023 and 2024"."""
    names = [str(year) for year in years]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def status_label(status: Status | str) -> str:
    return STATUS_LABELS[Status(status)]


def comparator_phrase(spec: TargetSpec, *, unit: str | None = None) -> str:
    """What the comparator asks of a number: "at least 2,000 Party members/year", "below 3%",
    "about 6,650 million USD", "3–3.5%/year"."""
    unit = spec.unit if unit is None else unit
    if spec.value is None:
        return ""
    value = amount(spec.value, unit)
    match spec.comparator:
        case "ge":
            return f"at least {value}"
        case "gt":
            return f"more than {value}"
        case "le":
            return f"at most {value}"
        case "lt":
            return f"below {value}"
        case "approx":
            return f"about {value}"
        case "eq":
            tolerance = DEFAULT_TOLERANCE_PCT if spec.tolerance_pct is None else spec.tolerance_pct
            return f"{value} (within {format_number(tolerance)}%)"
        case "range":
            high = spec.value_high if spec.value_high is not None else spec.value
            return span(spec.value, high, unit)
    return value


def target_meaning(spec: TargetSpec) -> str:
    """The target's meaning in English, e.g. "By 2025, about 6,650 million USD", "Each year
    2021–2025, a fall of at least 5% on the year before", "Completed by 2025 at the latest"."""
    years = period(spec.from_year, spec.to_year)
    if spec.kind == "milestone":
        return f"Completed by {spec.to_year} at the latest"
    if spec.kind == "qualitative" or spec.comparator is None:
        if spec.from_year is None:
            return f"Qualitative assessment by {spec.to_year}"
        return f"Qualitative assessment for {years}"
    phrase = comparator_phrase(spec)
    match spec.kind:
        case "annual":
            return f"Each year {years}, {phrase}"
        case "maintain":
            return f"Each year {years}, maintain {phrase}"
        case "annual_reduction":
            return f"Each year {years}, a fall of {comparator_phrase(spec, unit='%')} on the year before"
        case "avg_growth":
            return f"Average growth of {phrase} over {years}"
        case "increase":
            return f"An increase of {phrase} over {years}"
    return f"By {spec.to_year}, {phrase}"


# --------------------------------------------------------------------------------------------
# The sentence explaining a verdict


def explain(reason: r.Reason) -> str:
    """One sentence: the parts joined by "; ", then ": <verdict>."."""
    text = "; ".join(_part(part) for part in reason.parts)
    text = f"{text[0].upper()}{text[1:]}"
    if reason.verdict_in_parts:  # "No figure for 2025; …" says it already
        return f"{text}."
    return f"{text}: {status_label(reason.status).lower()}."


def _figure(figure: r.FigureRef) -> str:
    """ "2.32% (official figure)", "more than 4.4 million visitors (reported figure)"."""
    shown = figure_amount(value=figure.value, unit=figure.unit, qualifier=figure.qualifier)
    return f"{shown} ({FIGURE_TYPE_LABELS[figure.figure_type]})"


_NOUNS = {
    "level": "the target of",
    "mean": "the target average of",
    "increase": "the target increase of",
}


def _target(target: r.TargetRef) -> str:
    """ "the target of 3%", "the target average of about 7%/year", "the target range of 2–4 zones"."""
    if target.comparator == "range" and target.value_high is not None:
        return f"the target range of {span(target.value, target.value_high, target.unit)}"
    about = "about " if target.comparator == "approx" else ""
    return f"{_NOUNS[target.noun]} {about}{amount(target.value, target.unit)}"


_RELATIONS: dict[tuple[str, str], str] = {
    ("at_least", "exceeded"): "above",
    ("at_least", "met"): "in line with",
    ("at_least", "not_met"): "short of",
    ("above", "met"): "above",
    ("above", "not_met"): "not above",
    ("at_most", "met"): "not above",
    ("at_most", "not_met"): "above",
    ("below", "met"): "below",
    ("below", "not_met"): "not below",
    ("within", "met"): "close to",
    ("within", "not_met"): "far from",
    ("range", "exceeded"): "above",
    ("range", "met"): "within",
    ("range", "not_met"): "below",
}


def _relation(relation: r.Relation) -> str:
    """ "below the target of 3%", "short of the target of about 6,650 million USD (at least
    6,317.5 million USD needed)"."""
    text = f"{_RELATIONS[(relation.test, relation.grade)]} {_target(relation.target)}"
    if relation.minimum is not None:
        text += f" (at least {amount(relation.minimum, relation.target.unit)} needed)"
    if relation.maximum is not None:
        text += f" (over {amount(relation.maximum, relation.target.unit)})"
    return text


def _base(base: r.BaseRef) -> str:
    """ "12.2% (reported figure) in 2021", "50 in 2020 (baseline)", "0% in 2020"."""
    if base.share:
        kind = "" if base.figure_type is None else f" ({FIGURE_TYPE_LABELS[base.figure_type]})"
        return f"{amount(base.value, '%')}{kind} in {base.year}"
    if base.figure_type is None:
        return f"{amount(base.value, base.unit)} in {base.year} (baseline)"
    figure = r.FigureRef(base.year, base.value, base.unit, base.figure_type, base.qualifier)
    return f"{_figure(figure)} in {base.year}"


def _path(ahead: bool) -> str:
    return "on or ahead of" if ahead else "behind"


def _standing(standing: r.Relation | r.PathTrack | r.IncreasePath) -> str:
    if isinstance(standing, r.Relation):
        return _relation(standing)
    if isinstance(standing, r.IncreasePath):
        return (
            f"{_path(standing.ahead)} the straight path to {_target(standing.target)} "
            f"({standing.at_year} milestone: "
            f"{'an increase' if standing.milestone >= 0 else 'a fall'} of "
            f"{amount(abs(standing.milestone), standing.unit)})"
        )
    target = "completion" if standing.target is None else _target(standing.target)
    return (
        f"{_path(standing.ahead)} the straight path from {_base(standing.base)} to {target} "
        f"in {standing.to_year} ({standing.at_year} milestone: "
        f"{amount(standing.milestone, standing.milestone_unit)})"
    )


def _direct(track: r.DirectTrack) -> str:
    if track.relation is None:
        return (
            "there is no baseline figure, so it is compared directly with completion in "
            f"{track.to_year}"
        )
    return (
        f"there is no baseline figure, so it is compared directly with the {track.to_year} "
        f"target and is {_relation(track.relation)}"
    )


def _tally(tally: r.YearTally) -> str:
    if not tally.failed and not tally.missing:
        text = f"met in all {tally.met}/{tally.total} years"
    else:
        text = f"met in {tally.met}/{tally.judged} years with figures"
    if tally.failed:
        text += f", not met in {years_text(tally.failed)}"
    if tally.missing:
        text += f", no figures for {years_text(tally.missing)}"
        if tally.final and not tally.failed:
            text += ", so no conclusion can be drawn yet"
    return text


def _mean(mean: r.MeanGrowth) -> str:
    over = (
        f"in {years_text(mean.years)}"
        if mean.missing
        else f"over {period(mean.from_year, mean.to_year)}"
    )
    head = f"average growth {over} was {amount(mean.mean, mean.unit)}"
    if mean.relation is None:
        return (
            f"{head}, but with no figures for {years_text(mean.missing)} the average for the "
            "whole period cannot be worked out yet"
        )
    text = f"{head}, {_relation(mean.relation)}"
    if mean.missing and not mean.final:
        text += f", with no figures for {years_text(mean.missing)}"
    return text


def _share(share: r.UnitShare | None) -> str:
    """ ", that is 60.57% of the 175 communes existing in 2025" (empty without a number)."""
    if share is None:
        return ""
    pct = f"{_QUALIFIER_WORDS.get(share.qualifier, '')}{amount(share.pct, '%')}"
    noun = unit_text(share.noun) if share.noun else "units"
    return (
        f", that is {pct} of the {format_number(share.denominator)} {noun} existing in {share.year}"
    )


def _period_figure(part: r.PeriodFigureUsed) -> str:
    """ "average growth over 2021–2025 was 6.14%/year (official figure for the whole period),
    above the target range of 3–3.5%/year"."""
    figure = part.figure
    label = period(figure.from_year, figure.year)
    qualifier = _QUALIFIER_WORDS.get(figure.qualifier, "")
    kind = f"{FIGURE_TYPE_LABELS[figure.figure_type]} for the whole period"
    if part.measure == "mean":
        shown = f"{qualifier}{amount(figure.value, figure.unit)}"
        text = f"average growth over {label} was {shown} ({kind})"
        what = "an average of"
    else:
        change = "increase" if figure.value >= 0 else "fall"
        shown = f"{qualifier}{amount(abs(figure.value), figure.unit)}"
        text = f"the {change} over {label} was {shown} ({kind})"
        what = "an increase of"
    text += f", {_relation(part.relation)}"
    if part.yearly_value is not None:
        yearly = amount(part.yearly_value, figure.unit)
        text += (
            f"; the figure for the whole period is used (the yearly figures give {what} {yearly})"
        )
    elif part.yearly_missing:
        missing = years_text(part.yearly_missing)
        text += f"; the figure for the whole period is used, as the yearly figures lack {missing}"
    return text


def _missing(missing: r.Missing) -> str:
    match missing.need:
        case "year":
            return f"no figure for {missing.year}"
        case "until":
            return f"no figure up to {missing.year}"
        case "any_year":
            if missing.final:
                return f"no figure for any year of {period(missing.from_year, missing.year)}"
            if missing.from_year == missing.year:
                return f"no figure for {missing.year}"
            return f"no figure for any year from {missing.from_year} to {missing.year}"
        case "growth":
            return f"no growth figure for any year of {period(missing.from_year, missing.year)}"
        case "since":
            return f"no figure since {missing.from_year}"
        case "baseline":
            return f"no figure for the baseline year {missing.year} to count the increase from"
        case "completion":
            return f"no figure on progress towards completion up to {missing.year}"
        case "not_started":
            label = period(missing.from_year, missing.to_year or missing.year)
            return f"the period {label} has not begun yet (as of {missing.year})"
    raise ValueError(f"unknown need {missing.need!r}")


_METHODS = {
    "linear_trend": "on the linear trend",
    "straight_path": "on the straight line from the baseline year through the latest year",
}
_MEAN_METHODS = {
    "linear_trend": "on the linear trend of the yearly growth rates",
    "straight_path": "if the remaining years keep the current average",
}


def _projection(part: r.ProjectionNote) -> str:
    shown = amount(part.value, part.unit)
    match part.basis:
        case "mean":
            method = _MEAN_METHODS[part.method]
            return f"the average for the whole period is projected at {shown} {method}"
        case "yearly":
            return f"projected at about {shown} in {part.year} {_METHODS[part.method]}"
        case "increase":
            return f"projected to reach about {shown} in {part.year} {_METHODS[part.method]}"
    return f"projected to reach {shown} in {part.year} {_METHODS[part.method]}"


def _part(part: r.Part) -> str:
    match part:
        case r.Reached(figure=figure, standing=standing):
            text = f"in {figure.year} it stood at {_figure(figure)}{_share(part.share)}"
            if standing is None:
                return text
            if isinstance(standing, r.DirectTrack):
                return f"{text}; {_direct(standing)}"
            return f"{text}, {_standing(standing)}"
        case r.ReductionYear():
            text = f"in {part.figure.year} the count was {_figure(part.figure)}"
            if part.change is None:
                return text
            word = "down" if part.fell else "up"
            return f"{text}, {word} {amount(part.change, '%')} on {part.previous_year}"
        case r.YearTally():
            return _tally(part)
        case r.MeanGrowth():
            return _mean(part)
        case r.Increase():
            word = "up" if part.gained >= 0 else "down"
            return (
                f"in {part.figure.year} the total was {_figure(part.figure)}"
                f"{_share(part.share)}, {word} "
                f"{amount(abs(part.gained), part.figure.unit)} on {_base(part.base)}, "
                f"{_standing(part.standing)}"
            )
        case r.BaseGap():
            return (
                f"there is no figure for the baseline year {part.base_year}, so the increase "
                f"is counted from {part.counted_from} and is uncertain"
            )
        case r.Completed():
            when = "on time for" if part.year <= part.to_year else "late for"
            label = FIGURE_TYPE_LABELS[part.figure_type]
            return f"completed in {part.year} ({label}), {when} the {part.to_year} deadline"
        case r.NotCompleted():
            head = (
                f"not completed, with {amount(part.done_pct, '%')} of the work done in "
                f"{part.year} ({FIGURE_TYPE_LABELS[part.figure_type]})"
            )
            if part.deadline_passed or part.track is None:
                return f"{head}, and the {part.to_year} deadline has passed"
            if isinstance(part.track, r.DirectTrack):
                return f"{head}; {_direct(part.track)}"
            return f"{head}, {_standing(part.track)}"
        case r.Missing():
            return _missing(part)
        case r.LatestFigure():
            shown = f"{_figure(part.figure)}{_share(part.share)}"
            return f"the latest figure, for {part.figure.year}, is {shown}"
        case r.PeriodFigureUsed():
            return _period_figure(part)
        case r.EstimateNote():
            if len(part.years) == 1:
                return f"the {part.years[0]} figure is an estimate"
            return f"the {years_text(part.years)} figures are estimates"
        case r.UncertainNote(figure=None):
            return "the verdict is uncertain"
        case r.UncertainNote(figure=figure) if figure is not None:
            shown = figure_amount(value=figure.value, unit=figure.unit, qualifier=figure.qualifier)
            when = period(figure.from_year, figure.year)
            return f"the {when} figure only says “{shown}”, so the verdict is uncertain"
        case r.ProjectionNote():
            return _projection(part)
        case r.NotAssessed():
            return "not yet assessed by an authorised reviewer"
        case r.Assessed():
            who = (
                f"according to the assessment by {part.by}"
                if part.by
                else ("according to the latest assessment")
            )
            return f"{who} (grounds: {part.grounds})" if part.grounds else who
    raise TypeError(f"no English wording for {part!r}")
