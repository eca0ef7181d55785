"""gunicorn's settings for this site (read from the working directory at start; the systemd unit
in docs/DEPLOY.md also names it with ``-c``).

One switch decides whether X-Forwarded-* headers are believed: ``BEHIND_PROXY`` (on by default in
production, like ban138/settings.py). gunicorn itself believes X-Forwarded-Proto from
127.0.0.1 unless told otherwise, so with ``BEHIND_PROXY=false`` a client on the host, or a
proxy that passes the header through, could make plain HTTP look like HTTPS (issue 15.9). With
the switch off gunicorn trusts nobody's forwarded headers; with it on, only the nginx on this
host (loopback), and Django reads the proxy's headers itself (SECURE_PROXY_SSL_HEADER,
ban138.security.client_ip).
"""

import os

from ban138.env import env_bool

BEHIND_PROXY = env_bool("BEHIND_PROXY", default=os.environ.get("DJANGO_ENV") == "production")

forwarded_allow_ips = "127.0.0.1,::1" if BEHIND_PROXY else ""
