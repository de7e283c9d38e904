"""The built-in catalogue describes each indicator (how it is measured, who publishes it) with
the sources it was checked against, and its names find one indicator each."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest

from tiendo.indicators.models import Indicator
from tiendo.indicators.services import (
    CATALOGUE_FILE,
    indicator_catalogue_document,
    indicator_catalogue_ensure,
    indicator_resolve,
    name_key,
    unit_key,
)


def catalogue_file() -> dict[str, Any]:
    text = resources.files("tiendo.indicators").joinpath(CATALOGUE_FILE).read_text("utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


def test_every_indicator_says_how_it_is_measured_and_who_publishes_it() -> None:
    document = catalogue_file()
    assert len(document["indicators"]) == 51
    for field in ("definition", "source", "national_code"):
        limit = {"source": 300, "national_code": 32}.get(field)
        for entry in document["indicators"]:
            value = entry[field]
            if limit:
                assert len(value) <= limit, (entry["code"], field)
            if field == "definition":
                assert len(value.strip()) > 20, (entry["code"], field)
            elif field == "source":  # a publishing body: "Sở Y tế", "Cục Thống kê tỉnh"
                assert len(value.strip()) >= 5, (entry["code"], field)


def test_the_sources_used_are_listed_and_a_national_code_only_where_a_source_gives_it() -> None:
    document = catalogue_file()
    assert document["sources"]
    for source in document["sources"]:
        assert source["url"].startswith(("http://", "https://")) and source["gave"].strip()
    seen = " ".join(s["gave"] for s in document["sources"])
    for entry in document["indicators"]:
        if entry["national_code"]:
            assert entry["national_code"] in seen, entry["code"]


def test_no_name_or_synonym_points_to_two_indicators_of_the_same_unit() -> None:
    owner: dict[tuple[str, str], str] = {}
    for entry in indicator_catalogue_document():
        for name in [entry["name"], *entry["synonyms"]]:
            key = (name_key(name), unit_key(entry["unit"]))
            assert owner.setdefault(key, entry["code"]) == entry["code"], (name, owner[key])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "unit", "code"),
    [
        # wordings met in press reports and other provinces' plans
        ("Tổng lượt khách du lịch", "triệu lượt khách", "luot-khach-du-lich"),
        ("Tổng doanh thu từ du lịch", "tỷ đồng", "doanh-thu-du-lich"),
        ("Số sản phẩm đạt chứng nhận OCOP", "sản phẩm", "so-san-pham-ocop-3-sao"),
        ("Tỷ lệ xã, phường đạt chuẩn quốc gia về y tế", "%", "ty-le-xa-dat-tieu-chi-y-te"),
        ("Giá trị gia tăng ngành nông nghiệp", "%/năm", "toc-do-tang-gtgt-nong-lam-thuy-san"),
        (
            "Tỷ lệ dân số nông thôn được sử dụng nước hợp vệ sinh",
            "%",
            "ty-le-dan-nong-thon-dung-nuoc-hvs",
        ),
        ("Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ", "%", "ty-le-tcco-so-dang-htt-nv"),
    ],
)
def test_wordings_of_other_texts_find_the_catalogue_indicator(name: str, unit: str, code: str):
    indicator_catalogue_ensure()
    count = Indicator.objects.count()
    assert indicator_resolve(name=name, unit=unit).code == code
    assert Indicator.objects.count() == count, "nothing new was created"


@pytest.mark.django_db
def test_the_definitions_reach_the_database_with_the_catalogue() -> None:
    indicator_catalogue_ensure()
    forest = Indicator.objects.get(code="ty-le-che-phu-rung")
    assert "tổng diện tích tự nhiên" in forest.definition
    assert "Kiểm lâm" in forest.source
