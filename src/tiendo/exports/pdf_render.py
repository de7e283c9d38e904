"""The report as PDF: the same structure as the Word file, drawn as HTML and printed by
WeasyPrint (A4, Times New Roman or a metric-compatible serif, page numbers at the foot; wide
tables and the appendix on landscape pages, header rows repeated, fixed column widths)."""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string

from .report import LANDSCAPE_CM, PORTRAIT_CM, Block, Report, Table


class PdfUnavailable(RuntimeError):
    """WeasyPrint or its system libraries (Pango) are missing."""


@dataclass(frozen=True)
class PrintTable:
    """A table with its columns' widths in % of the page it is printed on."""

    table: Table
    widths_pct: list[str]


@dataclass(frozen=True)
class PrintRun:
    """Consecutive blocks printed on pages of one orientation."""

    landscape: bool
    blocks: list[tuple[Block, PrintTable | None]]


def _print_table(table: Table, *, landscape: bool) -> PrintTable:
    page = LANDSCAPE_CM if landscape else PORTRAIT_CM
    widths = table.widths_on(page) if table.widths_cm else []
    return PrintTable(table=table, widths_pct=[f"{100 * w / page:.2f}" for w in widths])


def print_runs(report: Report) -> list[PrintRun]:
    """The body's blocks grouped by orientation (a program with a wide table on landscape
    pages, with its heading and text)."""
    runs: list[PrintRun] = []
    for block in report.blocks:
        if not runs or runs[-1].landscape != block.landscape:
            runs.append(PrintRun(landscape=block.landscape, blocks=[]))
        table = block.table
        shown = None if table is None else _print_table(table, landscape=block.landscape)
        runs[-1].blocks.append((block, shown))
    return runs


def report_html(*, report: Report) -> str:
    return render_to_string(
        "exports/report_print.html",
        {
            "report": report,
            "runs": print_runs(report),
            "appendix": _print_table(report.appendix, landscape=report.appendix.landscape),
        },
    )


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
