"""The demo office as data: people, host units, departments, three trips (one row an
itinerary item), the inspection's notes and follow-up items. desk.demo builds them through
the real domain functions; running it twice changes nothing."""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass, field

from accounts.roles import LEADER, SECRETARY, STAFF
from directory.models import HostUnit
from followups.models import FollowUp, Note
from trips.models import ItineraryItem, Trip, TripMember

K = ItineraryItem.Kind


@dataclass(frozen=True)
class Item:
    """One itinerary item: the day after the first, "HH:MM" times ("+08:00": the next
    morning, a night's lodging), its kind and title; the rest by name, the host unit by its
    name."""

    day: int
    start: str
    end: str
    kind: str
    title: str
    _: KW_ONLY
    place: str = ""
    unit: str = ""
    host_preparation: str = ""
    fallback_plan: str = ""
    travel_mode: str = ""
    driver: str = ""
    origin: str = ""
    destination: str = ""


@dataclass(frozen=True, kw_only=True)
class Other:
    """Someone in the party without an account."""

    name: str
    title: str
    organisation: str
    phone: str
    role: str


@dataclass(frozen=True, kw_only=True)
class Car:
    name: str
    plate: str
    driver: str
    phone: str
    passengers: tuple[str, ...]  # usernames


@dataclass(frozen=True, kw_only=True)
class DemoTrip:
    title: str
    starts_in: int  # days after the day seeded
    days: int
    team: dict[str, str]  # username: role
    brief: dict[str, str]  # Trip fields
    items: tuple[Item, ...]
    attendees: tuple[str, ...]  # who of the team attends every item
    checklist_language: str
    others: tuple[Other, ...] = ()  # in this order
    car: Car | None = None
    requirements: dict[str, str] = field(default_factory=dict)  # host unit: what it prepares


@dataclass(frozen=True, kw_only=True)
class Person:
    """An office user with the profile the demo gives them."""

    username: str
    first_name: str
    last_name: str
    email: str
    role: str
    name: str
    name_en: str
    title: str
    title_en: str
    phone: str
    protocol_rank: int
    language: str

    def profile(self) -> dict[str, object]:
        fields = ("name", "name_en", "title", "title_en", "phone", "protocol_rank", "language")
        return {name: getattr(self, name) for name in fields}


@dataclass(frozen=True, kw_only=True)
class UnitContact:
    name: str
    title: str
    phone: str
    email: str


@dataclass(frozen=True, kw_only=True)
class Unit:
    name: str
    kind: str
    region: str
    address: str
    language: str
    contacts: tuple[UnitContact, ...]


@dataclass(frozen=True, kw_only=True)
class DepartmentContact:
    name: str
    title: str
    host_unit: str | None  # the unit's name, or None for the office's own staff
    department: str  # the internal department, for the office's own staff
    phone: str
    email: str


@dataclass(frozen=True, kw_only=True)
class DemoDepartment:
    name: str
    language: str
    contacts: tuple[DepartmentContact, ...]


@dataclass(frozen=True, kw_only=True)
class DemoNote:
    key: str  # the client key: keeps it once
    author: str  # username
    item: str  # the item's title (the first day's item of that title)
    kind: str
    speaker: str
    text: str


@dataclass(frozen=True, kw_only=True)
class DemoFollowUp:
    note: str  # the note's key
    title: str
    department: str
    co_owners: tuple[str, ...]
    due_in: int  # days from the day seeded
    priority: str
    # What happened since, in order: (step, fields), a step of followups.workflow taken by
    # the department through its link or by the office, or "update" (fields changed in place).
    steps: tuple[tuple[str, dict[str, object]], ...]


def by_car(origin: str, destination: str, driver: str = "王师傅 139 0731 0000") -> dict[str, str]:
    return {"travel_mode": "car", "driver": driver, "origin": origin, "destination": destination}


