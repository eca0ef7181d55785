"""Points 11, 14, 15 and 16 over every app's forms:

* 11 — an extra POST field (``created_by=``, ``registered_by=``, ``version=``, ``commune=``)
  cannot change ownership or scope; CSRF is enforced on a representative POST of every app;
* 14 — every write path (form views, admin, services, the bulk deadline update) leaves a
  history record with the user;
* 15 — two users open the same edit form; the second save gets the 409 conflict page with
  their input kept and the first save intact;
* 16 — the same submission token posted twice creates one record.

Form data builders are the apps' own test helpers, so a field added to a form is added here too.
"""

import datetime as dt
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from campaigns.models import Campaign, CommuneResult, Outreach, State, Task
from models_registry.models import SecurityModel
from reports.models import ReportDraft
from tests.campaigns.factories import CampaignFactory, TaskFactory
from tests.campaigns.test_plan_views import _plan
from tests.models_registry.factories import make_model
from tests.models_registry.test_model_form import form_data as model_data
from tests.tips.factories import make_tip
from tests.tips.test_detail_and_edit import _edit_data as tip_edit_data
from tests.tips.test_intake import _post_data as intake_data
from tips import services as tip_services
from tips.models import Case, ExtraDayOff, Tip
from tips.reference import ensure_crime_groups

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _groups(db):
    ensure_crime_groups()


@pytest.fixture
def assigned_tip(officer, leader, son_binh):
    tip = make_tip(by=officer, commune=son_binh, informant={"name": "Lê Văn A"})
    return tip_services.tip_assign(tip=tip, by=leader, officer=officer)


def _draft(secretariat, district, **kw):
    return ReportDraft.objects.create(
        year=2020,
        unit=district,
        number="15",
        document_date=dt.date(2021, 3, 10),
        created_by=secretariat,
        **kw,
    )


def _report_data(draft, **overrides):
    data = {
        "number": "16",
        "document_date": "2021-03-11",
        "shortcomings": "Còn chậm.",
        "tasks": "Tiếp tục.",
        "recipients": "Lưu: VT.",
        "version": draft.version,
    }
    data.update(overrides)
    return data


# --- 11: extra fields cannot change ownership or scope -----------------------------------------


def test_extra_fields_cannot_set_who_registered_a_tip_or_its_version(
    client_for, officer, leader, son_binh
):
    data = intake_data(son_binh, registered_by=leader.pk, version="99", number="999", year="1999")
    client_for(officer).post(reverse("tips:create"), data)
    tip = Tip.objects.get()
    assert (tip.registered_by, tip.version, tip.year) == (officer, 1, dt.date.today().year)
    assert tip.number != 999


def test_extra_fields_cannot_reassign_a_tip_on_edit(
    client_for, officer, other_officer, assigned_tip
):
    data = tip_edit_data(assigned_tip, assigned_to=other_officer.pk, registered_by=other_officer.pk)
    client_for(officer).post(reverse("tips:edit", args=[assigned_tip.pk]), data)
    assigned_tip.refresh_from_db()
    assert assigned_tip.assigned_to == officer and assigned_tip.registered_by == officer


def test_extra_fields_cannot_set_a_campaigns_author_or_state(
    client_for, secretariat, chairman, son_binh
):
    data = _plan([son_binh], created_by=chairman.pk, state=State.APPROVED, version="7")
    client_for(secretariat).post(reverse("campaigns:create"), data)
    campaign = Campaign.objects.get()
    assert (campaign.created_by, campaign.state, campaign.version) == (secretariat, State.DRAFT, 1)


def test_a_commune_official_cannot_file_outreach_for_another_commune(
    client_for, official_son_binh, son_lam
):
    data = {
        "commune": son_lam.pk,
        "held_on": "2021-01-15",
        "topic": "Tuyên truyền",
        "attendees": "40",
        "submission_token": str(uuid.uuid4()),
    }
    response = client_for(official_son_binh).post(reverse("campaigns:outreach_create"), data)
    assert not Outreach.objects.filter(commune=son_lam).exists()
    assert response.status_code in (200, 403)


