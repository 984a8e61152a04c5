"""Demo data: the office's people, a directory of host units, and three realistic trips."""

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
from logistics import checklists
from logistics.models import Vehicle
from trips import approval
from trips.models import ItineraryItem, Trip, TripMember, TripVersion, UnitRequirements

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
