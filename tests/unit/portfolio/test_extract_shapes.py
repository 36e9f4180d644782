"""More shapes of names in published plans, each read by a general rule.

Every sentence here is invented (places, firms and figures made up) in a shape the labelled
corpus of tests/data/extract showed the extractor misreading.
"""

from __future__ import annotations

import pytest

from portfolio.extract import extract_text


def _proposed(text: str) -> set[str]:
    return {c.name for c in extract_text(text).candidates if not c.reason}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # 及 inside an item of a 、-list joins a road's extension and its bridge into one item
        ("开工建设青石路西延、平安路南延及清水桥、民主大街、学府路南延等项目。",
         {"青石路西延", "平安路南延及清水桥", "民主大街", "学府路南延"}),
        # a one-word half at the list's end is no item of its own
        ("实施老城历史文化街区保护性开发与利用等项目。", {"老城历史文化街区保护性开发与利用"}),
        # … but a half of a kind with the next item starts a list with it (which shares the
        # work done on the last)
        ("完成青山、平河等风电项目送出工程及青山220千伏变、平河220千伏变扩建工程。",
         {"青山风电项目送出工程", "平河风电项目送出工程", "青山220千伏变扩建工程",
          "平河220千伏变扩建工程"}),
        # and two things of one kind stay two
        ("建设府城水厂和苏蔺水厂、城东污水处理厂。", {"府城水厂", "苏蔺水厂", "城东污水处理厂"}),
    ],
)
def test_conjunctions_inside_one_name(text: str, names: set[str]) -> None:
    assert _proposed(text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # items ending in the head the last one's work is done on share that work
        ("重点实施青山村城中村、柳林村城中村改造项目,城南社区城中村、北关社区城中村改造项目。",
         {"青山村城中村改造项目", "柳林村城中村改造项目", "城南社区城中村改造项目",
          "北关社区城中村改造项目"}),
        ("推进平安小学、实验小学改扩建工程,年内开工。",
         {"平安小学改扩建工程", "实验小学改扩建工程"}),
    ],
)
def test_items_share_the_work_done_on_their_head(text: str, names: set[str]) -> None:
    assert _proposed(text) == names


def test_two_roads_of_a_crossing_do_not_share_its_work() -> None:
    assert "青石路绿化项目" not in _proposed("建设青石路与长江路绿化项目。")


def test_an_amount_after_a_name_ends_it_and_is_its_scale() -> None:
    [greenway] = extract_text("建设沿河森林绿道32公里。").candidates
    assert greenway.name == "沿河森林绿道" and greenway.reason == ""
    assert [(str(v), u) for v, u in greenway.quantities] == [("32", "公里")]
    assert _proposed("新建青石路2.5公里,打造城东公园1处。") == {"青石路", "城东公园"}


def test_a_school_is_named_by_its_place_not_by_its_class() -> None:
    found = {c.name: c.reason for c in extract_text(
        "支持青山高级技工学校建设,扶持普惠性民办幼儿园,设立特殊教育学校、寄宿制学校。"
    ).candidates}
    assert found.pop("青山高级技工学校") == ""
    assert set(found) == {"普惠性民办幼儿园", "特殊教育学校", "寄宿制学校"}
    assert all("哪类设施" in why for why in found.values()), found


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a kind after 等 sorted by size or weight: the instances are the names
        ("建设青莲湖、白鹭洲等大型公园游园。", {"青莲湖", "白鹭洲"}),
        ("支持瑞丰化工等重点企业技改项目。", {"瑞丰化工"}),
        # … while a facility after 等 is still built at each
        ("推进阳光大厦等智能停车场建设。", {"阳光大厦智能停车场"}),
    ],
)
def test_kinds_sorted_by_size_leave_the_instances_as_names(text: str, names: set[str]) -> None:
    assert _proposed(text) == names


def test_enterprises_sorted_as_leading_ones_are_no_projects() -> None:
    found = _proposed("依托青禾家居产业园、瑞丰同创等龙头企业,建设家居产业互联网平台。")
    assert "青禾家居产业园" in found and "瑞丰同创" not in found


