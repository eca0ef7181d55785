"""Point 19, continued: every form not fuzzed in test_fuzz_forms.py — tip edit and each workflow
action, case edit, attachments, model edit, status check (random bytes as the photo),
recognition, campaign edit, target, task, commune hand results with seized items, outreach,
report draft edit, password change and the OTP token form.

Arbitrary Unicode, 100 000-character and NFD strings, control characters (NUL included),
out-of-range and NaN numbers, extreme dates and tampered hidden fields (version, submission
token, ids). Two assertions each time: no 5xx, and a refused POST writes nothing — no row added or
removed in any table of the project, no history row, no version moved.
"""

import datetime as dt
import io
from contextlib import contextmanager

import pytest
from django.apps import apps
from django.contrib.messages import get_messages
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaigns.models import CommuneResult, State
from reports.models import ReportDraft
from tests.campaigns.factories import CampaignFactory, TaskFactory
from tests.models_registry.factories import make_model
from tests.models_registry.test_model_form import form_data as model_data
from tests.security.test_fuzz_forms import NUMBER, TEXT
from tests.tips.factories import make_tip
from tests.tips.test_detail_and_edit import _edit_data as tip_edit_data
from tips import services as tip_services
from tips.models import Case, Tip, TipState
from tips.reference import ensure_crime_groups

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
FUZZ = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
DATE = st.one_of(
    st.dates().map(dt.date.isoformat),
    st.sampled_from(["0001-01-01", "9999-12-31", "2021-02-30", "2021-13-01", "-1-01-01"]),
    TEXT,
)
DATETIME = st.one_of(
    st.datetimes().map(lambda d: d.strftime("%Y-%m-%dT%H:%M")),
    st.sampled_from(["0001-01-01T00:00", "9999-12-31T23:59", "2021-01-01T25:00"]),
    TEXT,
)
TOKEN = st.one_of(st.uuids().map(str), TEXT, NUMBER)
ID = st.one_of(NUMBER, TEXT, st.sampled_from(["0", "-1", "²", "١٢", str(2**31), str(2**63)]))
RAW_BYTES = st.one_of(
    st.binary(max_size=2048),
    st.binary(max_size=64).map(lambda b: b"\x89PNG\r\n\x1a\n" + b),
    st.binary(max_size=64).map(lambda b: b"\xff\xd8\xff" + b),
    st.binary(max_size=64).map(lambda b: b"%PDF-" + b),
)
FILE_NAME = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80), st.just("a" * 5000)
)
PROJECT_APPS = ("ban138", "tips", "models_registry", "campaigns", "reports", "auth", "otp_totp")


def _upload(name, content, content_type):
    """A file exactly as a browser may send it: any name ("/", "", NUL, 5 000 characters) and any
    claimed type. The test client sends what it is given (SimpleUploadedFile would clean the
    name before the view sees it)."""
    upload = io.BytesIO(content)
    upload.name, upload.content_type = name, content_type[:200] or "application/octet-stream"
    return upload


def _state_sql() -> str:
    """One query: the row count of every table of the project (history tables included) and the
    sum of every ``version`` column, so an update that slipped through is seen too."""
    parts = []
    for label in PROJECT_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            table = connection.ops.quote_name(model._meta.db_table)
            parts.append(f"(SELECT COUNT(*) FROM {table})")  # noqa: S608 - names from the models
            if any(f.name == "version" for f in model._meta.concrete_fields):
                parts.append(f"(SELECT COALESCE(SUM(version), 0) FROM {table})")  # noqa: S608
    return "SELECT " + ", ".join(parts)


def _snapshot():
    with connection.cursor() as cursor:
        cursor.execute(_state_sql())
        return cursor.fetchone()


def _refused(response) -> bool:
    """A redirect is an acceptance unless the view flashed an error (target, task, draft create
    refuse with a message and a redirect)."""
    if response.status_code != 302:
        return True
    return any(m.level_tag == "error" for m in get_messages(response.wsgi_request))


def _post(client, url, data, **extra):
    before = _snapshot()
    response = client.post(url, data, **extra)
    assert response.status_code < 500
    if _refused(response):
        assert _snapshot() == before, f"a refused POST ({response.status_code}) wrote something"
    return response


@pytest.fixture(autouse=True)
def _groups(db):
    ensure_crime_groups()


@pytest.fixture
def one_tip(officer, leader, son_binh):
    """The test's tip, brought to its state once, by the first example: every example runs in
    :func:`_undone`, so each meets the tip exactly as the first did (as fresh as a new one)."""
    made = {}

    def get(state="assigned", **extra):
        if "tip" not in made:
            made["tip"] = _tip(officer, leader, son_binh, state, **extra)
        return Tip.objects.get(pk=made["tip"].pk)

    return get


