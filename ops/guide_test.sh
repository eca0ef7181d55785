#!/usr/bin/env bash
# docs/DEPLOY.md followed on this machine, so the guide cannot rot. Run as root on a throw-away
# machine (it is a step of .ci/run): service user, env file, production install, migrate,
# collectstatic, setup_district, gunicorn behind nginx with a self-signed certificate on a
# loopback port, a login through TLS with curl, a backup, a dry-run and a real restore, and the
# health page. The differences from the guide, and why, are listed at the end of DEPLOY.md.
# Bounded: every wait has a limit; the whole run is capped by GUIDE_TIMEOUT (seconds).
set -euo pipefail
if [ -z "${GUIDE_TEST_INNER:-}" ]; then
  export GUIDE_TEST_INNER=1
  exec timeout --kill-after=30 "${GUIDE_TIMEOUT:-1200}" "$0" "$@"
fi

SRC="$(cd "$(dirname "$0")/.." && pwd)"
HOME_DIR="${GUIDE_HOME:-/srv/ban138}"
APP="$HOME_DIR/app"
ENV_FILE="${GUIDE_ENV_FILE:-/etc/ban138.env}"
DB="${GUIDE_DB:-ban138_guide}"
PG_HOST=127.0.0.1
PG_PORT=5432
APP_PORT=8011
TLS_PORT=8443
NAME=bcd138.test
WORK="$(mktemp -d /tmp/ban138-guide.XXXXXX)"
chmod 0755 "$WORK"
URL="https://$NAME:$TLS_PORT"
CURL=(curl --silent --show-error --max-time 30 --resolve "$NAME:$TLS_PORT:127.0.0.1"
      --cacert "$WORK/cert.pem" --cookie "$WORK/cookies" --cookie-jar "$WORK/cookies")

step() { printf '\n--- guide: %s ---\n' "$*"; }
fail() { echo "GUIDE TEST FAILED: $*" >&2; exit 1; }
as_service() { sudo -u ban138 -H "$@"; }
manage() { as_service env BAN138_ENV_FILE="$ENV_FILE" "$APP/ops/manage" "$@"; }

