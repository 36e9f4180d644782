"""Why a candidate is probably not a named project, as a careful reader would say it.

A plan names many things that look like projects and are not: honours to win (获评/争创…示范县),
campaigns (四好农村路), industries and clusters (…产业集群), "一批…" without a name of its own,
quality goals (提高…服务质量), grades to reach (三级医院, 国家4A级旅游景区), counts of a kind
(两所公办幼儿园), existing institutions named as partners (与…党校交流), regional schemes the
county joins (融入…文化旅游带), names that only say what kind of thing it is, and reports that
something entered a reserve list (…进入…储备库). :func:`reason` gives the
sentence the review dialog shows; the candidate stays in the list, set aside, for a person to
overrule.
"""

from __future__ import annotations

import re

#: a name ending so is an industry or a market, not an undertaking
_INDUSTRY = re.compile(r"(?:产业集群|集群|产业|产业链|产业带|经济带|业态)$")
_HONOUR_BEFORE = re.compile(
    r"(?:获评|荣获|被评为|评为|创建|争创|创成|争取|申报|申创)[^，。；]{0,6}$"
)
_HONOUR_NAME = re.compile(r"(?:示范县|示范市|示范区|示范城市|城市|强县|之乡|称号|县)$")
#: "获评国家卫生县城、全国农村公路示范县": every title of the list
_HONOURS_LISTED = re.compile(r"(?:获评|荣获|被评为|创成)[^，。；]*、$")
#: "兰考县获评全国数字乡村示范县" read as one name
_HONOURED_IN = re.compile(r"获评|荣获|被评为|评为|创成")
_CAMPAIGNS = ("四好农村路", "四水同治", "五水综改", "放管服")
#: "平河县2024年第二批重点建设项目": a batch of projects, not one
_BATCH = re.compile(r"第[一二三四五六七八九十\d]+(?:批|期“)")
#: "已开复工项目", "新开工项目", "在建产业项目": projects sorted by progress, not one
_BY_PROGRESS = re.compile(
    r"^(?:已|新|拟|计划)?(?:开复工|开工|复工|竣工|投产|签约|在建|续建|新建|储备|谋划)"
    r"[\u4e00-\u9fff]{0,4}(?:项目|工程)$"
)
#: "属平江铁路支线", "该项目属…重点项目、市级重点工程": what something belongs to
_BELONGS_TO = re.compile(r"(?:属于|隶属|(?:^|[^金专附])属)[^，。；]*$")
#: "深度融入郑汴洛世界级文化旅游带建设": a region's scheme the county joins
_JOINING = re.compile(r"融入[^，。；、]{0,2}$")
#: "主城区95亿元城建重点项目": a sum invested in many
_AMOUNT = re.compile(r"\d(?:亿|万)元")
#: "…项目,将主要建设商业步行街、安置楼、小学": what one project is made of
_CONTENTS_BEFORE = re.compile(r"(?:主要建设|建设内容为|建设内容包括|主要包括)[^。；]*$")
#: "民生类项目", "民生保障类项目": a class of projects
_CLASS = re.compile(r"类(?:项目|工程)$")
_BATCH_BEFORE = re.compile(r"一批[^，。；、]{0,4}$")
#: words that open a name that only says how important or what sort a thing is
_VAGUE_LEADS = re.compile(
    r"^(?:重大|重点|一批|标志性|同城化|高能级|优质|一般|相关|各类|各级|其他|新型|有关|大型|"
    r"高水平|高标准|高质量|现代化|示范性|综合性|区域性|专业化)"
)
_GOAL_BEFORE = re.compile(r"(?:提高|提升|完善|加强|改善)[^，。；]{0,3}$")
_GOAL_AFTER = re.compile(r"^[^，。；]{0,8}(?:水平|质量|能力|效能|效率)")
#: kinds a plan titles its programmes by (区域教育现代化工程): a generic one may still be named
_TITLED_KINDS = ("工程", "产业园", "平台")
_RESERVE = re.compile(r"(?:进入|纳入|列入)[^，。；]{0,12}储备库")
#: a grade to reach (创建三级医院, 二级甲等妇幼保健院, 国家4A级旅游景区), not a building
_GRADE = re.compile(
    r"^(?:[一二三]级|[二三]甲|[一二三]级[甲乙]等?)|(?:国家|省级)(?:[1-5]?A|A{2,5})级"
)
#: institutions named as partners ("与中央党校和浦东干部学院等交流"), not built
_PARTNERING = re.compile(r"交流|合作|对接|协作|联动|结对|帮扶|签约|牵手")
_BUILDING = re.compile(r"建设|新建|迁建|扩建|改建|筹建|建成|开工|设立|打造")
_INSTITUTION = re.compile(r"(?:学院|大学|党校|医院|研究院|科学院|学校|集团|公司)$")
#: "两所公办幼儿园", "3个街道…": how many of a kind, not which
_COUNTED = re.compile(r"^[\d一二两三四五六七八九十几多]+[所座个家条处批]")


def reason(name: str, before: str, after: str, sentence: str, *, generic: bool) -> str:
    """The reason ``name`` is probably not a project, or "" when it reads as one.

    ``before`` and ``after`` are the words of its clause on either side; ``sentence`` the whole
    sentence; ``generic`` whether the name only says what kind of thing it is, which makes a
    vague opening word (重大, 优质 …) decisive.
    """
    if re.search(
        rf"(?:{'|'.join(_CAMPAIGNS)})[”\"]?(?:建设|工程|提升改造|改造提升|提升|改造)?$", name
    ):
        return "全国性的创建活动，不是一个项目"
    if (
        _BATCH.search(name) or _CLASS.search(name) or _BY_PROGRESS.search(name)
        or _AMOUNT.search(name)
    ):
        return "一批或一类项目的总称，没有指名是哪一个"
    honoured = (
        _HONOUR_BEFORE.search(before) or _HONOURED_IN.search(name)
        or _HONOURS_LISTED.search(before)
    )
    if honoured and _HONOUR_NAME.search(name):
        return "争创的称号，不是建设项目"
    if _INDUSTRY.search(name):
        return "产业或集群：发展方向，不是一个项目"
    if _JOINING.search(before):
        return "融入的区域性布局，不是本地建设的项目"
    if _BELONGS_TO.search(before):
        return "说的是它所属的线路、工程或类别，不是另一个项目"
    if _CONTENTS_BEFORE.search(before) or (
        sentence.lstrip().startswith(("项目", "该项目")) and "建设" in before
    ):
        return "一个项目的建设内容，不是另一个项目"
    if _BATCH_BEFORE.search(before) or name.startswith("一批"):
        return "“一批…”：没有指名是哪一个"
    if _RESERVE.search(sentence):
        return "进入项目储备库的说法，不是指名的项目"
    if _GRADE.search(name):
        return "等级评定的目标，不是建设项目"
    if _COUNTED.search(name):
        return "数量加类别：没有指名是哪一个"
    if (
        _INSTITUTION.search(name) and _PARTNERING.search(before + after)
        and not _BUILDING.search(before[-6:])
    ):
        return "合作或交流的对象（现有机构），不是建设项目"
    if _GOAL_BEFORE.search(before) and _GOAL_AFTER.search(after):
        return "质量或水平的目标，不是建设项目"
    if generic and not name.endswith(_TITLED_KINDS):
        return "名称只说是哪类设施，没有指名"
    if generic and _VAGUE_LEADS.search(name):
        return "名称只说重要或哪一类，没有指名"
    return ""
