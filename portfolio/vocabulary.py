"""Fixed vocabularies of county key-project work and their Chinese labels."""

from __future__ import annotations

CATEGORIES: tuple[str, ...] = ("工业", "农业", "城建", "社会事业", "服务业", "交通能源")
STAGES: tuple[str, ...] = ("储备", "前期", "新开工", "续建", "竣工")
LEVELS: tuple[str, ...] = ("省重点", "市重点", "县重点")
CAMPAIGN_BATCHES: tuple[str, ...] = ("签约", "开工", "投产")
KINDS: dict[str, str] = {
    "project": "项目", "programme": "专项工程", "direction": "方向", "goal": "目标",
}
#: kinds a plan names but an office does not track as projects: a direction (an industry
#: cluster, "建设一批…") or a goal (an honour to win, a quality to reach). The catalogue shows
#: them apart and adopts them only when chosen one by one.
UNTRACKED_KINDS: tuple[str, ...] = ("direction", "goal")
PLAN_STATUSES: dict[str, str] = {"planned": "规划", "under_way": "在建", "done": "建成"}
QUANTITY_UNITS: tuple[str, ...] = (
    "万千瓦", "千瓦", "学位", "教学班", "床位", "公里", "平方米", "万平方米", "亩", "吨", "万吨",
    "个", "座", "所", "套", "户",
)
PROJECT_TYPES: tuple[str, ...] = (
    "学校", "医院", "养老托育", "文化体育", "产业园区", "企业项目", "物流", "商贸", "农业", "水利",
    "道路", "桥梁", "铁路", "轨道", "机场", "变电站", "风电", "光伏", "生物质", "储能", "氢能",
    "燃气热力", "供水排水", "环保", "安置住房", "城市更新", "公园绿地", "科创平台", "数字信息",
    "文化旅游", "其他",
)

#: Chinese names of project fields, for validation messages and column headers.
FIELD_LABELS: dict[str, str] = {
    "id": "编号",
    "name": "项目名称",
    "project_code": "项目代码",
    "kind": "类别",
    "category": "领域",
    "project_type": "类型",
    "stage": "建设性质",
    "plan_status": "规划状态",
    "levels": "级别",
    "township": "乡镇/街道",
    "location": "建设地点",
    "scale": "建设规模及主要内容",
    "planned_start": "计划开工",
    "planned_finish": "计划竣工",
    "actual_start": "实际开工",
    "actual_finish": "实际竣工",
    "total_investment": "总投资（万元）",
    "prior_investment": "纳入前累计完成投资（万元）",
    "unit": "责任单位",
    "leader": "责任领导",
    "contact_name": "联系人",
    "contact_phone": "联系电话",
    "signed_issue": "签约期",
    "started_issue": "开工期",
    "produced_issue": "投产期",
    "signed_on": "签约日期",
    "parent": "所属打包项目",
    "notes": "备注",
    "document": "来源文件",
    "line": "来源行",
    "quote": "来源原文",
    "quantities": "建设规模指标",
    "funding": "资金来源",
}