def test_a_bracket_after_a_head_says_which_one() -> None:
    assert _proposed("建设城区敬老院、老年公寓(康养楼二期)。") == {
        "城区敬老院", "老年公寓(康养楼二期)"
    }
    assert _proposed("建设科技馆(二期)。") == {"科技馆(二期)"}
    assert _proposed("建设科技馆。") == set()


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a place a developer builds as one (…文旅城), resettlement by its kind (…集中安置)
        ("加快恒远文旅城、青山科技城建设。", {"恒远文旅城", "青山科技城"}),
        ("实施柳河镇青湾村集中安置。", {"柳河镇青湾村集中安置"}),
        # after a named thing, a half opening with a verb is its further work
        ("实施东山区地质灾害综合治理及避险安置项目。", {"东山区地质灾害综合治理及避险安置项目"}),
        ("推进青龙河(二级悬河)治理和改建加固等防洪工程。", {"青龙河(二级悬河)治理和改建加固"}),
        # … but a thing with a place of its own is another item
        ("推进城南调压站和青禾矿区铁路专用线建设。", {"城南调压站", "青禾矿区铁路专用线"}),
    ],
)
def test_new_heads_and_further_work_after_a_conjunction(text: str, names: set[str]) -> None:
    assert _proposed(text) == names


def test_kind_words_joined_by_a_conjunction_name_no_thing() -> None:
    # (a vague opening such as 高水平 sets aside only a name that says no more than a kind)
    found = {c.name: c.reason for c in extract_text("建设高水平研发与创新平台。").candidates}
    assert found == {"高水平研发与创新平台": "名称只说重要或哪一类，没有指名"}


def test_classes_of_facility_by_level_or_user_name_none() -> None:
    found = {c.name: c.reason for c in extract_text(
        "建设社区日间照料中心、区级公园和镇村党建服务中心,完善农民合作社,建设青山村日间照料中心。"
    ).candidates}
    assert found.pop("青山村日间照料中心") == ""
    assert set(found) == {"社区日间照料中心", "区级公园", "镇村党建服务中心", "农民合作社"}
    assert all("哪类设施" in why for why in found.values()), found


def test_a_count_of_kinds_after_a_name_does_not_end_it() -> None:
    # 个 and 条 count kinds of thing ("道路5条"), not the amount of one named thing
    assert _proposed("新建青石大道5条。") == set()
    assert _proposed("新建青山110千伏变电站1座。") == {"青山110千伏变电站"}


def test_a_code_may_open_a_name_where_a_bare_figure_may_not() -> None:
    assert _proposed("建设青山5G产业园、平河3D打印产业基地。") >= {"青山5G产业园"}
    assert _proposed("建设5G产业园、3D打印产业基地。") == {"5G产业园", "3D打印产业基地"}
    assert _proposed("建成12产业园。") == set()


def test_verbs_jieba_reads_as_nouns_open_no_name() -> None:
    assert _proposed("串联青山智造园、白水科创园,统筹推进青龙湿地公园建设。") == {
        "青山智造园", "白水科创园", "青龙湿地公园"
    }


def test_where_a_road_goes_belongs_to_its_name() -> None:
    assert _proposed("推动青州大道东延高架快速通道至平河,实施S312东延至平河和城东路改造。") >= {
        "青州大道东延高架快速通道至平河", "S312东延至平河"
    }


def test_a_one_word_half_before_a_counted_kind_is_no_item() -> None:
    assert _proposed("打造青山遗址、白石城、青山摩崖大佛及石刻三大地标。") == {
        "青山遗址", "白石城", "青山摩崖大佛及石刻"
    }


def test_a_national_scenic_grade_is_a_title_to_win() -> None:
    found = {c.name: c.reason for c in extract_text(
        "建设国家A级旅游景区6处,新建A级旅游厕所。"
    ).candidates}
    assert "等级评定的目标" in found["国家A级旅游景区"]
    assert found.get("A级旅游厕所", "") == ""


def test_a_museum_named_by_its_subject_kind_names_none() -> None:
    text = "建设青山文物整理基地、专题博物馆。"
    found = {c.name: c.reason for c in extract_text(text).candidates}
    assert found["青山文物整理基地"] == "" and "哪类设施" in found["专题博物馆"]


def test_a_time_phrase_names_nothing() -> None:
    # a box title with a head noun ("“十五五”期间新增学校") describes the box, not a project
    assert _proposed("专栏2 “十五五”期间新增学校\n（1）平河县第三小学：计划投资5000万元。") == {
        "平河县第三小学"
    }


def test_a_section_of_another_line_is_not_shared() -> None:
    found = _proposed("实施青石岭和白沙引水调蓄、平河青山段清淤、龙口控导等防洪工程。")
    assert {"白沙引水调蓄", "平河青山段清淤", "龙口控导"} <= found
    assert not [name for name in found if name.startswith("青石岭") and "青山段" in name]


def test_a_regional_scheme_the_county_joins_is_set_aside() -> None:
    found = {c.name: c.reason for c in extract_text(
        "深度融入青河世界级文化旅游带建设,建设平河湾风景区。"
    ).candidates}
    assert found["平河湾风景区"] == ""
    assert "融入的区域性布局" in found["青河世界级文化旅游带"]