cleanup() {
  [ -f "$WORK/run/gunicorn.pid" ] && kill "$(cat "$WORK/run/gunicorn.pid")" 2>/dev/null || true
  [ -f "$WORK/worker.pid" ] && kill "$(cat "$WORK/worker.pid")" 2>/dev/null || true
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -qAtc "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" \
    >/dev/null 2>&1 || true
  if [ -s "$WORK/gunicorn.log" ] && [ "${GUIDE_OK:-0}" != 1 ]; then
    echo "--- gunicorn log (tail) ---"; tail -40 "$WORK/gunicorn.log"
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

step "1. packages"
need=()
for pkg in sudo nginx-light openssl curl postgresql-client python3-venv make redis-tools; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
# nginx (full) instead of nginx-light is as good.
if printf '%s\n' "${need[@]}" | grep -qx nginx-light && command -v nginx >/dev/null; then
  need=("${need[@]/nginx-light}")
fi
need=($(printf '%s\n' "${need[@]}" | grep -v '^$' || true))
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
pg_isready -h "$PG_HOST" -p "$PG_PORT" -q || fail "PostgreSQL is not running on $PG_HOST:$PG_PORT"
redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null || fail "Redis is not running on 127.0.0.1:6379"

step "2. service user and code"
# The guide's get-the-code step: clone, then check out the release tag it names. Tried where this
# checkout's repository has that tag (it is made on main at release); the install below uses the
# checkout under test itself, as "What the guide test covers" in DEPLOY.md says.
tag="$(grep -oP 'checkout \Kv[0-9][0-9.]*' "$SRC/docs/DEPLOY.md" | head -1)"
[ -n "$tag" ] || fail "docs/DEPLOY.md names no release tag to check out"
if git -C "$SRC" rev-parse -q --verify "refs/tags/$tag" >/dev/null 2>&1; then
  git clone --quiet --no-checkout "$SRC" "$WORK/release"
  git -C "$WORK/release" checkout --quiet "$tag" || fail "git checkout $tag failed"
  [ -f "$WORK/release/docs/DEPLOY.md" ] || fail "the $tag checkout has no docs/DEPLOY.md"
  echo "git clone + checkout $tag: ok"
else
  echo "NOTE: tag $tag is not in this repository yet (made at release); its checkout not tried."
fi
id ban138 >/dev/null 2>&1 || adduser --system --group --home "$HOME_DIR" --shell /usr/sbin/nologin ban138
mkdir -p "$APP"
# The checkout under test (tracked and new files; no .venv, no local database).
(cd "$SRC" && git ls-files -co --exclude-standard -z | tar --null -T - -cf -) | tar -C "$APP" -xf -
chown -R ban138:ban138 "$HOME_DIR"
install -d -o ban138 -g ban138 -m 0700 "$HOME_DIR/var" "$HOME_DIR/var/media" \
  "$HOME_DIR/var/backups" "$HOME_DIR/var/cache"
# A second run on the same machine starts from no backup and no uploads, like the first.
find "$HOME_DIR/var/backups" "$HOME_DIR/var/media" -mindepth 1 -delete
as_service make -C "$APP" install-prod
as_service "$APP/.venv/bin/python" -m ban138.syscheck
if as_service "$APP/.venv/bin/python" -c "import pytest" 2>/dev/null; then
  fail "install-prod installed the dev tools (pytest)"
fi

step "3. database (its own role, owner of its database, no superuser)"
psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -qAt <<SQL
DROP DATABASE IF EXISTS "$DB" WITH (FORCE);
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ban138') THEN CREATE ROLE ban138 LOGIN; END IF;
END \$\$;
ALTER ROLE ban138 NOSUPERUSER NOCREATEDB;
CREATE DATABASE "$DB" OWNER ban138;
SQL

step "4. env file"
secret="$(python3 -c 'import secrets; print(secrets.token_urlsafe(64))')"
key="$(python3 -c 'import base64, secrets; print(base64.b64encode(secrets.token_bytes(32)).decode())')"
cat > "$ENV_FILE" <<ENV
# Ban chi dao 138 — written by ops/guide_test.sh as docs/DEPLOY.md section 4 says.
DJANGO_ENV=production
SECRET_KEY=$secret
ALLOWED_HOSTS=$NAME
CSRF_TRUSTED_ORIGINS=$URL
DATABASE_URL=postgres://ban138@$PG_HOST:$PG_PORT/$DB
DB_CONN_MAX_AGE=60
REDIS_URL=redis://127.0.0.1:6379/7
INFORMANT_KEYS=k2026:$key
INFORMANT_ACTIVE_KEY_ID=k2026
BEHIND_PROXY=true
MEDIA_ROOT=$HOME_DIR/var/media
BACKUP_DIR=$HOME_DIR/var/backups
EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend
ADMIN_EMAILS=it@example.vn
LOG_LEVEL=WARNING
ENV
chown root:ban138 "$ENV_FILE"
chmod 0640 "$ENV_FILE"

step "5. first run"
manage check --deploy --fail-level WARNING
manage migrate --no-input >/dev/null
manage collectstatic --no-input >/dev/null
manage setup_district --units "$APP/ops/samples/khanh-son-don-vi.csv" \
  --config "$APP/ops/samples/khanh-son-ban-chi-dao.json" --district-code KS-000 | tee "$WORK/setup.txt"
password_of() { awk -v u="$1" '$1 == u { print $NF }' "$WORK/setup.txt"; }
[ -n "$(password_of tiepnhan)" ] || fail "setup_district printed no password for tiepnhan"
manage check --deploy --database default --fail-level WARNING
if manage seed_demo >/dev/null 2>&1; then fail "seed_demo ran in production"; fi

step "6. gunicorn (as the unit's ExecStart, without systemd)"
install -d -o ban138 -g ban138 -m 0700 "$WORK/run"
start_gunicorn() {
  : > "$WORK/gunicorn.log"; chown ban138 "$WORK/gunicorn.log"
  (cd "$APP" && as_service env DJANGO_ENV=production BAN138_ENV_FILE="$ENV_FILE" \
     "$APP/.venv/bin/gunicorn" ban138.wsgi -c "$APP/gunicorn.conf.py" --workers 2 \
     --bind "127.0.0.1:$APP_PORT" --timeout 120 --pid "$WORK/run/gunicorn.pid" \
     >>"$WORK/gunicorn.log" 2>&1 &)
  for _ in $(seq 1 60); do
    curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$APP_PORT/" && return 0
    grep -q "Shutting down: Master\|Worker failed to boot\|Traceback" "$WORK/gunicorn.log" && break
    sleep 1
  done
  fail "gunicorn did not answer within 60 s"
}
stop_gunicorn() {
  kill "$(cat "$WORK/run/gunicorn.pid")"
  for _ in $(seq 1 30); do [ -f "$WORK/run/gunicorn.pid" ] || return 0; sleep 1; done
  fail "gunicorn did not stop within 30 s"
}
start_gunicorn

step "7. nginx with a self-signed certificate on loopback port $TLS_PORT"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$NAME" \
  -addext "subjectAltName=DNS:$NAME" -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
cat > "$WORK/nginx.conf" <<NGINX
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  access_log $WORK/nginx-access.log;
  server {
    listen 127.0.0.1:$TLS_PORT ssl http2;
    server_name $NAME;
    ssl_certificate     $WORK/cert.pem;
    ssl_certificate_key $WORK/key.pem;
    client_max_body_size 12m;
    location / {
        proxy_pass http://127.0.0.1:$APP_PORT;
        proxy_set_header Host \$host;
        proxy_set_header X-Forwarded-Proto \$scheme;
        proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
        proxy_read_timeout 120s;
    }
  }
}
NGINX
nginx -t -c "$WORK/nginx.conf" -q
nginx -c "$WORK/nginx.conf"

