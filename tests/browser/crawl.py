"""The pages each role can open, derived from the URL conf and the demo data rather than kept
as a hand list: every named pattern outside the admin is filled with keys of demo rows, fetched
with Django's test client as each role, and kept when it answers 200 with HTML. A pattern that
no role can open and that is neither a download nor POST-only makes the crawl test fail, so a
new page is crawled (or explained in ``NOT_PAGES``) from the day it is added."""

import itertools
from dataclasses import dataclass, field

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Patterns that are no page of their own, with the reason.
NOT_PAGES = {
    "home": "redirects to the role's landing page",
    "otp_verify": "reached only in the middle of a two-factor sign-in",
    "otp_setup": "reached only by a user whose role requires two-factor sign-in",
    "otp_recovery": "new recovery codes: only after the second factor (test_two_factor.py)",
    "health": "monitoring status (200/503, no layout); tests/core/test_backup.py",
    "reports:file_status": "a queued file's own page: exists once a download is queued "
    "(tests/reports/test_background.py)",
    "reports:file_download": "the queued file itself, a download (test_background.py)",
    "tips:print_form": "printed forms are PDF/DOCX files, not pages (tests/tips/test_printing.py)",
}
# Files, not pages: a route whose last part names a file download (tep.<fmt>, .svg, xuat-excel)
# is not fetched, so the crawl does not render a PDF for every role.
DOWNLOAD_MARKS = ("tep.", "tep/<int:attachment_pk>", ".svg", "xuat-excel", "/anh/")

# Patterns whose pages differ by the state of their object: one page per state is crawled.
BY_STATE = {"tips:detail", "campaigns:detail"}


@dataclass
class Pattern:
    name: str
    route: str
    kwargs: tuple[str, ...]


@dataclass
class Crawl:
    pages: dict[str, list[str]] = field(default_factory=dict)  # role -> URLs
    outcome: dict[str, set[str]] = field(default_factory=dict)  # pattern -> kinds seen
    # Pages differ between roles mostly in their menus, so axe checks each URL once (at both
    # sizes), as one of the roles that open it: role -> URLs it checks (see ``_share_axe``).
    axe: dict[str, list[str]] = field(default_factory=dict)


def patterns() -> list[Pattern]:
    found = []

    def walk(items, prefix, namespace):
        for item in items:
            if isinstance(item, URLResolver):
                route = prefix + str(item.pattern)
                if route.startswith("quan-tri/"):
                    continue
                walk(item.url_patterns, route, item.namespace or namespace)
            elif isinstance(item, URLPattern) and item.name:
                route = prefix + str(item.pattern)
                if route.startswith("quan-tri/"):
                    continue
                name = f"{namespace}:{item.name}" if namespace else item.name
                found.append(Pattern(name, route, tuple(item.pattern.converters)))

    walk(get_resolver().url_patterns, "", None)
    return found


def _firsts(queryset, by=None, limit=3):
    """A few keys of a queryset; with ``by``, the first key for each value of that field."""
    if by is None:
        return list(queryset.order_by("pk").values_list("pk", flat=True)[:limit])
    seen = {}
    for pk, value in queryset.order_by("pk").values_list("pk", by):
        seen.setdefault(value, pk)
    return list(seen.values())


def candidates(pattern: Pattern, role_slugs: list[str]) -> dict[str, list]:
    """Values to try for each keyword of the pattern, from the demo data."""
    from ban138.models import AdministrativeUnit
    from campaigns.models import Campaign, Target, Task
    from models_registry.models import SecurityModel, StatusCheck
    from reports.models import IssuedReport, ReportDraft
    from tips.models import Attachment, Tip
    from tips.workflow import BY_SLUG

    communes = _firsts(AdministrativeUnit.objects.communes(), limit=20)
    app = pattern.name.split(":")[0]
    by_state = pattern.name in BY_STATE
    pk_sources = {
        "unit_detail": lambda: [
            *communes[:3],
            *_firsts(AdministrativeUnit.objects.filter(parent=None)),
        ],
        "tips": lambda: _firsts(Tip.objects, by="state" if by_state else None, limit=20),
        "models_registry": lambda: _firsts(SecurityModel.objects, limit=8),
        "models_registry:check_photo": lambda: _firsts(StatusCheck.objects.exclude(photo="")),
        "campaigns": lambda: _firsts(Campaign.objects, by="state" if by_state else None, limit=8),
        "campaigns:task_update": lambda: _firsts(Task.objects, limit=20),
        "reports": lambda: _firsts(ReportDraft.objects),
        "reports:issued_file": lambda: _firsts(IssuedReport.objects),
    }
    years = sorted({d.year for d in Tip.objects.dates("received_at", "year")}, reverse=True)[:2]
    values = {}
    for key in pattern.kwargs:
        if key == "pk":
            source = pk_sources.get(pattern.name) or pk_sources.get(app) or (lambda: [])
            values[key] = source()
        elif key == "commune_pk":
            values[key] = communes
        elif key == "year":
            values[key] = years
        elif key == "role":
            values[key] = role_slugs
        elif key == "action":
            values[key] = list(BY_SLUG)[:1]
        elif key == "attachment_pk":
            values[key] = _firsts(Attachment.objects)
        elif key == "target_pk":
            values[key] = _firsts(Target.objects)
        elif key == "fmt":
            values[key] = ["pdf"]
        else:
            values[key] = []
    return values


