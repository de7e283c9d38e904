"""The register of implementing documents: who owes a document for what by when (section II.2.1:
the lead bodies, by the end of Q4 2021), on time / late / missing with days, on fixed dates; who
may record; what is refused; and that a plan document no longer carries (or erases) the register."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tiendo.accounts.permissions import NotAllowed
from tiendo.audit.models import AuditEntry
from tiendo.org.models import OrgUnit
from tiendo.plans.document import PlanDocumentError
from tiendo.plans.models import ImplementingDocument, Program, Target, Task
from tiendo.plans.register import (
    DocumentFacts,
    Obligation,
    RegisterStatus,
    deadline_is_for_documents,
    documents_missing_by_unit,
    obligations_assess,
    obligations_derive,
    register_view,
)
from tiendo.plans.services import (
    DocumentInput,
    implementing_document_delete,
    implementing_document_file_open,
    implementing_document_record,
    implementing_document_update,
    plan_builtin_document,
    plan_load,
)

from .conftest import BCSD, BTC, PDF_BYTES, PNG_BYTES, SNN, office_bytes

DUE = dt.date(2021, 12, 31)
TODAY = dt.date(2026, 11, 20)

# --- The rule on plain data -------------------------------------------------------------------


def test_a_deadline_to_issue_documents_is_recognised_by_its_content() -> None:
    assert deadline_is_for_documents(
        "Ban hành các nghị quyết, chỉ thị, chương trình, kế hoạch, đề án và văn bản liên quan"
    )
    assert deadline_is_for_documents("Các huyện ủy  BAN HÀNH kế hoạch thực hiện")
    assert not deadline_is_for_documents("Sơ kết giữa nhiệm kỳ")


def test_named_units_owe_one_document_per_program_they_lead() -> None:
    # BCSĐ (1) leads programs 11–16, Ban Tổ chức (2) leads 17; the Standing Committee (3) leads
    # the whole plan but the deadline does not name it; a group (4) is named but never owes.
    obligations = obligations_derive(
        deadlines=[(DUE, [1, 2, 4])],
        program_leads=[(1, p) for p in range(11, 17)] + [(2, 17), (4, 11)],
        plan_leads=[3],
        program_ids=list(range(11, 18)),
        excluded_unit_ids=[4],
    )
    assert sorted((o.unit_id, o.program_id) for o in obligations) == [
        (1, 11),
        (1, 12),
        (1, 13),
        (1, 14),
        (1, 15),
        (1, 16),
        (2, 17),
    ]
    assert {o.due for o in obligations} == {DUE}


def test_a_named_unit_leading_the_whole_plan_owes_every_program_and_one_leading_nothing_owes_one_document() -> (
    None
):
    obligations = obligations_derive(
        deadlines=[(DUE, [3, 5])], program_leads=[], plan_leads=[3], program_ids=[11, 12]
    )
    assert {(o.unit_id, o.program_id) for o in obligations} == {(3, 11), (3, 12), (5, None)}


def test_a_deadline_naming_nobody_binds_every_program_lead_and_the_earliest_due_date_counts() -> (
    None
):
    later = dt.date(2022, 6, 30)
    obligations = obligations_derive(
        deadlines=[(later, []), (DUE, [1])],
        program_leads=[(1, 11), (2, 12)],
        plan_leads=[],
        program_ids=[11, 12],
    )
    assert sorted((o.unit_id, o.program_id, o.due) for o in obligations) == [
        (1, 11, DUE),
        (2, 12, later),
    ]


def test_a_unit_that_did_not_exist_on_the_due_date_owes_nothing() -> None:
    obligations = obligations_derive(
        deadlines=[(DUE, [])],
        program_leads=[(1, 11), (2, 11), (3, 11)],
        plan_leads=[],
        program_ids=[11],
        unit_exists_on={
            1: (None, dt.date(2021, 6, 30)),  # merged away before the deadline
            2: (dt.date(2025, 7, 1), None),  # created after it
            3: (dt.date(2020, 1, 1), dt.date(2025, 6, 30)),
        },
    )
    assert [o.unit_id for o in obligations] == [3]


def test_on_time_late_missing_and_not_yet_due_with_their_days() -> None:
    obligations = [
        Obligation(1, 11, DUE),
        Obligation(1, 12, DUE),
        Obligation(2, 13, DUE),
        Obligation(3, None, DUE),
    ]
    documents = [
        DocumentFacts(100, 1, dt.date(2021, 11, 15), frozenset({11})),
        DocumentFacts(101, 1, dt.date(2022, 3, 10), frozenset({11, 12})),
        DocumentFacts(102, 2, dt.date(2022, 9, 1), frozenset({13})),  # after the as-of day
        DocumentFacts(103, 3, dt.date(2021, 12, 31), frozenset({99})),
    ]
    states = {
        (a.obligation.unit_id, a.obligation.program_id): (a.status, a.document_id, a.days)
        for a in obligations_assess(
            obligations=obligations, documents=documents, as_of=dt.date(2022, 6, 30)
        )
    }
    assert states == {
        (1, 11): (RegisterStatus.ON_TIME, 100, 0),
        (1, 12): (RegisterStatus.LATE, 101, 69),
        (2, 13): (RegisterStatus.MISSING, None, 181),
        (3, None): (RegisterStatus.ON_TIME, 103, 0),  # the whole plan: any document counts
    }
    before = obligations_assess(
        obligations=obligations[:1], documents=[], as_of=dt.date(2021, 10, 1)
    )
    assert [(a.status, a.days) for a in before] == [(RegisterStatus.NOT_DUE, 91)]
    on_the_day = obligations_assess(obligations=obligations[:1], documents=[], as_of=DUE)
    assert [(a.status, a.days) for a in on_the_day] == [(RegisterStatus.NOT_DUE, 0)]


# --- The built-in plan ------------------------------------------------------------------------


def _program(plan: Any, number: int) -> Program:
    return Program.objects.get(plan=plan, number=number)


def _record(people: dict[str, Any], actor: str, unit: str, **kw: Any) -> ImplementingDocument:
    data = DocumentInput(
        unit=OrgUnit.objects.get(code=unit),
        kind=kw.pop("kind", "plan"),
        number=kw.pop("number"),
        date=kw.pop("date"),
        title=kw.pop("title", "Kế hoạch thực hiện Chương trình hành động số 23-CTr/TU"),
        issuing_body=kw.pop("issuing_body", ""),
        programs=kw.pop("programs", []),
        targets=kw.pop("targets", []),
        tasks=kw.pop("tasks", []),
    )
    return implementing_document_record(
        actor=people[actor],
        plan=people["plan"],
        data=data,
        upload=kw.pop("upload", None),
        today=kw.pop("today", TODAY),
    )


@pytest.mark.django_db
def test_the_builtin_plan_owes_seven_documents_by_the_end_of_2021(people: dict[str, Any]) -> None:
    plan = people["plan"]
    view = register_view(plan=plan, as_of=dt.date(2022, 1, 10))
    assert [d.due_date for d in view.deadlines] == [DUE]
    assert [(r.unit.code, [c.program.number for c in r.owed if c.program]) for r in view.rows] == [
        (BCSD, [1, 2, 3, 4, 5, 6]),
        (BTC, [7]),
    ]
    assert view.counts == {RegisterStatus.MISSING: 7}
    assert {c.days for c in view.cells} == {10}
    assert [c.number for c in view.columns if c] == [1, 2, 3, 4, 5, 6, 7]


@pytest.mark.django_db
def test_the_register_shows_on_time_late_and_missing_against_the_q4_2021_deadline(
    people: dict[str, Any],
) -> None:
    plan = people["plan"]
    _record(
        people,
        "theodoi",
        BCSD,
        number="2399/KH-UBND",
        date=dt.date(2021, 11, 26),
        issuing_body="Ủy ban nhân dân tỉnh Lạng Sơn",
        programs=[_program(plan, 1), _program(plan, 2)],
    )
    # Program 3 through one of its targets, issued late.
    _record(
        people,
        "theodoi",
        BCSD,
        number="45/KH-UBND",
        date=dt.date(2022, 3, 1),
        targets=[Target.objects.get(plan=plan, code="3.2")],
    )
    # Program 7 through one of its tasks, on the last day.
    _record(
        people,
        "baocao.btc",
        BTC,
        kind="directive",
        number="12-CT/TU",
        date=DUE,
        tasks=[Task.objects.get(plan=plan, code="NV7.1")],
    )
    view = register_view(plan=plan, as_of=dt.date(2022, 6, 30))
    cells = {(c.unit.code, c.program.number if c.program else None): c for c in view.cells}
    assert (cells[(BCSD, 1)].status, cells[(BCSD, 1)].document.number) == (
        RegisterStatus.ON_TIME,
        "2399/KH-UBND",
    )
    assert cells[(BCSD, 2)].status == RegisterStatus.ON_TIME
    assert (cells[(BCSD, 3)].status, cells[(BCSD, 3)].days) == (RegisterStatus.LATE, 60)
    for number in (4, 5, 6):
        assert (cells[(BCSD, number)].status, cells[(BCSD, number)].days) == (
            RegisterStatus.MISSING,
            181,
        )
    assert cells[(BTC, 7)].status == RegisterStatus.ON_TIME
    assert view.counts == {
        RegisterStatus.ON_TIME: 3,
        RegisterStatus.LATE: 1,
        RegisterStatus.MISSING: 3,
    }
    # Looking back to before the late document was issued, program 3 was still missing.
    back = register_view(plan=plan, as_of=dt.date(2022, 2, 1))
    assert {
        (c.program.number, c.status) for c in back.cells if c.program and c.program.number == 3
    } == {(3, RegisterStatus.MISSING)}
    # For urging: the units and the programs still missing.
    missing = documents_missing_by_unit(
        plan=plan,
        unit_ids=[OrgUnit.objects.get(code=c).pk for c in (BCSD, BTC)],
        today=dt.date(2022, 6, 30),
    )
    assert list(missing) == [OrgUnit.objects.get(code=BCSD).pk]
    assert [c.program.number for c in missing[OrgUnit.objects.get(code=BCSD).pk]] == [4, 5, 6]


# --- Who may record, and what is refused -------------------------------------------------------


@pytest.mark.django_db
def test_the_office_records_for_any_unit_a_reporter_only_for_their_own(
    people: dict[str, Any],
) -> None:
    plan = people["plan"]
    p7 = [_program(plan, 7)]
    doc = _record(people, "baocao.btc", BTC, number="01-KH/BTCTU", date=DUE, programs=p7)
    assert doc.recorded_by == people["baocao.btc"]
    entry = AuditEntry.objects.get(object_type="plans.implementingdocument", object_id=doc.pk)
    assert entry.action == "create" and entry.changes["number"]["after"] == "01-KH/BTCTU"
    with pytest.raises(NotAllowed):
        _record(people, "baocao.btc", BCSD, number="02-KH", date=DUE, programs=p7)
    with pytest.raises(NotAllowed):
        _record(people, "lanhdao", BTC, number="03-KH", date=DUE, programs=p7)
    with pytest.raises(NotAllowed):
        _record(people, "baocao.snn", BTC, number="04-KH", date=DUE, programs=p7)
    _record(people, "theodoi", BCSD, number="05-KH", date=DUE, programs=[_program(plan, 1)])
    # Another unit's reporter can neither change nor remove the entry; nor can its own reporter
    # hand it to another unit.
    data = DocumentInput(
        unit=OrgUnit.objects.get(code=BTC),
        kind="plan",
        number="01-KH/BTCTU",
        date=DUE,
        title="Kế hoạch (sửa)",
        programs=p7,
    )
    with pytest.raises(NotAllowed):
        implementing_document_update(
            actor=people["baocao.snn"], document=doc, data=data, today=TODAY
        )
    with pytest.raises(NotAllowed):
        implementing_document_delete(actor=people["baocao.snn"], document=doc)
    moved = copy.copy(data)
    moved.unit = OrgUnit.objects.get(code=SNN)
    with pytest.raises(NotAllowed):
        implementing_document_update(
            actor=people["baocao.btc"], document=doc, data=moved, today=TODAY
        )
    implementing_document_update(actor=people["baocao.btc"], document=doc, data=data, today=TODAY)
    doc.refresh_from_db()
    assert doc.title == "Kế hoạch (sửa)"
    update = AuditEntry.objects.get(
        object_type="plans.implementingdocument", object_id=doc.pk, action="update"
    )
    assert update.changes == {
        "title": {
            "before": "Kế hoạch thực hiện Chương trình hành động số 23-CTr/TU",
            "after": "Kế hoạch (sửa)",
        }
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"date": dt.date(2026, 12, 1)}, "date", "tương lai"),
        ({"date": dt.date(2021, 8, 1)}, "date", "trước ngày ban hành chương trình"),
        ({"date": None}, "date", "Hãy ghi ngày"),
        ({"programs": []}, "programs", "ít nhất một"),
        ({"number": "  "}, "number", "số, ký hiệu"),
        ({"title": ""}, "title", "trích yếu"),
        ({"kind": "memo"}, "kind", "loại văn bản"),
        ({"unit": "cac-co-quan-lien-quan"}, "unit", "nhóm cơ quan"),
    ],
)
def test_a_bad_entry_is_refused_by_field_and_nothing_is_recorded(
    people: dict[str, Any], change: dict[str, Any], field: str, words: str
) -> None:
    plan = people["plan"]
    values: dict[str, Any] = {
        "unit": BCSD,
        "kind": "plan",
        "number": "10/KH-UBND",
        "date": DUE,
        "title": "Kế hoạch",
        "programs": [_program(plan, 1)],
    }
    values.update(change)
    data = DocumentInput(
        unit=OrgUnit.objects.get(code=values["unit"]),
        kind=values["kind"],
        number=values["number"],
        date=values["date"],
        title=values["title"],
        programs=values["programs"],
    )
    with pytest.raises(ValidationError) as caught:
        implementing_document_record(actor=people["theodoi"], plan=plan, data=data, today=TODAY)
    assert words in caught.value.message_dict[field][0]
    assert not ImplementingDocument.objects.exists()
    assert not AuditEntry.objects.filter(object_type="plans.implementingdocument").exists()


@pytest.mark.django_db
def test_the_same_number_and_date_is_registered_once_but_a_number_may_come_back_next_year(
    people: dict[str, Any],
) -> None:
    p1 = [_program(people["plan"], 1)]
    _record(people, "theodoi", BCSD, number="01/KH-UBND", date=dt.date(2021, 9, 1), programs=p1)
    with pytest.raises(ValidationError) as caught:
        _record(people, "theodoi", BCSD, number="01/KH-UBND", date=dt.date(2021, 9, 1), programs=p1)
    assert "đã có trong sổ" in caught.value.message_dict["number"][0]
    _record(people, "theodoi", BCSD, number="01/KH-UBND", date=dt.date(2022, 1, 5), programs=p1)
    assert ImplementingDocument.objects.count() == 2


@pytest.mark.django_db
def test_files_are_checked_by_their_content_and_read_by_the_units_allowed(
    people: dict[str, Any],
) -> None:
    p7 = [_program(people["plan"], 7)]

    def upload(name: str, content: bytes) -> SimpleUploadedFile:
        return SimpleUploadedFile(name, content)

    for name, content, words in [
        ("anh.png", PNG_BYTES, "không phải PDF hay Word"),
        ("bang.xlsx", office_bytes("xl"), "không phải PDF hay Word"),
        ("gia.pdf", office_bytes("word"), "không đúng như tên gọi"),
        ("rong.pdf", b"", "rỗng"),
    ]:
        with pytest.raises(ValidationError) as caught:
            _record(
                people,
                "baocao.btc",
                BTC,
                number="7",
                date=DUE,
                programs=p7,
                upload=upload(name, content),
            )
        assert words in caught.value.message_dict["file"][0], name
    assert not ImplementingDocument.objects.exists()

    doc = _record(
        people,
        "baocao.btc",
        BTC,
        number="01-KH/TU",
        date=DUE,
        programs=p7,
        upload=upload("ke-hoach.pdf", PDF_BYTES),
    )
    assert (doc.file_name, doc.file_kind, doc.file_size) == ("ke-hoach.pdf", "pdf", len(PDF_BYTES))
    with implementing_document_file_open(actor=people["lanhdao"], document=doc) as handle:
        assert handle.read() == PDF_BYTES
    with pytest.raises(NotAllowed):
        implementing_document_file_open(actor=people["baocao.snn"], document=doc)
    # A new file replaces the old one.
    data = DocumentInput(
        unit=doc.issuing_unit,
        kind="plan",
        number=doc.number,
        date=doc.date,
        title=doc.title,
        programs=p7,
    )
    implementing_document_update(
        actor=people["baocao.btc"],
        document=doc,
        data=data,
        upload=upload("ke-hoach.docx", office_bytes("word")),
        today=TODAY,
    )
    doc.refresh_from_db()
    assert (doc.file_name, doc.file_kind) == ("ke-hoach.docx", "docx")
    implementing_document_delete(actor=people["baocao.btc"], document=doc)
    assert not ImplementingDocument.objects.exists()
    assert AuditEntry.objects.filter(
        object_type="plans.implementingdocument", action="delete", object_id=doc.pk
    ).exists()


# --- The plan document and the register ---------------------------------------------------------


@pytest.mark.django_db
def test_loading_a_plan_document_never_erases_the_register(people: dict[str, Any]) -> None:
    _record(
        people,
        "theodoi",
        BCSD,
        number="2399/KH-UBND",
        date=DUE,
        programs=[_program(people["plan"], 1)],
    )
    document = plan_builtin_document()
    document = copy.deepcopy(document)
    document["title"] = document["title"] + " (điều chỉnh)"
    result = plan_load(document=document, reason="Điều chỉnh tên")
    assert result.changed
    assert ImplementingDocument.objects.filter(number="2399/KH-UBND").exists()
    assert result.revision is not None and result.revision.snapshot["implementing_documents"] == []


@pytest.mark.django_db
def test_a_plan_document_listing_implementing_documents_is_refused_with_a_pointer_to_the_register(
    builtin_plan: Any,
) -> None:
    document = copy.deepcopy(plan_builtin_document())
    document["implementing_documents"] = [
        {"number": "01-KH", "title": "Kế hoạch", "date": "2021-10-01", "programs": [1]}
    ]
    with pytest.raises(PlanDocumentError) as caught:
        plan_load(document=document)
    assert caught.value.path == "$.implementing_documents"
    assert "sổ văn bản triển khai" in caught.value.message
