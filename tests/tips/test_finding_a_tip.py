"""Finding a tip (issue 17): by register number, decision number, commune and village names; the
desk's filters; the number of results; the duplicate hint by register number. Short words are
matched whole (served by the trigram index on PostgreSQL), a lone letter is refused."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ban138.models import ReceivingBody
from tests.tips.factories import make_tip, verifying_tip
from tips import services
from tips.models import RegisterCounter, Tip, TipState
from tips.workflow import NoProsecutionGround

pytestmark = pytest.mark.django_db
URL = reverse("tips:register")


def _numbers(client, **params) -> set[str]:
    response = client.get(URL, params)
    assert response.status_code == 200
    return {Tip.objects.get(pk=pk).register_number for pk in response.context["tip_ids"]}


def test_a_tip_is_found_by_its_register_number_with_or_without_the_year(
    client_for, officer, son_binh
):
    year = timezone.localdate().year
    body = ReceivingBody.objects.get(is_standing=True)  # the committee's register
    RegisterCounter.objects.update_or_create(
        body=body.pk, year=year, defaults={"last_number": 48}
    )
    wanted = make_tip(by=officer, commune=son_binh, summary="Mất trộm bò của gia đình ông A")
    other = make_tip(
        by=officer, commune=son_binh, summary="Gây rối trật tự", address="Nhà số 49, thôn 2"
    )
    assert wanted.register_number == f"49/{year}"
    client = client_for(officer)
    for query in (f"49/{year}", "49", "số 49", f"đơn số 49 / {year}"):
        assert _numbers(client, q=query) == {wanted.register_number}, query
    # "49" is a register number, not the house number in another tip's address.
    assert other.register_number not in _numbers(client, q="49")
    assert _numbers(client, q=f"49/{year - 1}") == set()


def test_a_tip_is_found_by_its_decision_number(client_for, officer, leader, son_binh):
    tip = verifying_tip(leader=leader, officer=officer, commune=son_binh)
    make_tip(by=officer, commune=son_binh, summary="Đánh bạc ở chợ")
    services.tip_decide(
        tip=tip,
        by=leader,
        outcome=TipState.NOT_PROSECUTED,
        number="17/QĐ-CSĐT",
        date=timezone.localdate(),
        ground=NoProsecutionGround.NO_OFFENCE,
    )
    client = client_for(leader)
    for query in ("17/QĐ-CSĐT", "17/qd-csdt", "qđ-csđt 17"):
        assert _numbers(client, q=query) == {tip.register_number}, query


def test_a_tip_is_found_by_its_commune_and_village_names(
    client_for, officer, son_binh, son_lam, lien_hoa
):
    in_son_binh = make_tip(
        by=officer, commune=son_binh, village=lien_hoa, summary="Mất trộm điện thoại di động"
    )
    in_son_lam = make_tip(by=officer, commune=son_lam, summary="Mất trộm điện thoại di động")
    client = client_for(officer)
    assert _numbers(client, q="son binh") == {in_son_binh.register_number}
    assert _numbers(client, q="Liên Hòa") == {in_son_binh.register_number}
    assert _numbers(client, q="dien thoai son lam") == {in_son_lam.register_number}


def test_a_renamed_commune_finds_its_tips_by_the_new_name(client_for, officer, son_binh):
    tip = make_tip(by=officer, commune=son_binh, summary="Mất trộm xe máy tại nhà dân")
    son_binh.name = "Sơn Bình Mới"
    son_binh.save()
    assert _numbers(client_for(officer), q="binh moi") == {tip.register_number}


def test_short_words_match_whole_words_and_a_lone_letter_is_refused(
    client_for, officer, son_binh
):
    moped = make_tip(by=officer, commune=son_binh, summary="Mất trộm xe máy ở chợ")
    seen = make_tip(by=officer, commune=son_binh, summary="Có người xem trộm nhà bên cạnh")
    client = client_for(officer)
    assert _numbers(client, q="xe") == {moped.register_number}
    assert _numbers(client, q="xem") == {seen.register_number}
    assert _numbers(client, q="trộm") == {moped.register_number, seen.register_number}
    response = client.get(URL, {"q": "x"})
    assert response.status_code == 200
    assert "Nhập ít nhất 2 ký tự" in response.content.decode()
    assert response.context["tip_ids"] == []
    assert response.context["found"] is None  # no "0 nguồn tin" beside the message


def test_the_desk_filters_my_tips_an_officer_in_progress_and_urgent(
    client_for, officer, other_officer, leader, son_binh
):
    mine = verifying_tip(leader=leader, officer=officer, commune=son_binh)
    theirs = verifying_tip(leader=leader, officer=other_officer, commune=son_binh)
    urgent = make_tip(by=officer, commune=son_binh, urgent=True, summary="Cướp giật tài sản")
    decided = verifying_tip(leader=leader, officer=officer, commune=son_binh)
    services.tip_decide(
        tip=decided,
        by=leader,
        outcome=TipState.NOT_PROSECUTED,
        number="3",
        date=timezone.localdate(),
        ground=NoProsecutionGround.NO_OFFENCE,
    )
    numbers = {t.pk: Tip.objects.get(pk=t.pk).register_number for t in (mine, decided)}
    assert _numbers(client_for(officer), mine="on") == set(numbers.values())
    client = client_for(leader)
    assert _numbers(client, officer=other_officer.pk) == {theirs.register_number}
    assert _numbers(client, in_progress="on") == {
        mine.register_number,
        theirs.register_number,
        urgent.register_number,
    }
    assert _numbers(client, urgent="on") == {urgent.register_number}
    assert _numbers(client, mine="on", in_progress="on") == set()  # the leader is assigned none


def test_the_number_of_results_is_shown_and_bounded(client_for, officer, son_binh, monkeypatch):
    for _ in range(3):
        make_tip(by=officer, commune=son_binh, summary="Trộm gà trong đêm ở thôn")
    make_tip(by=officer, commune=son_binh, summary="Gây rối trật tự công cộng")
    client = client_for(officer)
    assert "3 nguồn tin" in client.get(URL, {"q": "trom ga"}).content.decode()
    assert "4 nguồn tin" in client.get(URL).content.decode()
    monkeypatch.setattr("tips.views.COUNT_LIMIT", 2)
    client.get(URL)  # (cached page; a write drops it)
    make_tip(by=officer, commune=son_binh, summary="Trộm gà lần nữa ở thôn")
    assert "Hơn 2 nguồn tin" in client.get(URL).content.decode()


def test_the_duplicate_hint_names_the_other_tip_by_its_register_number(
    client_for, officer, leader, son_binh
):
    first = make_tip(by=officer, commune=son_binh, summary="Mất trộm xe máy tại nhà dân ông B")
    second = make_tip(
        by=officer,
        commune=son_binh,
        summary="Mất trộm xe máy tại nhà dân ông B",
        received_at=timezone.now() - dt.timedelta(minutes=30),
    )
    Tip.objects.filter(pk=second.pk).update(suspected_duplicate_of=first)
    page = client_for(leader).get(reverse("tips:detail", args=[second.pk])).content.decode()
    assert f"Nguồn tin số {first.register_number}" in page
    assert f"#{first.pk}<" not in page
