"""Workbooks laid out as offices lay them out, built in code for the sheet-reading tests."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import openpyxl
import pytest


def convert(path: Path, fmt: str) -> Path:
    """``path`` saved by LibreOffice as ``fmt`` (xls or ods) next to it; skips without soffice."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot make .xls/.ods fixtures")
    with tempfile.TemporaryDirectory() as profile:  # own profile: parallel runs do not lock
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", fmt, "--outdir", str(path.parent), str(path)],
                       check=True, capture_output=True, timeout=120, env=os.environ)
    return path.with_suffix("." + fmt)


def register(path: Path) -> Path:
    """重点项目清单: merged title, 单位 line, two-row merged header, groups, 小计/合计 with SUM
    formulas, a 打包项目 with 其中 parts, a hidden 项目代码 column and notes at the bottom."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "重点项目清单"
    ws["A1"] = "XX县2026年重点项目清单"
    ws.merge_cells("A1:P1")
    ws["A2"] = "填报单位：XX县发展和改革委员会"
    ws["O2"] = "单位：万元"
    for col, text in zip("ABCDEFGHNOP", ("序号", "项目名称", "项目代码", "建设性质", "级别",
                                        "建设地点", "建设规模及主要内容", "建设起止年限",
                                        "责任单位", "包联领导", "备注"), strict=True):
        ws[f"{col}3"] = text
        ws.merge_cells(f"{col}3:{col}4")
    ws["I3"] = "总投资"
    ws.merge_cells("I3:K3")
    ws["I4"], ws["J4"], ws["K4"] = "合计", "其中：中央预算内", "专项债券"
    ws["L3"] = "2026年"
    ws.merge_cells("L3:M3")
    ws["L4"], ws["M4"] = "计划投资", "1—4月完成"
    ws.column_dimensions["C"].hidden = True
    rows = [
        ["合计", None, None, None, None, None, None, None, "=I6+I10", "=J6+J10", "=K6+K10",
         "=L6+L10", "=M6+M10"],
        ["一、工业项目（2个）", *[None] * 7, "=SUM(I7:I8)", "=SUM(J7:J8)", "=SUM(K7:K8)",
         "=SUM(L7:L8)", "=SUM(M7:M8)"],
        [1, "年产5万吨新型建材项目", "2503-411425-04-01-123456", "新开工", "省重点、市重点",
         "产业集聚区", "建设厂房3万平方米", "2025-2026年", 52000, "—", 10000, 20000, 8650.5,
         "县工信局", "赵永强（县委常委、组织部长）", None],
        [2, "智能装备产业园", None, "续建", "市重点", "产业集聚区", "标准化厂房10栋",
         "2025.03-2027.12", 120000.25, 3000, "/", 30000, 12000, "县发改委", "李明（副县长）",
         None],
        ["工业项目小计", None, None, None, None, None, None, None, "=SUM(I7:I8)"],
        ["二、社会事业项目（1个）", *[None] * 7, "=SUM(I11)", None, None, "=SUM(L11)",
         "=SUM(M11)"],
        [3, "县城老旧小区改造打包项目", None, "续建", "县重点", "城关镇、东城街道",
         "改造小区12个", 2026, 8000, 5000, 0, 8000, 2100, "县住建局", "王刚（副县长）", "打包"],
        [None, "其中：城关镇片区", None, None, None, "城关镇", None, None, 5000, None, None,
         3000, 1300, "城关镇", None, None],
        [None, "东城街道片区", None, None, None, "东城街道", None, None, 3000, None, None,
         5000, 800, "东城街道", None, None],
        [],
        ["填表人：张三", None, None, None, "审核人：李四"],
    ]
    for offset, values in enumerate(rows):
        for c, value in enumerate(values, start=1):
            if value is not None:
                ws.cell(row=5 + offset, column=c, value=value)
    ws.merge_cells("A5:B5")
    ws.merge_cells("A6:H6")
    ws.merge_cells("A10:H10")
    wb.save(path)
    return path


def annual_plan(path: Path) -> Path:
    """年度投资计划表 in 亿元: quarter columns under 2026年计划投资, 计划开工/竣工, 年度建设目标,
    groups by 建设性质 written as 序号 "一" + "新开工项目"."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "年度计划"
    ws.append(["XX县2026年重点项目年度投资计划表"])
    ws.merge_cells("A1:L1")
    ws.append([None] * 10 + ["金额单位：亿元"])
    ws.append(["序号", "项目名称", "建设性质", "总投资", "2026年计划投资", None, None, None,
               None, "计划开工时间", "计划竣工时间", "年度建设目标", "责任单位"])
    ws.append([None, None, None, None, "全年", "一季度", "二季度", "三季度", "四季度"])
    for col in "ABCDJKLM":
        ws.merge_cells(f"{col}3:{col}4")
    ws.merge_cells("E3:I3")
    ws.append(["一", "新开工项目"])
    ws.append([1, "县人民医院新院区", "新开工", 12.5, 3.2, 0.5, 0.8, 0.9, 1.0, "2026年3月",
               "2027.12", "完成主体结构封顶", "县卫健委"])
    ws.append([2, "110千伏变电站", "新开工", 0.85, 0.85, 0, 0.3, 0.3, 0.25,
               dt.datetime(2026, 4, 15), "2026-12-31", "建成投运", "供电公司"])
    ws.append(["二", "续建项目"])
    ws.append([3, "城乡供水一体化工程", "续建", 3.456789, 1.2, 0.3, 0.3, 0.3, 0.3, "2025.6",
               "2026年底", "完成管网铺设80公里", "县水利局"])
    ws.append(["合计", None, None, "=SUM(D6:D9)", "=SUM(E6:E9)"])
    wb.save(path)
    return path