# The itineraries, one item a row (kept as laid out: a table reads better than ruff's
# one argument a line).
# fmt: off
INSPECTION_ITEMS = (
    Item(0, "08:00", "10:30", K.TRAVEL, "乘车赴青山县", **by_car("省政府", "青山县人民政府")),
    # Five minutes of slack only: the demo's one schedule finding, on purpose.
    Item(0, "10:35", "12:00", K.FORUM, "听取县政府工作汇报",
         place="县政府三楼会议室", unit="青山县人民政府",
         host_preparation="汇报材料20份（汇报15分钟以内）；近三年供水数据表。"),
    Item(0, "12:00", "13:00", K.MEAL, "工作餐", place="县政府食堂", unit="青山县人民政府"),
    Item(0, "13:00", "13:10", K.TRAVEL, "回宾馆", **by_car("青山县人民政府", "青山宾馆")),
    Item(0, "13:10", "14:00", K.REST, "午休", place="青山宾馆"),
    Item(0, "14:10", "14:30", K.TRAVEL, "赴第一水厂", **by_car("青山宾馆", "青山县第一水厂")),
    Item(0, "14:40", "16:00", K.SITE_VISIT, "实地查看水厂运行",
         place="青山县第一水厂", unit="青山县第一水厂",
         host_preparation="水质检测记录；工艺流程图。",
         fallback_plan="如遇大雨，改在中控室听取介绍。"),
    Item(0, "16:10", "17:00", K.TALK, "与一线职工座谈",
         place="水厂职工之家", unit="青山县第一水厂"),
    Item(0, "17:00", "17:20", K.TRAVEL, "回宾馆", **by_car("青山县第一水厂", "青山宾馆")),
    Item(0, "17:30", "+08:00", K.LODGING, "入住青山宾馆", place="青山宾馆"),
    Item(1, "08:30", "09:10", K.TRAVEL, "赴桃源镇", **by_car("青山宾馆", "桃源镇人民政府")),
    Item(1, "09:20", "10:30", K.SITE_VISIT, "查看村级供水站",
         place="桃源镇绿谷村供水站", unit="桃源镇人民政府"),
    Item(1, "10:40", "12:00", K.FORUM, "乡村振兴座谈会",
         place="镇政府会议室", unit="桃源镇人民政府",
         host_preparation="邀请村干部、群众代表8至10人。"),
    Item(1, "12:00", "13:00", K.MEAL, "在镇食堂用餐",
         place="镇政府食堂", unit="桃源镇人民政府"),
    Item(1, "13:00", "13:20", K.TRAVEL, "赴绿谷村",
         **by_car("桃源镇人民政府", "绿谷农业合作社")),
    Item(1, "14:00", "15:30", K.SITE_VISIT, "考察绿谷农业合作社",
         place="绿谷村", unit="绿谷农业合作社"),
    Item(1, "15:30", "15:40", K.TRAVEL, "步行至农户家",
         travel_mode="other", origin="合作社", destination="农户家中"),
    Item(1, "15:40", "16:40", K.TALK, "走访农户", place="绿谷村农户家中"),
    Item(1, "16:40", "17:20", K.TRAVEL, "回宾馆", **by_car("绿谷村", "青山宾馆")),
    Item(1, "17:30", "+08:00", K.LODGING, "入住青山宾馆", place="青山宾馆"),
    Item(2, "08:00", "08:20", K.TRAVEL, "赴县人民医院", **by_car("青山宾馆", "青山县人民医院")),
    Item(2, "08:30", "09:30", K.SITE_VISIT, "调研县人民医院对口帮扶",
         place="青山县人民医院", unit="青山县人民医院"),
    Item(2, "09:30", "09:40", K.TRAVEL, "赴县政府",
         **by_car("青山县人民医院", "青山县人民政府")),
    Item(2, "09:50", "11:00", K.MEETING, "反馈会",
         place="县政府三楼会议室", unit="青山县人民政府"),
    Item(2, "11:00", "12:00", K.MEAL, "工作餐", place="县政府食堂", unit="青山县人民政府"),
    Item(2, "12:00", "14:20", K.TRAVEL, "返程", **by_car("青山县", "省政府")),
)

