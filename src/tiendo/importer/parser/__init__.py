"""The document parser: the text of an action program in, a proposed plan document out.

Pure Python: no Django, nothing of tiendo but `tiendo.core.numbers` and `tiendo.core.text`.
The text flows through these stages, each a module that imports only the ones above it:

    lines        1  numbered lines: normalised, cleaned, their list markers (`Para`)
    spans           shared: cutting text into spans (outside brackets, sentences), names
    cues            shared: the words that tell a comparator or a kind of target
    quantities      shared: the numbers of a clause that are quantities, with units
    headings     2  what a heading is; the section it opens; program headings
    paragraphs   2  lines joined into paragraphs where a page break cut them
    title_block  2  title, number, date, issuer, signature; term, province, code
    sections     2  the body's paragraphs sorted into programs and sections
    regions      3  which paragraphs and sentences hold targets (free documents, the past)
    clauses      3  a paragraph cut into clauses; a clause into one span per quantity
    indicators   3  naming a target from the words around its number
    targets      3  the targets of a paragraph: kind, comparator, years, milestones
    tables       3  the targets of table rows
    programs     4  each program's targets and tasks, numbered; breakthroughs
    assignments  5  who leads, coordinates, monitors; deadlines; supersedes
    document     6  the stages run in order, the plan document assembled

Stages: 1 reading lines, 2 finding sections, 3 reading targets, 4 programs, 5 assignments and
deadlines, 6 the document. The shared modules read words and numbers for several stages (a
heading holds no quantity, so `quantities` comes before `headings`). docs/importer.md tells what
each module understands and where the next improvements go.
"""

from .assignments import find_deadline, parse_units, unit_kind, unit_name
from .document import ParseResult, PlanNotRecognised, parse_plan_text
from .lines import clean_line

__all__ = [
    "ParseResult",
    "PlanNotRecognised",
    "clean_line",
    "find_deadline",
    "parse_plan_text",
    "parse_units",
    "unit_kind",
    "unit_name",
]