def test_a_commune_official_cannot_move_results_to_another_commune(
    client_for, official_son_lam, son_binh, son_lam
):
    campaign = CampaignFactory(communes=[son_binh, son_lam], state=State.APPROVED)
    url = reverse("campaigns:result_edit", args=[campaign.pk, son_lam.pk])
    data = {
        "raid_arrests": "2",
        "note": "",
        "commune": son_binh.pk,
        "campaign": "0",
        "items-TOTAL_FORMS": "0",
        "items-INITIAL_FORMS": "0",
    }
    client_for(official_son_lam).post(url, data)
    assert list(CommuneResult.objects.values_list("commune", flat=True)) == [son_lam.pk]


def test_extra_fields_cannot_move_a_model_or_set_its_author(
    client_for, secretariat, son_binh, son_lam
):
    model = make_model(son_binh, (dt.date(2020, 1, 10), "hoat_dong"))
    data = model_data(
        son_binh, name="Tên mới", version=model.version, created_by="1", current_status="giai_the"
    )
    data["commune"] = son_binh.pk
    client_for(secretariat).post(reverse("models_registry:update", args=[model.pk]), data)
    model.refresh_from_db()
    assert model.name == "Tên mới" and model.current_status == "hoat_dong"


def test_extra_fields_cannot_set_a_drafts_author_or_issue_it(
    client_for, secretariat, chairman, district
):
    draft = _draft(secretariat, district)
    data = _report_data(draft, created_by=chairman.pk, is_issued="on", unit=999, year=1999)
    client_for(secretariat).post(reverse("reports:draft_edit", args=[draft.pk]), data)
    draft.refresh_from_db()
    assert (draft.created_by, draft.is_issued, draft.year, draft.unit) == (
        secretariat,
        False,
        2020,
        district,
    )
    assert draft.number == "16"


@pytest.mark.parametrize("app", ["tips", "models_registry", "campaigns", "reports", "core"])
def test_csrf_is_enforced_on_a_post_of_every_app(
    app, officer, secretariat, son_binh, district, assigned_tip
):
    client = Client(enforce_csrf_checks=True)
    user, url, data = {
        "tips": (officer, reverse("tips:create"), intake_data(son_binh)),
        "models_registry": (secretariat, reverse("models_registry:create"), model_data(son_binh)),
        "campaigns": (secretariat, reverse("campaigns:create"), _plan([son_binh])),
        "reports": (
            secretariat,
            reverse("reports:draft_create"),
            {"year": "2020", "unit": district.pk, "submission_token": str(uuid.uuid4())},
        ),
        "core": (officer, reverse("logout"), {}),
    }[app]
    client.force_login(user)
    counts = (
        Tip.objects.count(),
        SecurityModel.objects.count(),
        Campaign.objects.count(),
        ReportDraft.objects.count(),
    )
    assert client.post(url, data).status_code == 403
    assert counts == (
        Tip.objects.count(),
        SecurityModel.objects.count(),
        Campaign.objects.count(),
        ReportDraft.objects.count(),
    )


# --- 14: history is complete -------------------------------------------------------------------


def _last(obj):
    return obj.history.first()


