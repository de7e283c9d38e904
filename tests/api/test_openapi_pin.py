"""The published API does not move when its code does: every operation (method, path,
operation id, tag, documented answers) and every schema (name and fields) of /api/v1/openapi.json
is pinned here. Each app's router is mounted in tiendo.api; a change to this list is a change of
the API that its clients see."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db

READ = ["200", "400", "401", "403", "404", "422"]
WRITE = sorted([*READ, "409"])
PLANS, EVALUATION, UNITS = "Chương trình hành động", "Đánh giá", "Đơn vị"
ROUNDS, SUBMISSIONS, FIGURES = "Đợt báo cáo", "Báo cáo của đơn vị", "Số liệu"
REGISTER, WORK_PROGRAMS = "Văn bản triển khai", "Chương trình công tác năm"
COVERAGE = "Phân công và độ bao phủ"
CREATED = sorted(["201", *READ])
DOCUMENT = "/plans/{code}/implementing-documents/{document_id}"

OPERATIONS = [
    ("GET", "/plans", "tiendo_api_api_plans_list", PLANS, READ),
    ("GET", "/plans/{code}", "tiendo_api_api_plan_get", PLANS, READ),
    ("GET", "/plans/{code}/programs", "tiendo_api_api_programs_list", PLANS, READ),
    ("GET", "/plans/{code}/targets", "tiendo_api_api_targets_list", PLANS, READ),
    ("GET", "/plans/{code}/tasks", "tiendo_api_api_tasks_list", PLANS, READ),
    ("GET", "/plans/{code}/register", "tiendo_api_api_register_get", REGISTER, READ),
    (
        "GET",
        "/plans/{code}/implementing-documents",
        "tiendo_api_api_implementing_documents_list",
        REGISTER,
        READ,
    ),
    (
        "POST",
        "/plans/{code}/implementing-documents",
        "tiendo_api_api_implementing_document_create",
        REGISTER,
        sorted(["201", *WRITE[1:]]),
    ),
    ("GET", DOCUMENT, "tiendo_api_api_implementing_document_detail", REGISTER, READ),
    ("PUT", DOCUMENT, "tiendo_api_api_implementing_document_change", REGISTER, WRITE),
    (
        "DELETE",
        DOCUMENT,
        "tiendo_api_api_implementing_document_remove",
        REGISTER,
        sorted(["204", *WRITE[1:]]),
    ),
    (
        "POST",
        DOCUMENT + "/file",
        "tiendo_api_api_implementing_document_file_upload",
        REGISTER,
        WRITE,
    ),
    (
        "GET",
        DOCUMENT + "/file",
        "tiendo_api_api_implementing_document_file_download",
        REGISTER,
        READ,
    ),
    ("GET", "/plans/{code}/coverage", "tiendo_api_api_coverage_get", COVERAGE, READ),
    ("GET", "/plans/{code}/delegations", "tiendo_api_api_delegations_list", COVERAGE, READ),
    ("POST", "/plans/{code}/delegations", "tiendo_api_api_delegations_post", COVERAGE, CREATED),
    (
        "POST",
        "/plans/{code}/delegations/{delegation_id}/end",
        "tiendo_api_api_delegation_end_post",
        COVERAGE,
        READ,
    ),
    (
        "POST",
        "/plans/{code}/groups/{unit_code}/resolve",
        "tiendo_api_api_group_resolve_post",
        COVERAGE,
        CREATED,
    ),
    ("GET", "/plans/{code}/evaluation", "tiendo_api_api_evaluation_get", EVALUATION, READ),
    ("GET", "/units", "tiendo_api_api_units_list", UNITS, READ),
    ("GET", "/rounds", "tiendo_api_api_rounds_list", ROUNDS, READ),
    ("GET", "/rounds/{round_id}", "tiendo_api_api_round_get", ROUNDS, READ),
    ("GET", "/submissions", "tiendo_api_api_submissions_list", SUBMISSIONS, READ),
    ("GET", "/submissions/{submission_id}", "tiendo_api_api_submission_get", SUBMISSIONS, READ),
    ("PUT", "/submissions/{submission_id}", "tiendo_api_api_submission_update", SUBMISSIONS, WRITE),
    (
        "POST",
        "/submissions/{submission_id}/submit",
        "tiendo_api_api_submission_submit",
        SUBMISSIONS,
        WRITE,
    ),
    (
        "POST",
        "/submissions/{submission_id}/accept",
        "tiendo_api_api_submission_accept",
        SUBMISSIONS,
        WRITE,
    ),
    (
        "POST",
        "/submissions/{submission_id}/return",
        "tiendo_api_api_submission_return",
        SUBMISSIONS,
        WRITE,
    ),
    (
        "POST",
        "/submissions/{submission_id}/figures",
        "tiendo_api_api_figures_upsert",
        SUBMISSIONS,
        WRITE,
    ),
    ("GET", "/figures", "tiendo_api_api_figures_list", FIGURES, READ),
    (
        "GET",
        "/plans/{code}/work-programs",
        "tiendo_api_api_work_programs_list",
        WORK_PROGRAMS,
        READ,
    ),
    (
        "GET",
        "/plans/{code}/work-programs/{year}",
        "tiendo_api_api_work_program_get",
        WORK_PROGRAMS,
        READ,
    ),
    (
        "PUT",
        "/plans/{code}/work-programs/{year}/items/{number}/outcome",
        "tiendo_api_api_work_program_item_outcome",
        WORK_PROGRAMS,
        WRITE,
    ),
]

PAGE = ["count", "items"]
SUBMISSION = [
    "accepted_at",
    "id",
    "plan",
    "return_reason",
    "round",
    "state",
    "submitted_at",
    "unit",
    "updated_at",
    "version",
    "year",
]
SCHEMAS = {
    "Input": ["page", "page_size"],
    "PagedPlanOut": PAGE,
    "PlanOut": [
        "code",
        "issue_date",
        "issuing_body",
        "number",
        "status",
        "term_from_year",
        "term_to_year",
        "title",
    ],
    "ErrorBody": ["code", "details", "message"],
    "ErrorDetail": ["field", "message"],
    "ErrorOut": ["error"],
    "ProgramOut": ["number", "title"],
    "TargetFilters": ["kind", "program", "unit"],
    "PagedTargetOut": PAGE,
    "TargetOut": [
        "baseline_value",
        "baseline_year",
        "code",
        "comparator",
        "from_year",
        "indicator",
        "kind",
        "program",
        "to_year",
        "unit",
        "value",
        "value_high",
    ],
    "TaskFilters": ["program", "status", "unit"],
    "PagedTaskOut": PAGE,
    "TaskOut": ["code", "due_date", "program", "status", "text"],
    "RegisterDeadlineOut": ["due_date", "title", "units"],
    "RegisterObligationOut": ["days", "document", "due", "program", "status", "unit"],
    "RegisterOut": ["as_of", "counts", "deadlines", "obligations", "plan"],
    "DocumentFilters": ["program", "unit"],
    "ImplementingDocumentOut": [
        "date",
        "file_kind",
        "file_name",
        "file_size",
        "id",
        "issuing_body",
        "kind",
        "number",
        "programs",
        "recorded_at",
        "targets",
        "tasks",
        "title",
        "unit",
    ],
    "PagedImplementingDocumentOut": PAGE,
    "ImplementingDocumentIn": [
        "date",
        "issuing_body",
        "kind",
        "number",
        "programs",
        "targets",
        "tasks",
        "title",
        "unit",
    ],
    "CoverageQuery": ["detail", "on"],
    "CoverageCountOut": ["reportable", "total", "uncovered"],
    "CoverageItemOut": ["chain", "code", "gap", "gap_label", "kind", "reporter"],
    "CoverageOut": ["items", "targets", "tasks"],
    "DelegationQuery": ["history", "on"],
    "DelegationOut": [
        "basis_document",
        "basis_text",
        "from_unit",
        "id",
        "origin",
        "parent",
        "part",
        "ref",
        "role",
        "scope",
        "unit",
        "unit_name",
        "valid_from",
        "valid_to",
    ],
    "CoverageChangeOut": ["after", "before", "code"],
    "DelegationPreviewOut": ["changes", "nodes", "skipped"],
    "DelegationIn": [
        "basis_document",
        "basis_text",
        "from_unit",
        "part",
        "preview",
        "programs",
        "role",
        "targets",
        "tasks",
        "to_units",
        "valid_from",
        "valid_to",
    ],
    "DelegationEndIn": ["end_date", "reason"],
    "GroupResolveIn": [
        "basis_document",
        "basis_text",
        "members",
        "preview",
        "valid_from",
        "valid_to",
    ],
    "EvaluationOut": ["as_of", "counts", "evaluations", "plan"],
    "PagedUnitOut": PAGE,
    "UnitOut": ["code", "kind", "name", "parent", "short_name", "valid_from", "valid_to"],
    "RoundFilters": ["plan", "status", "year"],
    "PagedRoundOut": PAGE,
    "RoundOut": [
        "deadline",
        "id",
        "number",
        "opens_on",
        "period_kind",
        "period_label",
        "plan",
        "status",
        "year",
    ],
    "SubmissionFilters": ["plan", "round", "state", "unit", "year"],
    "PagedSubmissionOut": PAGE,
    "SubmissionOut": SUBMISSION,
    "SubmissionDetailOut": sorted([*SUBMISSION, "figures", "tasks"]),
    "SubmissionFigureOut": [
        "accepted_figure",
        "correction_reason",
        "figure_type",
        "note",
        "qualifier",
        "source",
        "target",
        "value",
        "year",
    ],
    "SubmissionTaskOut": ["narrative", "percent_done", "status", "task"],
    "FigureIn": [
        "correction_reason",
        "figure_type",
        "note",
        "qualifier",
        "source",
        "target",
        "value",
    ],
    "SubmissionUpdateIn": ["figures", "tasks", "version"],
    "TaskIn": ["narrative", "percent_done", "status", "task"],
    "VersionIn": ["version"],
    "ReturnIn": ["reason", "version"],
    "FiguresBulkOut": ["replayed", "submission", "updated"],
    "FiguresBulkIn": ["client_key", "figures", "version"],
    "FigureFilters": ["figure_type", "plan", "program", "target", "year"],
    "FigureOut": [
        "accepted_at",
        "corrects",
        "figure_type",
        "id",
        "qualifier",
        "source",
        "target",
        "value",
        "year",
    ],
    "PagedFigureOut": PAGE,
    "WorkProgramOut": [
        "item_count",
        "loaded_at",
        "pending_count",
        "source_name",
        "title",
        "year",
    ],
    "WorkProgramFilters": ["as_of", "program"],
    "ChoiceOut": ["code", "label"],
    "DueOut": ["label", "month", "quarter"],
    "OutcomeDocumentOut": ["date", "id", "issuing_unit", "number", "title"],
    "UnitRefOut": ["code", "name"],
    "WorkProgramDetailOut": ["as_of", "format", "items", "plan", "title", "year"],
    "WorkProgramItemOut": [
        "considered_by",
        "content",
        "coordinating_units",
        "document",
        "due",
        "late",
        "number",
        "outcome",
        "preparing_unit",
        "programs",
        "reason",
        "targets",
        "tasks",
    ],
    "OutcomeIn": ["document", "outcome", "reason"],
}


@pytest.fixture
def spec(client: Any) -> dict[str, Any]:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_the_operations_are_pinned(spec: dict[str, Any]) -> None:
    published = [
        (
            method.upper(),
            path.removeprefix("/api/v1"),
            operation["operationId"],
            *operation["tags"],
            sorted(operation["responses"]),
        )
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
    ]
    assert published == OPERATIONS


def test_the_schemas_are_pinned(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    assert list(schemas) == list(SCHEMAS)
    assert {name: sorted(s.get("properties", {})) for name, s in schemas.items()} == SCHEMAS
    error = schemas["ErrorOut"]["properties"]["error"]
    assert error == {"$ref": "#/components/schemas/ErrorBody"}
