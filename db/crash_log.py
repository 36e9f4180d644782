"""Where unexpected errors go: a rotating log file in the data folder, never the screen.

The command line and the window show one Chinese sentence naming this file; the traceback
is written here for whoever supports the office.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path
from types import TracebackType

#: Overrides the folder of the log file (by default the data folder).
LOG_DIR_ENV = "PORTFOLIO_LOG_DIR"
FILE_NAME = "portfolio.log"
MAX_BYTES, BACKUP_COUNT = 1_000_000, 5

_LOGGER = "xiangmuku.crash"


def log_path() -> Path:
    override = os.environ.get(LOG_DIR_ENV)
    if override:
        return Path(override) / FILE_NAME
    from db.session import data_dir

    return data_dir() / FILE_NAME


def _logger(path: Path) -> logging.Logger:
    logger = logging.getLogger(_LOGGER)
    logger.propagate = False
    if not any(getattr(h, "baseFilename", None) == str(path.resolve()) for h in logger.handlers):
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
            handler.close()
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return logger


def record(error: BaseException, context: str = "",
           traceback: TracebackType | None = None) -> Path | None:
    """Write ``error`` and its traceback to the log; the log's path, or None when even the
    log cannot be written (a full disk, a read-only folder)."""
    path = log_path()
    try:
        _logger(path).error("%s", context or "unexpected error",
                            exc_info=(type(error), error, traceback or error.__traceback__))
    except OSError:
        return None
    return path


def internal_error_message(error: BaseException, path: Path | None) -> str:
    """The one sentence a user sees for an error we did not foresee."""
    what = str(error) or type(error).__name__
    where = f"，详情已写入日志 {path}" if path else "（日志文件也无法写入）"
    return f"程序内部错误：{what}{where}"
