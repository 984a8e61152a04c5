"""factory_boy factories for briefing material."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from briefings.models import Attachment, Briefing, Figure, Person
from tests.factories import HostUnitFactory, UserFactory

# The smallest file each check accepts.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


class BriefingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Briefing

    host_unit = factory.SubFactory(HostUnitFactory)
    topic = Briefing.Topic.HISTORY
    title = factory.Sequence(lambda n: f"Section {n}")
    body = "Founded in 1958 as a commune workshop."
    source = "Township annals, 2020 edition"
    created_by = factory.SubFactory(UserFactory)


class FigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Figure

    host_unit = factory.SubFactory(HostUnitFactory)
    label = factory.Sequence(lambda n: f"Figure {n}")
    value = Decimal("12500")
    unit = "households"
    as_of = dt.date(2026, 10, 31)
    source = "Township statistics office"
    created_by = factory.SubFactory(UserFactory)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    host_unit = factory.SubFactory(HostUnitFactory)
    name = factory.Faker("name")
    title = "Party secretary"
    order = 1
    source = "Unit's website"
    created_by = factory.SubFactory(UserFactory)


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment

    host_unit = factory.SubFactory(HostUnitFactory)
    title = "Annual report"
    file = factory.django.FileField(filename="report.pdf", data=PDF)
    filename = "report.pdf"
    file_type = Attachment.Kind.PDF
    content_type = "application/pdf"
    size = len(PDF)
    created_by = factory.SubFactory(UserFactory)
