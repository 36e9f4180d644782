"""The relational model of the portfolio.

Money columns are ``Numeric(16, 2)`` in 万元 and come back as :class:`decimal.Decimal`; dates are
:class:`datetime.date`. Nothing here is SQLite-specific: the same models run on PostgreSQL.

Long because: it is the schema, one declarative class per table whose relationships name each
other; kept whole it reads like the database it describes and is what Alembic's migrations are
checked against, while splitting it would only scatter one ``Base.metadata`` over modules that
import one another.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import ClassVar

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

Money = Numeric(16, 2)
Quantity = Numeric(18, 4)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def version_column() -> Mapped[int]:
    """The row's version, raised by every ORM update: an UPDATE carries ``WHERE version = the
    version read`` and a row changed meanwhile raises ``StaleDataError`` (optimistic
    concurrency, see :mod:`portfolio.concurrency`). Rows inserted outside the ORM start at 1."""
    return mapped_column(Integer, nullable=False, server_default=text("1"))


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    # Every class here maps a Table (SQLAlchemy types it as any FromClause).
    __table__: ClassVar[Table]


class Document(Base):
    """A published planning document that projects and targets are cited from."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    file: Mapped[str] = mapped_column(String(200), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    issuer: Mapped[str] = mapped_column(String(200), default="")
    number: Mapped[str] = mapped_column(String(100), default="")
    issued_on: Mapped[dt.date | None] = mapped_column(Date)
    period: Mapped[str] = mapped_column(String(100), default="")


class Unit(Base):
    """A responsible unit (责任单位)."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class Leader(Base):
    """A county leader in charge (责任领导 / 包联领导)."""

    __tablename__ = "leaders"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(200), default="")


project_levels = Table(
    "project_levels",
    Base.metadata,
    Column("project_id", ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
    Column("level", String(20), primary_key=True),
)


class Project(Base):
    __tablename__ = "projects"
    __table_args__ = (
        CheckConstraint("total_investment >= 0", name="total_investment_nonnegative"),
        Index("ix_projects_category_name", "category", "name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    #: 项目代码 (the national online approval platform's code); NULL when unknown, so that
    #: "unique" holds only among projects that have one
    project_code: Mapped[str | None] = mapped_column(String(50), unique=True, index=True)
    #: 'project' or 'programme' (a named programme that spans many sites)
    kind: Mapped[str] = mapped_column(String(20), default="project")
    #: 领域, e.g. 工业 / 社会事业
    category: Mapped[str] = mapped_column(String(50), default="", index=True)
    #: finer type, e.g. 学校 / 风电
    project_type: Mapped[str] = mapped_column(String(50), default="")
    #: 建设性质: 前期 / 新开工 / 续建 / 竣工 / 储备
    stage: Mapped[str] = mapped_column(String(20), default="前期", index=True)
    #: planned / under_way / done, as a planning document states it
    plan_status: Mapped[str] = mapped_column(String(20), default="planned")
    township: Mapped[str] = mapped_column(String(100), default="", index=True)
    location: Mapped[str] = mapped_column(String(300), default="")
    scale: Mapped[str] = mapped_column(Text, default="")
    planned_start: Mapped[dt.date | None] = mapped_column(Date)
    planned_finish: Mapped[dt.date | None] = mapped_column(Date)
    actual_start: Mapped[dt.date | None] = mapped_column(Date)
    actual_finish: Mapped[dt.date | None] = mapped_column(Date)
    total_investment: Mapped[Decimal | None] = mapped_column(Money)
    #: completed investment before the first monthly report held here (截至纳入时累计)
    prior_investment: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("units.id", ondelete="SET NULL"), index=True
    )
    leader_id: Mapped[int | None] = mapped_column(
        ForeignKey("leaders.id", ondelete="SET NULL"), index=True
    )
    contact_name: Mapped[str] = mapped_column(String(100), default="")
    contact_phone: Mapped[str] = mapped_column(String(50), default="")
    #: 三个一批: the 期 (campaign-wide number, see portfolio.campaign) of each list the
    #: project is on — 签约一批, 开工一批, 投产一批 — each its own
    signed_issue: Mapped[int | None] = mapped_column(Integer)
    started_issue: Mapped[int | None] = mapped_column(Integer)
    produced_issue: Mapped[int | None] = mapped_column(Integer)
    #: 签约日期: when the project's contract was signed (三个一批's 签约一批 reads it)
    signed_on: Mapped[dt.date | None] = mapped_column(Date)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("projects.id", ondelete="SET NULL"), index=True
    )
    notes: Mapped[str] = mapped_column(Text, default="")
    #: lower-case name, pinyin initials and full pinyin, for instant search
    search_key: Mapped[str] = mapped_column(Text, default="")
    #: where the record came from: 'user', 'catalog' or 'demo'
    origin: Mapped[str] = mapped_column(String(20), default="user")
    #: stable key of the catalogue entry (document file + name), for idempotent loading
    catalog_key: Mapped[str | None] = mapped_column(String(400), unique=True)
    #: fingerprint of the catalogue fields as last loaded; differs when the file changed
    catalog_hash: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime, server_default=func.now(), onupdate=func.now()
    )
    version: Mapped[int] = version_column()
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012  (read once by the mapper)

    unit: Mapped[Unit | None] = relationship(lazy="joined")
    leader: Mapped[Leader | None] = relationship(lazy="joined")
    parent: Mapped[Project | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Project]] = relationship(back_populates="parent")
    quantities: Mapped[list[ProjectQuantity]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="ProjectQuantity.id"
    )
    funding: Mapped[list[FundingSource]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="FundingSource.id"
    )
    citations: Mapped[list[Citation]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="Citation.id"
    )
    level_rows = relationship(
        "ProjectLevel", cascade="all, delete-orphan", order_by="ProjectLevel.level"
    )

    @property
    def levels(self) -> list[str]:
        return [row.level for row in self.level_rows]


class ProjectLevel(Base):
    """One 级别 (省重点 / 市重点 / 县重点) that a project carries."""

    __table__ = project_levels
    project_id: Mapped[int]
    level: Mapped[str]


class ProjectQuantity(Base):
    """A physical quantity of a project: 50 万千瓦, 3000 学位, 12.5 公里 …"""

    __tablename__ = "project_quantities"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    value: Mapped[Decimal] = mapped_column(Quantity)
    unit: Mapped[str] = mapped_column(String(20))
    project: Mapped[Project] = relationship(back_populates="quantities")


class FundingSource(Base):
    """Where part of a project's money comes from (中央预算内, 专项债, 企业自筹 …)."""

    __tablename__ = "funding_sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    source: Mapped[str] = mapped_column(String(100))
    amount: Mapped[Decimal | None] = mapped_column(Money)
    project: Mapped[Project] = relationship(back_populates="funding")


