"""Point the ``default`` connection at another database for the rest of a management command
(``generate_data --database-url``, ``bench``): close the current connection and replace it, so
the next query opens a connection of the right backend (SQLite → PostgreSQL included). The cache
is cleared with it: its lists and pages came from the other database."""

import dj_database_url
from django.core.cache import cache
from django.db import connections


def use_database(url: str, *, conn_max_age: int = 0) -> dict:
    parsed = dj_database_url.parse(url, conn_max_age=conn_max_age)
    connections["default"].close()
    settings_dict = {**connections.settings["default"], **parsed}
    connections.settings["default"] = settings_dict
    del connections["default"]
    # Everything cached (ban138/caching.py) was read from the previous database.
    cache.clear()
    return settings_dict
