"""Report files off the request path (issue 18): the link queues a task and answers at once;
the status page shows progress; the file is offered when the worker is done, only to the user
who asked for it."""

import pytest
from django.urls import reverse

from tests.conftest import download_report, run_pending_tasks

pytestmark = pytest.mark.django_db


def _commune_file(commune, fmt="pdf"):
    return reverse("reports:commune_file", args=[commune.pk, 2020, fmt])


def test_the_link_queues_the_file_and_the_page_offers_it_when_done(client_for, chairman, son_binh):
    client = client_for(chairman)
    queued = client.get(_commune_file(son_binh))
    assert queued.status_code == 302
    waiting = client.get(queued["Location"])
    assert waiting.status_code == 200
    assert "Đang chờ tạo tệp" in waiting.content.decode()
    assert 'http-equiv="refresh"' in waiting.content.decode()
    # The same link again while it waits does not queue a second render.
    assert client.get(_commune_file(son_binh))["Location"] == queued["Location"]
    assert client.get(queued["Location"] + "tai-ve/").status_code == 302  # not ready yet
    assert run_pending_tasks() == 1
    done = client.get(queued["Location"])
    assert "Tệp đã sẵn sàng" in done.content.decode()
    assert 'http-equiv="refresh"' not in done.content.decode()
    pdf = client.get(queued["Location"] + "tai-ve/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert "attachment" in pdf["Content-Disposition"]


def test_another_user_cannot_see_or_fetch_someone_elses_file(
    client, chairman, secretariat, son_binh
):
    client.force_login(chairman)
    location = client.get(_commune_file(son_binh))["Location"]
    run_pending_tasks()
    client.force_login(secretariat)
    assert client.get(location).status_code == 404
    assert client.get(location + "tai-ve/").status_code == 404


def test_the_task_re_checks_access_when_it_runs(client_for, official_son_binh, son_binh):
    """Rights may change between the click and the render: the task asks the policy again."""
    from ban138.models import OfficialProfile

    client = client_for(official_son_binh)
    location = client.get(_commune_file(son_binh))["Location"]
    OfficialProfile.objects.filter(user=official_son_binh).delete()
    run_pending_tasks()
    page = client.get(location).content.decode()
    assert "Không tạo được tệp" in page


def test_the_docx_draft_comes_through_the_same_path(client_for, secretariat, district):
    from reports import services

    draft = services.report_draft_create(year=2020, unit=district, created_by=secretariat)
    docx = download_report(
        client_for(secretariat), reverse("reports:draft_file", args=[draft.pk, "docx"])
    )
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
