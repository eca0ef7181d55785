"""generate_data: the synthetic rows obey the same rules as tips entered through the services."""

import datetime as dt
import itertools
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.utils import timezone

from ban138.models import AdministrativeUnit
from models_registry.models import SecurityModel
from tips import crypto, queries, services
from tips.models import (
    OPEN_STATES,
    Case,
    Informant,
    RegisterCounter,
    Tip,
    TipState,
    TipStep,
)


@pytest.fixture
def generated(district, officer, leader, chairman, secretariat):
    before = Tip.objects.count()
    call_command("generate_data", tips=300, years=2, communes=12, seed=7, no_progress=True)
    assert Tip.objects.count() == before + 300
    return district


def test_numbers_are_unique_and_consecutive_in_each_year(generated):
    numbers = defaultdict(list)
    for year, number in Tip.objects.values_list("year", "number"):
        numbers[year].append(number)
    for year, values in numbers.items():
        assert sorted(values) == list(range(1, len(values) + 1)), year
        assert RegisterCounter.objects.get(year=year).last_number == len(values)


def test_numbers_follow_the_order_of_receipt(generated):
    for year in Tip.objects.values_list("year", flat=True).distinct():
        by_number = list(Tip.objects.filter(year=year).order_by("number"))
        assert by_number == sorted(by_number, key=lambda tip: (tip.received_at, tip.number))


def test_states_and_steps_follow_the_workflow(generated):
    today = timezone.localdate()
    steps = defaultdict(list)
    for step in TipStep.objects.order_by("at", "id"):
        steps[step.tip_id].append(step)
    for tip in Tip.objects.all():
        assert tip.state in TipState.values
        chain = steps[tip.pk]
        assert chain[0].action == "tiep_nhan" and chain[0].to_state == TipState.RECEIVED
        assert chain[-1].to_state == tip.state
        for before, after in itertools.pairwise(chain):
            assert after.from_state == before.to_state
        assert tip.clock_start == timezone.localdate(tip.received_at)
        assert tip.year == tip.clock_start.year
        if tip.state in OPEN_STATES:
            assert tip.decision_date is None
        else:
            assert tip.clock_start <= tip.decision_date <= today
        if tip.state == TipState.MERGED:
            assert tip.merged_into_id is not None and tip.merged_into_id < tip.pk
        assert (tip.state == TipState.PROSECUTED) == Case.objects.filter(tip=tip).exists()
        tip.full_clean()


def test_due_dates_are_the_ones_the_services_compute(generated):
    for tip in Tip.objects.all():
        assert tip.due_on == services.compute_due(tip), tip.register_number


def test_cases_open_on_the_decision_date(generated):
    for case in Case.objects.select_related("tip"):
        assert case.opened_on == case.tip.decision_date
        assert case.crime_group_id == case.tip.crime_group_id
        case.full_clean()


def test_named_informants_decrypt_and_anonymous_ones_hold_nothing(generated):
    informants = list(Informant.objects.all())
    assert len(informants) == Tip.objects.count()
    assert any(not i.anonymous for i in informants)
    for informant in informants:
        if informant.anonymous:
            assert informant.ciphertext == ""
        else:
            identity = crypto.decrypt(informant.ciphertext, tip_id=informant.tip_id)
            assert identity["name"] and identity["phone"]


def test_figures_from_the_queries_equal_plain_counts(generated):
    year = timezone.localdate().year - 1
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    figures = queries.period_figures(start=start, end=end)
    tips = Tip.objects.received_between(start, end).exclude(state=TipState.MERGED)
    assert figures.received == tips.count() > 0
    assert figures.settled == tips.exclude(state__in=OPEN_STATES).count()
    assert figures.cases_opened == Case.objects.filter(opened_on__year=year).count()


def test_units_models_and_their_check_histories(generated):
    assert AdministrativeUnit.objects.communes().filter(parent=generated).count() == 12
    models = SecurityModel.objects.filter(commune__name__startswith="Xã Mẫu")
    assert models.count() == (12 - 8) * 3
    for model in models:
        last = model.checks.order_by("-checked_on").first()
        if last is not None:
            assert (model.current_status, model.last_checked_on) == (last.status, last.checked_on)


def test_a_second_run_continues_the_registers(generated):
    call_command("generate_data", tips=50, years=1, seed=8, no_progress=True)
    year = timezone.localdate().year
    numbers = sorted(Tip.objects.filter(year=year).values_list("number", flat=True))
    assert numbers == list(range(1, len(numbers) + 1))
