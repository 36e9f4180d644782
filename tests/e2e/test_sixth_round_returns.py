"""A sixth round of monthly returns (:mod:`tests.office_files.sixth_round_returns`), run
through the command line as a county office would: ``--dry-run``, then for real; ``status``
then holds exactly what the files state, and the preview says how each was read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.cli_helpers import assert_figures, import_register, run
from tests.office_files import sixth_round_returns as six
from tests.office_files.projects import BASE, D, Expected

pytestmark = pytest.mark.slow


def _imported(db_url: str, path: Path, *extra: str) -> str:
    """``import xlsx PATH --dry-run`` then for real, both without an error; the preview."""
    dry = run(db_url, "import", "xlsx", str(path), "--dry-run", *extra)
    assert dry.returncode == 0, dry.stdout + dry.stderr
    done = run(db_url, "import", "xlsx", str(path), *extra)
    assert done.returncode == 0, done.stdout + done.stderr
    return dry.stdout


@pytest.mark.parametrize("march_first", [True, False])
def test_rows_giving_the_month_without_the_year_to_date(tmp_path: Path, db_url: str,
                                                        march_first: bool) -> None:
    """Rows that give 本月 but leave 1—4月 blank: 1—4月 is March's stored 1—3月 plus 本月,
    and the preview names each such row with what it did (was: silently 本月 alone); with
    nothing stored before, 本月 alone, and the hint asks for the row's 1—4月."""
    register = six.register(tmp_path)
    import_register(db_url, register.path)
    if march_first:
        _imported(db_url, six.march_return(tmp_path))
    file = six.ytd_left_blank(tmp_path)
    preview = _imported(db_url, file.path)
    for i in six.BLANK_YTD:
        p = BASE[i]
        where = f"第{i + 3}行D列（1—N月完成投资）：“{p.name}”未填1—4月累计："
        said = (f"按此前各月已计入的{six.march(p):.2f}万元加4月完成投资{six.april(p):.2f}万元，"
                f"1—4月计为{p.ytd:.2f}万元" if march_first else
                f"此前各月没有已计入的完成投资，1—4月只计4月完成投资{six.april(p):.2f}万元；"
                "如1—3月另有完成投资，请补填该行的1—4月累计后重新导入")
        assert where + said in preview, preview
    want = file.expected
    if not march_first:
        lost = sum((six.march(BASE[i]) for i in six.BLANK_YTD), D(0))
        want = Expected(want.project_count, D(0), D(0), want.ytd - lost, month=want.month)
    assert_figures(db_url, want, plan_of=register.expected)


@pytest.mark.parametrize("header", ["累计完成投资（万元）", "累计完成（万元）"])
def test_a_bare_cumulative_beside_the_month_is_named(tmp_path: Path, db_url: str,
                                                     header: str) -> None:
    """累计完成 beside 本月 alone may count since the start or since January: only 本月 is
    imported, and the preview names the column with why and how to map it (was: left out
    without a word)."""
    register = six.register(tmp_path)
    import_register(db_url, register.path)
    file = six.bare_cumulative(tmp_path, header)
    preview = _imported(db_url, file.path)
    assert (f"“{header}”列未导入：看不出是开工以来还是今年以来的累计；不能当作1—4月的累计，"
            "只导入了本月完成投资；如为今年以来（1—N月）累计，请用 --mapping 把该列指定为 "
            "ytd_investment（1—N月完成投资）") in preview, preview
    assert_figures(db_url, file.expected, plan_of=register.expected)