def test_tips_every_write_path_leaves_history(client_for, officer, leader, son_binh, admin_user):
    client = client_for(officer)
    client.post(reverse("tips:create"), intake_data(son_binh))
    tip = Tip.objects.get()
    assert _last(tip).history_type == "+" and _last(tip).history_user == officer
    tip = tip_services.tip_assign(tip=tip, by=leader, officer=officer)
    client.post(reverse("tips:edit", args=[tip.pk]), tip_edit_data(tip, summary="Đã sửa tóm tắt"))
    assert _last(tip).summary == "Đã sửa tóm tắt" and _last(tip).history_user == officer
    before = tip.history.count()
    client.post(reverse("tips:action", args=[tip.pk, "bat-dau-xac-minh"]), {"note": ""})
    assert tip.history.count() > before
    # admin: an extra day off (history of its own) moves the deadline of open tips in bulk
    tip.refresh_from_db()
    admin = client_for(admin_user)
    day = tip.due_on  # a deadline falling on a day off moves to the next working day
    before = tip.history.count()
    admin.post(reverse("admin:tips_extradayoff_add"), {"date": day.isoformat(), "note": "Nghỉ bù"})
    off = ExtraDayOff.objects.get()
    assert _last(off).history_user == admin_user
    tip.refresh_from_db()
    assert tip.history.count() == before + 1
    assert _last(tip).due_on == tip.due_on and _last(tip).history_user == admin_user
    case = Case.objects.create(
        tip=tip, number="1/QĐ", crime_group=tip.crime_group, opened_on=dt.date(2021, 1, 1)
    )
    admin.post(
        reverse("admin:tips_case_change", args=[case.pk]),
        {
            "number": "2/QĐ",
            "crime_group": tip.crime_group_id,
            "opened_on": "2021-01-01",
            "suspects": "1",
            "arrested": "1",
            "solved_on": "",
            "version": case.version,
        },
    )
    assert _last(case).number == "2/QĐ" and _last(case).history_user == admin_user


def test_models_every_write_path_leaves_history(client_for, secretariat, son_binh, admin_user):
    client = client_for(secretariat)
    client.post(reverse("models_registry:create"), model_data(son_binh))
    model = SecurityModel.objects.get()
    assert model.history.filter(history_type="+", history_user=secretariat).exists()
    client.post(
        reverse("models_registry:update", args=[model.pk]),
        model_data(son_binh, name="Tên mới", version=model.version),
    )
    assert _last(model).name == "Tên mới"
    before = model.history.count()
    client.post(
        reverse("models_registry:check", args=[model.pk]),
        {
            "submission_token": str(uuid.uuid4()),
            "checked_on": dt.date.today().isoformat(),
            "status": "hieu_qua",
            "places": "1",
            "teams": "1",
            "members": "12",
            "cameras_installed": "8",
            "cameras_working": "8",
            "note": "",
        },
    )
    assert model.history.count() == before + 1 and _last(model).current_status == "hieu_qua"
    client.post(
        reverse("models_registry:recognition", args=[model.pk]),
        {"year": "2020", "decision_number": "1/QĐ", "decision_date": "2020-12-01"},
    )
    recognition = model.recognitions.get()
    assert _last(recognition).history_user == secretariat
    type_ = model.model_type
    client_for(admin_user).post(
        reverse("admin:models_registry_modeltype_change", args=[type_.pk]),
        {"name": "Camera an ninh (sửa)", "order": "1", "is_active": "on"},
    )
    assert _last(type_).history_user == admin_user


