"""Excel workbooks: the monthly report written from a template (:mod:`.report`).

The names callers use are re-exported here: :func:`write_report`, :data:`PERIOD_PROPERTY`
(the document property naming a report's period, which the import reads back) and
:func:`safe_text`.
"""

from exports.xlsx.cells import safe_text
from exports.xlsx.report import PERIOD_PROPERTY, WrittenReport, write_report

__all__ = ["PERIOD_PROPERTY", "WrittenReport", "safe_text", "write_report"]
