"""The shape of a catalogue file's entries (``resources/catalog/SCHEMA.md``), checked by pydantic.

The catalogue is edited by hand, so a mistake must be reported the way a reviewer can fix it:
every failure becomes one :class:`CatalogError` whose Chinese message names the file, the entry
(by name once it has one, by position before) and the field. When an entry has several
faults, a missing field is reported before a wrong one, as a reviewer fills in before fixing.

The pydantic models stay in this module: :func:`project`, :func:`target` and
:func:`document_header` return the plain records of :mod:`.entries`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails

from portfolio.catalog.entries import (
    CatalogCitation,
    CatalogError,
    CatalogProject,
    CatalogTarget,
)
from portfolio.vocabulary import CATEGORIES, KINDS, PLAN_STATUSES, PROJECT_TYPES


def _number(value: Any) -> Decimal:
    """A finite Decimal from what YAML gave (int, float, text), exactly as written."""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise ValueError(f"“{value}”不是数字")
    return number


def _year(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValueError(f"“{value}”不是年份") from None


def _line(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValueError(f"“{value}”不是行号") from None


def _issued(value: Any) -> dt.date | None:
    """The document date: YAML reads ``2021-05-01`` as a date, a quoted one as text."""
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"日期“{value}”格式错误") from None
    return value if isinstance(value, dt.date) else None


#: Text as the reviewer wrote it; YAML turns 2021 or yes into numbers and booleans.
Text = Annotated[str, BeforeValidator(str)]
Number = Annotated[Decimal, PlainValidator(_number)]
#: a number that may be left out (a null is dropped before validation, so never validated)
OptionalNumber = Annotated[Decimal | None, PlainValidator(_number)]
Year = Annotated[int | None, PlainValidator(_year)]
Line = Annotated[int, PlainValidator(_line)]


class _Entry(BaseModel):
    """A mapping of a catalogue file; a key written as null counts as left out."""

    model_config = ConfigDict(frozen=True, extra="ignore", populate_by_name=True)

    @model_validator(mode="before")
    @classmethod
    def _drop_nulls(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {key: value for key, value in data.items() if value is not None}
        return data


class _Quantity(BaseModel):
    # a quantity without a value is reported as “None”不是数字, as the reviewers know it
    value: Number = Field(default=None, validate_default=True)
    unit: Text = ""


class _Citation(_Entry):
    line: Line
    quote: Text


class _Project(_Entry):
    # the order of the fields is the order in which faults are reported
    name: Text
    kind: Text
    category: Text
    project_type: Text = Field(alias="type")
    status: Text
    quantities: list[_Quantity] = []
    line: Line
    quote: Text
    also_cited: list[_Citation] = []
    start_year: Year = None
    end_year: Year = None
    location: Text = ""
    investment: OptionalNumber = None
    investment_text: Text = ""

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        if value not in KINDS:
            raise ValueError(f"kind 应为 {'/'.join(KINDS)}")
        return value

    @field_validator("category")
    @classmethod
    def _known_category(cls, value: str) -> str:
        if value not in CATEGORIES:
            raise ValueError(f"领域“{value}”应为 {'、'.join(CATEGORIES)}")
        return value

    @field_validator("project_type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in PROJECT_TYPES:
            raise ValueError(f"类型“{value}”不在类型表中")
        return value

    @field_validator("status")
    @classmethod
    def _known_status(cls, value: str) -> str:
        if value not in PLAN_STATUSES:
            raise ValueError(f"status 应为 {'/'.join(PLAN_STATUSES)}")
        return value

    @model_validator(mode="after")
    def _years_in_order(self) -> _Project:
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValueError("end_year 早于 start_year")
        return self


class _Target(_Entry):
    text: Text
    quantity: OptionalNumber = None
    unit: Text = ""
    deadline: Year = None
    line: Line
    quote: Text
    projects: list[Text] = []


class DocumentHeader(_Entry):
    """The ``document`` part of a catalogue file."""

    file: Text
    title: Text
    issuer: Text = ""
    number: Text = ""
    date: Annotated[dt.date | None, PlainValidator(_issued)] = None
    period: Text = ""


#: how a message names the field a fault is in, when it is not the entry itself
_FIELD_LABELS = {"investment": " 的投资", "quantities": " 的数量", "quantity": " 的数量"}


def _message(where: str, error: ErrorDetails) -> str:
    loc = error["loc"]
    field = str(loc[0]) if loc else ""
    if error["type"] == "missing":
        return f"{where}：缺少 {loc[-1]}"
    if error["type"] == "value_error":
        reason = str(error.get("ctx", {}).get("error", error["msg"]))
    else:
        reason = f"{field} 格式错误"
    return f"{where}{_FIELD_LABELS.get(field, '')}：{reason}"


_Model = TypeVar("_Model", bound=BaseModel)


def _validate(model: type[_Model], data: Any, where: str) -> _Model:
    """``data`` as ``model``, or a CatalogError naming the first fault."""
    if not isinstance(data, dict):
        raise CatalogError(f"{where}：格式错误")
    try:
        return model.model_validate(data)
    except ValidationError as error:
        faults = sorted(error.errors(), key=lambda e: e["type"] != "missing")
        raise CatalogError(_message(where, faults[0])) from None


def project(file: str, index: int, data: Any) -> CatalogProject:
    """Project entry ``index`` (from 0) of ``file``."""
    where = f"{file} 第{index + 1}个项目"
    if isinstance(data, dict) and data.get("name") is not None:
        where = f"{file} 项目“{str(data['name']).strip()}”"
    entry = _validate(_Project, data, where)
    citations = [CatalogCitation(entry.line, entry.quote)]
    citations += [CatalogCitation(extra.line, extra.quote) for extra in entry.also_cited]
    return CatalogProject(
        file=file,
        name=entry.name.strip(),
        kind=entry.kind,
        category=entry.category,
        project_type=entry.project_type,
        location=entry.location.strip(),
        status=entry.status,
        investment=entry.investment,
        investment_text=entry.investment_text,
        quantities=tuple((q.value, q.unit) for q in entry.quantities),
        start_year=entry.start_year,
        end_year=entry.end_year,
        citations=tuple(citations),
    )


def target(file: str, index: int, data: Any) -> CatalogTarget:
    """Target entry ``index`` (from 0) of ``file``."""
    entry = _validate(_Target, data, f"{file} 第{index + 1}个目标")
    return CatalogTarget(
        file=file,
        text=entry.text,
        quantity=entry.quantity,
        unit=entry.unit,
        deadline=entry.deadline,
        line=entry.line,
        quote=entry.quote,
        projects=tuple(entry.projects),
    )


def document_header(data: dict[str, Any], file_name: str) -> DocumentHeader:
    """The header of the catalogue file ``file_name``; faults name its ``file`` when it has one."""
    where = file_name if data.get("file") is None else str(data["file"])
    return _validate(DocumentHeader, data, where)
