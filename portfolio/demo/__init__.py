"""A plausible synthetic county portfolio, so that a newcomer sees every page populated and the
benchmarks have something realistic to chew on (``generate``).

What it makes, for the ``years`` years ending with ``today``'s year:

- units (县直部门、乡镇政府), leaders with titles, projects in the six 领域 with Chinese names by
  type, townships and sites, levels, 三个一批 tags, funding sources, physical quantities, and a
  few packaged projects (打包项目) whose parts belong to different units (``register_rows``,
  names and texts from ``naming``);
- an annual plan for every year a project is active, set from what was left to do at the start
  of that year (``annual_plans``);
- monthly reports (本月完成投资, 形象进度, 存在问题, 下步计划, 开工) for every month up to and
  **including the month before** ``today``: that month is the one being reported (月调度 is
  collected in the first days of the next month), and it is what the window opens on; the
  current month is left empty for the user to try entering. Every month before it is locked
  (submitted), the last one is open (``month_reports``);
- realistic lags: late starts, projects that never started, slow projects, idle spells, and
  projects running past their planned finish, so every warning rule fires for a few projects
  (``lifecycle``);
- 签约日期 before the starts, spread over the quarters for 三个一批's 签约一批 (``signing``);
- a 问题台账 made from the reports' 存在问题, raised and settled over months, some late
  (``problem_log``), and 前期手续 done on time, late and overdue, milestones and 资金到位 per
  source (``steps_and_funds``, ``receipts``), each from its own random stream;
- with ``photos=True`` (``portfolio demo --photos``), two to four drawn site photos per
  started project (``site_photos``; seconds, so off by default).

Everything is written in one transaction by ``generator``.
"""

from portfolio.demo.generator import DemoError, generate

__all__ = ["DemoError", "generate"]
