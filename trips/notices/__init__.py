"""Notices to host units: each unit is told its own part of the approved plan, and only that.

One module per job; the names the views, tasks and tests use are re-exported here, so that
``from trips import notices; notices.send(...)`` reads as before.

- parts:      what a unit is told: its part of the approved version (attendees in protocol
              order, with titles), the drafts (prepare), its requirements, the changes
              between two parts, reading a stored part back (read_part, mail_context)
- sending:    send(): new notices, updates and cancellations with their e-mails, atomically
- links:      the acknowledgement link (make_token, link_url, open_link, LinkRefused, expiry)
              on accounts.links, the signed links for people without an account; reply()
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
    reply,
)
from trips.notices.parts import (
    KIND_LABELS,
    UNCHANGED,
    NoticeDraft,
    Part,
    PartChange,
    PartItem,
    mail_context,
    prepare,
    read_changes,
    read_part,
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
from trips.notices.sending import FINISHED, send

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
    "LinkRefused",
    "NextStop",
    "NoticeDraft",
    "Part",
    "PartChange",
    "PartItem",
    "TripNotices",
    "UnitRow",
    "ack_time",
    "board",
    "can_leave",
    "is_usable_address",
    "leave",
    "link_expired",
    "link_url",
    "mail_context",
    "make_token",
    "mark_next_stops",
    "next_stop",
    "notice_addresses",
    "open_link",
    "prepare",
    "read_changes",
    "read_part",
    "remind_of_visit",
    "remind_to_acknowledge",
    "reply",
    "send",
    "send_due_reminders",
    "set_requirements",
    "trip_summary",
    "visit_reminder_rule",
    "visit_reminder_time",
]
