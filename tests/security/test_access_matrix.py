"""Point 10 (ASVS V4): one matrix over every route that takes an object, for every persona.

* anonymous → the login page;
* a role the feature is not for → 403;
* an object in another commune → 404 (its existence is not the user's to know);
* an object of another committee on the same installation → 404, even where that committee's
  area takes in the object's commune (issue 20.3: the ``tks_`` personas are the commune
  committee of Xã Tây Khánh Sơn, formed from Sơn Lâm and Thành Sơn; every object here is the
  district committee's);
* everyone else reaches the page (no 403, 404 or 5xx).

The route list is derived from the URLconf: a new route with a parameter that is not in
``MATRIX`` (nor in ``NOT_OBJECT_ROUTES`` with a reason) fails ``test_every_object_route_is_in_the_
matrix``. App tests (tests/<app>/test_access*.py, tests/models_registry/test_access_matrix.py,
tests/reports/test_views.py) prove details per app; this file is the one place that sees them all.
"""

import io

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from openpyxl import load_workbook

from tests.security.conftest import CANARY  # noqa: F401  (shared fixtures live there)

pytestmark = pytest.mark.django_db

OK = "ok"
PERSONAS = (
    "officer",
    "other_officer",
    "leader",
    "official_son_binh",
    "official_son_lam",
    "secretariat",
    "chairman",
    "outsider",
)
# The second committee's personas: another committee's object is a 404 to each of them, unless
# their role may not use that kind of object at all (403, before any lookup).
OTHER_COMMITTEE = ("tks_leader", "tks_secretariat", "tks_chairman", "tks_official")
NOT_POLICE = {"tks_secretariat": 403, "tks_chairman": 403, "tks_official": 403}
NOT_DRAFT_READERS = {"tks_leader": 403, "tks_official": 403}


def expect(default, *, others=404, **overrides):
    table = dict.fromkeys(PERSONAS, default) | dict.fromkeys(OTHER_COMMITTEE, others)
    table.update(overrides)
    return table


# Tips are district-wide police work: commune officials, the secretariat and the chairman get
# 403 whatever the commune. Changing is for the assigned officer and leaders.
TIP_VIEW = expect(403, officer=OK, other_officer=OK, leader=OK, **NOT_POLICE)
TIP_CHANGE = expect(403, officer=OK, leader=OK, **NOT_POLICE)
# Models live in Sơn Bình: Sơn Lâm's official gets 404.
MODEL_VIEW = expect(OK, outsider=403, official_son_lam=404)
MODEL_CHANGE = expect(OK, outsider=403, official_son_binh=403, official_son_lam=404, chairman=403)
MODEL_CHECK = expect(OK, outsider=403, official_son_lam=404, chairman=403)
# Campaigns cover Sơn Lâm only: Sơn Bình's official gets 404; drafts are hidden from officials.
CAMPAIGN_VIEW = expect(OK, outsider=403, official_son_binh=404)
DRAFT_CHANGE = expect(403, secretariat=OK, official_son_binh=404, official_son_lam=404)
RUNNERS = expect(
    403, officer=OK, other_officer=OK, leader=OK, secretariat=OK, official_son_binh=404
)
# Reports: drafts for the secretariat (edit) and the chairman (read, issue).
REPORT_DRAFT_VIEW = expect(403, secretariat=OK, chairman=OK, **NOT_DRAFT_READERS)
# Issued and per-commune reports of Sơn Lâm.
REPORT_READERS = expect(
    403, leader=OK, secretariat=OK, chairman=OK, official_son_lam=OK, official_son_binh=404
)
ISSUED_CHAIRMAN = expect(403, chairman=OK, official_son_binh=404)