login() {
  local user="${1:-tiepnhan}" password
  password="$(password_of "$user")"
  rm -f "$WORK/cookies"
  "${CURL[@]}" -o /dev/null "$URL/dang-nhap/"
  csrf="$(awk '$6 == "csrftoken" { print $7 }' "$WORK/cookies")"
  [ -n "$csrf" ] || fail "no CSRF cookie from the login page"
  code="$("${CURL[@]}" -o /dev/null -w '%{http_code} %{redirect_url}' \
    -H "Referer: $URL/dang-nhap/" --data-urlencode "csrfmiddlewaretoken=$csrf" \
    --data-urlencode "username=$user" --data-urlencode "password=$password" "$URL/dang-nhap/")"
  case "$code" in
    "302 $URL/") ;;
    *) fail "login through TLS answered '$code'" ;;
  esac
  page="$("${CURL[@]}" -L "$URL/")"
  grep -q "dang-xuat" <<<"$page" || fail "after login, / is not a logged-in page"
}

step "8. a login through TLS"
headers="$("${CURL[@]}" -D - -o /dev/null "$URL/dang-nhap/")"
grep -qi "^strict-transport-security:" <<<"$headers" || fail "no HSTS header through nginx"
login
health="$("${CURL[@]}" "$URL/suc-khoe/")"
grep -q '"backup": "none"' <<<"$health" || fail "health before any backup: $health"

step "9. backup, restore --dry-run, restore"
manage backup | tee "$WORK/backup.txt"
archive="$(ls "$HOME_DIR"/var/backups/ban138-*.tar | head -1)"
[ "$(stat -c %a "$archive")" = 600 ] || fail "backup file mode is $(stat -c %a "$archive")"
health="$("${CURL[@]}" -w ' %{http_code}' "$URL/suc-khoe/")"
grep -q '"backup": "ok".* 200$' <<<"$health" || fail "health after the backup: $health"
manage restore --input "$archive" --dry-run
head -c 4096 /dev/urandom > "$WORK/random.tar"; chmod 0644 "$WORK/random.tar"
if manage restore --input "$WORK/random.tar" --dry-run >/dev/null 2>&1; then
  fail "restore --dry-run accepted random bytes"
fi
units_before="$(psql -h "$PG_HOST" -U postgres -d "$DB" -qAtc 'SELECT count(*) FROM ban138_administrativeunit')"
stop_gunicorn
# The database is dropped and made again empty, as on a fresh server: the restore must create
# the extensions itself (the role is no superuser).
psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -qAt <<SQL
DROP DATABASE "$DB" WITH (FORCE);
CREATE DATABASE "$DB" OWNER ban138;
SQL
manage restore --input "$archive" --yes
units_after="$(psql -h "$PG_HOST" -U postgres -d "$DB" -qAtc 'SELECT count(*) FROM ban138_administrativeunit')"
[ "$units_before" = "$units_after" ] || fail "units before $units_before, after restore $units_after"
start_gunicorn
login

step "10. a report file rendered by the task worker (ban138-worker.service's ExecStart)"
(cd "$APP" && exec sudo -u ban138 -H env DJANGO_ENV=production BAN138_ENV_FILE="$ENV_FILE" \
   "$APP/.venv/bin/python" manage.py db_worker --interval 1 >>"$WORK/gunicorn.log" 2>&1) &
echo $! > "$WORK/worker.pid"
login thuongtruc
commune="$(psql -h "$PG_HOST" -U postgres -d "$DB" -qAtc "SELECT id FROM ban138_administrativeunit WHERE code = 'KS-004'")"
year="$(date +%Y)"
status_url="$("${CURL[@]}" -o /dev/null -w '%{redirect_url}' "$URL/bao-cao/xa/$commune/$year/tep.pdf")"
case "$status_url" in "$URL/bao-cao/tep/"*) ;; *) fail "the report link did not queue a task: '$status_url'" ;; esac
for _ in $(seq 1 90); do
  "${CURL[@]}" "$status_url" | grep -q "tai-ve" && break
  sleep 1
done
"${CURL[@]}" -o "$WORK/report.pdf" "${status_url}tai-ve/"
head -c 5 "$WORK/report.pdf" | grep -q "%PDF" || fail "the worker's report file is not a PDF"
kill "$(cat "$WORK/worker.pid")" && rm -f "$WORK/worker.pid"

GUIDE_OK=1
step "the guide works as written"
