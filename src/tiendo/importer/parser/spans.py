"""Shared helpers of every stage: cutting text into spans, and tidying a span into a name.

Spans are (start, end) offsets into the text they were cut from, so that a stage can always
tell which source line a piece came from (`Para.line_at`).
"""

from __future__ import annotations

import re


def split_top(text: str, start: int, end: int, seps: tuple[str, ...]) -> list[tuple[int, int]]:
    """Split text[start:end] at separators outside brackets; spans of the parts."""
    parts: list[tuple[int, int]] = []
    depth = 0
    i = begin = start
    while i < end:
        ch = text[i]
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        elif depth == 0:
            for sep in seps:
                if text.startswith(sep, i):
                    parts.append((begin, i))
                    i += len(sep)
                    begin = i
                    break
            else:
                i += 1
                continue
            continue
        i += 1
    parts.append((begin, end))
    return [(s, e) for s, e in parts if text[s:e].strip()]


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the sentences of text[start:end]: a stop followed by a capital or a quote."""
    spans: list[tuple[int, int]] = []
    begin = start
    for match in re.finditer(r"[.!?…]+\s+", text[start:end]):
        stop = start + match.end()
        following = text[stop : stop + 1]
        if following and (following.isupper() or following in '“"('):
            spans.append((begin, start + match.start() + 1))
            begin = stop
    spans.append((begin, end))
    return [(s, e) for s, e in spans if text[s:e].strip(" .")]


def capitalise(text: str) -> str:
    """A span as a name: trimmed of punctuation, brackets balanced, first letter upper case."""
    text = text.strip(" ,;:.-–")
    text = re.sub(r"\s+", " ", text)
    if text.count("(") > text.count(")"):
        text = text[: text.rfind("(")].strip() if text.rfind("(") > 0 else text.replace("(", "")
    if text.count(")") > text.count("("):
        text = text.replace(")", "")
    return text[:1].upper() + text[1:] if text else text
