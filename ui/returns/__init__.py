"""填报 and 催报 in the window: generating the month's 填报表 (:mod:`.forms_dialog`, run on
the report worker) and the 填报情况 dialog (:mod:`.view`, over :mod:`.model`)."""

from ui.returns.actions import install_form_actions

__all__ = ["install_form_actions"]