class Citation(Base):
    """Where a project is named in a planning document: line and exact words."""

    __tablename__ = "citations"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    line: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    project: Mapped[Project] = relationship(back_populates="citations")
    document: Mapped[Document] = relationship(lazy="joined")


class AnnualPlan(Base):
    """A project's plan for one year."""

    __tablename__ = "annual_plans"
    __table_args__ = (
        UniqueConstraint("project_id", "year"),
        CheckConstraint("planned_investment >= 0", name="planned_investment_nonnegative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int] = mapped_column(Integer, index=True)
    planned_investment: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    planned_start_month: Mapped[int | None] = mapped_column(Integer)
    planned_finish_month: Mapped[int | None] = mapped_column(Integer)
    #: 'even', 'typical' or 'custom' (then the months below hold the amounts)
    distribution: Mapped[str] = mapped_column(String(10), default="even")
    #: 年度建设目标, the sentence of the annual plan table ("完成主体结构封顶")
    goal: Mapped[str] = mapped_column(Text, default="", server_default="")
    months: Mapped[list[PlanMonth]] = relationship(
        cascade="all, delete-orphan", order_by="PlanMonth.month"
    )
    version: Mapped[int] = version_column()
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012  (read once by the mapper)


class PlanMonth(Base):
    """A planned amount for one month, when a plan's distribution is custom."""

    __tablename__ = "plan_months"
    __table_args__ = (UniqueConstraint("plan_id", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("annual_plans.id", ondelete="CASCADE"))
    month: Mapped[int] = mapped_column(Integer)
    amount: Mapped[Decimal] = mapped_column(Money)


class MonthlyReport(Base):
    """What a project did in one month (月调度)."""

    __tablename__ = "monthly_reports"
    __table_args__ = (
        UniqueConstraint("project_id", "year", "month"),
        # covers the period sums of every roll-up, so they never touch the table itself
        Index("ix_monthly_reports_period_totals", "year", "month", "project_id", "investment"),
        # covers a project's history sums (截至上年底, a page of the Gantt, the month grid)
        Index("ix_monthly_reports_project_totals", "project_id", "year", "month", "investment"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    #: 本月完成投资 (万元)
    investment: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    progress: Mapped[str] = mapped_column(Text, default="")
    problems: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")
    started: Mapped[bool] = mapped_column(Boolean, default=False)
    started_on: Mapped[dt.date | None] = mapped_column(Date)
    version: Mapped[int] = version_column()
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012  (read once by the mapper)


class PeriodLock(Base):
    """A month that has been submitted (locked); reopening deletes the lock."""

    __tablename__ = "period_locks"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[int] = mapped_column(Integer, primary_key=True)
    locked_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    locked_by: Mapped[str] = mapped_column(String(100), default="")


class PeriodNote(Base):
    """Per-period text the user types for reports, e.g. 四、下步工作 of the briefing."""

    __tablename__ = "period_notes"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="")



target_projects = Table(
    "target_projects",
    Base.metadata,
    Column("target_id", ForeignKey("targets.id", ondelete="CASCADE"), primary_key=True),
    Column("project_id", ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
)


class Target(Base):
    """A quantified plan target, e.g. 新增集中式风电50万千瓦 by 2025."""

    __tablename__ = "targets"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(String(500))
    quantity: Mapped[Decimal | None] = mapped_column(Quantity)
    unit: Mapped[str] = mapped_column(String(20), default="")
    deadline_year: Mapped[int | None] = mapped_column(Integer)
    line: Mapped[int | None] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text, default="")
    catalog_key: Mapped[str | None] = mapped_column(String(600), unique=True)
    document: Mapped[Document | None] = relationship(lazy="joined")
    projects: Mapped[list[Project]] = relationship(secondary=target_projects)


class ApprovalStep(Base):
    """One step of a project's 前期手续 (an approval, with its 批准文号) or a milestone."""

    __tablename__ = "approval_steps"
    __table_args__ = (
        UniqueConstraint("project_id", "name"),
        CheckConstraint("kind IN ('approval', 'milestone')", name="kind_valid"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    #: 'approval' (前期手续) or 'milestone' (开工仪式, 主体封顶 …)
    kind: Mapped[str] = mapped_column(String(20), default="approval")
    name: Mapped[str] = mapped_column(String(100))
    #: order within the project's list (the first unfinished one is where it is stuck)
    position: Mapped[int] = mapped_column(Integer, default=0)
    planned_on: Mapped[dt.date | None] = mapped_column(Date)
    actual_on: Mapped[dt.date | None] = mapped_column(Date)
    #: 批准文号
    document_number: Mapped[str] = mapped_column(String(100), default="")
    #: 审批机关
    issuing_office: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class FundsReceived(Base):
    """Money actually received (资金到位) by a project in one month from one source."""

    __tablename__ = "funds_received"
    __table_args__ = (
        UniqueConstraint("project_id", "year", "month", "source"),
        CheckConstraint("amount >= 0", name="amount_nonnegative"),
        # covers the period roll-ups (by source, this year and to date)
        Index("ix_funds_received_period", "year", "month", "source", "project_id", "amount"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    #: one of portfolio.funds.SOURCES (中央预算内投资, 地方政府专项债券 …)
    source: Mapped[str] = mapped_column(String(20))
    amount: Mapped[Decimal] = mapped_column(Money)


class Setting(Base):
    """A setting shared by everyone using this database (e.g. warning thresholds)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class AuditEntry(Base):
    """One changed field: who, when, which record, old → new."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_record", "table_name", "record_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    user: Mapped[str] = mapped_column(String(100))
    #: insert / update / delete / lock / reopen
    action: Mapped[str] = mapped_column(String(20))
    table_name: Mapped[str] = mapped_column(String(50))
    record_id: Mapped[str] = mapped_column(String(100))
    #: the project a change belongs to, for a project's history
    project_id: Mapped[int | None] = mapped_column(Integer, index=True)
    field: Mapped[str] = mapped_column(String(50), default="")
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)


class Problem(Base):
    """A problem holding a project back (问题台账), chased until it is closed (督办): 协调单位
    ``unit``, 责任人 ``person``, 办结时限 ``deadline``, 解决情况 ``resolution``. ``kind`` and
    ``state`` are checked by :mod:`portfolio.problems`, so a new 类别 needs no migration."""

    __tablename__ = "problems"
    __table_args__ = (
        CheckConstraint("raised_month BETWEEN 1 AND 12", name="raised_month_range"),
        # the open problems past a date: the overdue rule and the 问题台账 filter
        Index("ix_problems_state_deadline", "state", "deadline"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    #: the month the problem was raised in (提出时间)
    raised_year: Mapped[int] = mapped_column(Integer)
    raised_month: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text)
    #: 类别: 用地 / 资金 / 手续审批 / 征地拆迁 / 水电气配套 / 环保 / 施工组织 / 其他
    kind: Mapped[str] = mapped_column(String(20), default="其他")
    unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("units.id", ondelete="SET NULL"), index=True
    )
    person: Mapped[str] = mapped_column(String(100), default="")
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    #: 待解决 / 解决中 / 已解决 / 无法解决
    state: Mapped[str] = mapped_column(String(20), default="待解决")
    resolution: Mapped[str] = mapped_column(Text, default="")
    resolved_on: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime, server_default=func.now(), onupdate=func.now()
    )

    unit: Mapped[Unit | None] = relationship(lazy="joined")


# The 填报/催报 tables and the photos live in their own modules; imported here so that
# Base.metadata (the migrations' reference) always holds them.
from db import collection_tables, photo_tables  # noqa: E402, F401
