"""Demo data: the office's people, a directory of host units, three realistic trips, and the
inspection's notes, follow-up items and draft report."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.db import transaction

from accounts.models import Profile
from accounts.roles import LEADER, SECRETARY, STAFF
from directory.models import Contact, Department, HostUnit
from followups import items as followup_items
from followups import notes as followup_notes
from followups import report
from followups.models import FollowUp, Note
from logistics import checklists
from logistics.models import Vehicle
from notices.models import UnitRequirements
from trips import approval
from trips.models import ItineraryItem, Trip, TripMember, TripVersion

PEOPLE = [
    # username, first name, last name, e-mail, office role
    ("secretary", "Sue", "Li", "secretary@office.example", SECRETARY),
    ("leader", "Wei", "Wang", "leader@office.example", LEADER),
    ("staff", "Sam", "Zhao", "staff@office.example", STAFF),
    ("staff2", "Tao", "Chen", "staff2@office.example", STAFF),
]

PROFILES = {
    # username: name, English name, title, English title, phone, protocol rank, language
    "leader": ("王伟", "Wang Wei", "副省长", "Vice Governor", "139 0731 0001", 1, "zh-hans"),
    "secretary": ("李娜", "Li Na", "秘书", "Secretary", "139 0731 0002", 10, "zh-hans"),
    "staff": (
        "赵强",
        "Zhao Qiang",
        "综合处处长",
        "Director, General Affairs",
        "139 0731 0003",
        20,
        "zh-hans",
    ),
    "staff2": (
        "陈涛",
        "Chen Tao",
        "综合处科员",
        "Officer, General Affairs",
        "139 0731 0004",
        30,
        "en",
    ),
}

# People in the inspection's party without an account: name, title, organisation, phone,
# role, order among them.
OTHERS = [
    ("王师傅", "驾驶员", "省政府机关车队", "139 0731 0000", TripMember.Role.DRIVER, 1),
    ("刘洋", "副主任", "青山县人民政府办公室", "0731-8822 1010", TripMember.Role.ESCORT, 2),
    ("张敏", "处长", "省水利厅农村水利处", "0731-8899 2020", TripMember.Role.OTHER_DEPARTMENT, 3),
]

HOST_UNITS = [
    # name, kind, region, address, language, contacts (name, title, phone, e-mail)
    (
        "青山县人民政府",
        HostUnit.Kind.GOVERNMENT,
        "青山县",
        "青山县城关镇人民路1号",
        "zh-hans",
        [("刘建国", "县长", "0731-8822 1001", "liujg@qingshan.example")],
    ),
    (
        "青山县第一水厂",
        HostUnit.Kind.ENTERPRISE,
        "青山县",
        "青山县滨河路88号",
        "zh-hans",
        [("陈丽", "厂长", "0731-8822 2002", "chenli@qswater.example")],
    ),
    (
        "桃源镇人民政府",
        HostUnit.Kind.TOWNSHIP,
        "青山县",
        "青山县桃源镇中心街6号",
        "zh-hans",
        [("周明", "镇党委书记", "0731-8833 3003", "zhouming@taoyuan.example")],
    ),
    (
        "青山县人民医院",
        HostUnit.Kind.HOSPITAL,
        "青山县",
        "青山县健康路20号",
        "zh-hans",
        [("孙华", "院长", "0731-8844 4004", "sunhua@qshospital.example")],
    ),
    (
        "绿谷农业合作社",
        HostUnit.Kind.ENTERPRISE,
        "青山县",
        "青山县桃源镇绿谷村",
        "zh-hans",
        [("黄伟", "理事长", "138 0731 5005", "huangwei@lvgu.example")],
    ),
    (
        "Provincial Development Forum",
        HostUnit.Kind.ORGANISATION,
        "Provincial capital",
        "International Convention Centre, 1 Expo Avenue",
        "en",
        [("Helen Park", "Programme director", "+86 731 8855 6006", "h.park@devforum.example")],
    ),
]


DEPARTMENTS = [
    # name, language, contacts (name, title, host unit or None, internal department, phone, e-mail)
    (
        "省水利厅农村饮水处",
        "zh-hans",
        [("张敏", "处长", None, "省水利厅农村饮水处", "0731-8899 2020", "zhangmin@slt.example")],
    ),
    (
        "青山县人民政府办公室",
        "zh-hans",
        [("刘洋", "副主任", "青山县人民政府", "", "0731-8822 1010", "liuyang@qingshan.example")],
    ),
    (
        "青山县水利局",
        "zh-hans",
        [("李强", "局长", None, "青山县水利局", "0731-8822 3030", "liqiang@qsslj.example")],
    ),
    (
        "Provincial Foreign Affairs Office",
        "en",
        [("Grace Lin", "Deputy director", None, "Foreign Affairs Office", "+86 731 8866 7007", "")],
    ),
]


@dataclass
class Seeded:
    users: dict[str, User]
    created_users: list[str]
    trips: list[Trip]


def seed(password: str | None = None, today: dt.date | None = None) -> Seeded:
    """Create what is missing; running it twice changes nothing."""
    password = password or settings.DEMO_PASSWORD
    today = today or dt.date.today()
    with transaction.atomic():
        users, created = _people(password)
        units = _host_units()
        _departments(units)
        trips = [
            _inspection(users, units, today + dt.timedelta(days=14)),
            _meeting(users, units, today + dt.timedelta(days=7)),
            _confidential(users, units, today + dt.timedelta(days=21)),
        ]
        for trip, language in zip(trips, ("zh-hans", "en", "en"), strict=True):
            checklists.apply_template(trip, language)
        _approve(trips[1], users)
        _notes_and_followups(trips[0], users, today)
        report.get_or_start(trips[0], users["secretary"])
    return Seeded(users=users, created_users=created, trips=trips)


def _approve(trip: Trip, users: dict[str, User]) -> None:
    """The meeting trip is approved, so its notices to host units can be sent."""
    if trip.status != Trip.Status.DRAFT:
        return
    trip = Trip.objects.with_team().get(pk=trip.pk)
    version = approval.submit(trip, users["secretary"], "Keynote and investors' panel.")
    approval.confirm_brief(version, users["leader"])
    approval.decide(version, users["leader"], TripVersion.Decision.APPROVED, "Agreed.")


def _people(password: str) -> tuple[dict[str, User], list[str]]:
    users, created = {}, []
    for username, first, last, email, role in PEOPLE:
        user, was_created = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last, "email": email}
        )
        if was_created:
            user.set_password(password)
            user.save()
            created.append(username)
        user.groups.add(Group.objects.get(name=role))
        name, name_en, title, title_en, phone, rank, language = PROFILES[username]
        Profile.objects.get_or_create(
            user=user,
            defaults={
                "name": name,
                "name_en": name_en,
                "title": title,
                "title_en": title_en,
                "phone": phone,
                "protocol_rank": rank,
                "language": language,
            },
        )
        users[username] = user
    return users, created


def _host_units() -> dict[str, HostUnit]:
    units = {}
    for name, kind, region, address, language, contacts in HOST_UNITS:
        unit, _ = HostUnit.objects.get_or_create(
            name=name,
            defaults={"kind": kind, "region": region, "address": address, "language": language},
        )
        for contact_name, title, phone, email in contacts:
            Contact.objects.get_or_create(
                name=contact_name,
                host_unit=unit,
                defaults={"title": title, "phone": phone, "email": email, "receives_notices": True},
            )
        units[name] = unit
    return units


def _departments(units: dict[str, HostUnit]) -> None:
    """The departments that answer for follow-ups, each with the person to ask."""
    for name, language, contacts in DEPARTMENTS:
        department, _ = Department.objects.get_or_create(name=name, defaults={"language": language})
        for contact_name, title, unit_name, internal, phone, email in contacts:
            contact, _ = Contact.objects.get_or_create(
                name=contact_name,
                host_unit=units.get(unit_name),
                department=internal,
                defaults={"title": title, "phone": phone, "email": email},
            )
            department.contacts.add(contact)


def _trip(title: str, users: dict[str, User], team: dict[str, str], **fields) -> tuple[Trip, bool]:
    trip, created = Trip.objects.get_or_create(
        title=title, defaults={"created_by": users["secretary"], **fields}
    )
    if created:
        for username, role in team.items():
            TripMember.objects.create(trip=trip, user=users[username], role=role)
    return trip, created


def _items(trip: Trip, rows: list[tuple], units: dict[str, HostUnit], attendees: list[User]):
    """Rows of (day offset, "HH:MM", "HH:MM" or "+HH:MM", kind, title, place, unit, extra)."""
    tz = zoneinfo.ZoneInfo(trip.time_zone)
    for offset, start, end, kind, title, place, unit_name, extra in rows:
        day = trip.start_date + dt.timedelta(days=offset)
        # "+08:00" ends at that time on the next day (a night's lodging).
        end_day = day + dt.timedelta(days=1) if end.startswith("+") else day
        item = ItineraryItem.objects.create(
            trip=trip,
            start=dt.datetime.combine(day, dt.time.fromisoformat(start), tz),
            end=dt.datetime.combine(end_day, dt.time.fromisoformat(end.lstrip("+")), tz),
            kind=kind,
            title=title,
            place=place,
            host_unit=units.get(unit_name) if unit_name else None,
            **extra,
        )
        item.attendees.set(attendees)
        if item.host_unit:
            item.contacts.set(item.host_unit.contacts.all())


def _car(trip: Trip, car: tuple[str, str, str, str], passengers: list[User]) -> None:
    """The trip's car (name, plate, driver, driver's phone): its passengers, and every
    travel item by car."""
    name, plate, driver, phone = car
    vehicle = Vehicle.objects.create(
        trip=trip, name=name, plate=plate, driver=driver, driver_phone=phone
    )
    checklists.allocate(vehicle, passengers)
    vehicle.travel_items.set(
        trip.items.filter(kind=ItineraryItem.Kind.TRAVEL, travel_mode=ItineraryItem.TravelMode.CAR)
    )


def _requirements(trip: Trip, units: dict[str, HostUnit], texts: dict[str, str]) -> None:
    """What each unit is asked to prepare beyond its items: only that unit reads it."""
    for name, text in texts.items():
        UnitRequirements.objects.create(trip=trip, host_unit=units[name], text=text)


K = ItineraryItem.Kind


def _inspection(users, units, start: dt.date) -> Trip:
    trip, created = _trip(
        "青山县农村供水与乡村振兴调研",
        users,
        {"leader": LEADER, "secretary": SECRETARY, "staff": STAFF, "staff2": STAFF},
        kind=Trip.Kind.INSPECTION,
        start_date=start,
        end_date=start + dt.timedelta(days=2),
        purpose="了解青山县农村饮水安全工程建设和运行情况，听取基层对乡村振兴工作的意见建议。",
        intention="看一看水厂和村级供水站的实际运行，听一听县、镇两级的汇报，"
        "谈一谈群众对饮水质量和收费的真实感受。不搞层层陪同，不看准备好的“盆景”。",
        results_wanted="形成一份调研报告，提出解决管网老化和运维经费问题的具体措施。",
        topics="农村饮水安全；管网改造；运维经费；合作社带动农户增收；县医院对口帮扶。",
        # For the team only: each unit reads its own items' preparations and requirements.
        host_preparation="各点位只准备与本单位有关的材料，安排一名熟悉情况的同志讲解；"
        "具体要求写在各单位的通知里。",
    )
    if created:
        for name, title, organisation, phone, role, rank in OTHERS:
            TripMember.objects.create(
                trip=trip,
                name=name,
                title=title,
                organisation=organisation,
                phone=phone,
                role=role,
                rank=rank,
            )
        car = {"travel_mode": "car", "driver": "王师傅 139 0731 0000"}
        team = [users["leader"], users["secretary"], users["staff"]]
        _items(
            trip,
            [
                (
                    0,
                    "08:00",
                    "10:30",
                    K.TRAVEL,
                    "乘车赴青山县",
                    "",
                    "",
                    {**car, "origin": "省政府", "destination": "青山县人民政府"},
                ),
                # Five minutes of slack only: the demo's one schedule finding, on purpose.
                (
                    0,
                    "10:35",
                    "12:00",
                    K.FORUM,
                    "听取县政府工作汇报",
                    "县政府三楼会议室",
                    "青山县人民政府",
                    {"host_preparation": "汇报材料20份（汇报15分钟以内）；近三年供水数据表。"},
                ),
                (0, "12:00", "13:00", K.MEAL, "工作餐", "县政府食堂", "青山县人民政府", {}),
                (
                    0,
                    "13:00",
                    "13:10",
                    K.TRAVEL,
                    "回宾馆",
                    "",
                    "",
                    {**car, "origin": "青山县人民政府", "destination": "青山宾馆"},
                ),
                (0, "13:10", "14:00", K.REST, "午休", "青山宾馆", "", {}),
                (
                    0,
                    "14:10",
                    "14:30",
                    K.TRAVEL,
                    "赴第一水厂",
                    "",
                    "",
                    {**car, "origin": "青山宾馆", "destination": "青山县第一水厂"},
                ),
                (
                    0,
                    "14:40",
                    "16:00",
                    K.SITE_VISIT,
                    "实地查看水厂运行",
                    "青山县第一水厂",
                    "青山县第一水厂",
                    {
                        "host_preparation": "水质检测记录；工艺流程图。",
                        "fallback_plan": "如遇大雨，改在中控室听取介绍。",
                    },
                ),
                (
                    0,
                    "16:10",
                    "17:00",
                    K.TALK,
                    "与一线职工座谈",
                    "水厂职工之家",
                    "青山县第一水厂",
                    {},
                ),
                (
                    0,
                    "17:00",
                    "17:20",
                    K.TRAVEL,
                    "回宾馆",
                    "",
                    "",
                    {**car, "origin": "青山县第一水厂", "destination": "青山宾馆"},
                ),
                (0, "17:30", "+08:00", K.LODGING, "入住青山宾馆", "青山宾馆", "", {}),
                (
                    1,
                    "08:30",
                    "09:10",
                    K.TRAVEL,
                    "赴桃源镇",
                    "",
                    "",
                    {**car, "origin": "青山宾馆", "destination": "桃源镇人民政府"},
                ),
                (
                    1,
                    "09:20",
                    "10:30",
                    K.SITE_VISIT,
                    "查看村级供水站",
                    "桃源镇绿谷村供水站",
                    "桃源镇人民政府",
                    {},
                ),
                (
                    1,
                    "10:40",
                    "12:00",
                    K.FORUM,
                    "乡村振兴座谈会",
                    "镇政府会议室",
                    "桃源镇人民政府",
                    {"host_preparation": "邀请村干部、群众代表8至10人。"},
                ),
                (1, "12:00", "13:00", K.MEAL, "在镇食堂用餐", "镇政府食堂", "桃源镇人民政府", {}),
                (
                    1,
                    "13:00",
                    "13:20",
                    K.TRAVEL,
                    "赴绿谷村",
                    "",
                    "",
                    {**car, "origin": "桃源镇人民政府", "destination": "绿谷农业合作社"},
                ),
                (
                    1,
                    "14:00",
                    "15:30",
                    K.SITE_VISIT,
                    "考察绿谷农业合作社",
                    "绿谷村",
                    "绿谷农业合作社",
                    {},
                ),
                (
                    1,
                    "15:30",
                    "15:40",
                    K.TRAVEL,
                    "步行至农户家",
                    "",
                    "",
                    {"travel_mode": "other", "origin": "合作社", "destination": "农户家中"},
                ),
                (1, "15:40", "16:40", K.TALK, "走访农户", "绿谷村农户家中", "", {}),
                (
                    1,
                    "16:40",
                    "17:20",
                    K.TRAVEL,
                    "回宾馆",
                    "",
                    "",
                    {**car, "origin": "绿谷村", "destination": "青山宾馆"},
                ),
                (1, "17:30", "+08:00", K.LODGING, "入住青山宾馆", "青山宾馆", "", {}),
                (
                    2,
                    "08:00",
                    "08:20",
                    K.TRAVEL,
                    "赴县人民医院",
                    "",
                    "",
                    {**car, "origin": "青山宾馆", "destination": "青山县人民医院"},
                ),
                (
                    2,
                    "08:30",
                    "09:30",
                    K.SITE_VISIT,
                    "调研县人民医院对口帮扶",
                    "青山县人民医院",
                    "青山县人民医院",
                    {},
                ),
                (
                    2,
                    "09:30",
                    "09:40",
                    K.TRAVEL,
                    "赴县政府",
                    "",
                    "",
                    {**car, "origin": "青山县人民医院", "destination": "青山县人民政府"},
                ),
                (
                    2,
                    "09:50",
                    "11:00",
                    K.MEETING,
                    "反馈会",
                    "县政府三楼会议室",
                    "青山县人民政府",
                    {},
                ),
                (2, "11:00", "12:00", K.MEAL, "工作餐", "县政府食堂", "青山县人民政府", {}),
                (
                    2,
                    "12:00",
                    "14:20",
                    K.TRAVEL,
                    "返程",
                    "",
                    "",
                    {**car, "origin": "青山县", "destination": "省政府"},
                ),
            ],
            units,
            team,
        )
        _car(trip, ("中巴", "湘A·12345", "王师傅", "139 0731 0000"), [*team, users["staff2"]])
        _requirements(
            trip,
            units,
            {
                "青山县人民政府": "请县政府办公室指定一名联络员，负责当天的引导和会场安排。",
                "青山县第一水厂": "请安排一名熟悉工艺的技术人员现场讲解；参观区域备安全帽8顶。",
                "桃源镇人民政府": "请安排一名熟悉村级供水站情况的同志讲解；不安排层层陪同。",
                "绿谷农业合作社": "请准备合作社带动农户增收的情况介绍（5分钟以内）。",
                "青山县人民医院": "请准备对口帮扶工作的简要情况（一页纸）。",
            },
        )
    return trip


# The inspection's first day: what was seen, heard and said, the leader's remark, and
# what became follow-up items. Each note: its key (keeps it once), author, item title,
# kind, who said it, text. Then each item: the note's key, title, department, co-owners,
# due in days from the day seeded, priority, and its later changes (status and fields).
N = Note.Kind
S = FollowUp.Status

DEMO_NOTES = [
    (
        "demo-note-1",
        "staff",
        "听取县政府工作汇报",
        N.HEARD,
        "刘建国",
        "全县农村自来水普及率92%，但山区还有三个村靠山泉水，旱季要靠送水车。",
    ),
    (
        "demo-note-2",
        "secretary",
        "听取县政府工作汇报",
        N.REMARK,
        "王伟",
        "农村供水要“建得好、管得好、用得好”，不能重建轻管，运维经费要有稳定来源。",
    ),
    (
        "demo-note-3",
        "secretary",
        "听取县政府工作汇报",
        N.DECISION,
        "王伟",
        "由省水利厅牵头、县水利局配合，一个月内拿出山区三个村集中供水的方案。",
    ),
    (
        "demo-note-4",
        "secretary",
        "听取县政府工作汇报",
        N.PROMISE,
        "王伟",
        "省里支持青山县申报农村供水管网改造专项债券，请县里抓紧准备项目材料。",
    ),
    (
        "demo-note-5",
        "staff",
        "实地查看水厂运行",
        N.SEEN,
        "",
        "滤池反冲洗设备锈蚀严重，部分阀门靠人工操作；中控室的水质在线监测仪一个上午报警三次。",
    ),
    (
        "demo-note-6",
        "secretary",
        "实地查看水厂运行",
        N.PROMISE,
        "王伟",
        "更换滤池反冲洗设备的资金，省里帮助协调解决。",
    ),
    (
        "demo-note-7",
        "staff",
        "实地查看水厂运行",
        N.PROBLEM,
        "",
        "水质在线监测仪频繁误报，值班人员难以判断真假，存在漏报风险。",
    ),
    (
        "demo-note-8",
        "staff",
        "与一线职工座谈",
        N.SAID,
        "水厂职工",
        "夜班只有两个人值守，设备一报警就得全厂跑，大家希望增加人手。",
    ),
    (
        "demo-note-9",
        "staff",
        "与一线职工座谈",
        N.REQUEST,
        "水厂职工代表",
        "请求增加夜班值守人员编制。",
    ),
]

DEMO_FOLLOWUPS = [
    (
        "demo-note-3",
        "拿出山区三个村集中供水方案",
        "省水利厅农村饮水处",
        ["青山县水利局"],
        30,
        FollowUp.Priority.HIGH,
        [{"status": S.IN_PROGRESS, "comment": "已完成三个村的实地勘察，正在比选水源方案。"}],
    ),
    (
        "demo-note-6",
        "更换第一水厂滤池反冲洗设备",
        "青山县水利局",
        [],
        10,
        FollowUp.Priority.NORMAL,
        [
            {"status": S.IN_PROGRESS, "comment": "已向省水利厅申请维修养护补助。"},
            {
                "status": S.DONE,
                "answer": "省级农村供水维修养护补助资金85万元已下达，滤池反冲洗设备已更换完毕，"
                "第一水厂已确认运行正常。",
            },
        ],
    ),
    (
        "demo-note-7",
        "排查水质在线监测仪误报问题",
        "青山县水利局",
        [],
        -5,
        FollowUp.Priority.NORMAL,
        [{"comment": "厂家尚未派人到现场，已电话催办。"}],
    ),
    (
        "demo-note-9",
        "增加第一水厂夜班值守人员编制",
        "青山县人民政府办公室",
        [],
        15,
        FollowUp.Priority.LOW,
        [
            {
                "status": S.CANNOT,
                "reason": "县级事业编制总量已满，年内无法增加；改为通过购买服务增加夜班值守人员，"
                "已向水厂职工说明。",
            }
        ],
    ),
    (
        "demo-note-4",
        "支持青山县申报管网改造专项债券",
        "省水利厅农村饮水处",
        [],
        45,
        FollowUp.Priority.HIGH,
        [
            {
                "needs_leader": True,
                "comment": "需省领导出面与省财政厅协调专项债额度。",
            }
        ],
    ),
]


def _notes_and_followups(trip: Trip, users: dict[str, User], today: dt.date) -> None:
    """The inspection's first day noted down, and five follow-up items for three departments
    with their history: one done, one overdue, one that cannot be done, two under way.
    Due dates count from the day seeded, so the overdue one is overdue whatever the day."""
    # By title, the first item of each title: those of the first day.
    visits = {
        item.title: item for item in trip.items.select_related("host_unit").order_by("-start")
    }
    notes = {}
    for key, author, item_title, kind, speaker, text in DEMO_NOTES:
        notes[key], _ = followup_notes.record(
            trip,
            users[author],
            client_key=key,
            item=visits[item_title],
            kind=kind,
            speaker=speaker,
            text=text,
            verified=kind in (N.SEEN, N.HEARD),
        )
    secretary = users["secretary"]
    departments = {d.name: d for d in Department.objects.prefetch_related("contacts")}
    for key, title, owner, co_owners, due_in, priority, changes in DEMO_FOLLOWUPS:
        note = notes[key]
        if note.followups.exists():
            continue
        department = departments[owner]
        item = followup_items.create(
            FollowUp(
                trip=trip,
                note=note,
                item=note.item,
                host_unit=note.item.host_unit,
                title=title,
                to_do=note.text,
                department=department,
                contact=next(iter(department.contacts.all()), None),
                due_date=today + dt.timedelta(days=due_in),
                priority=priority,
            ),
            secretary,
            co_owners=[departments[name] for name in co_owners],
        )
        for change in changes:
            followup_items.update(item, secretary, **change)


def _meeting(users, units, day: dt.date) -> Trip:
    trip, created = _trip(
        "Provincial Development Forum: keynote on rural water",
        users,
        {"leader": LEADER, "secretary": SECRETARY, "staff2": STAFF},
        kind=Trip.Kind.MEETING,
        start_date=day,
        end_date=day,
        purpose="Deliver the keynote on rural water security and meet the investors' panel.",
        intention="Present the province's plan in twelve minutes; listen to what investors ask.",
        results_wanted="Two follow-up meetings with investors; the plan quoted correctly.",
        topics="Rural water security; financing of pipe networks.",
        host_preparation="The organisers provide the lectern, clicker and head-table seat.",
    )
    if created:
        _items(
            trip,
            [
                (
                    0,
                    "08:15",
                    "08:45",
                    K.TRAVEL,
                    "Car to the convention centre",
                    "",
                    "",
                    {
                        "travel_mode": "car",
                        "driver": "Mr Liu",
                        "origin": "Office",
                        "destination": "Convention centre",
                    },
                ),
                (
                    0,
                    "09:00",
                    "10:30",
                    K.MEETING,
                    "Opening session and keynote",
                    "Hall A",
                    "Provincial Development Forum",
                    {"host_preparation": "Lectern and clicker."},
                ),
                (
                    0,
                    "10:45",
                    "11:45",
                    K.TALK,
                    "Investors' panel",
                    "Room 3",
                    "Provincial Development Forum",
                    {},
                ),
                (
                    0,
                    "12:00",
                    "13:00",
                    K.MEAL,
                    "Lunch with the organisers",
                    "Restaurant",
                    "Provincial Development Forum",
                    {},
                ),
                (
                    0,
                    "13:15",
                    "13:45",
                    K.TRAVEL,
                    "Back to the office",
                    "",
                    "",
                    {
                        "travel_mode": "car",
                        "driver": "Mr Liu",
                        "origin": "Convention centre",
                        "destination": "Office",
                    },
                ),
            ],
            units,
            [users["leader"], users["secretary"]],
        )
        _car(
            trip,
            ("Office car 2", "", "Mr Liu", "139 0731 0009"),
            [users["leader"], users["secretary"]],
        )
        _requirements(
            trip,
            units,
            {"Provincial Development Forum": "A seat for the leader on the head table."},
        )
    return trip


def _confidential(users, units, day: dt.date) -> Trip:
    trip, created = _trip(
        "Confidential: talks on the water utilities merger",
        users,
        {"leader": LEADER, "secretary": SECRETARY, "staff": STAFF},
        kind=Trip.Kind.BUSINESS,
        visibility=Trip.Visibility.CONFIDENTIAL,
        start_date=day,
        end_date=day,
        purpose="Sound out the county on merging the two water utilities.",
        intention="Private talk only; no announcement, no press, no minutes outside the team.",
    )
    if created:
        _items(
            trip,
            [
                (
                    0,
                    "14:00",
                    "15:30",
                    K.TALK,
                    "Private talk with the county head",
                    "Small room",
                    "青山县人民政府",
                    {},
                ),
            ],
            units,
            [users["leader"], users["secretary"]],
        )
    return trip
