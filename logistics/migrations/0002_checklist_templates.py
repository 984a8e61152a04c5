"""Ship a default checklist template for every trip kind, in English and in Chinese.

Each template is written in one language (logistics.checklists explains why); secretaries
edit them afterwards like any other. Removing this migration removes only the templates
it made, matched by kind, language and name.
"""

from django.db import migrations

# (category, days before departure, English, Chinese)
VEHICLES = ("vehicles", 5, "Book vehicles and drivers", "安排车辆和驾驶员")
CARS = (
    "vehicles",
    2,
    "Allocate seats in the cars; give each driver the route",
    "分配乘车，向驾驶员交代路线",
)
TRAIN_OR_FLIGHT = (
    "tickets",
    10,
    "Book train or flight tickets (numbers and seats)",
    "订火车票或机票（车次、航班号、座位）",
)
LODGING = ("lodging", 7, "Book lodging: a room for each person", "预订住宿，落实每人房间")
MEALS = (
    "meals",
    3,
    "Arrange meals; tell the hosts about dietary needs",
    "安排用餐，告知接待方饮食禁忌",
)
REST = ("rest", 3, "Arrange a rest room for the leader", "安排领导休息室")
DOCUMENTS = ("documents", 2, "Prepare documents and materials", "准备文件和材料")
BRIEFING = (
    "documents",
    3,
    "Put together the briefing material on each unit",
    "汇总各考察点的背景资料",
)
SPEECH = (
    "speech",
    5,
    "Send the speech draft to the leader for review",
    "起草讲话稿并送领导审阅",
)
REMARKS = (
    "speech",
    4,
    "Send the talking points for the forum to the leader",
    "准备座谈会讲话提纲，送领导审阅",
)
SEATING = ("seating", 1, "Prepare the seating plan and name cards", "排定座次，准备桌签")
CAMERA = ("bring", 1, "Bring a camera and a recorder", "带上相机和录音笔")
MEDICINES = ("bring", 1, "Bring medicines", "带上常用药品")
CASH = ("bring", 1, "Bring cash", "备好现金")
CLOTHING = ("bring", 1, "Clothing for the dress code", "按着装要求准备服装")
APPROVAL = ("approval", 30, "Approval documents for the visit", "办理出访审批手续")
PASSPORTS = ("approval", 21, "Passports and visas", "办理护照和签证")
CURRENCY = ("currency", 7, "Exchange foreign currency", "兑换外币")
GIFTS = ("other", 7, "Choose gifts for the hosts", "准备礼品")

TEMPLATES = {
    "inspection": (
        ("Inspection visit", "视察调研"),
        [VEHICLES, CARS, LODGING, MEALS, REST, BRIEFING, REMARKS, SEATING, CAMERA, MEDICINES, CASH],
    ),
    "meeting": (
        ("Meeting", "参加会议"),
        [VEHICLES, CARS, TRAIN_OR_FLIGHT, LODGING, DOCUMENTS, SPEECH, SEATING, CAMERA, CLOTHING],
    ),
    "ceremony": (
        ("Ceremony", "出席仪式"),
        [VEHICLES, CARS, REST, SPEECH, SEATING, CAMERA, CLOTHING],
    ),
    "business": (
        ("Business trip", "出差"),
        [TRAIN_OR_FLIGHT, VEHICLES, LODGING, MEALS, DOCUMENTS, MEDICINES, CASH, CLOTHING],
    ),
    "overseas": (
        ("Overseas visit", "出访"),
        [
            APPROVAL,
            PASSPORTS,
            ("tickets", 21, *TRAIN_OR_FLIGHT[2:]),
            LODGING,
            VEHICLES,
            CARS,
            MEALS,
            DOCUMENTS,
            SPEECH,
            SEATING,
            GIFTS,
            CURRENCY,
            CAMERA,
            MEDICINES,
            CLOTHING,
        ],
    ),
}
LANGUAGES = (("en", 2, 0), ("zh-hans", 3, 1))  # language, title column, name column


def ship(apps, schema_editor):
    Template = apps.get_model("logistics", "ChecklistTemplate")
    Item = apps.get_model("logistics", "ChecklistTemplateItem")
    for kind, (names, items) in TEMPLATES.items():
        for language, column, name_column in LANGUAGES:
            template = Template.objects.create(
                name=names[name_column], kind=kind, language=language, is_default=True
            )
            Item.objects.bulk_create(
                Item(
                    template=template,
                    position=position,
                    category=row[0],
                    days_before=row[1],
                    title=row[column],
                )
                for position, row in enumerate(items)
            )


def unship(apps, schema_editor):
    Template = apps.get_model("logistics", "ChecklistTemplate")
    for kind, (names, _items) in TEMPLATES.items():
        for language, _column, name_column in LANGUAGES:
            Template.objects.filter(kind=kind, language=language, name=names[name_column]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("logistics", "0001_initial"),
    ]

    operations = [migrations.RunPython(ship, unship)]
