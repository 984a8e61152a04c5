"""Notices to host units: each unit is told its own part of the approved plan, and only that.

One module per job; the names the views, tasks and tests use are re-exported here, so that
``from trips import notices; notices.send(...)`` reads as before.

- parts:      what a unit is told: its part of the approved version (attendees in protocol
              order, with titles), the drafts (prepare), its requirements, the changes
              between two parts, reading a stored part back (read_part, mail_context)
- sending:    send(): new notices, updates and cancellations with their e-mails, atomically;
              cancel_trip(): the trip called off, each unit told of it sent a cancellation
- links:      the acknowledgement link (make_token, link_url, open_link, LinkRefused, expiry)
              on accounts.links, the signed links for people without an account
- messages:   the unit's messages (reply) alert the secretaries; their answers e-mail the unit
- official:   the official notice (通知): subject and text in the unit's language
- reminders:  acknowledgement and visit reminders, the secretaries' alert, the beat sweep
- departures: "leaving now": the next unit learns when to expect the party
- board:      the secretary's notices page and the trip page's notice panel
- addresses:  which of a unit's contacts a notice can reach, and units none can
"""

from trips.notices.addresses import (
    Addresses,
    AddressProblem,
    is_usable_address,
    notice_addresses,
)
from trips.notices.board import Board, TripNotices, UnitRow, board, trip_summary
from trips.notices.departures import (
    LEAVING_WINDOW,
    UNDER_WAY,
    NextStop,
    can_leave,
    leave,
    mark_next_stops,
    next_stop,
)
from trips.notices.links import (
    LINK_SALT,
    LinkRefused,
    link_expired,
    link_url,
    make_token,
    open_link,
)
from trips.notices.messages import answer, mark_read, reply, unread
from trips.notices.official import subject as official_subject
from trips.notices.official import text as official_text
from trips.notices.parts import (
    KIND_LABELS,
    UNCHANGED,
    NoticeDraft,
    Part,
    PartChange,
    PartItem,
    cancellations,
    format_dietary,
    mail_context,
    parse_dietary,
    prepare,
    read_changes,
    read_part,
    set_notice_text,
    set_requirements,
)
from trips.notices.reminders import (
    REMINDER_BATCH,
    ack_time,
    remind_of_visit,
    remind_to_acknowledge,
    send_due_reminders,
    visit_reminder_rule,
    visit_reminder_time,
)
from trips.notices.sending import FINISHED, Cancelled, cancel_trip, record_phone, send

__all__ = [
    "FINISHED",
    "KIND_LABELS",
    "LEAVING_WINDOW",
    "LINK_SALT",
    "REMINDER_BATCH",
    "UNCHANGED",
    "UNDER_WAY",
    "AddressProblem",
    "Addresses",
    "Board",
    "Cancelled",
    "LinkRefused",
    "NextStop",
    "NoticeDraft",
    "Part",
    "PartChange",
    "PartItem",
    "TripNotices",
    "UnitRow",
    "ack_time",
    "answer",
    "board",
    "can_leave",
    "cancel_trip",
    "cancellations",
    "format_dietary",
    "is_usable_address",
    "leave",
    "link_expired",
    "link_url",
    "mail_context",
    "make_token",
    "mark_next_stops",
    "mark_read",
    "next_stop",
    "notice_addresses",
    "official_subject",
    "official_text",
    "open_link",
    "parse_dietary",
    "prepare",
    "read_changes",
    "read_part",
    "record_phone",
    "remind_of_visit",
    "remind_to_acknowledge",
    "reply",
    "send",
    "send_due_reminders",
    "set_notice_text",
    "set_requirements",
    "trip_summary",
    "unread",
    "visit_reminder_rule",
    "visit_reminder_time",
]
