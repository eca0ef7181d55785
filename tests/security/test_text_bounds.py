"""Issue 15.11: every free-text field is bounded, and so is the report's PDF."""

import datetime as dt

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse

from ban138 import limits
from reports.models import ReportDraft
from reports.services import NARRATIVE_LIMITS
from tests.conftest import run_pending_tasks
from tests.tips.factories import make_tip, verifying_tip
from tips.models import TipStep

PROJECT_APPS = ("ban138", "tips", "models_registry", "campaigns", "reports")
# Bounded in reports' form and service instead of the model (reports.services.NARRATIVE_LIMITS).
BOUNDED_OUTSIDE_THE_MODEL = {("reports", "reportdraft", n) for n in NARRATIVE_LIMITS}


def test_every_editable_text_field_of_the_project_has_a_length_limit():
    unbounded = []
    for app in PROJECT_APPS:
        for model in apps.get_app_config(app).get_models():
            if model.__name__.startswith("Historical"):
                continue
            for field in model._meta.get_fields():
                if not isinstance(field, models.TextField) or not field.editable:
                    continue
                key = (app, model._meta.model_name, field.name)
                bounded = field.max_length and any(
                    isinstance(v, MaxLengthValidator) for v in field.validators
                )
                if not bounded and key not in BOUNDED_OUTSIDE_THE_MODEL:
                    unbounded.append(key)
    assert unbounded == []


@pytest.mark.django_db
def test_a_progress_note_over_the_limit_is_refused(client_for, officer, leader, son_binh):
    tip = verifying_tip(leader=leader, officer=officer, commune=son_binh)
    steps = TipStep.objects.count()
    response = client_for(officer).post(
        reverse("tips:action", args=[tip.pk, "tien-do"]), {"note": "x" * (limits.NOTE_CHARS + 1)}
    )
    assert response.status_code == 400
    assert "tối đa 2000 kí tự" in response.content.decode()
    assert TipStep.objects.count() == steps


@pytest.mark.django_db
def test_a_service_refuses_an_overlong_case_note(officer, son_binh):
    from tips.models import Case

    tip = make_tip(by=officer, commune=son_binh)
    case = Case(tip=tip, number="1/QĐ", crime_group=tip.crime_group, opened_on=dt.date(2021, 1, 1))
    case.note = "x" * (limits.NOTE_CHARS + 1)
    with pytest.raises(ValidationError):
        case.full_clean()


@pytest.mark.django_db
def test_a_report_narrative_over_the_limit_is_refused_and_the_draft_kept(
    client_for, secretariat, district
):
    draft = ReportDraft.objects.create(
        year=2020, unit=district, number="15", shortcomings="Còn chậm.", created_by=secretariat
    )
    response = client_for(secretariat).post(
        reverse("reports:draft_edit", args=[draft.pk]),
        {
            "number": "15",
            "document_date": "2021-03-10",
            "shortcomings": "Dài quá. " * 2_500,  # 22 500 characters, the attack's was 973 000
            "tasks": "",
            "recipients": "",
            "version": draft.version,
        },
    )
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.shortcomings == "Còn chậm."
    from reports.services import report_draft_update

    with pytest.raises(ValidationError):
        report_draft_update(draft=draft, expected_version=draft.version, shortcomings="x" * 20_001)


@pytest.mark.django_db
def test_a_pdf_over_the_page_limit_is_refused_in_vietnamese(
    client_for, chairman, secretariat, district, monkeypatch
):
    import ban138.pdf

    monkeypatch.setattr(ban138.pdf, "PDF_MAX_PAGES", 1)
    draft = ReportDraft.objects.create(
        year=2020,
        unit=district,
        number="15",
        shortcomings="Đoạn văn.\n" * 200,
        created_by=secretariat,
    )
    client = client_for(chairman)
    response = client.get(reverse("reports:draft_file", args=[draft.pk, "pdf"]))
    assert response.status_code == 302
    run_pending_tasks()  # the worker renders it (reports/background.py)
    page = client.get(response["Location"]).content.decode()
    assert "vượt giới hạn 1 trang" in page
    assert "tai-ve" not in page  # no file is offered
