"""Point the ``default`` connection at another database for the rest of a management command
(``generate_data --database-url``, ``bench``): close the current connection and swap the settings
before the next query opens a new one."""

import dj_database_url
from django.db import connections


def use_database(url: str, *, conn_max_age: int = 0) -> dict:
    settings_dict = dj_database_url.parse(url, conn_max_age=conn_max_age)
    connection = connections["default"]
    connection.close()
    for key in ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT", "OPTIONS"):
        if key in settings_dict:
            connection.settings_dict[key] = settings_dict[key]
    connections.settings["default"].update(connection.settings_dict)
    return connection.settings_dict