def township(path: Path) -> Path:
    """A township's return: its own wording, the month only in the title, 存在困难 merged over
    two projects."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["王庄镇2026年4月份重点项目进展情况"])
    ws.merge_cells("A1:I1")
    ws.append(["序号", "项目名称", "总投资（万元）", "今年以来累计完成（万元）", "工程进展情况",
               "存在困难", "包联领导", "联系人", "联系电话"])
    ws.append([1, "王庄镇高标准农田建设项目", 3000, "1,200.50", "完成土地平整\n1200亩",
               "用地手续\n未办结", "孙伟（副县长）", "刘洋", 13800000001])
    ws.append([2, "王庄镇污水处理厂", 1800, 600, "主体完工", None, "孙伟（副县长）", "刘洋",
               "13800000002"])
    ws.append([3, "王庄镇农产品冷链物流园", "1.2亿", "—", "正在办理前期手续", "无", "周敏",
               "陈晨", None])
    ws.merge_cells("F3:F4")
    ws.append([])
    ws.append(["填报人：刘洋      报送时间：2026年5月5日"])
    wb.save(path)
    return path


def three_row_header(path: Path) -> Path:
    """投资情况 over 总投资 and 2026年 over 计划 / 1—3月完成; 开工情况 over 计划/实际开工时间
    and 是否开工; a 栏次 row of column numbers under the header."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "调度表"
    ws.append(["XX县2026年一季度重点项目调度表"])
    ws.merge_cells("A1:H1")
    ws.append(["序号", "项目名称", "投资情况", None, None, "开工情况"])
    ws.append([None, None, "总投资", "2026年", None, "计划开工时间", "实际开工时间", "是否开工"])
    ws.append([None, None, None, "计划", "1-3月完成"])
    ws.append([1, 2, 3, 4, 5, 6, 7, 8])
    for rng in ("A2:A4", "B2:B4", "C2:E2", "F2:H2", "C3:C4", "D3:E3", "F3:F4", "G3:G4",
                "H3:H4"):
        ws.merge_cells(rng)
    ws.append([1, "产业集聚区道路提升工程", 4500, 2000, 560, "2026.03", "2026-03-20", "是"])
    ws.append([2, "县职业教育中心实训楼", 6800, 3000, None, "2026年5月", "—", "否"])
    wb.save(path)
    return path


CSV_TEXT = (
    "序号,项目名称,总投资(亿元),1-4月完成投资(万元),形象进度,责任单位\n"
    '1,新能源电池材料项目,2.5,"1,200",设备安装,县工信局\n'
    "2,物流园二期,8000万,350.25,\"主体施工\r\n过半\",县商务局\n"
    "合计,,,,,\n"
)


def gbk_csv(path: Path) -> Path:
    path.write_bytes(CSV_TEXT.encode("gbk"))
    return path
