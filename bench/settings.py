"""Settings for the gunicorn throughput run of ``make bench``: the product's settings plus a
URLconf with one bare view, DEBUG off and loopback hosts. Never used in production."""

from ban138.settings import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "bench.urls"
LOGGING = {"version": 1, "disable_existing_loggers": True}