FORUM = "Provincial Development Forum"
MEETING_ITEMS = (
    Item(0, "08:15", "08:45", K.TRAVEL, "Car to the convention centre",
         **by_car("Office", "Convention centre", driver="Mr Liu")),
    Item(0, "09:00", "10:30", K.MEETING, "Opening session and keynote",
         place="Hall A", unit=FORUM, host_preparation="Lectern and clicker."),
    Item(0, "10:45", "11:45", K.TALK, "Investors' panel", place="Room 3", unit=FORUM),
    Item(0, "12:00", "13:00", K.MEAL, "Lunch with the organisers",
         place="Restaurant", unit=FORUM),
    Item(0, "13:15", "13:45", K.TRAVEL, "Back to the office",
         **by_car("Convention centre", "Office", driver="Mr Liu")),
)

CONFIDENTIAL_ITEMS = (
    Item(0, "14:00", "15:30", K.TALK, "Private talk with the county head",
         place="Small room", unit="青山县人民政府"),
)
# fmt: on


INSPECTION = DemoTrip(
    title="青山县农村供水与乡村振兴调研",
    starts_in=14,
    days=3,
    team={"leader": LEADER, "secretary": SECRETARY, "staff": STAFF, "staff2": STAFF},
    brief={
        "kind": Trip.Kind.INSPECTION,
        "purpose": "了解青山县农村饮水安全工程建设和运行情况，听取基层对乡村振兴工作的意见建议。",
        "intention": "看一看水厂和村级供水站的实际运行，听一听县、镇两级的汇报，"
        "谈一谈群众对饮水质量和收费的真实感受。不搞层层陪同，不看准备好的“盆景”。",
        "results_wanted": "形成一份调研报告，提出解决管网老化和运维经费问题的具体措施。",
        "topics": "农村饮水安全；管网改造；运维经费；合作社带动农户增收；县医院对口帮扶。",
        # For the team only: each unit reads its own items' preparations and requirements.
        "host_preparation": "各点位只准备与本单位有关的材料，安排一名熟悉情况的同志讲解；"
        "具体要求写在各单位的通知里。",
    },
    items=INSPECTION_ITEMS,
    attendees=("leader", "secretary", "staff"),
    checklist_language="zh-hans",
    others=(
        Other(
            name="王师傅",
            title="驾驶员",
            organisation="省政府机关车队",
            phone="139 0731 0000",
            role=TripMember.Role.DRIVER,
        ),
        Other(
            name="刘洋",
            title="副主任",
            organisation="青山县人民政府办公室",
            phone="0731-8822 1010",
            role=TripMember.Role.ESCORT,
        ),
        Other(
            name="张敏",
            title="处长",
            organisation="省水利厅农村水利处",
            phone="0731-8899 2020",
            role=TripMember.Role.OTHER_DEPARTMENT,
        ),
    ),
    car=Car(
        name="中巴",
        plate="湘A·12345",
        driver="王师傅",
        phone="139 0731 0000",
        passengers=("leader", "secretary", "staff", "staff2"),
    ),
    requirements={
        "青山县人民政府": "请县政府办公室指定一名联络员，负责当天的引导和会场安排。",
        "青山县第一水厂": "请安排一名熟悉工艺的技术人员现场讲解；参观区域备安全帽8顶。",
        "桃源镇人民政府": "请安排一名熟悉村级供水站情况的同志讲解；不安排层层陪同。",
        "绿谷农业合作社": "请准备合作社带动农户增收的情况介绍（5分钟以内）。",
        "青山县人民医院": "请准备对口帮扶工作的简要情况（一页纸）。",
    },
)


