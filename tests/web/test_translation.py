"""The English catalogue: every string translated, placeholders kept, the .mo compiled from the
.po as committed, and the pages actually shown in English when the language cookie says so."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.conf import settings

import tiendo

LC_MESSAGES = Path(tiendo.__file__).resolve().parent / "locale" / "en" / "LC_MESSAGES"
PO_PATH = LC_MESSAGES / "django.po"
MO_PATH = LC_MESSAGES / "django.mo"

# %(name)s, %s, %d, %% and {name}: whatever Python or Django substitutes into the string.
PLACEHOLDER = re.compile(
    r"%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%[-#0 +]*\d*(?:\.\d+)?[sdifrx]|%%|\{[^{}]*\}"
)


@pytest.fixture(scope="module")
def po() -> polib.POFile:
    return polib.pofile(str(PO_PATH))


def _placeholders(text: str) -> Counter[str]:
    return Counter(PLACEHOLDER.findall(text))


def _catalogue(mo: polib.MOFile) -> dict[tuple[str | None, str], tuple[str, tuple]]:
    return {(e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in mo}


def test_the_catalogue_is_not_empty(po):
    assert len(po) > 100


def test_every_entry_is_translated(po):
    untranslated = [e.msgid for e in po.untranslated_entries() if not e.obsolete]
    assert not untranslated, f"untranslated: {untranslated[:10]}"
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not fuzzy, f"fuzzy: {fuzzy[:10]}"
    assert not po.metadata_is_fuzzy, "the header is marked fuzzy"
    obsolete = [e.msgid for e in po.obsolete_entries()]
    assert not obsolete, f"obsolete entries kept: {obsolete[:10]}"
    for entry in po:
        if entry.msgid_plural:
            assert entry.msgstr_plural.get(0) and entry.msgstr_plural.get(1), entry.msgid
        else:
            assert entry.msgstr.strip(), entry.msgid


def test_no_fuzzy_or_obsolete_markers_in_the_file():
    text = PO_PATH.read_text(encoding="utf-8")
    assert "#, fuzzy" not in text
    assert not re.search(r"^#~", text, flags=re.MULTILINE)


def test_placeholders_are_kept(po):
    wrong = []
    for entry in po:
        if entry.msgid_plural:
            pairs = [(entry.msgid, entry.msgstr_plural.get(0, ""))]
            pairs += [(entry.msgid_plural, s) for n, s in entry.msgstr_plural.items() if n > 0]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, translation in pairs:
            if _placeholders(source) != _placeholders(translation):
                wrong.append((source, translation))
    assert not wrong, wrong[:10]


def test_leading_and_trailing_whitespace_is_kept(po):
    for entry in po:
        if entry.msgid_plural:
            continue
        for side in (str.startswith, str.endswith):
            for ws in (" ", "\n"):
                assert side(entry.msgid, ws) == side(entry.msgstr, ws), entry.msgid


def test_the_mo_file_is_compiled_from_the_po(po):
    assert MO_PATH.is_file(), "django.mo is missing: compile the .po"
    compiled = polib.mofile(po.to_binary())
    committed = polib.mofile(str(MO_PATH))
    assert _catalogue(committed) == _catalogue(compiled), "django.mo is out of date with the .po"
    assert committed.metadata.get("Content-Type") == "text/plain; charset=UTF-8"


def _english_client(client, django_user_model):
    user = django_user_model.objects.create_user(username="dich-gia", password="mat-khau-dai-1")
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.mark.django_db
def test_plan_list_is_in_english(client, django_user_model):
    page = _english_client(client, django_user_model).get("/plans/")
    assert page.status_code == 200
    body = page.content.decode()
    assert '<html lang="en">' in body
    nav = body.split("</nav>")[0]
    assert "Action programs" in nav
    assert "Notifications" in nav
    assert "Chương trình hành động" not in nav
    assert "Sign out" in body
    assert '<label class="sr-only" for="lang-select">Language</label>' in body


@pytest.mark.django_db
def test_plan_dashboard_is_in_english(client, django_user_model, builtin_plan):
    body = _english_client(client, django_user_model).get(f"/plans/{builtin_plan.code}/")
    text = body.content.decode()
    assert body.status_code == 200
    assert "Targets by status" in text
    assert "Tình hình thực hiện các chỉ tiêu" not in text
    assert "Evaluated as of" in text


@pytest.mark.django_db
def test_the_evaluation_is_worded_in_english_and_unchanged_in_vietnamese(
    client, django_user_model, builtin_plan
):
    from django.utils.html import escape

    from tests.web.test_plan_pages import add_figures, add_old_figures
    from tiendo.evaluation.services import plan_evaluate

    add_figures(builtin_plan)
    add_old_figures(builtin_plan)
    english = _english_client(client, django_user_model)
    target = english.get(f"/plans/{builtin_plan.code}/targets/5.6/?as_of=2025").content.decode()
    assert "By 2025, below 3%" in target
    assert (
        "In 2025 it stood at 2.32% (official figure), below the target of 3%: achieved." in target
    )
    assert 'class="badge achieved">Achieved' in target
    assert "Target</text>" in target and "Target 3%" in target, "the chart's words"
    for vietnamese in ("Năm 2025 đạt", "đề ra", "Mục tiêu", "Số chính thức", "Ước tính"):
        assert vietnamese not in target.split("<main")[1].split("Accepted figures")[0], vietnamese
    old = english.get(f"/plans/{builtin_plan.code}/targets/1.1/?as_of=2025").content.decode()
    assert "Latest figure (2023):</strong> 4,975 million USD (official figure)." in old
    assert "By 2023, 74.8% of the target." in old and "Projection</text>" in old
    program = english.get(f"/plans/{builtin_plan.code}/programs/1/?as_of=2025").content.decode()
    assert (
        "By 2025, about 6,650 million USD" in program and "74.8% of the target by 2023" in program
    )
    dashboard = english.get(f"/plans/{builtin_plan.code}/?as_of=2025").content.decode()
    assert "No figure for 2025; the latest figure, for 2023, is 4,975 million USD" in dashboard
    assert "Program 2, 12 targets: Not achieved: 1; No data: 11" in dashboard

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    vietnamese = client.get(f"/plans/{builtin_plan.code}/targets/5.6/?as_of=2025").content.decode()
    evaluation = plan_evaluate(plan=builtin_plan, as_of_year=2025).by_code()["5.6"]
    assert escape(evaluation.explanation) in vietnamese, "the Vietnamese sentence, byte for byte"
    assert escape(evaluation.target_text) in vietnamese


def test_the_vietnamese_catalogue_of_third_party_words_is_compiled():
    """locale/vi words django-axes's English for the Vietnamese admin: the .mo is its .po."""
    vi = LC_MESSAGES.parent.parent / "vi" / "LC_MESSAGES"
    po_vi = polib.pofile(str(vi / "django.po"))
    assert po_vi.percent_translated() == 100
    compiled = polib.mofile(po_vi.to_binary())
    committed = polib.mofile(str(vi / "django.mo"))
    assert _catalogue(committed) == _catalogue(compiled), "vi django.mo is out of date"
