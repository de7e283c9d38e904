"""Stage 1, reading lines: the text as numbered lines, cleaned, each with its list marker.

NFC, line breaks of any system, markdown emphasis, LaTeX-ish comparisons (`$\\geq 5\\%$`) and
ASCII comparators (">=") are made plain; white space is collapsed. A `Para` is the record every
later stage works on: its source line numbers, its text and the list marker it starts with
("-", "1.", "1.1.", "I-", "a)", "(1)"). `Placement` notes what each line became, so that the
assembled document can list the lines that became nothing (`unparsed`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# --- Normalising ---------------------------------------------------------------------------------

_EMPHASIS_RE = re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])")


def normalize(text: str) -> str:
    """NFC, LaTeX-ish comparison artefacts ($\\geq 5\\%$) and ASCII comparators made plain."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"\$\s*([^$]*?)\s*\$", lambda m: _latex(m.group(1)), text)
    text = text.replace(">=", "≥").replace("<=", "≤")
    return text


def _latex(body: str) -> str:
    body = (
        body.replace(r"\geq", "≥ ")
        .replace(r"\ge", "≥ ")
        .replace(r"\leq", "≤ ")
        .replace(r"\le", "≤ ")
        .replace(r"\%", "%")
        .replace(r"\,", "")
        .replace("{", "")
        .replace("}", "")
    )
    return re.sub(r"\s+", " ", body).strip()


#: A Markdown table's rule row: "|---|:--:|".
_MD_RULE_RE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")


def table_row(line: str) -> str:
    """A table row pasted as text, in the readers' form (cells joined by " | "): cells separated
    by tabs (copied from Word or a spreadsheet; three cells at least, so that "1.<tab>Text" stays a
    list item) or a Markdown row ("| 1 | Chỉ tiêu | % | 95 |"); its rule row becomes empty.
    Any other line is returned as it is."""
    if "\t" in line:
        cells = [c.strip() for c in line.strip().split("\t")]  # an empty cell keeps its column
        if sum(1 for c in cells if c) >= 3:
            return " | ".join(cells)
        return line
    stripped = line.strip()
    if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
        if _MD_RULE_RE.match(stripped):
            return ""
        return " | ".join(c.strip() for c in stripped[1:-1].split("|"))
    return line


def clean_line(line: str) -> str:
    """NFC, markdown emphasis and LaTeX-ish artefacts removed, white space collapsed; a table
    row pasted as text in the readers' form."""
    text = table_row(normalize(line)).replace("\u00a0", " ").replace("\ufeff", "")
    text = text.replace("**", "").replace("__", "")
    text = _EMPHASIS_RE.sub(r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Source:
    """The text as lines: `raw` as written (for `unparsed`), `clean` as the parser reads them.

    Line numbers are 1-based: line n is `raw[n - 1]`."""

    raw: list[str]
    clean: list[str]

    def numbered(self, start: int, end: int) -> list[tuple[int, str]]:
        """The non-empty clean lines of the 0-based index range [start, end), numbered."""
        return [(i + 1, self.clean[i]) for i in range(start, end) if self.clean[i]]


def read_lines(text: str) -> Source:
    raw = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    raw_lines = raw.split("\n")
    return Source(raw=raw_lines, clean=[clean_line(line) for line in raw_lines])


@dataclass
class Placement:
    """What each line became: "metadata", "structure", "program", "target", … The first stage
    to place a line keeps it."""

    lines: dict[int, str] = field(default_factory=dict)

    def mark(self, lines: list[int] | int, what: str) -> None:
        for line in [lines] if isinstance(lines, int) else lines:
            self.lines.setdefault(line, what)

    def __contains__(self, line: object) -> bool:
        return line in self.lines


# --- Line records ----------------------------------------------------------------------------------


@dataclass
class Para:
    """A paragraph: one or more source lines joined (a page break can cut a paragraph)."""

    lines: list[int]
    starts: list[int]
    text: str
    marker: str = ""  # "-", "+", "•", "num", "roman", "letter", "enum", ""
    number: str = ""
    body_at: int = 0

    @property
    def body(self) -> str:
        return self.text[self.body_at :]

    def line_at(self, offset: int) -> int:
        line = self.lines[0]
        for number, start in zip(self.lines, self.starts, strict=True):
            if start <= offset:
                line = number
        return line


#: Markers of sub-items ("+ …", "• …", "a) …") that continue the item before them.
SUB_MARKERS = ("+", "•", "*", "▪", "○", "◦", "·")

#: Bullets of every kind: dashes, "+", "•", "*", squares, arrows, ticks. Text taken from an
#: infographic or a slide turns an icon into a lone "0" or "o": "0 Thu ngân sách … đạt …" is a
#: bullet when a capital follows (a quantity never starts that way).
_BULLET_RE = re.compile(r"^(?P<m>[-+•–—*▪●○◦·■□◆◇♦❖➢➤►▶→⇒✓✔]|[0o](?=\s+\w))\s+")
_NUM_RE = re.compile(r"^(?P<n>\d{1,2}(?:\.\d{1,2})+)\.?(?:\s+|$)|^(?P<n1>\d{1,2})[.)](?:\s+|$)")
_ROMAN_RE = re.compile(r"^(?P<n>[IVX]{1,4})\s*[.\-–)]\s*(?=\S)")
_LETTER_RE = re.compile(r"^(?P<n>[a-zđ])\)\s+")
_ENUM_RE = re.compile(r"^\((?P<n>\d{1,2})\)\s*")


def marker(text: str) -> tuple[str, str, int]:
    """The list marker a line starts with: (kind, number, where the body starts).

    Kinds: "enum" "(1)", "roman" "I-", "letter" "a)", "num" "1." / "1.1.", or the bullet itself
    ("-", "+", "•" …); ("", "", 0) when there is none."""
    for pattern, name in ((_ENUM_RE, "enum"), (_ROMAN_RE, "roman"), (_LETTER_RE, "letter")):
        match = pattern.match(text)
        if match:
            return name, match["n"], match.end()
    match = _NUM_RE.match(text)
    if match:
        return "num", match["n"] or match["n1"], match.end()
    match = _BULLET_RE.match(text)
    if match:
        bullet = match["m"]
        if bullet in "0o":
            if not text[match.end() : match.end() + 1].isupper():
                return "", "", 0
            bullet = "-"
        return bullet, "", match.end()
    return "", "", 0


def is_caps(text: str) -> bool:
    """Written in capitals (a title or heading): at least 4 letters, 80 % of them upper case."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)