MEETING = DemoTrip(
    title="Provincial Development Forum: keynote on rural water",
    starts_in=7,
    days=1,
    team={"leader": LEADER, "secretary": SECRETARY, "staff2": STAFF},
    brief={
        "kind": Trip.Kind.MEETING,
        "purpose": "Deliver the keynote on rural water security and meet the investors' panel.",
        "intention": "Present the province's plan in twelve minutes; listen to what investors ask.",
        "results_wanted": "Two follow-up meetings with investors; the plan quoted correctly.",
        "topics": "Rural water security; financing of pipe networks.",
        "host_preparation": "The organisers provide the lectern, clicker and head-table seat.",
    },
    items=MEETING_ITEMS,
    attendees=("leader", "secretary"),
    checklist_language="en",
    car=Car(
        name="Office car 2",
        plate="",
        driver="Mr Liu",
        phone="139 0731 0009",
        passengers=("leader", "secretary"),
    ),
    requirements={FORUM: "A seat for the leader on the head table."},
)

CONFIDENTIAL = DemoTrip(
    title="Confidential: talks on the water utilities merger",
    starts_in=21,
    days=1,
    team={"leader": LEADER, "secretary": SECRETARY, "staff": STAFF},
    brief={
        "kind": Trip.Kind.BUSINESS,
        "visibility": Trip.Visibility.CONFIDENTIAL,
        "purpose": "Sound out the county on merging the two water utilities.",
        "intention": "Private talk only; no announcement, no press, no minutes outside the team.",
    },
    items=CONFIDENTIAL_ITEMS,
    attendees=("leader", "secretary"),
    checklist_language="en",
)

# In the order they are made (the inspection is the first trip, as make bench expects).
TRIPS = (INSPECTION, MEETING, CONFIDENTIAL)


# The office and its directory.
PEOPLE = (
    Person(
        username="secretary",
        first_name="Sue",
        last_name="Li",
        email="secretary@office.example",
        role=SECRETARY,
        name="李娜",
        name_en="Li Na",
        title="秘书",
        title_en="Secretary",
        phone="139 0731 0002",
        protocol_rank=10,
        language="zh-hans",
    ),
    Person(
        username="leader",
        first_name="Wei",
        last_name="Wang",
        email="leader@office.example",
        role=LEADER,
        name="王伟",
        name_en="Wang Wei",
        title="副省长",
        title_en="Vice Governor",
        phone="139 0731 0001",
        protocol_rank=1,
        language="zh-hans",
    ),
    Person(
        username="staff",
        first_name="Sam",
        last_name="Zhao",
        email="staff@office.example",
        role=STAFF,
        name="赵强",
        name_en="Zhao Qiang",
        title="综合处处长",
        title_en="Director, General Affairs",
        phone="139 0731 0003",
        protocol_rank=20,
        language="zh-hans",
    ),
    Person(
        username="staff2",
        first_name="Tao",
        last_name="Chen",
        email="staff2@office.example",
        role=STAFF,
        name="陈涛",
        name_en="Chen Tao",
        title="综合处科员",
        title_en="Officer, General Affairs",
        phone="139 0731 0004",
        protocol_rank=30,
        language="en",
    ),
)

