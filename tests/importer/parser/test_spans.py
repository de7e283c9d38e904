"""Shared helpers: spans outside brackets, sentences, names."""

from __future__ import annotations

from tiendo.importer.parser.spans import capitalise, sentences, split_top


def _parts(text: str, seps: tuple[str, ...]) -> list[str]:
    return [text[s:e] for s, e in split_top(text, 0, len(text), seps)]


def test_split_outside_brackets_only() -> None:
    assert _parts("a, b (c, d), e", (",",)) == ["a", " b (c, d)", " e"]
    assert _parts("x; y [z; w]; ", (";",)) == ["x", " y [z; w]"]  # an empty last part is dropped
    assert _parts("Sở A và Sở B, Sở C", (", ", " và ")) == ["Sở A", "Sở B", "Sở C"]


def test_split_a_part_of_the_text_keeps_offsets() -> None:
    text = "Mục tiêu: đạt 5%; tăng 3%"
    assert split_top(text, 10, len(text), (";",)) == [(10, 16), (17, 25)]


def test_sentences_end_at_a_stop_before_a_capital() -> None:
    text = "Đạt 5%. Tăng 3 lần. giữ vững. (1) Hai"
    assert [text[s:e] for s, e in sentences(text, 0, len(text))] == [
        "Đạt 5%.",
        "Tăng 3 lần. giữ vững.",  # a stop before lower case ends no sentence
        "(1) Hai",
    ]
    text = "Thu nhập đạt 5 tr.đ. Năm 2025 đạt “x”"
    assert [text[s:e] for s, e in sentences(text, 0, len(text))] == [
        "Thu nhập đạt 5 tr.đ.",
        "Năm 2025 đạt “x”",
    ]


def test_capitalise_makes_a_name_of_a_span() -> None:
    assert capitalise(" - tỷ lệ hộ nghèo (theo chuẩn mới;") == "Tỷ lệ hộ nghèo"
    assert capitalise("số xã)") == "Số xã"
    assert capitalise("(a") == "A"
    assert capitalise("") == ""
