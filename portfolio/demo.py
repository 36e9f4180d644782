"""A plausible synthetic county portfolio, so that a newcomer sees every page populated and the
benchmarks have something realistic to chew on.

What it makes, for the ``years`` years ending with ``today``'s year:

- units (县直部门、乡镇政府), leaders with titles, projects in the six 领域 with Chinese names by
  type, townships and sites, levels, 三个一批 tags, funding sources, physical quantities, and a
  few packaged projects (打包项目) whose parts belong to different units;
- an annual plan for every year a project is active, set from what was left to do at the start
  of that year (even, typical or custom monthly spread);
- monthly reports (本月完成投资, 形象进度, 存在问题, 下步计划, 开工) for every month up to and
  **including the month before** ``today``: that month is the one being reported (月调度 is
  collected in the first days of the next month), and it is what the window opens on; the
  current month is left empty for the user to try entering. Every month before it is locked
  (submitted), the last one is open;
- realistic lags: late starts, projects that never started, slow projects, idle spells, and
  projects running past their planned finish, so every warning rule fires for a few projects.

Everything is inserted with a handful of Core bulk statements in one transaction (no ORM objects,
so no per-row audit entries; one audit event records the generation): 10,000 projects over five
years take seconds. The same seed and ``today`` give the same portfolio.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select

from db import audit
from db.models import (
    FundingSource,
    Leader,
    MonthlyReport,
    PeriodLock,
    Project,
    ProjectLevel,
    ProjectQuantity,
    Unit,
)
from db.queries import any_project
from db.search import search_key
from db.session import Database
from portfolio import plans
from portfolio.money import CENT
from portfolio.periods import Period
from portfolio.plans import TYPICAL_WEIGHTS, PlanData


class DemoError(ValueError):
    """The demo portfolio cannot be made; the message is Chinese and user-facing."""


# -- vocabularies ------------------------------------------------------------------------------

TOWNSHIPS: tuple[str, ...] = (
    "城关镇", "东城街道", "西城街道", "南湖街道", "北关街道", "柳园镇", "杨庄乡", "孟寨乡",
    "许河乡", "红庙镇", "谷营镇", "桃园乡", "小宋镇", "高阳镇", "马集镇", "李寨乡",
)
STREETS: tuple[str, ...] = (
    "人民路", "建设路", "迎宾大道", "黄河路", "中州路", "文化路", "经五路", "纬三路", "滨河路",
    "兴业大道", "民生路", "振兴路",
)
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = (
    "建国", "志强", "海涛", "振华", "红梅", "秀英", "卫东", "国庆", "晓峰", "丽娟", "文杰",
    "新民", "永刚", "春燕", "俊杰", "保国", "明亮", "玉兰", "宏伟", "静", "磊", "伟", "洋",
    "敏", "军", "勇", "艳", "涛", "超", "鹏",
)
NUMBERS = "一二三四五六七八九十"

UNITS_BY_CATEGORY: dict[str, tuple[str, ...]] = {
    "工业": ("县工业和信息化局", "县产业集聚区管委会", "县科技局", "县商务局"),
    "农业": ("县农业农村局", "县水利局", "县乡村振兴局", "县供销合作社"),
    "城建": ("县住房和城乡建设局", "县城市管理局", "县自然资源局", "县城市建设投资有限公司"),
    "社会事业": ("县教育局", "县卫生健康委员会", "县民政局", "县文化广电和旅游局"),
    "服务业": ("县商务局", "县文化广电和旅游局", "县发展和改革委员会", "县市场监督管理局"),
    "交通能源": ("县交通运输局", "县发展和改革委员会", "国网县供电公司", "县城市建设投资有限公司"),
}
#: The unit that usually carries a type of project, when it is not the township's.
UNIT_OF_TYPE: dict[str, str] = {
    "道路": "县交通运输局", "风电": "县发展和改革委员会", "光伏": "县发展和改革委员会",
    "变电站": "国网县供电公司", "学校": "县教育局", "医院": "县卫生健康委员会",
    "养老托育": "县民政局", "水利": "县水利局", "安置住房": "县住房和城乡建设局",
}
CATEGORY_WEIGHTS: dict[str, int] = {
    "工业": 30, "农业": 12, "城建": 18, "社会事业": 16, "服务业": 12, "交通能源": 12,
}
LEADER_TITLES: tuple[str, ...] = (
    "县委副书记、县长", "县委常委、常务副县长", "县委常委、副县长", "副县长", "副县长", "副县长",
    "副县长", "县委常委、组织部部长", "县人大常委会副主任", "县政协副主席",
)
#: Which leader (index into the generated leaders) is in charge of each 领域.
LEADER_OF_CATEGORY: dict[str, tuple[int, ...]] = {
    "工业": (1, 2), "农业": (3, 8), "城建": (4, 1), "社会事业": (5, 9),
    "服务业": (6, 7), "交通能源": (2, 4),
}

COMPANY_A = "豫鑫宏恒金瑞盛天博永嘉福汇中华"
COMPANY_B = "源泰达通丰升隆润诚航力信科美"
#: industry → products (name, capacity range, unit)
INDUSTRIES: dict[str, tuple[tuple[str, int, int, str], ...]] = {
    "食品": (("休闲食品", 2, 20, "万吨"), ("面制品", 5, 30, "万吨"), ("冷冻食品", 1, 10, "万吨")),
    "家居": (("定制家具", 5, 50, "万套"), ("实木门", 10, 60, "万樘"), ("板材", 20, 80, "万立方米")),
    "乐器": (("民族乐器", 1, 10, "万把"), ("钢琴", 1, 5, "万台")),
    "新材料": (("新型环保建材", 10, 100, "万吨"), ("高分子材料", 1, 10, "万吨")),
    "智能装备": (("智能农机装备", 1, 5, "千台"), ("数控机床", 1, 3, "千台")),
    "电子": (("电子元器件", 1, 10, "亿只"), ("锂电池", 1, 5, "亿安时")),
    "纺织": (("高档面料", 1, 8, "千万米"), ("纺纱", 5, 20, "万锭")),
    "生物": (("生物饲料", 5, 30, "万吨"), ("医用耗材", 1, 10, "亿件")),
}
FUNDING_PUBLIC = ("地方政府专项债券", "中央预算内投资", "县级财政资金", "银行贷款")
FUNDING_PRIVATE = ("企业自筹", "银行贷款", "社会资本")

PACKAGE_THEMES: tuple[tuple[str, str, str], ...] = (
    ("城区老旧小区改造提升", "城建", "安置住房"),
    ("农村人居环境整治", "农业", "环保"),
    ("义务教育学校改扩建", "社会事业", "学校"),
    ("县乡道路提升改造", "交通能源", "道路"),
    ("高标准农田建设", "农业", "农业"),
    ("城乡供水一体化", "城建", "供水排水"),
)

PRELIMINARY_PROGRESS = (
    "正在办理用地预审和规划选址手续",
    "可研报告已批复，正在办理环评手续",
    "施工图设计已完成，正在进行施工招标",
    "已完成施工招标，正在进行开工前准备",
    "项目建议书已批复，正在编制可行性研究报告",
)
PROBLEMS = (
    "土地手续尚未办结",
    "资金到位不足，影响施工进度",
    "征迁工作推进缓慢",
    "受连续降雨影响，室外施工暂停",
    "施工许可证正在办理",
    "企业融资困难，投资放缓",
    "环评审批尚未完成",
    "设计方案调整，等待重新审批",
    "原材料价格上涨，施工单位投入不足",
)
NEXT_STEPS_RUNNING = (
    "加快主体施工，确保按期完成年度目标",
    "督促施工单位增加人员和机械投入",
    "倒排工期，加快室外配套工程施工",
    "做好冬季施工准备，保障工程质量安全",
    "加快设备采购安装，力争早日投产",
    "加强资金调度，保障工程款及时拨付",
)
NEXT_STEPS_PRELIMINARY = (
    "协调自然资源部门加快办理用地手续",
    "加快施工图审查，尽快完成招标",
    "积极对接金融机构，落实项目资金",
    "完善开工手续，力争尽快开工",
)


def _campaign_issue(day: dt.date) -> int:
    """三个一批 期数: four a year, the first in the first quarter of 2021."""
    return max(1, (day.year - 2021) * 4 + (day.month - 1) // 3 + 1)


def _index(year: int, month: int) -> int:
    return year * 12 + month - 1


def _period(index: int) -> Period:
    year, month = divmod(index, 12)
    return Period(year, month + 1)


def _day(index: int, rng: random.Random) -> dt.date:
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, rng.randint(1, 28))


def _money(cents: int) -> Decimal:
    return (Decimal(cents) * CENT).quantize(CENT)


# -- one project's simulated life --------------------------------------------------------------


@dataclass
class _Life:
    """A leaf project's schedule and its month-by-month spending (integer cents)."""

    total: int
    planned_start: int
    duration: int
    actual_start: int | None
    spend: dict[int, int] = field(default_factory=dict)
    finish: int | None = None
    behind: bool = False
    idle_months: set[int] = field(default_factory=set)
    reserve: bool = False

    @property
    def planned_finish(self) -> int:
        return self.planned_start + self.duration - 1

    def spent_before(self, index: int) -> int:
        return sum(c for i, c in self.spend.items() if i < index)


