"""A bare WSGI app for tests/core/test_gunicorn.py: answers with the scheme gunicorn decided."""


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [environ["wsgi.url_scheme"].encode()]
