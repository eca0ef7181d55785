"""Report files rendered off the request path (issue 18), on django-tasks with its database
backend: no new server, the queue is a table, the worker is `manage.py db_worker` (started by
`make run` and by the guide's `ban138-worker.service`).

A download link enqueues :func:`render_report_file` and sends the user to a status page that
refreshes itself until the file is ready, then offers it. The rendering itself is the reports
app's own (``services.report_render`` on the context the views build): this module only moves
it out of the web worker. The job's result (the file, base64) is shown only to the user who
asked for it — the job id is kept in their session and the job's arguments name them — and the
task re-checks their access with the same policies as the page, since rights may change between
the click and the render.
"""

import base64

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET
from django_tasks import TaskResultStatus, default_task_backend, task
from django_tasks.exceptions import TaskResultDoesNotExist

from ban138.models import AdministrativeUnit
from ban138.routers import replica_reads
from reports import services
from reports.access import commune_report_policy, draft_policy
from reports.compile import report_period
from reports.document import DraftText
from reports.models import IssuedReport, ReportDraft

SESSION_KEY = "reports_background_jobs"
KEEP_JOBS = 20  # the latest jobs a session remembers
FINISHED = {TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED}


def commune_context(user, commune_pk: int, year: int, *, on_replica: bool = False):
    """The per-commune report's context for ``user`` (PermissionDenied / Http404 as the page);
    with ``on_replica``, the figures are read from the replica where one is configured."""
    commune = commune_report_policy.get_for_view(
        user, AdministrativeUnit.objects.communes(), pk=commune_pk
    )
    try:
        report_period(year)
    except ValidationError as error:
        raise Http404(error.messages[0]) from error
    if on_replica:
        with replica_reads():
            figures = services.compile_report(year=year, unit=commune)
    else:
        figures = services.compile_report(year=year, unit=commune)
    return commune, services.report_document_context(
        figures=figures, draft=commune_report_text(year)
    )


def commune_report_text(year: int) -> DraftText:
    """A per-commune report is an extract of the district's report of the year, dated as that
    report (issue 16): the date of the district's issued report in force, when there is one;
    otherwise the date is left blank for the clerk, as on a draft, with the year it would be
    signed (the year after a closed year). Never the day of printing, which put 2026 on a 2020
    review. It has no number of its own: it is not entered in the sổ văn bản đi."""
    from ban138.committees import active_committee_id, several_committees

    issued = IssuedReport.objects.filter(year=year)
    if several_committees():  # the report of the committee the extract is printed for
        issued = issued.filter(committee_id=active_committee_id())
    issued = [r for r in issued.by_year() if r.is_in_force]
    if issued:
        return DraftText(date=issued[0].document_date, recipients=["- Lưu: VT."])
    signed = year + 1 if year < timezone.localdate().year else year
    return DraftText(recipients=["- Lưu: VT."], year_of_issue=signed)


@task()
def render_report_file(*, user_id: int, kind: str, pk: int, year: int, fmt: str) -> dict:
    """Render as the requesting user's committee (its letterhead and wording), not the task
    worker's default: the worker serves every committee of the installation."""
    from ban138.committees import acting_for, committee_id_of

    user = get_user_model().objects.get(pk=user_id)
    with acting_for(committee_id_of(user) or 0):
        return _render_report_file(user, kind=kind, pk=pk, year=year, fmt=fmt)


def _render_report_file(user, *, kind: str, pk: int, year: int, fmt: str) -> dict:
    if kind == "draft":
        draft = draft_policy.get_for_view(user, ReportDraft.objects, pk=pk)
        with replica_reads():  # the figures; the draft's own text was read from the primary
            context = services.report_draft_context(draft=draft)
        name = f"du thao bao cao tong ket {draft.year}"
    elif kind == "commune":
        commune, context = commune_context(user, pk, year, on_replica=True)
        name = f"bao cao {year} {commune.full_name}"
    else:
        raise ValueError(kind)
    try:
        content = services.report_render(context=context, fmt=fmt)
    except ValidationError as error:  # e.g. longer than ban138.limits.PDF_MAX_PAGES
        # A refusal the user can act on, not a failure: the status page says why.
        return {"name": name, "fmt": fmt, "refused": " ".join(error.messages)}
    return {"name": name, "fmt": fmt, "content": base64.b64encode(content).decode()}


def start(request, *, kind: str, pk: int, year: int, fmt: str):
    """Enqueue the file (or find the same one still pending for this user) and go to its page.
    The caller has already checked that the user may see the report."""
    params = {"user_id": request.user.pk, "kind": kind, "pk": pk, "year": year, "fmt": fmt}
    jobs = list(request.session.get(SESSION_KEY, []))
    for job_id in reversed(jobs):
        result = _result(job_id)
        if result is not None and result.kwargs == params and result.status not in FINISHED:
            return redirect("reports:file_status", job_id=job_id)
    result = render_report_file.enqueue(**params)
    request.session[SESSION_KEY] = [*jobs, str(result.id)][-KEEP_JOBS:]
    return redirect("reports:file_status", job_id=result.id)


def _result(job_id: str):
    try:
        return default_task_backend.get_result(str(job_id))
    except (TaskResultDoesNotExist, ValueError):
        return None


def _own_result(request, job_id):
    if str(job_id) not in request.session.get(SESSION_KEY, []):
        raise Http404
    result = _result(job_id)
    if result is None or result.kwargs.get("user_id") != request.user.pk:
        raise Http404
    return result


def _waiting_before(result) -> int:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, enqueued_at__lt=result.enqueued_at
    ).count()


@require_GET
@login_required
def file_status(request, job_id):
    result = _own_result(request, job_id)
    status = result.status
    value = result.return_value if status == TaskResultStatus.SUCCESSFUL else None
    refused = (value or {}).get("refused", "")
    context = {
        "job_id": job_id,
        "fmt": result.kwargs["fmt"].upper(),
        "status": status,
        "ready": status == TaskResultStatus.SUCCESSFUL and not refused,
        "refused": refused,
        "failed": status == TaskResultStatus.FAILED,
        "running": status == TaskResultStatus.RUNNING,
        "waiting": _waiting_before(result) if status == TaskResultStatus.READY else 0,
        "download_url": reverse("reports:file_download", kwargs={"job_id": job_id}),
        "back_url": reverse("reports:index"),
    }
    return render(request, "reports/file_status.html", context)


@require_GET
@login_required
def file_download(request, job_id):
    from reports.views import _file_response

    result = _own_result(request, job_id)
    if result.status != TaskResultStatus.SUCCESSFUL or "content" not in result.return_value:
        return redirect("reports:file_status", job_id=job_id)
    value = result.return_value
    return _file_response(base64.b64decode(value["content"]), value["fmt"], value["name"])
