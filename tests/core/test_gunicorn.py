"""Issue 15.9: gunicorn believes X-Forwarded-Proto only when BEHIND_PROXY says a proxy is there."""

import os
import socket
import subprocess  # nosec B404
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _scheme_seen(behind_proxy: str) -> str:
    port = _free_port()
    env = {**os.environ, "BEHIND_PROXY": behind_proxy, "PYTHONPATH": str(ROOT)}
    env.pop("FORWARDED_ALLOW_IPS", None)
    binary = str(Path(sys.executable).with_name("gunicorn"))
    command = [binary, "tests.core.wsgi_scheme:application", "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(  # noqa: S603  # nosec B603: our own binary and arguments
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        request = urllib.request.Request(  # noqa: S310: a local URL we built
            f"http://127.0.0.1:{port}/", headers={"X-Forwarded-Proto": "https"}
        )
        for _ in range(100):
            try:
                with urllib.request.urlopen(request, timeout=2) as response:  # noqa: S310  # nosec B310
                    return response.read().decode()
            except OSError:
                time.sleep(0.1)
        pytest.fail("gunicorn did not start")
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_without_a_proxy_gunicorn_ignores_x_forwarded_proto_even_from_loopback():
    assert _scheme_seen("false") == "http"


def test_behind_the_proxy_the_local_nginx_is_believed():
    assert _scheme_seen("true") == "https"