# url name: (method, args from the objects fixture, expectations)
# Sơn Lâm itself, and its live figures, are in the area of Tây Khánh Sơn's committee too (its
# predecessor: issue 20.1); only what a committee made — tips, plans, reports — is its own.
IN_BOTH_AREAS = dict.fromkeys(OTHER_COMMITTEE, OK)
MATRIX = {
    "unit_detail": ("get", lambda o: [o["son_lam"].pk], {**CAMPAIGN_VIEW, **IN_BOTH_AREAS}),
    "tips:detail": ("get", lambda o: [o["tip"].pk], TIP_VIEW),
    "tips:edit": ("get", lambda o: [o["tip"].pk], TIP_CHANGE),
    "tips:action": ("post", lambda o: [o["tip"].pk, "tien-do"], TIP_CHANGE),
    "tips:attachment_upload": ("post", lambda o: [o["tip"].pk], TIP_CHANGE),
    "tips:attachment": ("get", lambda o: [o["tip"].pk, o["attachment"].pk], TIP_VIEW),
    "tips:informant_reveal": ("post", lambda o: [o["tip"].pk], TIP_CHANGE),
    "tips:case_edit": ("get", lambda o: [o["tip"].pk], TIP_CHANGE),
    "tips:informant_edit": ("get", lambda o: [o["tip"].pk], TIP_CHANGE),
    # A notice without the identity: any police role; the forms with it: tests/tips/test_printing.
    "tips:print_form": ("post", lambda o: [o["tip"].pk, "thong-bao-vks-tiep-nhan"], TIP_VIEW),
    "models_registry:detail": ("get", lambda o: [o["model"].pk], MODEL_VIEW),
    "models_registry:update": ("get", lambda o: [o["model"].pk], MODEL_CHANGE),
    "models_registry:recognition": ("get", lambda o: [o["model"].pk], MODEL_CHANGE),
    "models_registry:check": ("get", lambda o: [o["model"].pk], MODEL_CHECK),
    "models_registry:check_photo": ("get", lambda o: [o["check"].pk], MODEL_VIEW),
    "campaigns:detail": ("get", lambda o: [o["approved"].pk], CAMPAIGN_VIEW),
    "campaigns:report": ("get", lambda o: [o["approved"].pk], CAMPAIGN_VIEW),
    "campaigns:edit": ("get", lambda o: [o["draft_campaign"].pk], DRAFT_CHANGE),
    "campaigns:target_add": ("post", lambda o: [o["draft_campaign"].pk], DRAFT_CHANGE),
    "campaigns:target_delete": (
        "post",
        lambda o: [o["draft_campaign"].pk, o["target"].pk],
        DRAFT_CHANGE,
    ),
    "campaigns:approve": (
        "post",
        lambda o: [o["draft_campaign"].pk],
        expect(403, chairman=OK, official_son_binh=404, official_son_lam=404),
    ),
    "campaigns:close": (
        "get",
        lambda o: [o["approved"].pk],
        expect(403, secretariat=OK, chairman=OK, official_son_binh=404),
    ),
    "campaigns:task_add": ("post", lambda o: [o["approved"].pk], RUNNERS),
    "campaigns:task_update": ("get", lambda o: [o["task"].pk], RUNNERS),
    "campaigns:result_edit": (
        "get",
        lambda o: [o["approved"].pk, o["son_lam"].pk],
        {**RUNNERS, "official_son_lam": OK},
    ),
    "reports:draft_detail": ("get", lambda o: [o["report_draft"].pk], REPORT_DRAFT_VIEW),
    "reports:draft_edit": (
        "get",
        lambda o: [o["report_draft"].pk],
        expect(403, secretariat=OK, **NOT_DRAFT_READERS),
    ),
    "reports:draft_preview": ("get", lambda o: [o["report_draft"].pk], REPORT_DRAFT_VIEW),
    "reports:draft_file": ("get", lambda o: [o["report_draft"].pk, "docx"], REPORT_DRAFT_VIEW),
    # An issued draft: the chairman's POST is refused quickly, without rendering a PDF.
    "reports:draft_issue": (
        "post",
        lambda o: [o["commune_draft"].pk],
        expect(403, chairman=OK, **NOT_DRAFT_READERS),
    ),
    "reports:issued_file": ("get", lambda o: [o["issued"].pk, "pdf"], REPORT_READERS),
    "reports:commune_report": (
        "get",
        lambda o: [o["son_lam"].pk, 2020],
        {**REPORT_READERS, **IN_BOTH_AREAS},
    ),
    "reports:commune_file": (
        "get",
        lambda o: [o["son_lam"].pk, 2020, "docx"],
        {**REPORT_READERS, **IN_BOTH_AREAS},
    ),
    # Withdrawal and replacement: the chairman only; a reader outside the commune sees nothing.
    "reports:issued_withdraw": ("post", lambda o: [o["issued"].pk], ISSUED_CHAIRMAN),
    "reports:issued_replace": ("post", lambda o: [o["issued"].pk], ISSUED_CHAIRMAN),
    # Hand-entered figures of a commune and year belong to the commune, not to a committee: the
    # secretariat of a committee whose area holds the commune keeps them (issue 20.1).
    "reports:agency_figures": (
        "get",
        lambda o: [2020, o["son_lam"].pk],
        expect(403, secretariat=OK, others=403, tks_secretariat=OK),
    ),
}