HOST_UNITS = (
    Unit(
        name="青山县人民政府",
        kind=HostUnit.Kind.GOVERNMENT,
        region="青山县",
        address="青山县城关镇人民路1号",
        language="zh-hans",
        contacts=(
            UnitContact(
                name="刘建国", title="县长", phone="0731-8822 1001", email="liujg@qingshan.example"
            ),
        ),
    ),
    Unit(
        name="青山县第一水厂",
        kind=HostUnit.Kind.ENTERPRISE,
        region="青山县",
        address="青山县滨河路88号",
        language="zh-hans",
        contacts=(
            UnitContact(
                name="陈丽", title="厂长", phone="0731-8822 2002", email="chenli@qswater.example"
            ),
        ),
    ),
    Unit(
        name="桃源镇人民政府",
        kind=HostUnit.Kind.TOWNSHIP,
        region="青山县",
        address="青山县桃源镇中心街6号",
        language="zh-hans",
        contacts=(
            UnitContact(
                name="周明",
                title="镇党委书记",
                phone="0731-8833 3003",
                email="zhouming@taoyuan.example",
            ),
        ),
    ),
    Unit(
        name="青山县人民医院",
        kind=HostUnit.Kind.HOSPITAL,
        region="青山县",
        address="青山县健康路20号",
        language="zh-hans",
        contacts=(
            UnitContact(
                name="孙华", title="院长", phone="0731-8844 4004", email="sunhua@qshospital.example"
            ),
        ),
    ),
    Unit(
        name="绿谷农业合作社",
        kind=HostUnit.Kind.ENTERPRISE,
        region="青山县",
        address="青山县桃源镇绿谷村",
        language="zh-hans",
        contacts=(
            UnitContact(
                name="黄伟", title="理事长", phone="138 0731 5005", email="huangwei@lvgu.example"
            ),
        ),
    ),
    Unit(
        name="Provincial Development Forum",
        kind=HostUnit.Kind.ORGANISATION,
        region="Provincial capital",
        address="International Convention Centre, 1 Expo Avenue",
        language="en",
        contacts=(
            UnitContact(
                name="Helen Park",
                title="Programme director",
                phone="+86 731 8855 6006",
                email="h.park@devforum.example",
            ),
        ),
    ),
)

DEPARTMENTS = (
    DemoDepartment(
        name="省水利厅农村饮水处",
        language="zh-hans",
        contacts=(
            DepartmentContact(
                name="张敏",
                title="处长",
                host_unit=None,
                department="省水利厅农村饮水处",
                phone="0731-8899 2020",
                email="zhangmin@slt.example",
            ),
        ),
    ),
    DemoDepartment(
        name="青山县人民政府办公室",
        language="zh-hans",
        contacts=(
            DepartmentContact(
                name="刘洋",
                title="副主任",
                host_unit="青山县人民政府",
                department="",
                phone="0731-8822 1010",
                email="liuyang@qingshan.example",
            ),
        ),
    ),
    DemoDepartment(
        name="青山县水利局",
        language="zh-hans",
        contacts=(
            DepartmentContact(
                name="李强",
                title="局长",
                host_unit=None,
                department="青山县水利局",
                phone="0731-8822 3030",
                email="liqiang@qsslj.example",
            ),
        ),
    ),
    DemoDepartment(
        name="Provincial Foreign Affairs Office",
        language="en",
        contacts=(
            DepartmentContact(
                name="Grace Lin",
                title="Deputy director",
                host_unit=None,
                department="Foreign Affairs Office",
                phone="+86 731 8866 7007",
                email="",
            ),
        ),
    ),
)

# The inspection's first day: what was seen, heard and said, the leader's remark, and
# what became follow-up items (one done, one overdue, one that cannot be done, two under way).
N = Note.Kind
S = FollowUp.Status

