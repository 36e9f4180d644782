"""文件 → 导入项目清单: an office's own 重点项目清单 or 年度投资计划表 into the register.

- :mod:`~ui.register_import.flow` — the steps: the file, the sheet, reading and applying in
  the background (:class:`ui.reports.worker.JobRunner`), the status bar message;
- :mod:`~ui.register_import.dialog` — the preview: counts, then tabs of new and changed
  projects, skipped rows, what is created, errors, hints and the column recognition;
- :mod:`~ui.register_import.mapping` — 列对应: which field each column of the file is, saved
  and reused as named profiles (the same files as the command line's ``--mapping``);
- :mod:`~ui.register_import.models` — the tables of both dialogs.

Reading and comparing are :mod:`exports.register_source` and :mod:`portfolio.register_import`,
exactly as for ``portfolio import register``: the window adds no rule of its own.
"""
