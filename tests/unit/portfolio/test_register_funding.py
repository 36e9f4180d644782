"""A register's 资金来源 columns (总投资 over 其中：中央预算内 / 其中：专项债券): imported as each
project's 资金来源 under the sources 资金到位 counts by; a re-import changes only the sources the
line gives an amount for: a blank cell, or a hand-typed source, stays."""

from __future__ import annotations

from decimal import Decimal

from portfolio import funds, projects, register_import
from portfolio.register_import.changes import CHANGED, UNCHANGED
from portfolio.register_import.fields import FUNDING_COLUMNS, value_text
from portfolio.register_import.records import RegisterSource, SourceColumn, SourceRow

D = Decimal
COLUMNS = [SourceColumn(t, k) for t, k in (
    ("项目名称", "name"), ("总投资 / 合计", "total_investment"),
    ("总投资 / 其中：中央预算内", "investment_central"),
    ("总投资 / 其中：专项债券", "investment_bonds"))]


def _source(*rows: SourceRow, columns: list[SourceColumn] = COLUMNS) -> RegisterSource:
    return RegisterSource("清单.xlsx", "Sheet1", ("Sheet1",), columns, list(rows))


def _preview(db, source: RegisterSource) -> register_import.RegisterPreview:
    with db.session() as session:
        return register_import.preview(session, source, year=2026)


def test_the_sources_are_those_funds_counts_by() -> None:
    assert set(FUNDING_COLUMNS.values()) <= set(funds.SOURCES)


def test_funding_columns_import_and_reimport(db) -> None:
    hospital = SourceRow(3, {"name": "县人民医院新院区", "total_investment": D("50000"),
                             "investment_central": D("8000"), "investment_bonds": D("12000")})
    school = SourceRow(4, {"name": "县第一实验小学", "total_investment": D("9000")})
    first = _preview(db, _source(hospital, school))
    assert not first.errors
    assert first.rows[0].changes["funding"] == [("中央预算内投资", D("8000.00")),
                                                ("地方政府专项债券", D("12000.00"))]
    assert "funding" not in first.rows[1].changes  # blank cells say nothing
    register_import.apply(db, first)
    with db.session() as session:
        first_id = projects.filtered_ids(session)[0]
        assert projects.load(session, first_id).funding == [
            ("中央预算内投资", D("8000.00")), ("地方政府专项债券", D("12000.00"))]

    again = _preview(db, _source(hospital, school))
    assert [r.status for r in again.rows] == [UNCHANGED] * 2

    with db.transaction() as session:  # the office types a source the file has no column for
        data = projects.load(session, first_id)
        data.funding = [("省级专项资金", D("500")), *data.funding]
        projects.update(session, first_id, data)
    corrected = SourceRow(3, {**hospital.values, "investment_central": D("9000"),
                              "investment_bonds": None})
    changed = _preview(db, _source(corrected, school))
    row = changed.rows[0]
    assert row.status == CHANGED
    assert row.changes["funding"] == [("省级专项资金", D("500.00")),
                                      ("地方政府专项债券", D("12000.00")),
                                      ("中央预算内投资", D("9000.00"))]
    assert [(d.key, value_text(d.new)) for d in row.diffs] == [
        ("funding", "省级专项资金 500.00、地方政府专项债券 12000.00、中央预算内投资 9000.00")]

    # a file without funding columns leaves every project's 资金来源 alone
    plain = [c for c in COLUMNS if not c.key.startswith("investment_")]
    untouched = _preview(db, _source(SourceRow(3, {"name": "县人民医院新院区",
                                                   "total_investment": D("50000")}),
                                     columns=plain))
    assert untouched.rows[0].status == UNCHANGED
