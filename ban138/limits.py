"""Bounds on what users type and on what the site renders — one place that every model, form,
service and renderer reads (issue 15.11: a 973 000-character narrative made a 286-page PDF in
17 s). Django's ``TextField(max_length=…)`` only shapes the form field, so models also carry
:func:`text_validators`, which ``full_clean()`` (every service calls it) and the admin enforce.
"""

from django.core.validators import MaxLengthValidator

# A note on a workflow step, a case, a status check, a task, a result: a paragraph or two.
NOTE_CHARS = 2_000
# A tip's summary (tips.Tip.summary) and a model's description.
DESCRIPTION_CHARS = 4_000
# One narrative section of a report (tồn tại, hạn chế; phương hướng) or a campaign's sơ kết:
# about eight A4 pages of 13-pt text, far more than any such section runs to.
NARRATIVE_CHARS = 20_000
# The list of recipients at the foot of a report.
RECIPIENTS_CHARS = 2_000
# A rendered report may not run past this many pages: a report of one district (or province)
# for one year is a few pages plus one appendix page per commune.
PDF_MAX_PAGES = 120

# The first year a record, a receipt or a report may be dated: the software keeps the registers
# of the current Criminal Procedure Code (BLTTHS 2015) and the years before that the units
# migrate; year 1 or year 0 (which Python's dates cannot even hold) is a typing error.
EARLIEST_YEAR = 2000


def text_validators(limit: int) -> list:
    return [MaxLengthValidator(limit)]
