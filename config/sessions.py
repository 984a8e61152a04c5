"""Database sessions that know when their row expires (SESSION_ENGINE = "config.sessions")."""

from __future__ import annotations

from datetime import datetime

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


class SessionStore(DatabaseSessionStore):
    """Django's database sessions, keeping the expiry of the row they were loaded from."""

    # config.middleware.sliding_session reads it to tell how long the session was idle.
    stored_expiry: datetime | None = None

    def _get_session_from_db(self):
        session = super()._get_session_from_db()
        self.stored_expiry = session.expire_date if session else None
        return session