# Routes with a parameter that is not an object, and why they are not in the matrix.
NOT_OBJECT_ROUTES = {
    "landing": "a role code, not an object (tests/core/test_landing.py: 403 for another role)",
    "reports:file_status": "a background job held in the requester's session; anyone else gets "
    "404 (tests/reports/test_background.py)",
    "reports:file_download": "as reports:file_status",
}


def _object_routes(patterns=None, namespace=""):
    """(url name, route) for every non-admin route whose pattern takes a parameter."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue  # the admin site: staff only, tested in test_admin_and_history.py
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _object_routes(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and "<" in str(entry.pattern):
            yield f"{namespace}{entry.name}", str(entry.pattern)


def test_every_object_route_is_in_the_matrix():
    found = {name for name, _route in _object_routes()}
    missing = found - set(MATRIX) - set(NOT_OBJECT_ROUTES)
    assert not missing, f"object routes missing from the access matrix: {sorted(missing)}"
    assert set(MATRIX) <= found, f"stale matrix rows: {sorted(set(MATRIX) - found)}"


def _outcome(response) -> str | int:
    if response.status_code in (403, 404):
        return response.status_code
    assert response.status_code < 500
    if response.status_code == 302:
        assert "/dang-nhap/" not in response["Location"]
    return OK


def _signed_in(user) -> Client:
    """A browser of the persona's own: no cookie of the persona before."""
    client = Client()
    client.force_login(user)
    return client


def _request(client, method, url):
    # Each request runs in a savepoint rolled back afterwards, so one persona's POST (approve,
    # delete a target, show an informant) does not change what the next persona sees.
    with transaction.atomic():
        response = getattr(client, method)(url)
        transaction.set_rollback(True)
    return response


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_object_route_by_role_and_commune(client, objects, all_personas, url_name):
    method, args, expected = MATRIX[url_name]
    url = reverse(url_name, args=args(objects))
    anonymous = _request(client, method, url)
    assert anonymous.status_code == 302 and "/dang-nhap/" in anonymous["Location"], url
    got = {}
    for persona in (*PERSONAS, *OTHER_COMMITTEE):
        got[persona] = _outcome(_request(_signed_in(all_personas[persona]), method, url))
    assert got == expected


