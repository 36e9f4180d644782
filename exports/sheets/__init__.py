"""Reading an office's own spreadsheet: the one reader behind every import of a 清单, a
年度投资计划表 or a township's 调度表.

Nothing here touches the database or Qt. The layers, each usable alone:

- :mod:`exports.sheets.grid` — a file (.xlsx, .xlsm, .xls, .ods, .csv) to a :class:`SheetGrid`
  of cell values with its merged ranges and hidden rows and columns;
- :mod:`exports.sheets.headers` — the header block found and each column recognised by meaning
  (a :class:`HeaderMap`), with money units and the period the sheet reports;
- :mod:`exports.sheets.rows` — data rows sorted into projects (with their group path and 其中
  parts) and rows that are skipped (groups, totals, notes, spacers);
- :mod:`exports.sheets.values` — one cell's text to money in 万元, years, dates, levels, leaders;
- :mod:`exports.sheets.table` — all of the above in one call, :func:`read_table`.
- :mod:`exports.sheets.mapping` — a user's ``--mapping`` JSON (header text → field key or
  ``ignore``), tried before the automatic recognition by every import.

Every message meant for the user is Chinese and names the file, sheet, row and column.
"""