NOTES = (
    DemoNote(
        key="demo-note-1",
        author="staff",
        item="听取县政府工作汇报",
        kind=N.HEARD,
        speaker="刘建国",
        text="全县农村自来水普及率92%，但山区还有三个村靠山泉水，旱季要靠送水车。",
    ),
    DemoNote(
        key="demo-note-2",
        author="secretary",
        item="听取县政府工作汇报",
        kind=N.REMARK,
        speaker="王伟",
        text="农村供水要“建得好、管得好、用得好”，不能重建轻管，运维经费要有稳定来源。",
    ),
    DemoNote(
        key="demo-note-3",
        author="secretary",
        item="听取县政府工作汇报",
        kind=N.DECISION,
        speaker="王伟",
        text="由省水利厅牵头、县水利局配合，一个月内拿出山区三个村集中供水的方案。",
    ),
    DemoNote(
        key="demo-note-4",
        author="secretary",
        item="听取县政府工作汇报",
        kind=N.PROMISE,
        speaker="王伟",
        text="省里支持青山县申报农村供水管网改造专项债券，请县里抓紧准备项目材料。",
    ),
    DemoNote(
        key="demo-note-5",
        author="staff",
        item="实地查看水厂运行",
        kind=N.SEEN,
        speaker="",
        text="滤池反冲洗设备锈蚀严重，部分阀门靠人工操作；中控室的水质在线监测仪一个上午报警三次。",
    ),
    DemoNote(
        key="demo-note-6",
        author="secretary",
        item="实地查看水厂运行",
        kind=N.PROMISE,
        speaker="王伟",
        text="更换滤池反冲洗设备的资金，省里帮助协调解决。",
    ),
    DemoNote(
        key="demo-note-7",
        author="staff",
        item="实地查看水厂运行",
        kind=N.PROBLEM,
        speaker="",
        text="水质在线监测仪频繁误报，值班人员难以判断真假，存在漏报风险。",
    ),
    DemoNote(
        key="demo-note-8",
        author="staff",
        item="与一线职工座谈",
        kind=N.SAID,
        speaker="水厂职工",
        text="夜班只有两个人值守，设备一报警就得全厂跑，大家希望增加人手。",
    ),
    DemoNote(
        key="demo-note-9",
        author="staff",
        item="与一线职工座谈",
        kind=N.REQUEST,
        speaker="水厂职工代表",
        text="请求增加夜班值守人员编制。",
    ),
)

FOLLOWUPS = (
    DemoFollowUp(
        note="demo-note-3",
        title="拿出山区三个村集中供水方案",
        department="省水利厅农村饮水处",
        co_owners=("青山县水利局",),
        due_in=30,
        priority=FollowUp.Priority.HIGH,
        steps=(
            ("acknowledge", {}),
            ("start", {"comment": "已完成三个村的实地勘察，正在比选水源方案。"}),
            ("answer_part", {"text": "青山县水利局已提供三个村的水源水质检测报告。"}),
        ),
    ),
    DemoFollowUp(
        note="demo-note-6",
        title="更换第一水厂滤池反冲洗设备",
        department="青山县水利局",
        co_owners=(),
        due_in=10,
        priority=FollowUp.Priority.NORMAL,
        steps=(
            ("start", {"comment": "已向省水利厅申请维修养护补助。"}),
            (
                "answer",
                {
                    "kind": FollowUp.AnswerKind.DONE,
                    "text": "省级农村供水维修养护补助资金85万元已下达，滤池反冲洗设备已更换完毕，"
                    "第一水厂已确认运行正常。",
                },
            ),
            ("accept", {}),
        ),
    ),
    DemoFollowUp(
        note="demo-note-7",
        title="排查水质在线监测仪误报问题",
        department="青山县水利局",
        co_owners=(),
        due_in=-5,
        priority=FollowUp.Priority.NORMAL,
        steps=(("update", {"comment": "厂家尚未派人到现场，已电话催办。"}),),
    ),
    DemoFollowUp(
        note="demo-note-9",
        title="增加第一水厂夜班值守人员编制",
        department="青山县人民政府办公室",
        co_owners=(),
        due_in=15,
        priority=FollowUp.Priority.LOW,
        steps=(
            (
                "answer",
                {
                    "kind": FollowUp.AnswerKind.CANNOT,
                    "text": "县级事业编制总量已满，年内无法增加；改为通过购买服务增加夜班值守人员，"
                    "已向水厂职工说明。",
                },
            ),
            ("accept", {}),
        ),
    ),
    DemoFollowUp(
        note="demo-note-4",
        title="支持青山县申报管网改造专项债券",
        department="省水利厅农村饮水处",
        co_owners=(),
        due_in=45,
        priority=FollowUp.Priority.HIGH,
        steps=(
            ("acknowledge", {}),
            ("update", {"needs_leader": True, "comment": "需省领导出面与省财政厅协调专项债额度。"}),
            (
                "ask_extension",
                {"days": 30, "reason": "专项债券申报须待省财政厅下达额度，预计次月中旬。"},
            ),
        ),
    ),
)
