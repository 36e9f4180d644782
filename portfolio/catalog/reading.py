"""Reading the catalogue files: YAML in, :class:`~.entries.CatalogDocument` records out.

Reading never touches the database. The shipped files are parsed once per process
(:func:`shipped_catalog`, about a second); :func:`read_catalog` reads a folder afresh. Each
entry is checked by :mod:`.schema`; this module adds the checks that span a file (no two
projects of the same name, targets name only projects of their own document) and the folder's
order (by file name, which is the seed file's stem).
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

import resources
from portfolio.catalog import schema
from portfolio.catalog.entries import CatalogDocument, CatalogError


def catalog_folder() -> Path:
    return resources.path("catalog")


def catalog_files(folder: Path | None = None) -> list[Path]:
    return sorted((folder or catalog_folder()).glob("*.yaml"))


def read_file(path: Path) -> CatalogDocument:
    """One catalogue file, checked for the shape ``SCHEMA.md`` describes."""
    # the C loader reads the 1,251 entries several times faster, when PyYAML was built with it
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        with path.open(encoding="utf-8") as stream:
            data = yaml.load(stream, Loader=loader)
    except (OSError, yaml.YAMLError) as error:
        raise CatalogError(f"无法读取目录文件 {path.name}：{error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("document"), dict):
        raise CatalogError(f"目录文件 {path.name} 缺少 document 部分")
    header = schema.document_header(data["document"], path.name)
    file = header.file
    projects = tuple(
        schema.project(file, i, entry) for i, entry in enumerate(data.get("projects") or [])
    )
    seen: set[str] = set()
    for project in projects:
        if project.name in seen:
            raise CatalogError(f"{file}：项目名称重复“{project.name}”")
        seen.add(project.name)
    targets = tuple(
        schema.target(file, i, entry) for i, entry in enumerate(data.get("targets") or [])
    )
    for target in targets:
        missing = [n for n in target.projects if n not in seen]
        if missing:
            names = "、".join(missing)
            raise CatalogError(f"{file} 目标“{target.text}”引用了不存在的项目：{names}")
    return CatalogDocument(
        file=file,
        title=header.title,
        issuer=header.issuer,
        number=header.number,
        issued_on=header.date,
        period=header.period,
        projects=projects,
        targets=targets,
    )


def read_catalog(folder: Path | None = None) -> list[CatalogDocument]:
    """Every catalogue file, in file order."""
    return [read_file(path) for path in catalog_files(folder)]


@functools.cache
def shipped_catalog() -> tuple[CatalogDocument, ...]:
    """The shipped catalogue files, read once per process (the records are immutable)."""
    return tuple(read_catalog())
