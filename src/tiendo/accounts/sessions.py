"""Sessions kept in the database as Django keeps them (`django.contrib.sessions.backends.db`),
read with one statement of plain SQL, prepared on PostgreSQL: every signed-in page reads its
session first, and the ORM's query compiler cost more than the query (~1 ms of CPU per request
at 34 provinces). Writing, expiry and clearing stay Django's. `SESSION_ENGINE` names this
module."""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections
from django.utils import timezone

from tiendo.core.prepared import row_fetch_prepared

__all__ = ["SessionStore"]


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self) -> Any:
        """The session row if it exists and has not expired; otherwise None, and the key is
        forgotten (a new session gets a new one), as Django's store does."""
        connection = connections["default"]
        key = self.session_key
        if key is None:
            return None
        row = row_fetch_prepared(
            f"SELECT session_data FROM {self.model._meta.db_table} "
            "WHERE session_key = %s AND expire_date > %s",
            [key, connection.ops.adapt_datetimefield_value(timezone.now())],
        )
        if row is None:
            self._session_key = None
            return None
        return self.model(session_key=key, session_data=row[0])
