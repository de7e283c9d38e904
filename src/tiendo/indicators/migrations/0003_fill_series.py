"""Step 2 of 3: every existing figure keeps its meaning under the new keys.

- Each plan gets an area: the territory its issuing body governs ("Ban Chấp hành Đảng bộ tỉnh
  Lạng Sơn" → the unit "Tỉnh Lạng Sơn", created if missing), else the issuing body itself, else a
  unit named after the plan.
- Each target that figures are reported for gets an indicator: one per distinct (name, unit of
  measure), shared by every plan that uses it (the built-in catalogue adds codes and definitions
  later without changing these links).
- Each figure takes its target's indicator and its plan's area; a figure accepted from a unit's
  submission records that unit as the one that reported it. Corrections keep pointing to the
  figures they correct (the rows and their ids do not change); audit entries are not touched.
"""

import re
import unicodedata

from django.db import migrations

AREA_PATTERN = re.compile(
    r"^(?:ban chấp hành )?đảng bộ (tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn) (.+)$",
    re.IGNORECASE,
)
AREA_KINDS = {
    "tỉnh": "province",
    "thành phố": "province",
    "huyện": "district",
    "thị xã": "district",
    "quận": "district",
    "xã": "commune",
    "phường": "ward",
    "thị trấn": "township",
}


def _slug(text):
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].rstrip("-")


def _key(text):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text or "")).strip().casefold()


def _area_for(plan, OrgUnit):
    issuer = plan.issuing_unit
    if issuer is not None:
        match = AREA_PATTERN.match(re.sub(r"\s+", " ", issuer.name).strip())
        if match is None:
            return issuer
        level, place = match.group(1).lower(), match.group(2).strip()
        name = f"{level[0].upper()}{level[1:]} {place}"
        unit = OrgUnit.objects.filter(code=_slug(name)).first()
        if unit is None:
            unit = OrgUnit.objects.create(code=_slug(name), name=name, kind=AREA_KINDS[level])
        return unit
    code = _slug(f"dia-ban-{plan.code}")
    unit = OrgUnit.objects.filter(code=code).first()
    if unit is None:
        unit = OrgUnit.objects.create(
            code=code, name=f"Địa bàn của {plan.number or plan.code}", kind="other"
        )
    return unit


def forward(apps, schema_editor):
    Plan = apps.get_model("plans", "Plan")
    Target = apps.get_model("plans", "Target")
    OrgUnit = apps.get_model("org", "OrgUnit")
    Indicator = apps.get_model("indicators", "Indicator")
    Figure = apps.get_model("indicators", "Figure")
    SubmissionFigure = apps.get_model("reporting", "SubmissionFigure")

    for plan in Plan.objects.select_related("issuing_unit").order_by("id"):
        if plan.area_id is None:
            plan.area = _area_for(plan, OrgUnit)
            plan.save(update_fields=["area"])

    indicators = {}
    codes = set(Indicator.objects.values_list("code", flat=True))
    for indicator in Indicator.objects.all():
        indicators[(_key(indicator.name), _key(indicator.unit))] = indicator
    with_figures = set(Figure.objects.values_list("target_id", flat=True))
    for target in Target.objects.order_by("plan_id", "position", "id"):
        if target.kind == "qualitative" and target.pk not in with_figures:
            continue
        key = (_key(target.indicator), _key(target.unit))
        indicator = indicators.get(key)
        if indicator is None:
            base = _slug(target.indicator)[:90].rstrip("-") or "chi-so"
            if base in codes:
                base = _slug(f"{target.indicator} {target.unit}")[:90].rstrip("-") or base
            code, n = base, 2
            while code in codes:
                code, n = f"{base}-{n}", n + 1
            codes.add(code)
            indicator = Indicator.objects.create(
                code=code,
                name=re.sub(r"\s+", " ", target.indicator).strip(),
                unit=target.unit.strip(),
            )
            indicators[key] = indicator
        target.indicator_ref = indicator
        target.save(update_fields=["indicator_ref"])

    reporters = dict(
        SubmissionFigure.objects.filter(figure__isnull=False).values_list(
            "figure_id", "submission__unit_id"
        )
    )
    for figure in Figure.objects.select_related("target__plan").order_by("id"):
        figure.indicator_id = figure.target.indicator_ref_id
        figure.area_id = figure.target.plan.area_id
        figure.reported_by_id = reporters.get(figure.pk)
        figure.save(update_fields=["indicator", "area", "reported_by"])


def backward(apps, schema_editor):
    """Figures go back to the target they came from: the first target of the figure's area's
    plans that measures its indicator."""
    Figure = apps.get_model("indicators", "Figure")
    Target = apps.get_model("plans", "Target")
    for figure in Figure.objects.filter(target__isnull=True):
        target = (
            Target.objects.filter(
                indicator_ref_id=figure.indicator_id, plan__area_id=figure.area_id
            )
            .order_by("id")
            .first()
        )
        figure.target = target
        figure.save(update_fields=["target"])


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0002_indicator_and_figure_series"),
        ("plans", "0003_plan_area_follows_target_indicator"),
        ("reporting", "0004_move_figure"),
    ]

    operations = [migrations.RunPython(forward, backward)]
