"""The JSON API (django-ninja) at /api/v1/: OpenAPI at /api/v1/openapi.json, interactive docs at
/api/v1/docs (Swagger UI served from ninja's packaged static files, no CDN).

Each app owns its part as a router — `tiendo.plans.api`, `tiendo.evaluation.api`,
`tiendo.org.api`, `tiendo.reporting.api`, `tiendo.indicators.api` — with its schemas; what they share (the error shape,
field types, pagination) is in `tiendo.core.api`. This module keeps what is the API's as a whole:
the `NinjaAPI` instance, token authentication, the exception handlers, the OpenAPI settings and
the mounting of the routers.

Every endpoint needs a personal token (`Authorization: Bearer tdo_…`, see `tiendo token`) and
applies the web's role and unit rules (tiendo.accounts.permissions) through the same selectors
and services. Errors have one shape: {"error": {"code", "message" (Vietnamese), "details"}} —
also for an unknown address (404), a method the address does not take (405) and a body over
DATA_UPLOAD_MAX_MEMORY_SIZE (413).
"""

import functools
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import (
    ObjectDoesNotExist,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
    ValidationError,
)
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, re_path
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.docs import Swagger
from ninja.operation import Operation
from ninja.security import HttpBearer

from tiendo.accounts.tokens import token_authenticate
from tiendo.core.api import error_body
from tiendo.core.http import busy_json_response, database_busy
from tiendo.core.numbers import format_number
from tiendo.evaluation.api import router as evaluation_router
from tiendo.indicators.api import router as indicators_router
from tiendo.org.api import router as org_router
from tiendo.plans.api import router as plans_router
from tiendo.plans.api_delegations import router as delegations_router
from tiendo.reporting.api import router as reporting_router
from tiendo.reporting.services import StaleVersion
from tiendo.workprograms.api import router as workprograms_router

logger = logging.getLogger(__name__)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        user = token_authenticate(raw=token.strip())
        if user is not None:
            request.user = user
        return user


class TiendoAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        """The operation ids published with v1 (`tiendo_api_api_<name>`), whichever app's router
        holds the operation now: clients generated from the document keep working."""
        return f"tiendo_api_api_{operation.view_func.__name__}"


api = TiendoAPI(
    title="tiendo API",
    version="1",
    description=(
        "Chương trình hành động, chỉ tiêu, nhiệm vụ, đơn vị, đợt báo cáo, báo cáo của đơn vị, "
        "số liệu và kết quả đánh giá. Xác thực: `Authorization: Bearer <mã cá nhân>`."
    ),
    urls_namespace="api-v1",
    docs=Swagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
    auth=TokenAuth(),
)

# The order of the routers is the order of the paths in the OpenAPI document.
api.add_router("", plans_router)
api.add_router("", delegations_router)
api.add_router("", evaluation_router)
api.add_router("", indicators_router)
api.add_router("", org_router)
api.add_router("", reporting_router)
api.add_router("", workprograms_router)

# --- Errors -------------------------------------------------------------------------------------


def _error(
    request: HttpRequest,
    status: int,
    code: str,
    message: str,
    details: list[dict[str, Any]] | None = None,
) -> HttpResponse:
    return api.create_response(request, error_body(code, message, details), status=status)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(
        request,
        401,
        "unauthenticated",
        "Cần mã truy cập hợp lệ: gửi kèm tiêu đề Authorization: Bearer <mã>.",
    )


@api.exception_handler(NinjaValidationError)
def _invalid_request(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    details = [
        {
            "field": ".".join(str(x) for x in err.get("loc", ())),
            "message": str(err.get("msg", "")),
        }
        for err in exc.errors
    ]
    return _error(request, 422, "invalid_request", "Yêu cầu không hợp lệ.", details)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    message = str(exc) or "Bạn không có quyền thực hiện thao tác này."
    return _error(request, 403, "forbidden", message)


@api.exception_handler(ObjectDoesNotExist)
def _missing(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, 404, "not_found", "Không tìm thấy đối tượng yêu cầu.")


@api.exception_handler(Http404)
def _missing_404(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, 404, "not_found", str(exc) or "Không tìm thấy đối tượng yêu cầu.")


@api.exception_handler(ValidationError)
def _invalid_data(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    details = []
    if hasattr(exc, "error_dict"):
        for field, messages in exc.message_dict.items():
            details += [{"field": _field_name(request, field), "message": m} for m in messages]
    else:
        details = [{"field": "", "message": m} for m in exc.messages]
    message = details[0]["message"] if len(details) == 1 else "Dữ liệu không hợp lệ."
    return _error(request, 422, "invalid_data", message, details)


@api.exception_handler(StaleVersion)
def _stale(request: HttpRequest, exc: StaleVersion) -> HttpResponse:
    current = exc.current
    return _error(
        request,
        409,
        "stale_version",
        exc.message,
        [
            {"field": "version", "message": str(current.version)},
            {"field": "state", "message": str(current.state)},
        ],
    )


@api.exception_handler(RequestDataTooBig)
def _too_large(request: HttpRequest, exc: Exception) -> HttpResponse:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
    return _error(
        request,
        413,
        "too_large",
        f"Nội dung yêu cầu quá lớn (tối đa {format_number(limit // 1024)} KB); "
        "hãy gửi thành nhiều lần.",
        [{"field": "body", "message": str(limit)}],
    )


@api.exception_handler(SuspiciousOperation)
def _bad_request(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, 400, "bad_request", "Yêu cầu không hợp lệ.")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    codes = {400: "bad_request", 404: "not_found", 409: "conflict", 422: "invalid_data"}
    return _error(request, exc.status_code, codes.get(exc.status_code, "error"), str(exc))


@api.exception_handler(Exception)
def _server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    if database_busy(exc):  # a lock held too long: 503 + Retry-After, not a fault (issue 13)
        return busy_json_response(request, exc)
    logger.exception("API error")
    return _error(request, 500, "server_error", "Lỗi máy chủ; đã ghi nhật ký để kiểm tra.")


def _field_name(request: HttpRequest, key: str) -> str:
    """ "figure-12-value" → "figures.<index>.value" where the router recorded the names."""
    names: dict[str, str] = getattr(request, "_tiendo_field_names", {})
    return names.get(key, key)


# --- Addresses: unknown ones and wrong methods answer in the error shape too --------------------

NOT_FOUND = "Không có địa chỉ này trong API; danh sách địa chỉ ở /api/v1/docs."


def _not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return _error(request, 404, "not_found", NOT_FOUND)


def _json_errors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Ninja answers a method an address does not take with a plain-text 405, and its root
    address with Django's 404 page: give both the API's error shape."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            return _not_found(request)
        if response.status_code == 405 and "json" not in response.get("Content-Type", ""):
            allowed = response.get("Allow", "")
            answer = _error(
                request,
                405,
                "method_not_allowed",
                f"Địa chỉ này không nhận phương thức {request.method}; "
                f"phương thức dùng được: {allowed}.",
                [{"field": "method", "message": allowed}],
            )
            answer["Allow"] = allowed
            return answer
        return response

    return wrapped


def api_urls() -> tuple[list[URLPattern | URLResolver], str, str]:
    """The API's URL configuration (for `path("api/v1/", api_urls())`): ninja's, each view
    wrapped by `_json_errors`, and a last pattern that answers every other address under the
    prefix with the JSON 404."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = _json_errors(pattern.callback)
    patterns.append(re_path(r"^.*$", _not_found, name="not-found"))
    return patterns, app_name, namespace