def _simulate(rng: random.Random, total: int, first: int, last: int) -> _Life:
    """Plan a project and play its spending up to month ``last`` (the last reported month);
    months before ``first`` (the window's January) end up in ``prior_investment``."""
    duration = max(8, min(60, int(rng.lognormvariate(3.15, 0.4))))
    roll = rng.random()
    if roll < 0.03:
        start = last + rng.randint(6, 24)
        return _Life(total, start, duration, None, reserve=True)
    if roll < 0.23:  # under way before the window opens
        start = rng.randint(first - duration + 6, first - 1)
    else:
        start = rng.randint(first, last + 8)
    lag_roll = rng.random()
    if lag_roll < 0.6:
        lag: int | None = 0
    elif lag_roll < 0.88:
        lag = rng.randint(1, 2)
    elif lag_roll < 0.96 or start < last - 9:
        lag = rng.randint(3, 5)
    else:
        lag = None  # has not started yet, months after it should have
    actual = None if lag is None or start + lag > last else start + lag
    life = _Life(total, start, duration, actual)
    if actual is None:
        return life
    life.behind = rng.random() < 0.1
    pace = rng.uniform(0.5, 0.8) if life.behind else rng.uniform(1.0, 1.3)
    if rng.random() < 0.1 and last - actual >= 3:
        life.idle_months = set(range(last - rng.randint(1, 2), last + 1))
    base = total / duration
    spent = 0
    for index in range(actual, last + 1):
        season = TYPICAL_WEIGHTS[index % 12] * 12 / 100
        if index in life.idle_months or rng.random() < 0.03:
            cents = 0
        else:
            cents = int(base * pace * season * rng.uniform(0.8, 1.2))
            if index == actual:
                cents //= 2
        if spent + cents >= total or (index >= life.planned_finish + 2 and not life.behind
                                      and rng.random() < 0.5):
            cents = total - spent
        life.spend[index] = cents
        spent += cents
        if spent >= total:
            life.finish = index
            break
    return life