def _kind(response) -> str:
    if response.status_code == 405:
        return "post-only"
    if response.status_code != 200:
        return str(response.status_code)
    if response.get("Content-Type", "").startswith("text/html"):
        return "page"
    return "download"


def discover(users: dict[str, object]) -> Crawl:
    """``users``: role label -> user (``None`` for the signed-out visitor)."""
    from ban138.roles import roles_of

    crawl = Crawl()
    all_patterns = patterns()
    for label, user in users.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        slugs = [str(r) for r in roles_of(user)] if user is not None else []
        urls = []
        for pattern in all_patterns:
            if any(mark in pattern.route for mark in DOWNLOAD_MARKS):
                crawl.outcome.setdefault(pattern.name, set()).add("download")
                continue
            values = candidates(pattern, slugs)
            keys = list(values)
            if any(not v for v in values.values()):
                crawl.outcome.setdefault(pattern.name, set()).add("no demo data for its keys")
                continue
            combos = itertools.islice(itertools.product(*(values[k] for k in keys)), 40)
            for combo in combos:
                url = reverse(pattern.name, kwargs=dict(zip(keys, combo, strict=True)))
                kind = _kind(client.get(url))
                crawl.outcome.setdefault(pattern.name, set()).add(kind)
                if kind == "page":
                    urls.append(url)
                    if pattern.name not in BY_STATE:
                        break
                elif kind in {"post-only", "download"}:
                    break
        crawl.pages[label] = list(dict.fromkeys(urls))
    _share_axe(crawl)
    return crawl


# An axe check costs about as much as opening and measuring the page at both sizes twice over.
AXE_COST = 2


def _share_axe(crawl: Crawl) -> None:
    """Give each URL's axe check to the role that opens it with the least work so far (pages to
    open, checks given), so that each role's browser test takes about as long as another's (they
    run on different workers)."""
    load = {label: len(urls) for label, urls in crawl.pages.items()}
    crawl.axe = {label: [] for label in crawl.pages}
    openers = {}
    for label, urls in crawl.pages.items():
        for url in urls:
            openers.setdefault(url, []).append(label)
    for url, labels in openers.items():
        owner = min(labels, key=lambda label: load[label])
        crawl.axe[owner].append(url)
        load[owner] += AXE_COST


def unexplained(crawl: Crawl) -> dict[str, set[str]]:
    """Patterns that no role could open as a page, that are not downloads or POST-only and are
    not listed in NOT_PAGES: either a page the crawl cannot reach or keys it cannot fill."""
    return {
        name: kinds
        for name, kinds in crawl.outcome.items()
        if not kinds & {"page", "download", "post-only"} and name not in NOT_PAGES
    }


# What a phone user meets, measured in the page: sideways scrolling, controls under 44 px tall
# (WCAG 2.5.5's target size; inline links in running text are exempt, as WCAG says), and
# status badges under 14 px. Elements sticking out are named to say where to look.
MEASURE = """() => {
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && typeof el.className === 'string'
      ? '.' + el.className.trim().split(/\\s+/).slice(0, 3).join('.') : '') +
    ' “' + (el.innerText || el.value || '').trim().slice(0, 30) + '”';
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
  };
  const width = window.innerWidth;
  const overflow = document.documentElement.scrollWidth - width;
  const scrolls = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const x = getComputedStyle(p).overflowX;
      if (x === 'auto' || x === 'scroll' || x === 'hidden') return true;
    }
    return false;
  };
  const wide = [];
  if (overflow > 0) {
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right > width + 1 && visible(el) && !scrolls(el) &&
          ![...el.children].some((c) => c.getBoundingClientRect().right > width + 1)) {
        wide.push(describe(el) + ' → ' + Math.round(r.right) + 'px');
        if (wide.length >= 4) break;
      }
    }
  }
  const small = [];
  const controls = 'button, .btn, .form-control, .form-select, .nav-link, .page-link, ' +
    '.navbar-toggler, .dropdown-item, input[type=submit]';
  for (const el of document.querySelectorAll(controls)) {
    if (!visible(el)) continue;
    const h = el.getBoundingClientRect().height;
    if (h < 43.5) small.push(describe(el) + ' ' + Math.round(h) + 'px');
  }
  const tiny = [];
  for (const el of document.querySelectorAll('.badge')) {
    if (!visible(el)) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 14) tiny.push(describe(el) + ' ' + size + 'px');
  }
  return {overflow, wide, small: small.slice(0, 5), tiny: tiny.slice(0, 5)};
}"""
