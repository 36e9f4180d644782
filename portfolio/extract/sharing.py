"""What the names of one list share once each is read: an owner, a crossing, a work.

- the owner of the first item is shared by short items after it that name none (兰考三农学院
  综合检测工程中心、职业技能鉴定中心 → 兰考三农学院职业技能鉴定中心);
- roads listed before the last one share what is built across it (山阳路、民主路跨大沙河桥);
- items ending in the head the last one's work is done on share that work (甲村城中村、乙村
  城中村改造项目 → 甲村城中村改造项目).
"""

from __future__ import annotations

import re

from portfolio.extract.names import Found

#: "山阳路、民主路跨大沙河桥": roads listed before the last one share what is built on it
_CROSSING = re.compile(r"^(?P<road>.{2,6}?(?:路|大道|大街|街))(?P<work>跨.{2,10})$")


def share_crossing(found: list[Found]) -> None:
    crossing = _CROSSING.match(found[-1].name) if found else None
    if crossing is None:
        return
    for hit in reversed(found[:-1]):
        if len(hit.name) > 6 or not hit.name.endswith(("路", "大道", "大街", "街")):
            break
        hit.name += crossing.group("work")


#: "兰考三农学院综合检测工程中心、职业技能鉴定中心": the owner the later items share
_OWNER = re.compile(r"^.{2,12}?(?:学院|大学|医院|集团|公司|研究院|学校)(?=.{3,})")
_OWNED = re.compile(r"学院|大学|医院|集团|公司|研究院|学校|县|区|市|镇|乡|村|路|街")


def share_owner(found: list[Found]) -> None:
    """Prefix the owner of a list's first name (its first item) to the short names after it
    that have none."""
    if len(found) < 2:
        return
    owner = _OWNER.match(found[0].name)
    if owner is None:
        return
    for hit in found[1:]:
        if _OWNER.match(hit.name):
            break  # another owner's items follow ("…、瑞丰公司饲料加工和速食米饭开发")
        if len(hit.name) <= 8 and not _OWNED.search(hit.name) and not hit.shared:
            hit.name = owner.group() + hit.name


#: the work a list's last name does on its head ("改造项目", "改扩建工程", "提升工程")
_WORK = re.compile(r"^[\u4e00-\u9fff]{0,6}(?:项目|工程)$")


def share_work(found: list[Found], clause: str, offset: int) -> None:
    """Give the names before the last one the work it does on the head they end with: "甲村
    城中村、乙村城中村改造项目" are 甲村城中村改造项目 and 乙村城中村改造项目. Only items of a
    、-list: "甲路与乙路交叉口绿化项目" is one crossing."""
    if len(found) < 2:
        return
    last = found[-1]
    for hit, after in zip(reversed(found[:-1]), reversed(found[1:]), strict=True):
        between = clause[hit.end - offset:after.start - offset]
        if not hit.head or hit.shared or "、" not in between:
            break
        at = last.name.rfind(hit.head)
        work = last.name[at + len(hit.head):] if at > 0 else ""
        if not work or not _WORK.match(work) or not hit.name.endswith(hit.head):
            break
        hit.name += work