def test_campaigns_every_write_path_leaves_history(
    client_for, secretariat, chairman, leader, son_binh, admin_user
):
    client = client_for(secretariat)
    client.post(reverse("campaigns:create"), _plan([son_binh]))
    campaign = Campaign.objects.get()
    assert _last(campaign).history_user == secretariat
    client.post(
        reverse("campaigns:edit", args=[campaign.pk]),
        _plan([son_binh], title="Tiêu đề mới", version=campaign.version),
    )
    assert _last(campaign).title == "Tiêu đề mới"
    client.post(
        reverse("campaigns:target_add", args=[campaign.pk]),
        {"kind": "ty_le_kham_pha", "commune": "", "value": "70"},
    )
    assert campaign.targets.get().history.get().history_user == secretariat
    client_for(chairman).post(reverse("campaigns:approve", args=[campaign.pk]))
    assert _last(campaign).state == State.APPROVED and _last(campaign).history_user == chairman
    client = client_for(leader)
    client.post(
        reverse("campaigns:task_add", args=[campaign.pk]),
        {"title": "Tuần tra", "owner": "Công an", "due_date": "2021-01-20"},
    )
    task = Task.objects.get()
    assert _last(task).history_user == leader
    client.post(
        reverse("campaigns:task_update", args=[task.pk]),
        {"done": "on", "note": "Xong", "version": task.version},
    )
    assert _last(task).done is True
    client.post(
        reverse("campaigns:result_edit", args=[campaign.pk, son_binh.pk]),
        {
            "raid_arrests": "3",
            "note": "",
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "0",
            "items-0-name": "Ma túy",
            "items-0-quantity": "2",
            "items-0-unit": "gam",
        },
    )
    result = CommuneResult.objects.get()
    assert _last(result).history_user == leader
    assert _last(result.items.get()).history_user == leader
    admin = client_for(admin_user)
    response = admin.post(
        reverse("admin:campaigns_outreach_add"),
        {
            "commune": son_binh.pk,
            "held_on": "2021-01-15",
            "topic": "Tuyên truyền",
            "attendees": "30",
            "campaign": campaign.pk,
            "created_by": admin_user.pk,
        },
    )
    assert response.status_code == 302, response.context and response.context["errors"]
    assert _last(Outreach.objects.get()).history_user == admin_user


def test_reports_every_write_path_leaves_history(client_for, secretariat, district):
    client = client_for(secretariat)
    client.post(
        reverse("reports:draft_create"),
        {"year": "2020", "unit": district.pk, "submission_token": str(uuid.uuid4())},
    )
    draft = ReportDraft.objects.get()
    assert _last(draft).history_type == "+" and _last(draft).history_user == secretariat
    client.post(reverse("reports:draft_edit", args=[draft.pk]), _report_data(draft))
    assert _last(draft).number == "16" and _last(draft).history_user == secretariat


# --- 15: optimistic locking on every edit form -------------------------------------------------


def _race(first, second, url, data_for, kept="Bản của người thứ hai"):
    """Both open the form (same version); the first saves; the second gets the conflict page."""
    first_data, second_data = data_for("Bản của người thứ nhất"), data_for("Bản của người thứ hai")
    assert first.post(url, first_data).status_code == 302
    response = second.post(url, second_data)
    assert response.status_code == 409
    assert kept in response.content.decode()  # the input is kept
    return response


def _two(client_factory, a, b):
    first, second = client_factory(), client_factory()
    first.force_login(a)
    second.force_login(b)
    return first, second


def test_tip_edit_conflict(officer, leader, assigned_tip):
    first, second = _two(Client, leader, officer)
    url = reverse("tips:edit", args=[assigned_tip.pk])
    _race(first, second, url, lambda s: tip_edit_data(assigned_tip, summary=s))
    assert Tip.objects.get().summary == "Bản của người thứ nhất"


def test_case_edit_conflict(officer, leader, assigned_tip):
    case = Case.objects.create(
        tip=assigned_tip,
        number="1/QĐ",
        crime_group=assigned_tip.crime_group,
        opened_on=dt.date(2021, 1, 1),
    )
    first, second = _two(Client, leader, officer)
    url = reverse("tips:case_edit", args=[assigned_tip.pk])
    _race(
        first,
        second,
        url,
        lambda s: {
            "number": s.split()[-1].upper() + "/QĐ",
            "crime_group": case.crime_group_id,
            "opened_on": "2021-01-01",
            "suspects": "1",
            "arrested": "1",
            "version": case.version,
        },
        kept="HAI/QĐ",
    )
    assert Case.objects.get().number == "NHẤT/QĐ"


def test_model_edit_conflict(secretariat, leader, son_binh):
    model = make_model(son_binh, (dt.date(2020, 1, 10), "hoat_dong"))
    first, second = _two(Client, secretariat, leader)
    url = reverse("models_registry:update", args=[model.pk])
    _race(first, second, url, lambda s: model_data(son_binh, name=s, version=model.version))
    assert SecurityModel.objects.get().name == "Bản của người thứ nhất"


