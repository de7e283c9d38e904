"""The permission matrix: every role against every page and every write service, including
other units' objects by id. Each case runs in a savepoint that is rolled back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from tiendo.accounts.permissions import NotAllowed
from tiendo.org.models import OrgUnit
from tiendo.plans import services as plan_services
from tiendo.plans.models import Task
from tiendo.reporting import selectors, services
from tiendo.reporting.models import Notification

from .conftest import BTC, PDF_BYTES, SNN, SVH, sub_of

pytestmark = pytest.mark.django_db

ROLES = ("admin", "monitor", "leader", "own", "other")
USERS = {
    "admin": "quantri",
    "monitor": "theodoi",
    "leader": "lanhdao",
    "own": "baocao.btc",
    "other": "baocao.snn",
}
READERS = {"admin", "monitor", "leader"}


class Rollback(Exception):
    pass


@pytest.fixture
def world(demo: dict[str, Any], rnd: Any) -> dict[str, Any]:
    """A BTC draft with one evidence file and one notification for the BTC reporter."""
    sub = sub_of(rnd, BTC)
    evidence = services.evidence_add(
        actor=demo["baocao.btc"], submission=sub, upload=SimpleUploadedFile("a.pdf", PDF_BYTES)
    )
    note = Notification.objects.create(
        user=demo["baocao.btc"], subject="x", body="y", created_at=dt.datetime.now(dt.UTC)
    )
    sub.refresh_from_db()
    # Ban Tổ chức (own) hands task NV7.1 on to the agriculture department (other); a later
    # round asks the department for it: Ban Tổ chức reads that part of its submission.
    btc, snn = OrgUnit.objects.get(code=BTC), OrgUnit.objects.get(code=SNN)
    (delegation,) = plan_services.delegation_create(
        actor=demo["theodoi"],
        plan=demo["plan"],
        from_unit=btc,
        to_units=[snn],
        role="lead",
        tasks=[Task.objects.get(plan=demo["plan"], code="NV7.1")],
        valid_from=dt.date(2024, 12, 15),
        basis_text="Kế hoạch 12-KH/BTCTU",
    )
    later = services.round_open(
        actor=demo["theodoi"],
        plan=demo["plan"],
        period_kind="half",
        number=2,
        year=2024,
        opens_on=dt.date(2024, 12, 20),
        deadline=dt.date(2024, 12, 31),
        uncovered_ok=True,
    )
    return {
        **demo,
        "round": rnd,
        "sub": sub,
        "evidence": evidence,
        "note": note,
        "delegation": delegation,
        "delegate_sub": sub_of(later, SNN),
    }


def _submitted(w: dict[str, Any]) -> None:
    services.submission_submit(actor=w["baocao.btc"], submission=w["sub"], version=w["sub"].version)


PAGE_CASES: list[
    tuple[
        str,
        str,
        Callable[[dict[str, Any]], str],
        dict[str, Any] | None,
        Callable[..., None] | None,
        set[str],
    ]
] = [
    (
        "workspace",
        "get",
        lambda w: reverse("reporting:workspace"),
        None,
        None,
        {"admin", "monitor", "leader", "own", "other"},
    ),
    (
        "submission",
        "get",
        lambda w: reverse("reporting:submission", args=[w["sub"].pk]),
        None,
        None,
        READERS | {"own"},
    ),
    (
        "submission save",
        "post",
        lambda w: reverse("reporting:submission", args=[w["sub"].pk]),
        {"action": "save"},
        None,
        {"own"},
    ),
    (
        "review accept",
        "post",
        lambda w: reverse("reporting:review", args=[w["sub"].pk]),
        {"action": "accept"},
        _submitted,
        {"monitor"},
    ),
    (
        "review return",
        "post",
        lambda w: reverse("reporting:review", args=[w["sub"].pk]),
        {"action": "return", "reason": "x"},
        _submitted,
        {"monitor"},
    ),
    (
        "evidence upload",
        "post",
        lambda w: reverse("reporting:evidence_upload", args=[w["sub"].pk]),
        {"file": "pdf"},
        None,
        {"own"},
    ),
    (
        "evidence download",
        "get",
        lambda w: reverse("reporting:evidence_download", args=[w["sub"].pk, w["evidence"].pk]),
        None,
        None,
        READERS | {"own"},
    ),
    (
        "evidence remove",
        "post",
        lambda w: reverse("reporting:evidence_remove", args=[w["sub"].pk, w["evidence"].pk]),
        {},
        None,
        {"own"},
    ),
    (
        "delegate's submission (the part own handed on)",
        "get",
        lambda w: reverse("reporting:submission", args=[w["delegate_sub"].pk]),
        None,
        None,
        set(ROLES),
    ),
    (
        "delegate's submission save",
        "post",
        lambda w: reverse("reporting:submission", args=[w["delegate_sub"].pk]),
        {"action": "save", "version": "delegate"},
        None,
        {"other"},
    ),
    (
        "coverage",
        "get",
        lambda w: reverse("web:coverage", args=[w["plan"].code]),
        None,
        None,
        set(ROLES),
    ),
    (
        "delegation form (own and other lead something)",
        "get",
        lambda w: reverse("web:delegation_new", args=[w["plan"].code]),
        None,
        None,
        {"admin", "monitor", "own", "other"},
    ),
    (
        "delegation end page",
        "get",
        lambda w: reverse("web:delegation_end", args=[w["plan"].code, w["delegation"].pk]),
        None,
        None,
        {"admin", "monitor", "own"},
    ),
    (
        "group resolve page",
        "get",
        lambda w: reverse("web:group_resolve", args=[w["plan"].code, "cac-so-ban-nganh-tinh"]),
        None,
        None,
        {"admin", "monitor"},
    ),
    ("round list", "get", lambda w: reverse("reporting:round_list"), None, None, READERS),
    ("round create", "get", lambda w: reverse("reporting:round_create"), None, None, {"monitor"}),
    (
        "round detail",
        "get",
        lambda w: reverse("reporting:round_detail", args=[w["round"].pk]),
        None,
        None,
        READERS,
    ),
    (
        "round urge page",
        "get",
        lambda w: reverse("reporting:round_urge", args=[w["round"].pk]),
        None,
        None,
        {"monitor"},
    ),
    (
        "round urge send",
        "post",
        lambda w: reverse("reporting:round_urge", args=[w["round"].pk]),
        {"units": "snn"},
        None,
        {"monitor"},
    ),
    ("audit log", "get", lambda w: reverse("reporting:audit_list"), None, None, READERS),
    ("users", "get", lambda w: reverse("accounts:user_list"), None, None, {"admin"}),
    ("user create", "get", lambda w: reverse("accounts:user_create"), None, None, {"admin"}),
    (
        "user disable",
        "post",
        lambda w: reverse("accounts:user_disable", args=[w["lanhdao"].pk]),
        {},
        None,
        {"admin"},
    ),
    ("notifications", "get", lambda w: reverse("reporting:notifications"), None, None, set(ROLES)),
    (
        "notification read (BTC's)",
        "post",
        lambda w: reverse("reporting:notification_read", args=[w["note"].pk]),
        {},
        None,
        {"own"},
    ),
    (
        "password change",
        "get",
        lambda w: reverse("accounts:password_change"),
        None,
        None,
        set(ROLES),
    ),
]


def test_page_permission_matrix(client: Any, world: dict[str, Any]) -> None:
    snn = OrgUnit.objects.get(code=SNN)
    allowed_seen: dict[str, set[str]] = {}
    for name, method, url_of, data, prepare, _expected in PAGE_CASES:
        allowed_seen[name] = set()
        for role in ROLES:
            user = world[USERS[role]]
            client.force_login(user)
            try:
                with transaction.atomic():
                    if prepare:
                        prepare(world)
                        world["sub"].refresh_from_db()
                    url = url_of(world)
                    if method == "get":
                        response = client.get(url)
                    else:
                        payload = dict(data or {})
                        payload["version"] = (
                            world["delegate_sub"].version
                            if payload.get("version") == "delegate"
                            else world["sub"].version
                        )
                        if payload.get("file") == "pdf":
                            payload["file"] = SimpleUploadedFile("b.pdf", PDF_BYTES)
                        if payload.get("units") == "snn":
                            payload["units"] = [snn.pk]
                        response = client.post(url, payload)
                    raise Rollback(response)
            except Rollback as stop:
                response = stop.args[0]
            world["sub"].refresh_from_db()
            if response.status_code in (200, 302):
                if response.status_code == 302:
                    assert "/login/" not in response["Location"], (name, role)
                allowed_seen[name].add(role)
            else:
                assert response.status_code in (403, 404), (name, role, response.status_code)
                if response.status_code == 403:
                    assert (
                        "quyền" in response.content.decode()
                        or "chỉ" in response.content.decode().lower()
                    )
    assert allowed_seen == {name: expected for name, _m, _u, _d, _p, expected in PAGE_CASES}


def test_reporter_cannot_read_another_units_draft_by_id(client: Any, world: dict[str, Any]) -> None:
    other = sub_of(world["round"], SNN)
    client.force_login(world["baocao.btc"])
    response = client.get(reverse("reporting:submission", args=[other.pk]))
    assert response.status_code == 403
    assert "Bạn chỉ được xem báo cáo của đơn vị mình." in response.content.decode()
    assert client.get(reverse("reporting:submission", args=[999999])).status_code == 404


def test_anonymous_is_sent_to_login(client: Any, world: dict[str, Any]) -> None:
    for url in (
        reverse("reporting:workspace"),
        reverse("reporting:round_list"),
        reverse("reporting:audit_list"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def _service_cases(w: dict[str, Any]) -> list[tuple[str, Callable[[Any], Any], set[str]]]:
    sub, rnd = w["sub"], w["round"]
    snn = OrgUnit.objects.get(code=SNN)
    target = sub.figures.first().target

    def submitted() -> Any:
        return services.submission_submit(
            actor=w["baocao.btc"], submission=sub, version=sub.version
        )

    return [
        (
            "round_open",
            lambda a: services.round_open(
                actor=a,
                plan=w["plan"],
                period_kind="quarter",
                year=2024,
                number=1,
                opens_on=dt.date(2024, 3, 1),
                deadline=dt.date(2024, 4, 1),
                uncovered_ok=True,
            ),
            {"monitor"},
        ),
        ("round_close", lambda a: services.round_close(actor=a, reporting_round=rnd), {"monitor"}),
        (
            "target_assign",
            lambda a: plan_services.target_assign(actor=a, plan=w["plan"], unit=snn, target=target),
            {"monitor"},
        ),
        (
            "submission_save",
            lambda a: services.submission_save(
                actor=a,
                submission=sub,
                version=sub.version,
                figures={target.pk: services.FigureInput(value="1")},
            ),
            {"own"},
        ),
        (
            "submission_submit",
            lambda a: services.submission_submit(actor=a, submission=sub, version=sub.version),
            {"own"},
        ),
        (
            "submission_return",
            lambda a: (
                s := submitted(),
                services.submission_return(actor=a, submission=s, version=s.version, reason="x"),
            ),
            {"monitor"},
        ),
        (
            "submission_accept",
            lambda a: (
                s := submitted(),
                services.submission_accept(actor=a, submission=s, version=s.version),
            ),
            {"monitor"},
        ),
        (
            "evidence_add",
            lambda a: services.evidence_add(
                actor=a, submission=sub, upload=SimpleUploadedFile("c.pdf", PDF_BYTES)
            ),
            {"own"},
        ),
        (
            "evidence_delete",
            lambda a: services.evidence_delete(actor=a, evidence=w["evidence"]),
            {"own"},
        ),
        (
            "evidence_open",
            lambda a: services.evidence_open(actor=a, evidence=w["evidence"]).close(),
            READERS | {"own"},
        ),
        (
            "units_urge",
            lambda a: services.units_urge(actor=a, reporting_round=rnd, unit_ids=[snn.pk]),
            {"monitor"},
        ),
        (
            "notification_mark_read",
            lambda a: services.notification_mark_read(actor=a, notification=w["note"]),
            {"own"},
        ),
        (
            "submission_detail",
            lambda a: selectors.submission_detail(actor=a, submission_id=sub.pk),
            READERS | {"own"},
        ),
        (
            "submission_detail (a delegate's, for the part handed on)",
            lambda a: selectors.submission_detail(actor=a, submission_id=w["delegate_sub"].pk),
            set(ROLES),
        ),
        (
            "delegation_create (from Ban Tổ chức)",
            lambda a: plan_services.delegation_create(
                actor=a,
                plan=w["plan"],
                from_unit=OrgUnit.objects.get(code=BTC),
                to_units=[OrgUnit.objects.get(code=SVH)],
                role="coordinate",
                tasks=[Task.objects.get(plan=w["plan"], code="NV7.2")],
                valid_from=dt.date(2025, 1, 1),
                basis_text="KH",
            ),
            {"admin", "monitor", "own"},
        ),
        (
            "delegation_create (directly, by the office)",
            lambda a: plan_services.delegation_create(
                actor=a,
                plan=w["plan"],
                from_unit=None,
                to_units=[snn],
                role="coordinate",
                tasks=[Task.objects.get(plan=w["plan"], code="NV7.2")],
                valid_from=dt.date(2025, 1, 1),
                basis_text="KH",
            ),
            {"admin", "monitor"},
        ),
        (
            "delegation_end",
            lambda a: plan_services.delegation_end(
                actor=a, node=w["delegation"], end_date=dt.date(2025, 6, 30), reason="x"
            ),
            {"admin", "monitor", "own"},
        ),
        (
            "group_resolve",
            lambda a: plan_services.group_resolve(
                actor=a,
                plan=w["plan"],
                group=OrgUnit.objects.get(code="cac-co-quan-lien-quan"),
                members=[snn],
                valid_from=dt.date(2025, 1, 1),
                basis_text="QĐ",
            ),
            {"admin", "monitor"},
        ),
        ("rounds_list", lambda a: list(selectors.rounds_list(actor=a)), READERS),
        ("round_progress", lambda a: selectors.round_progress(actor=a, round_id=rnd.pk), READERS),
        (
            "audit_entries",
            lambda a: selectors.audit_entries(actor=a, filters=selectors.AuditFilters()),
            READERS,
        ),
    ]


def _account_cases(w: dict[str, Any]) -> list[tuple[str, Callable[[Any], Any], set[str]]]:
    from tiendo.accounts import selectors as account_selectors
    from tiendo.accounts import services as account_services

    return [
        (
            "user_create",
            lambda a: account_services.user_create(actor=a, username="moi", role="leader"),
            {"admin"},
        ),
        (
            "user_disable",
            lambda a: account_services.user_disable(actor=a, user=w["lanhdao"]),
            {"admin"},
        ),
        (
            "user_enable",
            lambda a: account_services.user_enable(actor=a, user=w["lanhdao"]),
            {"admin"},
        ),
        ("users_list", lambda a: list(account_selectors.users_list(actor=a)), {"admin"}),
    ]


def test_service_permission_matrix(world: dict[str, Any]) -> None:
    cases = _service_cases(world) + _account_cases(world)
    seen: dict[str, set[str]] = {name: set() for name, _f, _e in cases}
    for name, call, _expected in cases:
        for role in ROLES:
            actor = world[USERS[role]]
            try:
                with transaction.atomic():
                    world["sub"].refresh_from_db()
                    call(actor)
                    raise Rollback()
            except Rollback:
                seen[name].add(role)
            except NotAllowed:
                pass
            world["sub"].refresh_from_db()
    assert seen == {name: expected for name, _f, expected in cases}


def test_leader_changes_nothing_even_on_own_unit(world: dict[str, Any]) -> None:
    """A leader with a unit is still read-only."""
    profile = world["lanhdao"].profile
    profile.unit = world["sub"].unit
    profile.save()
    with pytest.raises(NotAllowed):
        services.submission_save(
            actor=world["lanhdao"], submission=world["sub"], version=world["sub"].version
        )


def test_the_api_reads_a_report_as_its_page_does(client: Any, world: dict[str, Any]) -> None:
    """The API's report read (plain values) follows the same rules as the page: the unit, the
    office and leaders read it whole; the lead body above a delegate reads only the part it
    handed on; any other unit gets 404."""
    from tiendo.accounts.tokens import token_create

    def read(username: str, sub: Any) -> Any:
        _token, raw = token_create(actor=None, user=world[username], check_actor=False)
        return client.get(f"/api/v1/submissions/{sub.pk}", HTTP_AUTHORIZATION=f"Bearer {raw}")

    own = world["sub"]
    whole = {f.target.code for f in own.figures.all()}, {t.task.code for t in own.tasks.all()}
    for username in ("quantri", "theodoi", "lanhdao", "baocao.btc"):
        answer = read(username, own)
        assert answer.status_code == 200, username
        body = answer.json()
        assert (body["unit"], body["version"]) == (BTC, own.version)
        assert ({f["target"] for f in body["figures"]}, {t["task"] for t in body["tasks"]}) == whole
    assert read("baocao.snn", own).status_code == 404

    delegate = world["delegate_sub"]
    assert delegate.tasks.count() > 1 or delegate.figures.exists(), "more than the part"
    part = read("baocao.btc", delegate).json()
    assert part["unit"] == SNN
    assert (part["figures"], [t["task"] for t in part["tasks"]]) == ([], ["NV7.1"])
    full = read("baocao.snn", delegate).json()
    assert len(full["figures"]) + len(full["tasks"]) > 1
    assert read("baocao.svhttdl", delegate).status_code == 404
