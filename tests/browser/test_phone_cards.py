"""Issue 14 item 19: on a 360 px phone the tables people read every week (a program's targets,
the unit's workspace, a round's progress, the list of rounds, the audit log) become cards: the
row's name on the first line, every other value under its column's name, nothing squeezed to one
word per line and no sideways scrolling. Screenshots: test-artifacts/screenshots/phone-cards-*.png
(and the program page on a desktop, which stays a table)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.exports.conftest import figures_load

from .conftest import sign_in

PLAN = "lang-son-2020-2025"
PHONE = {"width": 360, "height": 740}

# What a phone user sees of a table: the page's width, whether the header row takes room, how the
# first data row is laid out, its cells' widths and the column names shown above the values.
MEASURE = """(table) => {
  const head = table.querySelector('thead');
  const row = table.querySelector('tbody tr');
  const label = c => {
    const before = getComputedStyle(c, '::before');
    return before.display === 'none' || ['none', 'normal'].includes(before.content)
      ? '' : before.content.replace(/^"|"$/g, '');
  };
  const box = c => c.getBoundingClientRect();
  const cells = [...row.children].filter(c => box(c).height > 0);
  const title = [];
  for (const c of cells) { if (label(c)) break; title.push(c); }
  return {
    pageWidth: document.scrollingElement.scrollWidth,
    headHeight: head ? box(head).height : 0,
    rowDisplay: getComputedStyle(row).display,
    rowWidth: box(row).width,
    title: {
      text: title.map(c => c.innerText.trim()).join(' '),
      width: title.length ? box(title.at(-1)).right - box(title[0]).left : 0,
      lines: new Set(title.map(c => Math.round(box(c).top))).size,
    },
    cells: cells.slice(title.length).map(c => ({
      width: box(c).width, text: c.innerText.trim(), label: label(c),
    })),
  };
}"""


@pytest.fixture
def reported(world: dict[str, Any], shared_dir: Path) -> dict[str, Any]:
    """The built-in plan with the reported figures (so targets have statuses and trend lines),
    one report sent and one returned with a long reason."""
    from tiendo.reporting.services import submission_return, submission_submit

    figures_load(plan=world["plan"], path=shared_dir / "data/lang-son-reported-figures.csv")
    users = world["users"]
    sent = world["round"].submissions.get(unit__code="so-nong-nghiep-va-phat-trien-nong-thon")
    sent = submission_submit(actor=users["baocao.snn"], submission=sent, version=sent.version)
    sent = submission_return(
        actor=users["theodoi"],
        submission=sent,
        version=sent.version,
        reason="Ghi rõ số, ngày của quyết định công bố hiện trạng rừng năm 2025 làm nguồn.",
    )
    return world


def _phone(browser: Any, base: str, world: dict[str, Any], user: str) -> Any:
    page = browser.new_context(viewport=PHONE, is_mobile=True).new_page()
    sign_in(page, base, user, world["passwords"][user])
    return page


def _reads_as_cards(page: Any, table: str, *, name: str, labels: list[str]) -> dict[str, Any]:
    """The table at `table` reads as cards on the phone: the first card begins with its row's name
    (matching the pattern `name`) on one line across the card, and each of `labels` is shown above
    its value."""
    seen = page.locator(table).first.evaluate(MEASURE)
    where = f"{page.url} {table}"
    assert seen["pageWidth"] <= PHONE["width"] + 1, f"{where}: the page scrolls sideways"
    assert seen["headHeight"] <= 1, f"{where}: the header row still takes room on the phone"
    assert seen["rowDisplay"] not in ("table-row", "none"), f"{where}: rows are still table rows"
    assert seen["rowWidth"] >= 300, f"{where}: a card is {seen['rowWidth']}px wide"
    title = seen["title"]
    assert re.match(name, title["text"]), f"{where}: the card begins {title['text']!r}"
    assert title["lines"] == 1, f"{where}: the row's name starts on {title['lines']} lines"
    assert title["width"] > 200, f"{where}: the row's name is squeezed into {title['width']}px"
    shown = {c["label"] for c in seen["cells"]}
    for label in labels:
        assert label in shown, f"{where}: no {label!r} above a value; labels shown: {shown}"
    for cell in seen["cells"]:
        assert cell["label"], f"{where}: {cell['text']!r} is shown without its column's name"
        assert cell["width"] >= 120, f"{where}: {cell['text']!r} squeezed into {cell['width']}px"
    return seen


def test_tables_read_as_cards_on_a_phone(
    browser: Any, live_server: Any, reported: dict[str, Any], screenshot_dir: Path
) -> None:
    base = live_server.url
    office = _phone(browser, base, reported, "theodoi")

    # A program's targets: code and indicator first, then the figure, progress, status and trend.
    office.goto(f"{base}/plans/{PLAN}/programs/2/?as_of=2025")
    _reads_as_cards(
        office,
        "table.targets",
        name=r"2\.1 Tốc độ tăng giá trị tăng thêm ngành nông lâm nghiệp",
        labels=["Số liệu mới nhất", "Tiến độ", "Đánh giá và xu hướng"],
    )
    assert office.locator("table.targets td.status-trend .spark svg").first.is_visible()
    office.screenshot(path=str(screenshot_dir / "phone-cards-program.png"), full_page=True)
    office.locator("table.targets a", has_text="2.1").first.click()
    assert "/targets/2.1/" in office.url, "the code still leads to the target"

    # A round's progress, unit by unit; a returned report says why, in full width.
    office.goto(f"{base}/dot-bao-cao/{reported['round'].pk}/")
    _reads_as_cards(
        office,
        "#progress table",
        name=r"BTCTU$",
        labels=["Trạng thái", "Chỉ tiêu đã nhập", "Đã đôn đốc"],
    )
    returned = office.locator("#progress td", has_text="Ghi rõ số, ngày của quyết định")
    assert returned.bounding_box()["width"] > 280
    office.screenshot(path=str(screenshot_dir / "phone-cards-round.png"), full_page=True)

    # The list of rounds: the round's name first, its dates and counts labelled.
    office.goto(f"{base}/dot-bao-cao/")
    _reads_as_cards(
        office,
        "main table",
        name=r"Năm 2025$",
        labels=["Hạn nộp", "Trạng thái", "Bị trả lại", "Đã chấp nhận"],
    )
    office.screenshot(path=str(screenshot_dir / "phone-cards-rounds.png"), full_page=True)

    # The audit log: when first, then who, what, on which object and the change.
    office.goto(f"{base}/nhat-ky/")
    _reads_as_cards(
        office,
        "table.audit",
        name=r"\d\d/\d\d/\d{4} \d\d:\d\d:\d\d$",
        labels=["Người thực hiện", "Hành động", "Đối tượng"],
    )
    office.screenshot(path=str(screenshot_dir / "phone-cards-audit.png"), full_page=True)

    # The unit's workspace: its reports, then the targets it reports on.
    unit = _phone(browser, base, reported, "baocao.snn")
    unit.goto(f"{base}/viec/")
    _reads_as_cards(
        unit,
        "main table",
        name=r"Báo cáo Năm 2025 của Sở NN&PTNT 23-CTr/TU$",
        labels=["Hạn nộp", "Trạng thái", "Chỉ tiêu đã nhập", "Tài liệu"],
    )
    reason = unit.locator("main table td", has_text="Lý do: Ghi rõ số")
    assert reason.bounding_box()["width"] > 280, "the return reason reads across the card"
    _reads_as_cards(
        unit,
        "main section table",
        name=r"2\.2 Diện tích trồng rừng mới",
        labels=["Giao từ", "Số liệu mới nhất", "Đánh giá"],
    )
    unit.screenshot(path=str(screenshot_dir / "phone-cards-workspace.png"), full_page=True)


def test_the_program_table_stays_a_table_on_a_desktop(
    browser: Any, live_server: Any, reported: dict[str, Any], screenshot_dir: Path
) -> None:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(page, live_server.url, "theodoi", reported["passwords"]["theodoi"])
    page.goto(f"{live_server.url}/plans/{PLAN}/programs/2/?as_of=2025")
    heads = page.locator("table.targets thead th")
    assert heads.count() == 5 and heads.first.is_visible()
    assert [h.strip() for h in heads.all_inner_texts()][:2] == ["Mã", "Chỉ tiêu và yêu cầu"]
    row = page.locator("table.targets tbody tr").first
    assert row.evaluate("r => getComputedStyle(r).display") == "table-row"
    label = row.locator("td").nth(2).evaluate("c => getComputedStyle(c, '::before').content")
    assert label in ("none", "normal"), "no column names inside the cells on a desktop"
    page.screenshot(path=str(screenshot_dir / "phone-cards-program-desktop.png"), full_page=True)
