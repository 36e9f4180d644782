"""导入规划文件: propose the named projects of a new planning document for review.

The user picks a file (text in UTF-8 or GB18030, .docx, text PDF); the extractor
(:mod:`portfolio.extract`) proposes candidates; each candidate is accepted, edited (name, 领域,
类型, 类别, 总投资, 乡镇) or rejected in the review list, where the quoted sentence is shown
highlighted in its paragraph. Nothing enters the register until 导入 creates the accepted ones
— in one transaction, as one undoable step (撤销 deletes them again).

- :mod:`ui.extract.model`: the candidates under review and the user's decisions;
- :mod:`ui.extract.delegate`: the drop-downs of the fixed-choice columns;
- :mod:`ui.extract.command`: the undoable import;
- :mod:`ui.extract.dialog`: the dialog; open it with :func:`~ui.extract.dialog.open_import_dialog`
  (the main window's 文件 menu).
"""
