"""An office's list with 资金来源 columns (总投资 over 合计 / 其中：中央预算内 / 其中：专项债券)
through the command line: imported as each project's 资金来源, listed by ``funds list``, and
written back into the city's form under its own 中央资金 / 专项债券 columns, each group adding
them up."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl

from tests.blank_forms import build
from tests.e2e.cli_helpers import run

D = Decimal
#: name, 建设性质, 总投资, 中央预算内, 专项债券 (None: blank), 2026年计划
PROJECTS = [
    ("县人民医院新院区建设项目", "新开工", "52000", "8000", "12000", "20000"),
    ("县第一实验小学新建项目", "新开工", "9000", None, "3000", "4000"),
    ("产业集聚区标准化厂房项目", "续建", "30000.5", "1500.25", None, "10000"),
]


def _register(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["XX县2026年重点项目清单"])
    ws.append([None] * 6 + ["单位：万元"])
    ws.append(["序号", "项目名称", "建设性质", "总投资", None, None, "2026年计划投资"])
    ws.append([None, None, None, "合计", "其中：中央预算内", "其中：专项债券", None])
    for col in "ABCG":
        ws.merge_cells(f"{col}3:{col}4")
    ws.merge_cells("D3:F3")
    for n, (name, stage, total, central, bonds, plan) in enumerate(PROJECTS, start=1):
        ws.append([n, name, stage, float(total), float(central) if central else "—",
                   float(bonds) if bonds else None, float(plan)])
    wb.save(path)
    return path


def test_funding_columns_in_and_out(tmp_path: Path) -> None:
    url = f"sqlite:///{(tmp_path / 'office.sqlite3').as_posix()}"
    done = run(url, "import", "register", str(_register(tmp_path / "清单.xlsx")), "--yes")
    assert done.returncode == 0, done.stderr
    listed = run(url, "funds", "list", "--period", "2026-10")
    assert listed.returncode == 0, listed.stderr
    assert "中央预算内投资" in listed.stdout and "地方政府专项债券" in listed.stdout

    columns = ["序号", "项目名称", ("总投资", "合计"), ("总投资", "其中：中央资金"),
               ("总投资", "其中：专项债券"), "形象进度"]
    form = build(tmp_path / "市表.xlsx", columns, ["一、新开工项目（ 个）", "二、续建项目（ 个）"])
    out = tmp_path / "报送.xlsx"
    done = run(url, "export", "xlsx", "--period", "2026-10", "--template", str(form),
               "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "中央资金" not in done.stdout and "专项债券" not in done.stdout  # both filled
    ws = openpyxl.load_workbook(out, data_only=True)["进展情况"]
    rows = {row[1]: row for row in ws.iter_rows(min_row=5, values_only=True)
            if isinstance(row[1], str)}

    def amount(value: object) -> Decimal | None:
        return None if value in (None, "") else D(str(value)).quantize(D("0.01"))

    for name, _, total, central, bonds, _ in PROJECTS:
        assert [amount(v) for v in rows[name][2:5]] == [
            D(total), D(central) if central else None, D(bonds) if bonds else None], name
    new = next(k for k in rows if k.startswith("一、新开工项目"))
    assert [amount(v) for v in rows[new][2:5]] == [D("61000.00"), D("8000.00"),
                                                   D("15000.00")]
    assert [amount(v) for v in rows["合计"][2:5]] == [D("91000.50"), D("9500.25"),
                                                    D("15000.00")]
