"""填报表: one workbook per 责任单位 or 乡镇 holding only its projects, to fill in and send back.

:mod:`.layout` is the form's columns, stamp and keys (shared by both directions);
:mod:`.writer` writes the forms; :mod:`.returned` recognises a returned form when
:mod:`exports.xlsx_import` reads it, and checks its keys.
"""

from exports.forms.layout import FORM_MARK, FormStamp
from exports.forms.writer import WrittenForms, form_file_name, write_forms

__all__ = ["FORM_MARK", "FormStamp", "WrittenForms", "form_file_name", "write_forms"]
