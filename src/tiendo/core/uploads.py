"""Checks every uploaded file goes through before its content is read (evidence files, the
register's documents): not empty, not over the size limit, with messages in Vietnamese."""

from __future__ import annotations

import os
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from .numbers import format_number


def upload_size_check(*, upload: UploadedFile, limit: int) -> str:
    """The upload's base name; ValidationError on the field "file" when it is empty or larger
    than `limit` bytes (sizes said in MB the Vietnamese way)."""
    name = os.path.basename(upload.name or "")
    size = int(upload.size or 0)
    if size <= 0:
        raise ValidationError({"file": _("Tệp “%(n)s” rỗng.") % {"n": name}})
    if size > limit:
        raise ValidationError(
            {
                "file": _("Tệp “%(n)s” quá lớn (%(s)s MB); chỉ nhận tệp tới %(l)s MB.")
                % {
                    "n": name,
                    "s": format_number(Decimal(size) / (1024 * 1024), 1),
                    "l": format_number(Decimal(limit) / (1024 * 1024)),
                }
            }
        )
    return name
