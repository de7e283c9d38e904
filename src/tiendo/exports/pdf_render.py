"""The report as PDF: the same structure as the Word file, drawn as HTML and printed by
WeasyPrint (A4, Times New Roman or a metric-compatible serif, page numbers at the foot)."""

from __future__ import annotations

from django.template.loader import render_to_string

from .report import Report


class PdfUnavailable(RuntimeError):
    """WeasyPrint or its system libraries (Pango) are missing."""


def report_html(*, report: Report) -> str:
    return render_to_string("exports/report_print.html", {"report": report})


def report_pdf(*, report: Report) -> bytes:
    """The report as PDF bytes. Raises PdfUnavailable when WeasyPrint cannot run here."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # pragma: no cover - depends on the machine
        raise PdfUnavailable(
            "Không tạo được PDF: cần cài WeasyPrint và thư viện Pango của hệ điều hành."
        ) from exc
    document = HTML(string=report_html(report=report), base_url=None)
    return bytes(document.write_pdf())