def test_an_attachment_naming_the_informant_is_only_for_who_may_see_the_informant(
    objects, all_personas
):
    """Issue 15.2: the receipt record is served to the assigned officer and leaders alone; the
    unassigned officer gets the 404 of a file that is not there, and it is not listed."""
    tip, receipt = objects["tip"], objects["receipt_attachment"]
    url = reverse("tips:attachment", args=[tip.pk, receipt.pk])
    got, listed = {}, {}
    for persona in (*PERSONAS, *OTHER_COMMITTEE):
        signed_in = _signed_in(all_personas[persona])
        got[persona] = _outcome(_request(signed_in, "get", url))
        detail = signed_in.get(reverse("tips:detail", args=[tip.pk]))
        listed[persona] = detail.status_code == 200 and url in detail.content.decode()
    assert got == {**TIP_CHANGE, "other_officer": 404}
    assert {p for p, shown in listed.items() if shown} == {"officer", "leader"}


def _xlsx_text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(content)).active
    return " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)


def test_lists_and_exports_hold_only_rows_in_the_users_scope(
    client_for, objects, official_son_binh, official_son_lam, son_binh, son_lam
):
    """Sơn Lâm's official sees Sơn Lâm's campaign and report but not Sơn Bình's model; Sơn
    Bình's official the reverse."""
    from tests.models_registry.factories import make_model

    lam_model = make_model(son_lam, name="Tổ tự quản Sơn Lâm ZZLAM")
    binh_model = objects["model"]
    campaign = objects["approved"]

    client = client_for(official_son_binh)
    models_page = client.get(reverse("models_registry:list")).content.decode()
    assert binh_model.name in models_page and "ZZLAM" not in models_page
    export = _xlsx_text(client.get(reverse("models_registry:export")))
    assert binh_model.name in export and "ZZLAM" not in export
    campaigns_page = client.get(reverse("campaigns:list") + "?year=").content.decode()
    assert reverse("campaigns:detail", args=[campaign.pk]) not in campaigns_page
    reports_page = client.get(reverse("reports:index")).content.decode()
    assert reverse("reports:issued_file", args=[objects["issued"].pk, "pdf"]) not in reports_page
    units = client.get(reverse("unit_list")).content.decode()
    assert reverse("unit_detail", args=[son_lam.pk]) not in units
    assert client.get(reverse("tips:register")).status_code == 403
    assert client.get(reverse("tips:export")).status_code == 403

    client = client_for(official_son_lam)
    models_page = client.get(reverse("models_registry:list")).content.decode()
    assert lam_model.name in models_page and binh_model.name not in models_page
    export = _xlsx_text(client.get(reverse("models_registry:export")))
    assert "ZZLAM" in export and binh_model.name not in export
    campaigns_page = client.get(reverse("campaigns:list") + "?year=").content.decode()
    assert reverse("campaigns:detail", args=[campaign.pk]) in campaigns_page
    draft_url = reverse("campaigns:detail", args=[objects["draft_campaign"].pk])
    assert draft_url not in campaigns_page
    reports_page = client.get(reverse("reports:index")).content.decode()
    assert reverse("reports:issued_file", args=[objects["issued"].pk, "pdf"]) in reports_page


def test_a_commune_official_cannot_enter_results_for_another_commune_of_the_campaign(
    client_for, objects, official_son_lam, son_binh, son_lam
):
    from campaigns.models import State
    from tests.campaigns.factories import CampaignFactory

    both = CampaignFactory(communes=[son_binh, son_lam], state=State.APPROVED)
    client = client_for(official_son_lam)
    url = reverse("campaigns:result_edit", args=[both.pk, son_binh.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"raid_arrests": "3"}).status_code == 404
    assert (
        client.get(reverse("campaigns:result_edit", args=[both.pk, son_lam.pk])).status_code == 200
    )


def test_a_missing_object_is_404_like_one_out_of_scope(client_for, leader, secretariat, db):
    client = client_for(leader)
    for name in ("tips:detail", "models_registry:detail", "campaigns:detail"):
        assert client.get(reverse(name, args=[999999])).status_code == 404
    client = client_for(secretariat)
    assert client.get(reverse("reports:draft_detail", args=[999999])).status_code == 404