def test_campaign_edit_conflict(secretariat, son_binh, district):
    from ban138.roles import Role
    from tests.factories import make_user

    other = make_user("thuongtruc_2", Role.SECRETARIAT)
    campaign = CampaignFactory(created_by=secretariat, communes=[son_binh])
    first, second = _two(Client, secretariat, other)
    url = reverse("campaigns:edit", args=[campaign.pk])
    _race(first, second, url, lambda s: _plan([son_binh], title=s, version=campaign.version))
    assert Campaign.objects.get().title == "Bản của người thứ nhất"


def test_task_edit_conflict(secretariat, leader, son_binh):
    task = TaskFactory(campaign=CampaignFactory(communes=[son_binh], state=State.APPROVED))
    first, second = _two(Client, secretariat, leader)
    url = reverse("campaigns:task_update", args=[task.pk])
    _race(first, second, url, lambda s: {"note": s, "version": task.version})
    assert Task.objects.get().note == "Bản của người thứ nhất"


def test_commune_result_conflict(secretariat, leader, son_binh):
    campaign = CampaignFactory(communes=[son_binh], state=State.APPROVED)
    first, second = _two(Client, secretariat, leader)
    url = reverse("campaigns:result_edit", args=[campaign.pk, son_binh.pk])
    CommuneResult.objects.create(campaign=campaign, commune=son_binh, raid_arrests=0)
    _race(
        first,
        second,
        url,
        lambda s: {
            "raid_arrests": "1",
            "note": s,
            "version": "1",
            "items-TOTAL_FORMS": "0",
            "items-INITIAL_FORMS": "0",
        },
    )
    assert CommuneResult.objects.get().note == "Bản của người thứ nhất"


def test_report_draft_conflict(secretariat, district):
    from ban138.roles import Role
    from tests.factories import make_user

    other = make_user("thuongtruc_2", Role.SECRETARIAT)
    draft = _draft(secretariat, district)
    first, second = _two(Client, secretariat, other)
    url = reverse("reports:draft_edit", args=[draft.pk])
    _race(first, second, url, lambda s: _report_data(draft, shortcomings=s))
    assert ReportDraft.objects.get().shortcomings == "Bản của người thứ nhất"


# --- 16: a double POST creates one record ------------------------------------------------------


def _twice(client, url, data):
    first, second = client.post(url, data), client.post(url, data)
    assert second.status_code == 302 and first.status_code == 302
    return first, second


def test_double_post_creates_one_record_on_every_create_form(
    client_for, officer, secretariat, leader, official_son_binh, son_binh, district
):
    _twice(client_for(officer), reverse("tips:create"), intake_data(son_binh))
    assert Tip.objects.count() == 1
    client = client_for(secretariat)
    _twice(client, reverse("models_registry:create"), model_data(son_binh))
    assert SecurityModel.objects.count() == 1
    model = SecurityModel.objects.get()
    check = {
        "submission_token": str(uuid.uuid4()),
        "checked_on": dt.date.today().isoformat(),
        "status": "hieu_qua",
        "places": "1",
        "teams": "1",
        "members": "12",
        "cameras_installed": "8",
        "cameras_working": "8",
        "note": "",
    }
    _twice(client, reverse("models_registry:check", args=[model.pk]), check)
    assert model.checks.count() == 2  # the first check made with the model, and one more
    _twice(client, reverse("campaigns:create"), _plan([son_binh]))
    assert Campaign.objects.count() == 1
    outreach = {
        "commune": son_binh.pk,
        "held_on": "2021-01-15",
        "topic": "Tuyên truyền",
        "attendees": "40",
        "submission_token": str(uuid.uuid4()),
    }
    _twice(client_for(official_son_binh), reverse("campaigns:outreach_create"), outreach)
    assert Outreach.objects.count() == 1
    draft = {"year": "2020", "unit": district.pk, "submission_token": str(uuid.uuid4())}
    _twice(client_for(secretariat), reverse("reports:draft_create"), draft)
    assert ReportDraft.objects.count() == 1
