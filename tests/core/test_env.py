import json
import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from ban138.env import env_bool, env_choice, env_int, env_list, env_str


@pytest.mark.parametrize("raw", ["maybe", "yes please", "2", "Đúng"])
def test_env_bool_refuses_a_value_that_is_not_a_boolean(monkeypatch, raw):
    monkeypatch.setenv("DEBUG", raw)
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        env_bool("DEBUG", default=False)


@pytest.mark.parametrize(
    ("raw", "expected"), [("true", True), ("ON", True), ("0", False), ("no", False)]
)
def test_env_bool_reads_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("DEBUG", raw)
    assert env_bool("DEBUG", default=not expected) is expected


def test_env_bool_uses_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("DEBUG", raising=False)
    assert env_bool("DEBUG", default=True) is True


def test_env_int_refuses_text_and_values_below_the_minimum(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT", "twenty-five")
    with pytest.raises(ImproperlyConfigured, match="EMAIL_PORT"):
        env_int("EMAIL_PORT", 25)
    monkeypatch.setenv("EMAIL_PORT", "0")
    with pytest.raises(ImproperlyConfigured, match="từ 1"):
        env_int("EMAIL_PORT", 25, minimum=1)


def test_env_str_without_default_is_required(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        env_str("SECRET_KEY")


def test_env_list_splits_and_trims(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", " a.vn, b.vn ,,")
    assert env_list("ALLOWED_HOSTS", []) == ["a.vn", "b.vn"]


def test_env_choice_refuses_an_unknown_mode(monkeypatch):
    monkeypatch.setenv("DJANGO_ENV", "prod")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_ENV"):
        env_choice("DJANGO_ENV", "development", ("development", "production"))


TEST_INFORMANT_KEYS = "t1:" + "A" * 43 + "="


def _load_settings(**env):
    """Import the settings module in a fresh interpreter with exactly this environment (plus a
    well-formed informant key, which production requires)."""
    names = {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_ENV", "INFORMANT_KEYS",
             "DATABASE_URL", "BAN138_ENV_FILE", "CACHE_DIR"}
    clean = {k: v for k, v in os.environ.items() if k not in names}
    clean["INFORMANT_KEYS"] = TEST_INFORMANT_KEYS
    clean["INFORMANT_ACTIVE_KEY_ID"] = "t1"
    clean["DATABASE_URL"] = "postgres://ban138@/ban138"
    clean["REDIS_URL"] = "redis://127.0.0.1:6379/0"  # production needs a shared cache
    clean.update(env)
    for name in [k for k, v in clean.items() if v is None]:
        del clean[name]
    return subprocess.run(
        [sys.executable, "-c", "import ban138.settings"],
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_has_no_default_secret_key():
    result = _load_settings(DJANGO_ENV="production", ALLOWED_HOSTS="bcd138.vn")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_wildcard_hosts():
    result = _load_settings(DJANGO_ENV="production", SECRET_KEY="x" * 60, ALLOWED_HOSTS="*")
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_refuses_debug():
    result = _load_settings(
        DJANGO_ENV="production", SECRET_KEY="x" * 60, ALLOWED_HOSTS="bcd138.vn", DEBUG="true"
    )
    assert result.returncode != 0
    assert "DEBUG" in result.stderr


def test_debug_maybe_stops_the_site():
    result = _load_settings(DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG='maybe'" in result.stderr


def test_production_settings_load_with_secret_and_hosts():
    result = _load_settings(DJANGO_ENV="production", SECRET_KEY="x" * 60, ALLOWED_HOSTS="bcd138.vn")
    assert result.returncode == 0, result.stderr


def test_production_refuses_a_cache_each_worker_keeps_for_itself():
    result = _load_settings(
        DJANGO_ENV="production", SECRET_KEY="x" * 60, ALLOWED_HOSTS="bcd138.vn", REDIS_URL=""
    )
    assert result.returncode != 0
    assert "REDIS_URL" in result.stderr


def test_redis_url_gives_every_process_the_same_redis_cache():
    code = "import ban138.settings as s; print(s.CACHES['default']['BACKEND'])"
    result = subprocess.run(  # noqa: S603 — fixed interpreter and code
        [sys.executable, "-c", code],
        env={**os.environ, "REDIS_URL": "redis://127.0.0.1:6379/3"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "django.core.cache.backends.redis.RedisCache"


def test_locale_and_time_zone_are_vietnamese(settings):
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.USE_TZ is True


def test_production_without_database_url_stops_instead_of_using_sqlite():
    result = _load_settings(
        DJANGO_ENV="production", SECRET_KEY="x" * 60, ALLOWED_HOSTS="bcd138.vn", DATABASE_URL=None
    )
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_an_inline_comment_in_a_value_stops_with_its_name():
    result = _load_settings(DB_CONN_MAX_AGE="60    # persistent connections")
    assert result.returncode != 0
    assert "DB_CONN_MAX_AGE" in result.stderr


def _env_file(tmp_path, text):
    path = tmp_path / "ban138.env"
    path.write_text(text)
    return str(path)


def test_the_env_file_is_read_and_means_production(tmp_path):
    path = _env_file(
        tmp_path,
        "# the server's settings\nSECRET_KEY=" + "x" * 60 + "\nALLOWED_HOSTS=bcd138.vn\n"
        "DATABASE_URL='postgres://ban138@/ban138'\nREDIS_URL=redis://127.0.0.1:6379/0\n",
    )
    code = "import ban138.settings as s; print(s.PRODUCTION, s.DATABASES['default']['NAME'])"
    env = {k: v for k, v in os.environ.items()
           if k not in {"DJANGO_ENV", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DEBUG"}}
    env.update(BAN138_ENV_FILE=path, INFORMANT_KEYS=TEST_INFORMANT_KEYS,
               INFORMANT_ACTIVE_KEY_ID="t1")
    result = subprocess.run(  # noqa: S603 — fixed interpreter and code
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "ban138"]


def test_an_unreadable_env_file_stops_and_is_not_development(tmp_path):
    result = _load_settings(BAN138_ENV_FILE=str(tmp_path / "missing.env"), DJANGO_ENV=None)
    assert result.returncode != 0
    assert "missing.env" in result.stderr


def _storage_settings(tmp_path, **env):
    code = (
        "import json, ban138.settings as s; "
        "print(json.dumps(s.STORAGES['default']))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("S3_")}
    return subprocess.run(  # noqa: S603 — fixed interpreter and code
        [sys.executable, "-c", code],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_uploads_default_to_the_local_filesystem(tmp_path):
    result = _storage_settings(tmp_path)
    assert json.loads(result.stdout) == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }


def test_s3_bucket_without_boto3_stops_and_says_what_to_install(tmp_path):
    result = _storage_settings(tmp_path, S3_BUCKET="ban138-uploads")
    assert result.returncode != 0
    assert "boto3" in result.stderr and ".[s3]" in result.stderr


def test_s3_bucket_selects_private_object_storage(tmp_path):
    # boto3 stands in as an empty package: the settings only ask that it can be imported.
    (tmp_path / "boto3").mkdir()
    (tmp_path / "boto3" / "__init__.py").write_text("")
    result = _storage_settings(
        tmp_path,
        S3_BUCKET="ban138-uploads",
        S3_ENDPOINT_URL="https://s3.tinh.example.vn",
        PYTHONPATH=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    storage = json.loads(result.stdout)
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert options["bucket_name"] == "ban138-uploads"
    assert options["endpoint_url"] == "https://s3.tinh.example.vn"
    # Nothing public: no ACL grant, links only signed and short-lived, never an overwrite.
    assert options["default_acl"] == "private"
    assert options["querystring_auth"] is True
    assert options["file_overwrite"] is False
