"""The extractor: reading documents, normalising them, proposing named projects, importing."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.models import Citation, Document, Project
from db.session import Database
from portfolio.extract import ExtractError, extract_file, extract_text, read_source
from portfolio.extract.importing import (
    Accepted,
    DocumentInfo,
    ImportRefused,
    candidate_citations,
    candidate_data,
    guess_document_info,
    import_projects,
)
from portfolio.extract.normalise import normalise_line, strip_noise
from portfolio.projects import ProjectData
from tests.helpers import run_portfolio

#: a short plan of our own, in the style of the county documents
PLAN = """某县人民政府关于印发某县“十四五”重点项目规划的通知
某政〔2022〕7号
2022年3月15日
一、重点项目
（一）产业项目。建成总投资18.5亿元的某县万邦农产品物流园，整体建设规模达65万平方米。
推进仪封、考城及黄河滩区集中式风电项目建设，新增集中式风电50万千瓦。
（二）社会事业。某县第三小学：位于人民路与建设路交叉口西北侧，占地29.45亩，计划投资6000万元，新增1080个学位。
加快推进县中心医院迁建，建设县图书馆、体育公园等文体设施。
"""


def _names(text: str) -> list[str]:
    return [c.name for c in extract_text(text).candidates]


# --- reading -------------------------------------------------------------------------------


def test_gb18030_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "规划.txt"
    path.write_bytes(PLAN.encode("gb18030"))
    source = read_source(path)
    assert source.encoding == "GB18030"
    assert source.line(5).startswith("（一）产业项目")
    result = extract_file(path)
    assert "某县万邦农产品物流园" in [c.name for c in result.candidates]


def test_utf8_with_and_without_bom(tmp_path: Path) -> None:
    for name, data in (("a.txt", PLAN.encode("utf-8")), ("b.txt", PLAN.encode("utf-8-sig"))):
        path = tmp_path / name
        path.write_bytes(data)
        source = read_source(path)
        assert source.encoding == "UTF-8" and source.lines[0].startswith("某县人民政府")


def test_unreadable_files_are_refused_in_chinese(tmp_path: Path) -> None:
    with pytest.raises(ExtractError, match="找不到文件"):
        read_source(tmp_path / "missing.txt")
    xls = tmp_path / "表.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ExtractError, match="不支持的文件类型"):
        read_source(xls)
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(ExtractError, match="不是文本文件"):
        read_source(binary)
    doc = tmp_path / "旧.doc"
    doc.write_bytes(b"x")
    with pytest.raises(ExtractError, match=r"另存为 \.docx"):
        read_source(doc)


def test_docx_paragraphs_and_tables_are_read(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = "某县重点项目清单"
    document.add_paragraph("推进某县城北污水处理厂建设，计划投资1.2亿元。")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("项目名称", "总投资", "建设内容"), strict=True):
        cell.text = text
    for cell, text in zip(
        table.rows[1].cells, ("某县人民医院新院区", "总投资3亿元", "床位600张"), strict=True
    ):
        cell.text = text
    path = tmp_path / "清单.docx"
    document.save(str(path))
    result = extract_file(path)
    assert result.title == "某县重点项目清单"
    assert result.source.lines[2] == "某县人民医院新院区\t总投资3亿元\t床位600张"
    by_name = {c.name: c for c in result.candidates}
    assert by_name["某县城北污水处理厂"].investment == Decimal("12000")
    assert by_name["某县人民医院新院区"].investment == Decimal("30000")


def _pdf(path: Path, lines: list[str]) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    import resources

    pdfmetrics.registerFont(
        TTFont("WQY", str(resources.path("fonts", "wqy-microhei.ttc")), subfontIndex=0)
    )
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("WQY", 11)
    y = 800
    for line in lines:
        pdf.drawString(60, y, line)
        y -= 18
    pdf.save()


def test_text_pdf_is_read_and_reflowed(tmp_path: Path) -> None:
    path = tmp_path / "规划.pdf"
    # a sentence broken over two visual lines, as PDFs do
    _pdf(path, ["某县十四五规划", "推进某县高铁站片区综合开发，加快建设某县", "第二污水处理厂。"])
    result = extract_file(path)
    assert result.source.encoding == "PDF"
    assert "推进某县高铁站片区综合开发，加快建设某县第二污水处理厂。" in result.source.lines
    assert "某县第二污水处理厂" in [c.name for c in result.candidates]


def test_pdf_without_text_is_refused(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "扫描件.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.rect(50, 50, 200, 200, fill=1)
    pdf.save()
    with pytest.raises(ExtractError, match="扫描件"):
        extract_file(path)


# --- normalising ---------------------------------------------------------------------------


def test_pinyin_noise_is_stripped_and_mapped_back() -> None:
    original = "推進知識產(chǎn)權保護中心建設，F(xiàn)代化?發(fā)展"
    text, columns = strip_noise(original)
    assert text == "推進知識產權保護中心建設，代化發展"
    assert all(original[c] == ch for ch, c in zip(text, columns, strict=True))
    line = normalise_line(7, original, convert=True)
    assert line.text == "推进知识产权保护中心建设，代化发展"
    start = line.text.index("知识产权保护中心")
    assert line.quote(start, start + 8) == "知識產(chǎn)權保護中心"


def test_traditional_document_with_noise_yields_clean_names() -> None:
    text = (
        "加快建設河南省能源大數(shù)據(jù)中心蘭考分中心，推動建設區(qū)域醫(yī)療養(yǎng)老聯(lián)合體。\n"
        "建設蘭考國際教育示範園區(qū)，搭建科技資源共享平臺。\n"
    )
    result = extract_text(text)
    names = [c.name for c in result.candidates]
    assert "河南省能源大数据中心兰考分中心" in names
    assert "兰考国际教育示范园区" in names
    park = next(c for c in result.candidates if c.name == "兰考国际教育示范园区")
    assert park.line == 2 and park.quote == "蘭考國際教育示範園區(qū)"
    for candidate in result.candidates:
        assert candidate.quote in text.split("\n")[candidate.line - 1]


def test_simplified_documents_are_not_converted() -> None:
    # t2s would turn 乾 into 干: a simplified document keeps its characters
    assert "乾憬科技研发中心" in _names("全力推进乾憬科技研发中心建设。")


# --- proposing -----------------------------------------------------------------------------


def test_candidates_with_investment_quantities_and_quote() -> None:
    result = extract_text(PLAN)
    by_name = {c.name: c for c in result.candidates}
    park = by_name["某县万邦农产品物流园"]
    assert park.investment == Decimal("185000") and park.investment_text == "总投资18.5亿元"
    assert park.quantities == [(Decimal("65"), "万平方米")]
    assert park.category == "服务业" and park.project_type == "物流"
    assert park.investment_text in park.quote and park.line == 5
    school = by_name["某县第三小学"]
    assert school.investment == Decimal("6000") and school.project_type == "学校"
    assert (Decimal("1080"), "学位") in school.quantities
    assert (Decimal("29.45"), "亩") in school.quantities
    # the roads that locate the school are not projects
    assert "人民路" not in by_name and "建设路" not in by_name
    for candidate in result.candidates:
        assert candidate.quote in PLAN.split("\n")[candidate.line - 1]


def test_a_list_shares_its_head_noun() -> None:
    names = _names("推进仪封、考城及黄河滩区集中式风电项目建设。")
    assert names == ["仪封集中式风电项目", "考城集中式风电项目", "黄河滩区集中式风电项目"]
    assert _names("加快建设寨卜昌、苏家作等新型文旅商业消费聚集区。") == [
        "寨卜昌新型文旅商业消费聚集区", "苏家作新型文旅商业消费聚集区"
    ]


def test_verbs_and_generic_words_are_not_names() -> None:
    names = _names("加快推进县中心医院迁建，完善公共服务体系，建设重点项目，坚持以人民为中心。")
    assert "县中心医院迁建" in names
    assert not {"公共服务体系", "重点项目", "人民为中心"} & set(names)


def test_a_name_mentioned_twice_is_one_candidate_with_both_lines() -> None:
    result = extract_text("建设某县游客集散中心。\n\n某县游客集散中心投资2亿元。\n")
    [candidate] = [c for c in result.candidates if c.name == "某县游客集散中心"]
    # the mention that states the investment becomes the citation
    assert candidate.line == 3 and candidate.investment == Decimal("20000")
    assert candidate.mentions == [(1, "某县游客集散中心")]


def test_extract_command_prints_json(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(PLAN.encode("gb18030"))
    result = run_portfolio("extract", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["encoding"] == "GB18030"
    names = {c["name"]: c for c in payload["candidates"]}
    assert names["某县万邦农产品物流园"]["investment"] == "185000"
    missing = run_portfolio("extract", str(tmp_path / "none.pdf"))
    assert missing.returncode == 1 and missing.stderr.startswith("错误：找不到文件")


# --- measured against the catalogue --------------------------------------------------------

#: what the extractor reaches (benchmarks/extractor.py): on the documents its rules are tuned on,
#: and on the held-back ones it is only scored on. Floors a little under what was reached, so a
#: change cannot lose ground silently; raise them when the extractor gets better.
#: The held-back precision fell by about a point when the rules learnt to set aside partner
#: institutions (与郑州大学…合作) and grades to reach (创建三级医院), which the catalogue lists as
#: projects and the hand-checked corpus (tests/data/extract, test_extract_corpus.py) does not;
#: it fell another point in the second round of issue 14 (names of more shapes proposed there
#: that the catalogue does not cite), while its recall rose from 70.2% to 71.0%.
FLOORS = {
    # part: (precision reached, recall reached) -> floors
    "tuning": (0.50, 0.65),  # reached 51.7% / 67.2% (F1 58.5%)
    "held_back": (0.39, 0.69),  # reached 39.5% / 71.0% (F1 50.8%)
}


def test_precision_and_recall_on_tuning_and_held_back_documents() -> None:
    from benchmarks.extractor import DEFAULT_DOCUMENTS, HELD_BACK, TUNING, part, run, total

    scores = run(DEFAULT_DOCUMENTS)
    for name, prefixes in (("tuning", TUNING), ("held_back", HELD_BACK)):
        reached = total(part(scores, prefixes))
        precision, recall = FLOORS[name]
        assert reached.precision >= precision, f"{name}: precision {reached.precision:.1%}"
        assert reached.recall >= recall, f"{name}: recall {reached.recall:.1%}"


@pytest.mark.parametrize(
    ("text", "name", "reason"),
    [
        ("兰考县获评全国数字乡村示范县。", "全国数字乡村示范县", "争创的称号"),
        ("推进四好农村路建设。", "四好农村路", "创建活动"),
        ("建设一批乡村养老服务基地。", "乡村养老服务基地", "一批"),
    ],
)
def test_what_is_not_a_project_is_set_aside_with_its_reason(
    text: str, name: str, reason: str
) -> None:
    # the name may keep words before it ("兰考县获评…"): the reason is what counts here
    [found] = [c for c in extract_text(text).candidates if c.name.endswith(name)]
    assert reason in found.reason


def test_a_name_starts_after_the_verbs_that_introduce_it() -> None:
    names = [c.name for c in extract_text("统筹推进兰考县第三高级中学建设。").candidates]
    assert names == ["兰考县第三高级中学"]
    [school] = extract_text("新建兰考县第三高级中学，总投资3.2亿元。").candidates
    assert school.reason == "" and school.investment == Decimal("32000")


def test_pdf_lines_are_joined_without_spaces_inside_figures_and_names() -> None:
    from portfolio.extract.reading import reflow

    assert reflow(["建设兰考县谷营镇和堌阳镇的11", "0千伏变电站，兰考 县第三高级中学。"]) == [
        "建设兰考县谷营镇和堌阳镇的110千伏变电站，兰考县第三高级中学。"
    ]


def test_benchmark_matching_rules() -> None:
    from benchmarks.extractor import names_match

    assert names_match("中心医院迁建", "兰考县中心医院迁建")
    assert names_match("“数字兰考”", "数字兰考")
    assert names_match("驻马店高中附属中学(二十中)", "驻马店高中附属中学（二十中）")
    assert not names_match("医院", "兰考县中心医院")  # too short to mean anything
    assert not names_match("兰考县图书馆", "兰考县博物馆")


# --- importing -----------------------------------------------------------------------------


def _accepted(text: str = PLAN) -> tuple[DocumentInfo, list[Accepted]]:
    result = extract_text(text, name="某县规划.txt")
    info = guess_document_info("某县规划.txt", result.title, result.source.lines)
    chosen = [c for c in result.candidates if c.name in ("某县万邦农产品物流园", "某县第三小学")]
    return info, [Accepted(candidate_data(c), candidate_citations(c)) for c in chosen]


def test_document_number_and_date_are_guessed() -> None:
    info, _ = _accepted()
    assert info.number == "某政〔2022〕7号" and str(info.issued_on) == "2022-03-15"


def test_accepted_candidates_become_projects_with_citations(db: Database) -> None:
    info, accepted = _accepted()
    with db.transaction() as session:
        ids = import_projects(session, info, accepted)
    with db.session() as session:
        park = session.get(Project, ids[0])
        assert park.name == "某县万邦农产品物流园" and park.total_investment == Decimal("185000.00")
        assert park.origin == "user" and park.search_key
        [citation] = park.citations
        assert citation.line == 5 and "总投资18.5亿元" in citation.quote
        assert citation.document.number == "某政〔2022〕7号"
    # importing from the same file again reuses its document
    with db.transaction() as session:
        import_projects(session, info, [Accepted(ProjectData(name="某县第二水厂"), [(9, "水厂")])])
    with db.session() as session:
        assert session.scalar(select(func.count(Document.id))) == 1


def test_a_bad_candidate_refuses_the_whole_import(db: Database) -> None:
    info, accepted = _accepted()
    accepted.append(Accepted(ProjectData(name=" "), [(1, "x")]))
    accepted.append(Accepted(ProjectData(name="某县第三小学"), [(1, "x")]))
    with pytest.raises(ImportRefused) as refused, db.transaction() as session:
        import_projects(session, info, accepted)
    assert "第3个" in str(refused.value) and "项目名称不能为空" in str(refused.value)
    assert "第4个（某县第三小学）：与第2个同名" in str(refused.value)
    with db.session() as session:
        assert session.scalar(select(func.count(Project.id))) == 0
        assert session.scalar(select(func.count(Citation.id))) == 0
        assert session.scalar(select(func.count(Document.id))) == 0


# --- the review dialog ---------------------------------------------------------------------


def test_review_dialog_imports_only_what_was_accepted(db: Database, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.context import AppContext
    from ui.extract.dialog import ExtractDialog
    from ui.extract.model import Decision, ReviewModel

    path = tmp_path / "某县规划.txt"
    path.write_bytes(PLAN.encode("gb18030"))
    context = AppContext(db)
    dialog = ExtractDialog(context)
    qtbot.addWidget(dialog)
    assert dialog.load(path)
    assert dialog.doc_number.text() == "某政〔2022〕7号"
    rows = {item.candidate.name: row for row, item in enumerate(dialog.model.rows)}
    assert not dialog.import_button.isEnabled()

    # accept one, edit the name of another (editing accepts it), reject a third
    dialog.view.selectRow(rows["某县万邦农产品物流园"])
    dialog.decide(Decision.ACCEPTED)
    school = dialog.model.index(rows["某县第三小学"], ReviewModel.NAME)
    assert dialog.model.setData(school, "某县第三实验小学")
    assert not dialog.model.setData(
        dialog.model.index(rows["某县第三小学"], ReviewModel.INVESTMENT), "六千"
    )
    assert "总投资应为数字" in dialog.message.text()
    dialog.view.selectRow(rows["仪封集中式风电项目"])
    dialog.decide(Decision.REJECTED)
    assert dialog.counts.text().startswith("接受 2　拒绝 1")
    dialog.view.selectRow(rows["某县万邦农产品物流园"])
    assert "总投资18.5亿元" in dialog.context_view.toPlainText()

    assert dialog.import_accepted()
    with db.session() as session:
        names = set(session.scalars(select(Project.name)))
    assert names == {"某县万邦农产品物流园", "某县第三实验小学"}

    # one undoable step
    context.undo_stack.undo()
    with db.session() as session:
        assert session.scalar(select(func.count(Project.id))) == 0
    context.undo_stack.redo()
    with db.session() as session:
        assert session.scalar(select(func.count(Project.id))) == 2
        assert session.scalar(select(func.count(Citation.id))) == 2


def test_review_dialog_reports_an_unreadable_file(db: Database, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.context import AppContext
    from ui.extract.dialog import ExtractDialog

    dialog = ExtractDialog(AppContext(db))
    qtbot.addWidget(dialog)
    assert not dialog.load(tmp_path / "没有这个文件.docx")
    assert "找不到文件" in dialog.message.text()
    assert not dialog.import_accepted()
