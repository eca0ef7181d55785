"""Core pages: the landing page of each role, the địa bàn pages and the error pages."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.http import require_GET

from ban138 import caching
from ban138.access import AccessPolicy, scope_of
from ban138.models import AdministrativeUnit
from ban138.navigation import panels_for
from ban138.roles import DISTRICT_WIDE, Role, roles_of

# When a user holds several roles, "/" opens the landing page of the first one held here.
LANDING_PRECEDENCE = [
    Role.CHAIRMAN,
    Role.POLICE_LEADER,
    Role.SECRETARIAT,
    Role.OFFICER,
    Role.COMMUNE_OFFICIAL,
]


class UnitPolicy(AccessPolicy):
    """Everyone with a role may look at the units of their scope; only the admin edits units."""

    view_roles = frozenset(Role.values)
    change_roles = frozenset()

    def commune_id_of(self, obj):
        return obj.pk if obj.is_commune else obj.parent_id


unit_policy = UnitPolicy()


@require_GET
@login_required
def home(request):
    roles = roles_of(request.user)
    for role in LANDING_PRECEDENCE:
        if role in roles:
            return redirect("landing", role=role.value)
    return render(request, "ban138/no_role.html", status=403 if not request.user.is_staff else 200)


@require_GET
@login_required
def landing(request, role):
    if role not in Role.values:
        raise Http404
    if role not in roles_of(request.user):
        raise PermissionDenied
    panels = [p for p in panels_for(request.user) if role in p.roles]
    # Each panel is rendered once per user until the next write (ban138/caching.py). Panels show
    # figures and links only — no forms, nothing from the request — so their HTML can be kept.
    blocks = [
        caching.per_user(
            request, f"panel:{p.template_name}", partial(_render_panel, p), max_age=p.max_age
        )
        for p in panels
    ]
    return render(
        request,
        "ban138/landing.html",
        {"role": Role(role), "blocks": blocks, "other_roles": _other_roles(request.user, role)},
    )


def _render_panel(panel, request) -> str:
    return loader.render_to_string(panel.template_name, {"panel": panel.context(request)})


def _other_roles(user, current):
    return [Role(code) for code in Role.values if code in roles_of(user) and code != current]


@require_GET
@login_required
def unit_list(request):
    unit_policy.require_role(request.user, unit_policy.view_roles)
    communes = scope_of(request.user).filter(
        AdministrativeUnit.objects.communes().select_related("parent"), "pk"
    )
    return render(request, "ban138/unit_list.html", {"communes": communes})


@require_GET
@login_required
def unit_detail(request, pk):
    unit = unit_policy.get_for_view(
        request.user, AdministrativeUnit.objects.select_related("parent"), pk=pk
    )
    children = unit.children.filter(is_active=True).order_by("name")
    officials = unit.officials.select_related("user") if _sees_officials(request.user) else None
    return render(
        request,
        "ban138/unit_detail.html",
        {"unit": unit, "children": children, "officials": officials},
    )


def _sees_officials(user) -> bool:
    return bool(roles_of(user) & DISTRICT_WIDE)


def error_400(request, exception=None):
    # A bad Host header lands here too (DisallowedHost): no request context, no database — the
    # page must render for a request the site refused to trust.
    return HttpResponseBadRequest(loader.get_template("400.html").render())


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    # Rendered without a request context: the database, which the menu reads, may be what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())