# -- names and texts ---------------------------------------------------------------------------


class _Namer:
    """Chinese project names by 领域 and type, unique within the portfolio."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()
        self.schools = 0

    def unique(self, name: str) -> str:
        candidate, phase = name, 1
        while candidate in self.used:
            phase += 1
            number = NUMBERS[phase - 1] if phase <= 10 else str(phase)
            candidate = f"{name}（{number}期）"
        self.used.add(candidate)
        return candidate

    def company(self) -> tuple[str, str]:
        rng = self.rng
        industry = rng.choice(list(INDUSTRIES))
        short = rng.choice(COMPANY_A) + rng.choice(COMPANY_B) + industry
        return short, industry

    def make(self, category: str, township: str) -> tuple[str, str, str, tuple[int, str] | None]:
        """(name, project type, 建设规模及主要内容, quantity)."""
        rng = self.rng
        village = rng.choice(SURNAMES) + rng.choice(("庄", "寨", "楼", "集", "营")) + "村"
        street = rng.choice(STREETS)
        if category == "工业":
            if rng.random() < 0.75:
                short, industry = self.company()
                product, low, high, unit = rng.choice(INDUSTRIES[industry])
                amount = rng.randint(low, high)
                name = f"{short}年产{amount}{unit}{product}项目"
                scale = (f"新建标准化生产车间{rng.randint(2, 12) * 5000}平方米，购置生产线"
                         f"{rng.randint(2, 12)}条，达产后年产{product}{amount}{unit}")
                return name, "企业项目", scale, (rng.randint(2, 12) * 5000, "平方米")
            kind = rng.choice(("标准化厂房", "智能制造产业园", "科技孵化园", "电商产业园"))
            area = rng.randint(5, 40) * 10000
            name = f"{township}{kind}建设项目"
            return name, "产业园区", f"建设{kind}，总建筑面积{area}平方米", (area, "平方米")
        if category == "农业":
            choice = rng.random()
            if choice < 0.35:
                mu = rng.randint(1, 5) * 10000
                return (f"{township}{mu}亩高标准农田建设项目", "农业",
                        f"建设高标准农田{mu}亩，配套机井、沟渠、田间道路", (mu, "亩"))
            if choice < 0.6:
                thing = rng.choice(("冷链物流仓储中心", "农产品加工园", "现代农业产业园",
                                    "蔬菜种植基地", "肉牛养殖基地"))
                return (f"{township}{thing}项目", "农业",
                        f"建设{thing}及配套设施，占地{rng.randint(50, 500)}亩", None)
            if choice < 0.8:
                km = rng.randint(5, 60)
                return (f"{township}水系连通及河道治理工程", "水利",
                        f"疏浚治理河道{km}公里，新建桥闸涵{rng.randint(5, 40)}座", (km, "公里"))
            return (f"{village}乡村振兴示范村建设项目", "农业",
                    "实施村内道路硬化、污水治理、村容村貌提升", None)
        if category == "城建":
            choice = rng.random()
            if choice < 0.3:
                km = rng.randint(1, 8)
                return (f"{street}改造提升工程", "道路",
                        f"改造道路{km}公里，同步建设雨污管网、照明和绿化", (km, "公里"))
            if choice < 0.55:
                households = rng.randint(3, 30) * 100
                return (f"{township}{village[:-1]}安置区建设项目", "安置住房",
                        f"建设安置住房{households}套及配套设施", (households, "套"))
            if choice < 0.75:
                thing = rng.choice(("污水处理厂提标改造", "垃圾焚烧发电", "再生水利用",
                                    "供热管网改造", "燃气管网改造"))
                return (f"县{thing}项目", rng.choice(("环保", "燃气热力", "供水排水")),
                        f"实施{thing}，完善城市基础设施", None)
            park = rng.choice(("湿地公园", "游园", "体育公园", "滨河公园"))
            return (f"{township}{park}建设项目", "公园绿地",
                    f"建设{park}，占地{rng.randint(20, 300)}亩", None)
        if category == "社会事业":
            choice = rng.random()
            if choice < 0.4:
                self.schools += 1
                level = rng.choice(("高级中学", "初级中学", "实验小学", "中心幼儿园", "职业中专"))
                seats = rng.randint(12, 60) * 100
                number = (NUMBERS[(self.schools - 1) % 10] if rng.random() < 0.5
                          else township)
                name = f"县第{number}{level}新建项目" if number in NUMBERS else (
                    f"{township}{level}新建项目")
                return (name, "学校",
                        f"新建教学楼、实验楼、宿舍楼等，可提供学位{seats}个", (seats, "学位"))
            if choice < 0.7:
                place = rng.choice(("县人民医院", "县中医院", "县妇幼保健院",
                                    f"{township}卫生院"))
                part = rng.choice(("综合病房楼", "医技楼", "门急诊楼", "康复中心"))
                beds = rng.randint(2, 12) * 50
                return (f"{place}{part}建设项目", "医院",
                        f"新建{part}，设置床位{beds}张", (beds, "床位"))
            if choice < 0.85:
                beds = rng.randint(1, 6) * 100
                return (f"{township}养老服务中心建设项目", "养老托育",
                        f"建设养老服务用房，设置床位{beds}张", (beds, "床位"))
            thing = rng.choice(("全民健身中心", "图书馆", "文化馆", "体育馆", "档案馆"))
            return f"县{thing}建设项目", "文化体育", f"新建{thing}及附属设施", None
        if category == "服务业":
            choice = rng.random()
            if choice < 0.35:
                area = rng.randint(3, 20) * 10000
                return (f"{street}商业综合体项目", "商贸",
                        f"建设商业综合体，总建筑面积{area}平方米", (area, "平方米"))
            if choice < 0.65:
                return (f"{township}现代物流园项目", "物流",
                        f"建设仓储、分拣中心及配送设施，占地{rng.randint(100, 600)}亩", None)
            scenic = rng.choice(("黄河文化旅游区", "乡村旅游示范区", "古镇文化街区",
                                 "研学旅游基地"))
            return (f"{township}{scenic}建设项目", "文化旅游",
                    "建设游客服务中心、景观步道及配套设施", None)
        # 交通能源
        choice = rng.random()
        if choice < 0.25:
            mw = rng.randint(5, 30)
            return (f"{township}{mw}万千瓦风电项目", "风电",
                    f"安装风电机组{mw * 2}台，配套建设升压站", (mw, "万千瓦"))
        if choice < 0.45:
            mw = rng.randint(1, 10)
            return (f"{township}{mw}万千瓦分布式光伏项目", "光伏",
                    f"利用屋顶建设分布式光伏{mw}万千瓦", (mw, "万千瓦"))
        if choice < 0.6:
            return (f"110千伏{township[:2]}输变电工程", "变电站",
                    "新建110千伏变电站一座及配套线路", None)
        km = rng.randint(5, 40)
        road = rng.choice(("省道", "县道", "国道"))
        return (f"{road}{township}段改建工程", "道路",
                f"按一级公路标准改建{km}公里", (km, "公里"))


_BUILDING = {"企业项目", "产业园区", "学校", "医院", "养老托育", "文化体育", "安置住房",
             "商贸", "物流", "文化旅游"}
_LINEAR = {"道路", "水利", "供水排水", "燃气热力"}
_ENERGY = {"风电", "光伏", "变电站"}


def _progress(rng: random.Random, project_type: str, share: float) -> str:
    """形象进度 for a project that has done ``share`` (0…1) of its work."""
    pct = max(1, min(99, int(share * 100)))
    if share >= 0.999:
        return "项目已完工，正在进行竣工验收"
    if project_type in _BUILDING:
        if share < 0.08:
            return "完成场地平整和临时设施搭建，正在进行桩基施工"
        if share < 0.25:
            return f"基础工程施工完成{min(99, pct * 4)}%"
        if share < 0.5:
            return f"主体结构施工至第{max(2, int(share * 20))}层"
        if share < 0.65:
            return "主体结构封顶，正在进行二次结构砌筑"
        if share < 0.85:
            return f"装饰装修及设备安装完成{pct}%"
        return "室外配套工程施工，准备竣工验收"
    if project_type in _LINEAR:
        if share < 0.3:
            return f"路基（管沟）施工完成{pct * 2}%"
        if share < 0.7:
            return f"主体工程完成{pct}%，正在进行管网铺设"
        return f"面层施工完成{pct}%，正在进行附属设施建设"
    if project_type in _ENERGY:
        if share < 0.3:
            return f"设备基础施工完成{pct * 2}%"
        if share < 0.7:
            return f"设备安装完成{pct}%"
        return "设备调试中，准备并网"
    if share < 0.5:
        return f"完成年度建设内容的{pct}%，各项工程有序推进"
    return f"累计完成工程量的{pct}%，正在进行配套设施建设"


# -- the generator -----------------------------------------------------------------------------


def _leaders(rng: random.Random) -> list[dict[str, str]]:
    names: set[str] = set()
    out = []
    for title in LEADER_TITLES:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        while name in names:
            name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        names.add(name)
        out.append({"name": name, "title": title})
    return out


def _ensure_named(session: Any, model: type[Unit] | type[Leader],
                  rows: list[dict[str, str]]) -> dict[str, int]:
    """Ids of units or leaders by name, inserting those missing (names are unique)."""
    existing = dict(session.execute(select(model.name, model.id)).all())
    missing = [r for r in rows if r["name"] not in existing]
    if missing:
        table = model.__table__
        ids = session.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True), missing
        ).scalars().all()
        existing.update({r["name"]: i for r, i in zip(missing, ids, strict=True)})
    return existing


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _total_cents(rng: random.Random, category: str) -> int:
    scale = {"工业": 9.9, "农业": 8.6, "城建": 9.5, "社会事业": 9.2, "服务业": 9.5,
             "交通能源": 10.0}[category]
    wan = max(300, min(600000, int(rng.lognormvariate(scale, 0.9))))
    wan = wan // 10 * 10 if wan > 1000 else wan
    cents = wan * 100
    if rng.random() < 0.3:
        cents += rng.randint(1, 99)
    return cents


@dataclass
class _Spec:
    """A project to insert, its life and its place in a package."""

    row: dict[str, Any]
    life: _Life | None
    levels: list[str]
    quantity: tuple[int, str] | None
    funding: list[tuple[str, Decimal]]
    package: int | None = None  # index of the package among the packages
    project_type: str = ""


def _stage(life: _Life, last: int) -> str:
    """建设性质 as of month index ``last``."""
    if life.reserve:
        return "储备"
    if life.finish is not None:
        return "竣工"
    if life.actual_start is None:
        return "前期"
    return "新开工" if life.actual_start // 12 == last // 12 else "续建"


def _plans_for(rng: random.Random, life: _Life, first_year: int, last_year: int,
               project_id: int) -> Iterator[PlanData]:
    """An annual plan for every year in which the project is planned or under way."""
    if life.reserve:
        return
    for year in range(first_year, last_year + 1):
        year_start, year_end = _index(year, 1), _index(year, 12)
        if life.finish is not None and life.finish < year_start:
            continue
        started_before = life.actual_start is not None and life.actual_start < year_start
        if not started_before and life.planned_start > year_end:
            continue
        remaining = life.total - life.spent_before(year_start)
        if remaining <= 0:
            continue
        if started_before:
            start = year_start
            start_month = None
        elif life.planned_start >= year_start:
            start = life.planned_start
            start_month = start % 12 + 1
        else:  # should have started in an earlier year: re-planned for this spring
            start = year_start + rng.randint(1, 4)
            start_month = start % 12 + 1
        end = max(life.planned_finish, year_end if life.planned_finish < year_start else 0)
        end = max(end, start)
        months_left = end - start + 1
        months_in_year = min(end, year_end) - start + 1
        wan = remaining * months_in_year // months_left // 100
        wan = max(10, wan // 10 * 10) if wan >= 100 else max(1, wan)
        amount = _money(min(remaining, wan * 100))
        finish_month = life.planned_finish % 12 + 1 if year_start <= life.planned_finish <= (
            year_end) else None
        if finish_month is not None and start_month is not None and finish_month < start_month:
            finish_month = None
        roll = rng.random()
        distribution = "even" if roll < 0.7 else ("typical" if roll < 0.95 else "custom")
        months: dict[int, Decimal] = {}
        if distribution == "custom":
            weights = [w * rng.randint(5, 15) for w in plans.month_weights(
                "typical", start_month, finish_month)]
            months = {m + 1: a for m, a in enumerate(plans.spread(amount, weights)) if a}
        yield PlanData(project_id, year, amount, start_month, finish_month, distribution, months)


def generate(
    db: Database,
    *,
    projects: int = 300,
    years: int = 3,
    seed: int = 1,
    today: dt.date | None = None,
) -> int:
    """Fill the empty database ``db`` with a demo portfolio; returns the projects created
    (packages and their parts included). Refuses, changing nothing, when ``db`` holds any
    project."""
    if projects < 1:
        raise DemoError("项目个数应为正整数")
    if not 1 <= years <= 10:
        raise DemoError("年数应在 1—10 之间")
    today = today or dt.date.today()
    rng = random.Random(seed)
    last_period = Period.of(today).previous()
    last = _index(last_period.year, last_period.month)
    first_year = today.year - years + 1
    first = _index(first_year, 1)
    namer = _Namer(rng)

    with db.transaction() as session:
        if any_project(session):
            raise DemoError("数据库中已有项目，演示数据只能写入空数据库；未做任何修改")
        session.info["user"] = "演示数据"

        leader_rows = _leaders(rng)
        leader_ids = _ensure_named(session, Leader, leader_rows)
        leader_names = [r["name"] for r in leader_rows]
        unit_names = sorted({u for us in UNITS_BY_CATEGORY.values() for u in us} | {
            f"{t}人民政府" if not t.endswith("街道") else f"{t}办事处" for t in TOWNSHIPS})
        unit_ids = _ensure_named(session, Unit, [{"name": n} for n in unit_names])

        def local_unit(township: str) -> str:
            return f"{township}办事处" if township.endswith("街道") else f"{township}人民政府"

        def person() -> tuple[str, str]:
            return (rng.choice(SURNAMES) + rng.choice(GIVEN),
                    f"1{rng.choice('35789')}{rng.randint(0, 999999999):09d}")

        def base_row(name: str, category: str, project_type: str, township: str,
                     unit: str, total: int, scale: str) -> dict[str, Any]:
            leader = leader_names[rng.choice(LEADER_OF_CATEGORY[category])]
            location = f"{township}{rng.choice(STREETS)}" if rng.random() < 0.5 else (
                f"{township}{rng.choice(SURNAMES)}{rng.choice(('庄', '寨', '楼'))}村")
            contact, phone = person()
            return {
                "name": name, "kind": "project", "category": category,
                "project_type": project_type, "township": township, "location": location,
                "scale": scale, "total_investment": _money(total),
                "prior_investment": Decimal("0.00"), "unit_id": unit_ids[unit],
                "leader_id": leader_ids[leader], "contact_name": contact,
                "contact_phone": phone, "campaign_batch": "", "campaign_issue": None,
                "parent_id": None, "notes": "", "origin": "demo",
                "search_key": search_key(name, unit, township, location),
            }

        def funding(total: int, project_type: str) -> list[tuple[str, Decimal]]:
            pool = FUNDING_PRIVATE if project_type in ("企业项目", "商贸", "物流") else (
                FUNDING_PUBLIC)
            sources = rng.sample(pool, rng.randint(1, min(3, len(pool))))
            weights = [rng.randint(2, 10) for _ in sources]
            return list(zip(sources, plans.spread(_money(total), weights), strict=True))

        def levels(total: int) -> list[str]:
            out = ["县重点"]
            if (total >= 1_000_000 * 100 and rng.random() < 0.6) or rng.random() < 0.2:
                out.append("市重点")
            if (total >= 3_000_000 * 100 and rng.random() < 0.5) or rng.random() < 0.03:
                out.append("省重点")
            return out

        # a few packages (one per 60 projects, at most 3 + one per thousand), of 2—4 parts
        package_count = min(projects // 60, 3 + projects // 1000) if projects >= 20 else 0
        part_counts = [rng.randint(2, 4) for _ in range(package_count)]
        while package_count and package_count + sum(part_counts) > projects // 3:
            part_counts.pop()
            package_count -= 1
        specs: list[_Spec] = []
        packages: list[_Spec] = []
        for p, parts in enumerate(part_counts):
            theme, category, project_type = PACKAGE_THEMES[p % len(PACKAGE_THEMES)]
            year = first_year + rng.randint(0, years - 1)
            name = namer.unique(f"{year}年{theme}打包项目")
            lead_unit = UNITS_BY_CATEGORY[category][0]
            package = _Spec(base_row(name, category, project_type, "城关镇", lead_unit, 0,
                                     f"分{parts}个子项目实施{theme}"), None, ["县重点"], None, [])
            packages.append(package)
            suffix = {"道路": "段", "农业": "项目区", "学校": "学校"}.get(project_type, "片区")
            for township in rng.sample(TOWNSHIPS, parts):
                total = _total_cents(rng, category) // 3
                life = _simulate(rng, total, first, last)
                part_name = namer.unique(f"{year}年{theme}—{township}{suffix}")
                row = base_row(part_name, category, project_type, township,
                               local_unit(township), total, f"{township}范围内实施{theme}")
                specs.append(_Spec(row, life, ["县重点"], None, funding(total, project_type),
                                   package=p, project_type=project_type))
        for _ in range(projects - len(packages) - len(specs)):
            category = _weighted(rng, CATEGORY_WEIGHTS)
            township = rng.choice(TOWNSHIPS)
            name, project_type, scale, quantity = namer.make(category, township)
            unit = (local_unit(township) if rng.random() < 0.12
                    else UNIT_OF_TYPE.get(project_type) or rng.choice(UNITS_BY_CATEGORY[category]))
            total = _total_cents(rng, category)
            life = _simulate(rng, total, first, last)
            specs.append(_Spec(base_row(namer.unique(name), category, project_type, township,
                                        unit, total, scale), life, levels(total), quantity,
                               funding(total, project_type), project_type=project_type))

        # the facts each project row carries
        for spec in specs:
            life = spec.life
            assert life is not None
            row = spec.row
            row["planned_start"] = _day(life.planned_start, rng)
            row["planned_finish"] = _period(life.planned_finish).last_day
            row["actual_start"] = (None if life.actual_start is None
                                   else _day(life.actual_start, rng))
            row["actual_finish"] = (None if life.finish is None
                                    else _day(life.finish, rng))
            if row["actual_start"] and row["actual_finish"] and (
                    row["actual_finish"] < row["actual_start"]):
                row["actual_finish"] = row["actual_start"]
            row["prior_investment"] = _money(life.spent_before(first))
            row["stage"] = _stage(life, last)
            row["plan_status"] = {"竣工": "done", "新开工": "under_way", "续建": "under_way"}.get(
                row["stage"], "planned")
            if rng.random() < 0.3 and not life.reserve:
                if life.finish is not None:
                    row["campaign_batch"] = "投产"
                    row["campaign_issue"] = _campaign_issue(row["actual_finish"])
                elif life.actual_start is not None:
                    row["campaign_batch"] = "开工"
                    row["campaign_issue"] = _campaign_issue(row["actual_start"])
                else:
                    row["campaign_batch"] = "签约"
                    row["campaign_issue"] = _campaign_issue(
                        _period(min(life.planned_start, last)).first_day)
        for p, package in enumerate(packages):
            parts = [s for s in specs if s.package == p]
            row = package.row
            row["total_investment"] = sum((s.row["total_investment"] for s in parts),
                                          Decimal("0.00"))
            row["planned_start"] = min(s.row["planned_start"] for s in parts)
            row["planned_finish"] = max(s.row["planned_finish"] for s in parts)
            starts = [s.row["actual_start"] for s in parts if s.row["actual_start"]]
            row["actual_start"] = min(starts) if starts else None
            finishes = [s.row["actual_finish"] for s in parts]
            row["actual_finish"] = max(finishes) if all(finishes) else None  # type: ignore[type-var]
            stages = {s.row["stage"] for s in parts}
            row["stage"] = ("竣工" if stages == {"竣工"} else "续建" if "续建" in stages
                            else "新开工" if "新开工" in stages else "前期")
            row["plan_status"] = {"竣工": "done", "前期": "planned"}.get(row["stage"],
                                                                        "under_way")
            package.funding = funding(int(row["total_investment"] * 100), package.project_type)

        rng.shuffle(specs)  # parts among the other projects, as a register grows
        # insert: packages first (their ids become the parts' parent_id)
        table = Project.__table__
        returning = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        package_ids = session.execute(returning, [p.row for p in packages]).scalars().all() if (
            packages) else []
        for spec in specs:
            if spec.package is not None:
                spec.row["parent_id"] = package_ids[spec.package]
        ids = session.execute(returning, [s.row for s in specs]).scalars().all()
        every = list(zip(package_ids, packages, strict=True)) + list(zip(ids, specs, strict=True))

        session.execute(insert(ProjectLevel.__table__), [
            {"project_id": i, "level": level} for i, s in every for level in s.levels])
        quantities = [{"project_id": i, "value": Decimal(s.quantity[0]), "unit": s.quantity[1]}
                      for i, s in every if s.quantity]
        if quantities:
            session.execute(insert(ProjectQuantity.__table__), quantities)
        session.execute(insert(FundingSource.__table__), [
            {"project_id": i, "source": source, "amount": amount}
            for i, s in every for source, amount in s.funding])

        annual: list[PlanData] = []
        reports: list[dict[str, Any]] = []
        for project_id, spec in zip(ids, specs, strict=True):
            life = spec.life
            assert life is not None
            project_plans = list(_plans_for(rng, life, first_year, today.year, project_id))
            annual += project_plans
            reports += _reports(rng, life, spec, project_id, project_plans, first, last)
        plans.insert_bulk(session, annual)
        for start in range(0, len(reports), 50_000):
            session.execute(insert(MonthlyReport.__table__), reports[start:start + 50_000])

        locks = [
            {"year": p.year, "month": p.month,
             "locked_at": dt.datetime.combine(p.next().first_day, dt.time(9)) + dt.timedelta(
                 days=4),
             "locked_by": "演示数据"}
            for p in (_period(i) for i in range(first, last))
        ]
        if locks:
            session.execute(insert(PeriodLock.__table__), locks)
        audit.record(session, "demo", "projects", "",
                     f"生成演示数据：{len(every)}个项目，{years}年，随机种子{seed}")
    return len(every)


def _reports(rng: random.Random, life: _Life, spec: _Spec, project_id: int,
             project_plans: list[PlanData], first: int, last: int) -> list[dict[str, Any]]:
    """The monthly reports of one project: every month of a planned year up to ``last``,
    from the year's January (前期 months report nothing spent) until it finished."""
    if not project_plans:
        return []
    out: list[dict[str, Any]] = []
    planned_years = {p.year for p in project_plans}
    end = min(last, life.finish if life.finish is not None else last)
    started_on = spec.row["actual_start"]
    done = life.spent_before(first)
    total = life.total
    for index in range(first, end + 1):
        if index // 12 not in planned_years:
            continue
        year, month = divmod(index, 12)
        cents = life.spend.get(index, 0)
        done += cents
        started = life.actual_start is not None and index >= life.actual_start
        if not started:
            progress = rng.choice(PRELIMINARY_PROGRESS)
            problems = rng.choice(PROBLEMS) if index >= life.planned_start else ""
            next_steps = rng.choice(NEXT_STEPS_PRELIMINARY)
        else:
            progress = _progress(rng, spec.project_type, done / total if total else 1.0)
            troubled = life.behind or index in life.idle_months or cents == 0
            problems = rng.choice(PROBLEMS) if troubled and rng.random() < 0.8 else ""
            next_steps = ("" if done >= total else rng.choice(NEXT_STEPS_RUNNING))
        out.append({
            "project_id": project_id, "year": year, "month": month + 1,
            "investment": _money(cents), "progress": progress, "problems": problems,
            "next_steps": next_steps, "started": started,
            "started_on": started_on if started else None,
        })
    return out
