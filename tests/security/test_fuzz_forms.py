"""Point 19: hypothesis throws arbitrary Unicode, huge and NFD strings, control characters (NUL
included) and out-of-range numbers at the main forms. No 500, and an invalid POST saves nothing."""

import uuid

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaigns.models import Campaign
from models_registry.models import SecurityModel
from reports.models import ReportDraft
from tests.campaigns.test_plan_views import _plan
from tests.models_registry.test_model_form import form_data as model_data
from tests.tips.test_intake import _post_data as intake_data
from tips.models import Tip
from tips.reference import ensure_crime_groups

pytestmark = pytest.mark.django_db
FUZZ = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
TEXT = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=50).map(
        lambda s: s + "\x00"
    ),
    st.just("a" * 100_000),
    st.just("Co\u0302ng ta\u0301c ho\u0300a gia\u0309i"),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=20),
)
NUMBER = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str), st.just("1e309"), st.just("NaN")
)


def _counts():
    return (
        Tip.objects.count(),
        SecurityModel.objects.count(),
        Campaign.objects.count(),
        ReportDraft.objects.count(),
    )


def _post(client, url, data):
    before = _counts()
    response = client.post(url, data)
    assert response.status_code < 500
    if response.status_code != 302:  # not accepted: nothing written
        assert _counts() == before
    return response


@pytest.fixture
def groups(db):
    ensure_crime_groups()


@FUZZ
@given(text=TEXT, number=NUMBER)
def test_tip_intake(client_for, officer, son_binh, groups, text, number):
    data = intake_data(son_binh, summary=text, address=text, informant_name=text, commune=number)
    _post(client_for(officer), reverse("tips:create"), data)


@FUZZ
@given(text=TEXT, number=NUMBER)
def test_model_create(client_for, secretariat, son_binh, text, number):
    data = model_data(son_binh, name=text, members=number, cameras_working=number)
    _post(client_for(secretariat), reverse("models_registry:create"), data)


@FUZZ
@given(text=TEXT, number=NUMBER)
def test_campaign_create(client_for, secretariat, son_binh, text, number):
    data = _plan([son_binh], title=text, number=text[:40], lead_agency=text)
    data["communes"] = [number]
    _post(client_for(secretariat), reverse("campaigns:create"), data)


@FUZZ
@given(text=TEXT, number=NUMBER)
def test_report_draft_edit(client_for, secretariat, district, text, number):
    draft = ReportDraft.objects.get_or_create(
        year=2020, unit=district, defaults={"created_by": secretariat}
    )[0]
    data = {
        "number": text,
        "document_date": "2021-03-11",
        "shortcomings": text,
        "tasks": text,
        "recipients": text,
        "version": number,
    }
    before = draft.history.count()
    response = _post(client_for(secretariat), reverse("reports:draft_edit", args=[draft.pk]), data)
    if response.status_code != 302:
        assert draft.history.count() == before


@FUZZ
@given(text=TEXT, number=NUMBER)
def test_report_draft_create(client_for, secretariat, district, text, number):
    data = {"year": number, "unit": text, "submission_token": str(uuid.uuid4())}
    _post(client_for(secretariat), reverse("reports:draft_create"), data)


@FUZZ
@given(username=TEXT, password=TEXT)
def test_login(client, db, username, password):
    response = client.post(reverse("login"), {"username": username, "password": password})
    assert response.status_code < 500


def test_a_nul_byte_in_a_summary_is_refused_in_vietnamese(client_for, officer, son_binh, groups):
    response = client_for(officer).post(
        reverse("tips:create"), intake_data(son_binh, summary="Mất trộm\x00 xe")
    )
    assert response.status_code == 200 and not Tip.objects.exists()
    assert "Không được chứa ký tự rỗng" in str(response.context["form"].errors["summary"])


def test_a_huge_username_is_refused_by_the_form_not_the_database(client, db):
    response = client.post(reverse("login"), {"username": "a" * 100_000, "password": "x"})
    assert response.status_code == 200
    assert "Tên đăng nhập dài quá" in response.content.decode()
