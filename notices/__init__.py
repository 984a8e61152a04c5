"""Notices to host units: each unit is told its own part of the approved plan, and only that.

One module per job (a Django app: import the module you need, e.g.
``from notices import sending; sending.send(...)``):

- parts:      what a unit is told: its part of the approved version (attendees in protocol
              order, with titles), its requirements, the changes between two parts, reading
              a stored part back (read_part, mail_context)
- drafts:     what each unit would be told now (prepare, cancellations) and what the
              secretary writes for one unit (set_requirements, set_notice_text)
- sending:    send(): new notices, updates and cancellations with their e-mails, atomically
- cancelling: cancel_trip(): the trip called off (trips.approval.cancel), each unit told
              of it sent a cancellation
- links:      the acknowledgement link (make_token, link_url, open_link, LinkRefused, expiry)
              on accounts.links, the signed links for people without an account
- messages:   the unit's messages (reply, with its rate limit) alert the secretaries; their
              answers e-mail the unit
- official:   the official notice (通知): subject and text in the unit's language
- reminders:  acknowledgement and visit reminders, the secretaries' alert, the beat sweep
- departures: "leaving now": the next unit learns when to expect the party
- board:      the secretary's notices page and the trip page's notice panel
- addresses:  which of a unit's contacts a notice can reach, and units none can
- access:     the trip and one of its host units, for the trip's secretaries
- emails:     the e-mails to host units and about them, through notify_unit
"""
