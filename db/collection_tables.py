"""The tables of 填报 and 催报 (:mod:`portfolio.collection`): which projects went out on
which unit's or township's 填报表 for a month, and the forms that came back."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.models import Base


class FormSent(Base):
    """A project sent to a 责任单位 or 乡镇 on its 填报表 for a month (:mod:`portfolio.collection`).
    ``by`` is 'unit' or 'township'; ``holder`` is the unit's or township's name."""

    __tablename__ = "form_sent"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[int] = mapped_column(Integer, primary_key=True)
    by: Mapped[str] = mapped_column(String(20), primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    sent_at: Mapped[dt.datetime] = mapped_column(DateTime)


class FormReturn(Base):
    """A returned 填报表 applied by an import: whose, when, how many of its projects filled."""

    __tablename__ = "form_returns"
    __table_args__ = (Index("ix_form_returns_period", "year", "month", "by", "holder"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    by: Mapped[str] = mapped_column(String(20))
    holder: Mapped[str] = mapped_column(String(200))
    returned_at: Mapped[dt.datetime] = mapped_column(DateTime)
    filled: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)
    file: Mapped[str] = mapped_column(String(300), default="")


__all__ = ["FormReturn", "FormSent"]
