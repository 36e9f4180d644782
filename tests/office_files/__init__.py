"""A county office's own files, built in code: the layouts Henan offices keep their
重点项目清单, 年度投资计划表 and township returns in (see :mod:`tests.office_files.layouts`),
with the figures each file states (:class:`~tests.office_files.projects.Expected`), for the
end-to-end test that imports them through the command line.
"""