@contextmanager
def _undone():
    """What the example wrote (an accepted POST included) is rolled back when it ends."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def _tip(officer, leader, commune, state="assigned", **extra):
    tip = make_tip(by=officer, commune=commune, informant={"name": "Lê Văn A"}, **extra)
    tip = tip_services.tip_assign(tip=tip, by=leader, officer=officer)
    if state in ("verifying", "suspended", "not_prosecuted"):
        tip = tip_services.tip_start_verification(tip=tip, by=officer)
    if state == "suspended":
        Tip.objects.filter(pk=tip.pk).update(due_on=timezone.localdate())  # Art. 148(1)
        tip = tip_services.tip_decide(
            tip=tip,
            by=leader,
            outcome=TipState.SUSPENDED,
            number="1/QĐ",
            date=timezone.localdate(),
            ground="148_1_c",
        )
    if state == "not_prosecuted":
        tip = tip_services.tip_not_prosecute(
            tip=tip, by=leader, number="1/QĐ", date=timezone.localdate(), ground="157_1"
        )
    return tip


# --- tips --------------------------------------------------------------------------------------


@FUZZ
@given(text=TEXT, number=NUMBER, when=DATETIME, ident=ID, version=NUMBER)
def test_tip_edit(client_for, officer, one_tip, text, number, when, ident, version):
    tip = one_tip()
    data = tip_edit_data(
        tip,
        summary=text,
        address=text,
        received_at=when,
        incident_at=when,
        commune=ident,
        village=number,
        crime_group=ident,
        kind=text,
        version=version,
    )
    with _undone():
        _post(client_for(officer), reverse("tips:edit", args=[tip.pk]), data)


ACTION_DATA = {
    "phan-cong": lambda t, n, d, i: {"officer": i, "note": t},
    "bat-dau-xac-minh": lambda t, n, d, i: {"note": t},
    "tien-do": lambda t, n, d, i: {"note": t},
    "phuc-tap": lambda t, n, d, i: {"note": t},
    "gia-han": lambda t, n, d, i: {"months": n, "number": t, "date": d, "note": t},
    "phuc-hoi": lambda t, n, d, i: {"number": t, "date": d, "note": t},
    "da-bao-co-quan-dieu-tra": lambda t, n, d, i: {"note": t},
    "vks-huy": lambda t, n, d, i: {"number": t, "date": d, "received_on": d, "note": t},
    "vks-khoi-to": lambda t, n, d, i: {
        "cancel_number": t,
        "cancel_date": d,
        "number": n,
        "date": d,
        "case_number": t,
        "note": t,
    },
    "huy-gop": lambda t, n, d, i: {"reason": t},
    "da-gui-thong-bao": lambda t, n, d, i: {"duty": i, "number": t, "date": d, "note": t},
    "dinh-chinh-tiep-nhan": lambda t, n, d, i: {"received_at": d, "reason": t},
}
ACTION_STATE = {
    "tien-do": "verifying",
    "phuc-hoi": "suspended",
    "vks-huy": "suspended",
    "vks-khoi-to": "not_prosecuted",
}


@pytest.mark.parametrize("action", sorted(ACTION_DATA))
@FUZZ
@given(text=TEXT, number=NUMBER, date=DATE, ident=ID)
def test_tip_workflow_action(
    client_for, officer, leader, one_tip, action, text, number, date, ident
):
    tip = one_tip(ACTION_STATE.get(action, "assigned"), urgent=True)
    data = ACTION_DATA[action](text, number, date, ident)
    user = officer if action in ("bat-dau-xac-minh", "tien-do") else leader
    with _undone():
        _post(client_for(user), reverse("tips:action", args=[tip.pk, action]), data)


OUTCOME = st.one_of(st.sampled_from(["148_1_a", "157_1", "x"]), TEXT)
MERGED_INTO = st.one_of(
    TEXT,
    st.sampled_from(["1/" + "9" * 25, "9" * 25 + "/2021", "²/2021", "1/²", "١/٢٠٢١", "0/0", "/"]),
    st.tuples(NUMBER, NUMBER).map("/".join),
)


@pytest.mark.parametrize("action", ["khoi-to", "khong-khoi-to", "tam-dinh-chi", "chuyen", "gop"])
@FUZZ
@given(ground=OUTCOME, text=TEXT, date=DATE, merged_into=MERGED_INTO)
def test_tip_decision_including_transfer_and_merge(
    client_for, leader, one_tip, action, ground, text, date, merged_into
):
    tip = one_tip("verifying")
    data = {
        "ground": ground,
        "pending": text,
        "number": text,
        "date": date,
        "agency": text,
        "merged_into": merged_into,
        "note": text,
        "xac_nhan": "1",
    }
    with _undone():
        _post(client_for(leader), reverse("tips:action", args=[tip.pk, action]), data)


@FUZZ
@given(text=TEXT, number=NUMBER, date=DATE, version=NUMBER)
def test_case_edit(client_for, leader, one_tip, text, number, date, version):
    tip = one_tip()
    with _undone():
        case = Case.objects.create(
            tip=tip, number="1/QĐ", crime_group=tip.crime_group, opened_on=dt.date(2021, 1, 1)
        )
        data = {
            "number": text,
            "suspects": number,
            "arrested": number,
            "solved_on": date,
            "note": text,
            "version": version if version != "1" else case.version,
        }
        _post(client_for(leader), reverse("tips:case_edit", args=[tip.pk]), data)


@FUZZ
@given(content=RAW_BYTES, name=FILE_NAME, content_type=TEXT)
def test_attachment_upload(client_for, officer, one_tip, content, name, content_type):
    tip = one_tip()
    upload = _upload(name, content, content_type)
    url = reverse("tips:attachment_upload", args=[tip.pk])
    with _undone():
        _post(client_for(officer), url, {"attachments": upload})


# --- models ------------------------------------------------------------------------------------


@pytest.fixture
def model(son_binh):
    return make_model(son_binh, (dt.date(2020, 1, 10), "hoat_dong"))


@FUZZ
@given(text=TEXT, number=NUMBER, date=DATE, ident=ID, version=NUMBER)
def test_model_edit(client_for, secretariat, son_binh, model, text, number, date, ident, version):
    data = model_data(
        son_binh,
        name=text,
        decision_number=text,
        description=text,
        established_on=date,
        members=number,
        cameras_working=number,
        model_type=ident,
        village=ident,
        host_organisation=number,
        version=version,
    )
    _post(client_for(secretariat), reverse("models_registry:update", args=[model.pk]), data)


@FUZZ
@given(text=TEXT, number=NUMBER, date=DATE, token=TOKEN, photo=RAW_BYTES, name=FILE_NAME)
def test_status_check_with_a_random_photo(
    client_for, official_son_binh, model, text, number, date, token, photo, name
):
    data = {
        "submission_token": token,
        "checked_on": date,
        "status": text[:30],
        "places": number,
        "teams": "1",
        "members": number,
        "cameras_installed": "8",
        "cameras_working": number,
        "note": text,
        "photo": _upload(name, photo, "image/png"),
    }
    _post(client_for(official_son_binh), reverse("models_registry:check", args=[model.pk]), data)


@FUZZ
@given(text=TEXT, number=NUMBER, date=DATE)
def test_outstanding_recognition(client_for, secretariat, model, text, number, date):
    data = {"year": number, "decision_number": text, "decision_date": date}
    _post(client_for(secretariat), reverse("models_registry:recognition", args=[model.pk]), data)


# --- campaigns ---------------------------------------------------------------------------------


@FUZZ
@given(text=TEXT, date=DATE, ident=ID, version=NUMBER)
def test_campaign_edit(client_for, secretariat, son_binh, text, date, ident, version):
    campaign = CampaignFactory(created_by=secretariat, communes=[son_binh])
    data = {
        "number": text[:40],
        "plan_date": date,
        "title": text,
        "start": date,
        "end": "2021-02-28",
        "lead_agency": text,
        "communes": [ident],
        "focus_crime_groups": [ident],
        "version": version,
    }
    _post(client_for(secretariat), reverse("campaigns:edit", args=[campaign.pk]), data)


@FUZZ
@given(kind=TEXT, number=NUMBER, ident=ID)
def test_target(client_for, secretariat, son_binh, kind, number, ident):
    campaign = CampaignFactory(created_by=secretariat, communes=[son_binh])
    data = {"kind": kind or "ty_le_kham_pha", "commune": ident, "value": number}
    _post(client_for(secretariat), reverse("campaigns:target_add", args=[campaign.pk]), data)


@FUZZ
@given(text=TEXT, date=DATE, version=NUMBER)
def test_task_add_and_update(client_for, leader, son_binh, text, date, version):
    campaign = CampaignFactory(communes=[son_binh], state=State.APPROVED)
    client = client_for(leader)
    data = {"title": text, "owner": text, "due_date": date}
    _post(client, reverse("campaigns:task_add", args=[campaign.pk]), data)
    task = TaskFactory(campaign=campaign)
    data = {"done": text[:5], "note": text, "version": version}
    _post(client, reverse("campaigns:task_update", args=[task.pk]), data)


@FUZZ
@given(
    text=TEXT,
    number=NUMBER,
    version=st.one_of(NUMBER, st.just("")),
    total=st.one_of(NUMBER, st.sampled_from(["2", "1000", "-1"])),
    delete=TEXT,
)
def test_commune_hand_results_and_seized_items(
    client_for, official_son_binh, son_binh, text, number, version, total, delete
):
    campaign = CampaignFactory(communes=[son_binh], state=State.APPROVED)
    CommuneResult.objects.get_or_create(campaign=campaign, commune=son_binh)
    data = {
        "raid_arrests": number,
        "note": text,
        "version": version,
        "items-TOTAL_FORMS": total,
        "items-INITIAL_FORMS": number,
        "items-0-name": text,
        "items-0-quantity": number,
        "items-0-unit": text,
        "items-1-name": "Ma túy",
        "items-1-quantity": "1,5",
        "items-1-unit": "gam",
        "items-1-DELETE": delete,
    }
    url = reverse("campaigns:result_edit", args=[campaign.pk, son_binh.pk])
    _post(client_for(official_son_binh), url, data)


@FUZZ
@given(text=TEXT, number=NUMBER, date=DATE, ident=ID, token=TOKEN)
def test_outreach(client_for, official_son_binh, son_binh, text, number, date, ident, token):
    data = {
        "commune": ident,
        "held_on": date,
        "topic": text,
        "attendees": number,
        "campaign": ident,
        "submission_token": token,
    }
    _post(client_for(official_son_binh), reverse("campaigns:outreach_create"), data)


# --- reports -----------------------------------------------------------------------------------


@FUZZ
@given(text=TEXT, date=DATE, version=NUMBER, ident=ID)
def test_report_draft_edit_with_tampered_fields(
    client_for, secretariat, district, text, date, version, ident
):
    draft = ReportDraft.objects.get_or_create(
        year=2020, unit=district, defaults={"created_by": secretariat}
    )[0]
    data = {
        "number": text,
        "document_date": date,
        "shortcomings": text,
        "tasks": text,
        "recipients": text,
        "version": version,
        "unit": ident,
        "year": ident,
        "is_issued": text,
    }
    _post(client_for(secretariat), reverse("reports:draft_edit", args=[draft.pk]), data)


# --- accounts ----------------------------------------------------------------------------------


@FUZZ
@given(old=TEXT, new1=TEXT, new2=TEXT)
def test_password_change(client_for, officer, old, new1, new2):
    officer.refresh_from_db()
    stored = officer.password
    data = {"old_password": old, "new_password1": new1, "new_password2": new2}
    response = _post(client_for(officer), reverse("password_change"), data)
    officer.refresh_from_db()
    assert response.status_code == 302 or officer.password == stored


@FUZZ
@given(token=st.one_of(TEXT, NUMBER, st.text(alphabet="0123456789", min_size=6, max_size=6)))
def test_otp_token_form(client_for, leader, token):
    client = client_for(leader)
    client.get(reverse("otp_setup"))  # creates the unconfirmed device
    response = _post(client, reverse("otp_setup"), {"token": token, "next": token})
    device = TOTPDevice.objects.get(user=leader)
    # A code that happens to be right shows the recovery codes (200); any other leaves it pending.
    assert not device.confirmed or response.context["codes"]
    confirmed = TOTPDevice.objects.create(user=leader, name="BCD138", confirmed=True)
    response = _post(client, reverse("otp_verify"), {"token": token, "next": token})
    assert response.status_code == 302 or not client.session.get("otp_device_id")
    confirmed.delete()


@pytest.mark.parametrize(
    "url,params",
    [
        ("campaigns:list", {"year": "²", "commune": "9" * 30}),
        ("campaigns:outreach_list", {"year": "²"}),
        ("tips:register", {"sau": "²-1"}),
        ("tips:register", {"sau": "1-" + "9" * 30}),
    ],
)
def test_list_filters_outside_forms_refuse_odd_digits(client_for, leader, url, params):
    """Found beside the forms: GET filters parsed with str.isdigit() raised on "²" (a 500)."""
    assert client_for(leader).get(reverse(url), params).status_code == 200
