"""The one rule that ties a line of someone else's table to a project: every spreadsheet
import, every paste into the entry grid and every schedule read back goes through it, so a
line that matches in one place matches in all of them.

The rule, in order:

1. A stated 项目代码 (the national investment-project code) that a project holds decides,
   whatever the line's name: a township that renamed a project but kept its code still
   reports on it (a corrected name is then a change of name). When the line also states a
   编号 of another project, it is reported (编号与项目代码不符), never matched. A code that no
   project holds falls through to the 编号 and the name.
2. A stated 编号 (the project's id) decides. It must exist, and when the line also gives a
   name, the two names must agree once normalised; otherwise the line is reported (编号不存在,
   名称不符) and never matched by its name instead.
3. The normalised name: exactly one project of that name matches; several are reported as
   ambiguous, with the candidates; none as unknown. When the line states a code and the
   project of that name holds a different one, the line is reported (代码不符), never matched.

Nothing is guessed: no similarity, no prefix, no "closest" name. A line that matches nothing
may be told of the one project whose name is its own but for a place in front ("谷营镇…",
"（东坝头镇）…", "兰考县…": :meth:`ProjectMatcher.near`), or of the one project whose name
holds its name or is held in it ("第三高级中学" for "兰考县第三高级中学", "…新区项目" for
"…新区": :meth:`ProjectMatcher.shortened`), so that the user can correct it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Project
from portfolio.dashes import DASHES, unify_dashes
from portfolio.projects import normalise_code

#: Whitespace (line breaks included) and the invisible characters Excel and WPS carry along.
_BLANK = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")
#: Brackets of every shape, after NFKC (which has already made （［｛ half-width).
_BRACKETS = str.maketrans({"[": "(", "]": ")", "{": "(", "}": ")", "【": "(", "】": ")",
                           "〔": "(", "〕": ")", "〖": "(", "〗": ")", "﹙": "(", "﹚": ")"})

#: How a line matched.
BY_ID = "id"
BY_NAME = "name"
BY_CODE = "code"
#: Why a line did not.
UNKNOWN_ID = "unknown_id"
NAME_DIFFERS = "name_differs"
UNKNOWN_NAME = "unknown_name"
AMBIGUOUS = "ambiguous"
NO_NAME = "no_name"
CODE_DIFFERS = "code_differs"
ID_CODE_DIFFER = "id_code_differ"
#: the line's 项目代码 is held by several projects (a clash an older database kept, see
#: :mod:`portfolio.projects.code_clashes`) and neither its 编号 nor its name picks one
SHARED_CODE = "shared_code"


#: A place a township's return writes before a project's name: "谷营镇", "(东坝头镇)", "城关镇:"
_PLACE = re.compile(r"^\(?[\u4e00-\u9fff]{1,8}?(?:县|镇|乡|街道|办事处)\)?[:：-]?")

#: Marks offices put before a name to flag it (★ 省重点, ※ 新增, * 调整): not part of the name.
_MARKS = re.compile(r"^[\s★☆*＊※▲△●○◆◇■□#＃√✓]+")
#: what a name may start with that :data:`_MARKS` takes away, but for spaces
_MARK_STARTS = frozenset("★☆*＊※▲△●○◆◇■□#＃√✓")
#: a character :func:`normalise_name` changes in a name already in NFKC: a blank, a bracket
#: made round, a dash
_TIDIED = re.compile("[\\s\u200b\u200c\u200d\u2060\ufeff"
                     f"{re.escape(''.join(map(chr, _BRACKETS)))}{DASHES}]")


def strip_marks(name: str) -> str:
    """``name`` without the ★ * ※ … marks in front of it ("★年产10万吨…" → "年产10万吨…")."""
    first = name[:1]
    if first not in _MARK_STARTS and not first.isspace():
        return name
    return _MARKS.sub("", name)


@lru_cache(maxsize=1 << 16)
def normalise_name(name: str) -> str:
    """A project name as compared: NFKC (full-width letters, digits and brackets become
    half-width: （１期） → (1期)), every space, line break and zero-width character removed,
    every bracket round (【】〔〕[]{} → ()), every run of dashes one "-" (—, ——, –, ‐, ―, －:
    :mod:`portfolio.dashes`), no ★ * ※ marks in front. Remembered: every preview normalises
    the whole register's names again. Most names need none of it, and are told at once."""
    if (name[:1] not in _MARK_STARTS and unicodedata.is_normalized("NFKC", name)
            and _TIDIED.search(name) is None):
        return name
    text = strip_marks(unicodedata.normalize("NFKC", name))
    return unify_dashes(_BLANK.sub("", text).translate(_BRACKETS))


