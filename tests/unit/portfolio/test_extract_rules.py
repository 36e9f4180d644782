"""The extractor's reading rules: tables, lists, places, what it sets aside, and its evidence."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from portfolio.extract import extract_file, extract_text
from tests.helpers import run_portfolio


def _by_name(text: str) -> dict[str, object]:
    return {c.name: c for c in extract_text(text).candidates}


def _word_table(path: Path, title: str, rows: list[list[str]], unit_line: str = "") -> None:
    import docx

    document = docx.Document()
    document.add_paragraph(title)
    if unit_line:
        document.add_paragraph(unit_line)
    table = document.add_table(rows=0, cols=len(rows[0]))
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    document.save(str(path))


def test_a_word_table_is_read_by_column_in_the_headers_unit(tmp_path: Path) -> None:
    path = tmp_path / "项目表.docx"
    _word_table(path, "某县2026年重点项目表", [
        ["序号", "项目名称", "建设地点", "总投资（亿元）", "建设内容"],
        ["一、工业项目（2个）", "", "", "", ""],
        ["1", "某县智能家居产业园二期", "城关镇", "12.5", "厂房20万平方米"],
        ["2", "某县年产160万吨饲料项目", "谷营镇", "3", "生产线4条"],
        ["", "合计", "", "15.5", ""],
    ])
    candidates = {c.name: c for c in extract_file(path).candidates}
    assert set(candidates) == {"某县智能家居产业园二期", "某县年产160万吨饲料项目"}
    park = candidates["某县智能家居产业园二期"]
    assert park.investment == Decimal("125000") and park.location == "城关镇"
    assert park.quote == "1\t某县智能家居产业园二期\t城关镇\t12.5\t厂房20万平方米"
    assert [(e.what, e.text, e.line) for e in park.evidence] == [
        ("名称", "某县智能家居产业园二期", 4), ("总投资", "12.5", 4),
        ("总投资", "总投资（亿元）", 2), ("规模", "20万平方米", 4), ("地点", "城关镇", 4),
    ]


def test_a_unit_line_above_the_table_sets_the_money_unit(tmp_path: Path) -> None:
    path = tmp_path / "清单.docx"
    _word_table(path, "重点项目清单", [
        ["序号", "项目名称", "总投资", "责任单位"],
        ["1", "某县人民医院新院区", "30000", "县卫健委"],
    ], unit_line="单位：万元")
    [hospital] = extract_file(path).candidates
    assert hospital.investment == Decimal("30000")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a list said to be of projects: its items are names without a head noun
        ("加快推进循环经济产业园、格林美二期、立邦固废处理等项目建设。",
         {"循环经济产业园", "格林美二期", "立邦固废处理"}),
        # a counted list of landmarks
        ("打造辛村遗址、卫国故城、黎阳津、大伾山、宿胥口十大地标。",
         {"辛村遗址", "卫国故城", "黎阳津", "大伾山", "宿胥口"}),
        # the instance before 等工程 is the name; 和 inside a name does not split it
        ("完成翰林苑(村庄安置E区)、崇和里(村庄安置D区)等工程。",
         {"翰林苑(村庄安置E区)", "崇和里(村庄安置D区)"}),
        # a facility after 等 is built at each instance
        ("推进阳光大厦、焦裕禄纪念园等智能停车场建设。",
         {"阳光大厦智能停车场", "焦裕禄纪念园智能停车场"}),
        # the work done on each of a list of roads
        ("对裕禄大道、中山大道等道路进行智能化升级改造。",
         {"裕禄大道智能化升级改造", "中山大道智能化升级改造"}),
        # the owner of the first item is shared by the short ones after it
        ("加快推进兰考三农学院综合检测工程中心、职业技能鉴定中心、食品监测中心建设。",
         {"兰考三农学院综合检测工程中心", "兰考三农学院职业技能鉴定中心",
          "兰考三农学院食品监测中心"}),
        # a bracketed list of parts, and one after a count of them
        ("实施淇县城北区居民迁建安置(朝阳社区二期、阳光社区三期)。",
         {"淇县城北区居民迁建安置朝阳社区二期", "淇县城北区居民迁建安置阳光社区三期"}),
        ("建设四桥(山阳路、民主路跨大沙河桥)。", {"山阳路跨大沙河桥", "民主路跨大沙河桥"}),
        # the kind after 等 is the instances' own kind
        ("培育桑园小镇、镁业小镇等一批精品特色小镇。", {"桑园小镇", "镁业小镇"}),
        # each owner's own one, set up there
        ("支持郑州大学、河南大学等高等院校在兰考设立应用类学院。",
         {"郑州大学兰考应用类学院", "河南大学兰考应用类学院"}),
        # 与 in 参与 joins no items; 和 between two townships does
        ("支持兰考参与郑州高新区创业中心建设，建设谷营镇和堌阳镇污水处理厂。",
         {"郑州高新区创业中心", "谷营镇污水处理厂", "堌阳镇污水处理厂"}),
        # quotes that belong to the name stay; a count before the kind is dropped; a name ends
        # before 新增
        ("打造建业田园综合体、“渔果三营”田园综合体等文旅项目。",
         {"建业田园综合体", "“渔果三营”田园综合体"}),
        ("大沙河5个节点公园新增绿地面积73.4万平方米。", {"大沙河节点公园"}),
        # a name that jieba would open with a verb, and one opening like a fragment
        ("建设击鼓路东延道路、前进大道北延，加快推进中心医院迁建。",
         {"击鼓路东延道路", "前进大道北延", "中心医院迁建"}),
    ],
)
def test_list_rules(text: str, names: set[str]) -> None:
    proposed = {c.name for c in extract_text(text).candidates if not c.reason}
    assert names <= proposed, proposed


@pytest.mark.parametrize(
    ("text", "name", "reason"),
    [
        ("支持兰考县中心医院创建三级医院。", "三级医院", "等级评定的目标"),
        ("在李万辖区新建两所公办幼儿园。", "两所公办幼儿园", "数量加类别"),
        ("深化焦裕禄干部学院与中央党校和浦东干部学院等交流合作。", "浦东干部学院",
         "合作或交流的对象"),
    ],
)
def test_more_of_what_is_not_a_project_is_set_aside(text: str, name: str, reason: str) -> None:
    found = _by_name(text)
    assert name in found and reason in found[name].reason  # type: ignore[attr-defined]
    assert found[name].verdict == "建议不导入"  # type: ignore[attr-defined]
    [why] = [e for e in found[name].evidence if e.what == "理由"]  # type: ignore[attr-defined]
    assert why.text == text and why.line == 1


def test_a_paragraph_titled_by_a_programme_names_it_as_it_stands() -> None:
    found = _by_name("完善水利基础设施工程。推进郑开同城东部供水二期工程。")
    assert set(found) == {"完善水利基础设施工程", "郑开同城东部供水二期工程"}
    title = found["完善水利基础设施工程"]
    assert title.kind == "programme" and title.reason == ""  # type: ignore[attr-defined]


def test_phrases_opening_with_a_fragment_are_not_names() -> None:
    assert _by_name("支持区域内美术馆、博物馆等文化场馆联动共享。") == {}


def test_a_site_and_a_place_the_name_opens_with_are_locations() -> None:
    found = _by_name(
        "（1）驻马店经济开发区置地二小：位于洪河大道与金沙路交叉口西北侧，计划投资6000万元。\n"
        "重点实施示范区石河岸城中村改造项目。\n兰考县获评全国数字乡村示范县。"
    )
    school = found["驻马店经济开发区置地二小"]
    assert school.location == "洪河大道与金沙路交叉口西北侧"  # type: ignore[attr-defined]
    assert ("地点", "洪河大道与金沙路交叉口西北侧") in [
        (e.what, e.text) for e in school.evidence  # type: ignore[attr-defined]
    ]
    assert found["示范区石河岸城中村改造项目"].location == "示范区"  # type: ignore[attr-defined]
    # 乡村 is not a township
    assert found["兰考县获评全国数字乡村示范县"].location == "兰考县"  # type: ignore[attr-defined]


def test_traditional_money_units_are_read() -> None:
    [park] = extract_text("建成總投資18.5億元的驻马店万邦農產品物流园。").candidates
    assert park.investment == Decimal("185000") and park.investment_text == "總投資18.5億元"


def test_extract_json_carries_verdict_reason_and_evidence(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(
        "建成总投资18.5亿元的某县万邦农产品物流园，2023年底前建成。\n兰考县获评全国数字乡村示范县。\n",
        encoding="utf-8",
    )
    result = run_portfolio("extract", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    records = {c["name"]: c for c in json.loads(result.stdout)["candidates"]}
    park = records["某县万邦农产品物流园"]
    assert park["verdict"] == "建议导入" and park["reason"] == ""
    assert park["evidence"] == [
        {"what": "名称", "text": "某县万邦农产品物流园", "line": 1},
        {"what": "总投资", "text": "总投资18.5亿元", "line": 1},
        {"what": "年限", "text": "2023年底", "line": 1},
    ]
    honour = records["兰考县获评全国数字乡村示范县"]
    assert honour["verdict"] == "建议不导入" and "称号" in honour["reason"]
    why = {"what": "理由", "text": "兰考县获评全国数字乡村示范县。", "line": 2}
    assert why in honour["evidence"]
    table = run_portfolio("extract", str(path))
    assert "不导入：争创的称号" in table.stdout