@dataclass(frozen=True)
class Match:
    """The outcome for one line: the project, or why there is none."""

    project_id: int | None
    #: BY_ID, BY_CODE or BY_NAME when matched; UNKNOWN_ID, NAME_DIFFERS, CODE_DIFFERS,
    #: ID_CODE_DIFFER, SHARED_CODE, UNKNOWN_NAME, AMBIGUOUS or NO_NAME when not
    how: str
    #: (id, name) of the projects the line could mean: the 编号's project when the names
    #: differ, every project of the name when it is ambiguous, the code's project then the
    #: 编号's when those two differ, every holder of a shared code
    candidates: tuple[tuple[int, str], ...] = ()

    @property
    def found(self) -> bool:
        return self.project_id is not None


class ProjectMatcher:
    """Matches lines against a fixed set of projects (the whole database, or the rows of a
    grid) by :func:`normalise_name` and the rule in this module's docstring."""

    def __init__(self, projects: Iterable[tuple[int, str]],
                 codes: Iterable[tuple[int, str]] = ()) -> None:
        """``projects``: (id, name) pairs; ``codes``: (id, 项目代码) of those that hold one."""
        self._names: dict[int, str] = {}
        self._by_name: dict[str, list[tuple[int, str]]] = {}
        for project_id, name in projects:
            self._names[project_id] = name
            self._by_name.setdefault(normalise_name(name), []).append((project_id, name))
        self._codes: dict[int, str] = {}
        self._by_code: dict[str, int] = {}
        #: codes held by more than one project: never matched on the code alone
        self._shared_codes: dict[str, list[int]] = {}
        #: names without a place in front (:meth:`near`), made when first needed
        self._by_place: dict[str, list[tuple[int, str]]] | None = None
        for project_id, code in codes:
            key = normalise_code(code or "")
            if key:
                self._codes[project_id] = key
                if key in self._by_code:
                    self._shared_codes.setdefault(key, [self._by_code[key]]).append(project_id)
                self._by_code[key] = project_id

    @classmethod
    def from_database(cls, session: Session) -> ProjectMatcher:
        """A matcher over every project in the database (read as plain rows through the
        session's connection: the ORM's result machinery would cost more than the match)."""
        if session.autoflush:
            session.flush()  # what session.execute() would have flushed before reading
        rows = session.connection().execute(
            select(Project.id, Project.name, Project.project_code)).all()
        return cls(((pid, name) for pid, name, _ in rows),
                   ((pid, code) for pid, _, code in rows if code))

    def near(self, name: str) -> tuple[int, str] | None:
        """The one project whose name, a place in front taken from either, is ``name``'s
        (see the module docstring); ``None`` when none or several are."""
        if self._by_place is None:
            self._by_place = {}
            for key, held in self._by_name.items():
                self._by_place.setdefault(_PLACE.sub("", key), []).extend(held)
        key = normalise_name(name)
        found = {pair for k in {key, _PLACE.sub("", key)} if len(k) >= 4
                 for pair in self._by_place.get(k, [])}
        return found.pop() if len(found) == 1 else None

    def shortened(self, name: str) -> tuple[int, str] | None:
        """The one project whose name (a place in front taken from either) holds ``name``'s
        or is held in it, the shorter at least four characters and half the longer
        ("人民医院" names too many projects to tell one); ``None`` when none or several do.
        Only for telling the user of a line that matched nothing: it walks every name."""
        key = _PLACE.sub("", normalise_name(name))
        if len(key) < 4:
            return None
        found: set[tuple[int, str]] = set()
        for held, projects in self._by_name.items():
            other = _PLACE.sub("", held)
            short, long = sorted((key, other), key=len)
            if len(short) >= 4 and len(short) * 2 >= len(long) and short in long:
                found.update(projects)
                if len(found) > 1:
                    return None
        return found.pop() if found else None

    @property
    def size(self) -> int:
        """How many projects the matcher knows."""
        return len(self._names)

    def code_of(self, project_id: int) -> str:
        return self._codes.get(project_id, "")

    def name_of(self, project_id: int) -> str | None:
        return self._names.get(project_id)

    def knows_name(self, name: str) -> bool:
        """Whether some project has this name (normalised); for telling a column of names."""
        return normalise_name(name) in self._by_name

    def match(self, name: str, project_id: int | None = None, code: str = "") -> Match:
        """The project that a line stating ``name`` (and, when given, the 编号 ``project_id``
        and the 项目代码 ``code``) means."""
        name = name or ""
        code = normalise_code(code or "")
        if code in self._shared_codes:
            return self._match_shared(self._shared_codes[code], name, project_id)
        if code and code in self._by_code:
            found = self._by_code[code]
            by_code = (found, self._names.get(found, ""))
            if project_id is not None and project_id != found:
                stated = self._names.get(project_id)
                return Match(None, ID_CODE_DIFFER, (by_code, (project_id, stated or "")))
            return Match(found, BY_ID if project_id is not None else BY_CODE, (by_code,))
        if project_id is not None:
            known = self._names.get(project_id)
            if known is None:
                return Match(None, UNKNOWN_ID)
            if name.strip() and normalise_name(name) != normalise_name(known):
                return Match(None, NAME_DIFFERS, ((project_id, known),))
            return Match(project_id, BY_ID)
        key = normalise_name(name)
        if not key:
            return Match(None, NO_NAME)
        candidates = self._by_name.get(key, [])
        if not candidates:
            return Match(None, UNKNOWN_NAME)
        if len(candidates) > 1:
            return Match(None, AMBIGUOUS, tuple(candidates))
        held = self._codes.get(candidates[0][0])
        if code and held and held != code:
            return Match(None, CODE_DIFFERS, tuple(candidates))
        return Match(candidates[0][0], BY_NAME)

    def _match_shared(self, holders: list[int], name: str, project_id: int | None) -> Match:
        """A line whose code several projects hold: its 编号, or else its name, must pick
        one of them; anything else is reported with every holder, never guessed."""
        candidates = tuple((pid, self._names.get(pid, "")) for pid in holders)
        if project_id is not None:
            if project_id in holders:
                return Match(project_id, BY_ID, candidates)
            return Match(None, SHARED_CODE, candidates)
        key = normalise_name(name)
        named = [pid for pid, held in candidates if normalise_name(held) == key]
        if len(named) == 1:
            return Match(named[0], BY_NAME, candidates)
        return Match(None, SHARED_CODE, candidates)


def shared_code_text(code: str, match: Match) -> str:
    """What a user is told of a line whose 项目代码 several projects hold."""
    holders = "、".join(f"“{name}”（编号{pid}）" for pid, name in match.candidates)
    return (f"项目代码「{code}」在项目库中同时属于{holders}，无法确定是哪一个；"
            "请先在项目库中改正重复的项目代码，或在文件中加“编号”列")


__all__ = [
    "AMBIGUOUS",
    "BY_CODE",
    "BY_ID",
    "BY_NAME",
    "CODE_DIFFERS",
    "ID_CODE_DIFFER",
    "NAME_DIFFERS",
    "NO_NAME",
    "SHARED_CODE",
    "UNKNOWN_ID",
    "UNKNOWN_NAME",
    "Match",
    "ProjectMatcher",
    "normalise_name",
    "shared_code_text",
]
