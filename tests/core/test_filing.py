"""Where a new record may be filed (issue 20, ban138/filing.py): a unit of the committee's area
that existed on the record's day; forms offer only those, the server refuses the others."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ban138.demo import seed_reform
from ban138.models import AdministrativeUnit, UnitKind
from tests.tips.factories import local, make_tip


@pytest.fixture
def new(district):
    return seed_reform(district)


def _choices(form, name="commune"):
    return {u.name for u in form.fields[name].queryset}


def test_the_intake_form_offers_the_units_of_the_day_it_was_received(new, son_binh):
    from tips.forms import TipIntakeForm

    today = _choices(TipIntakeForm())  # the machine's today is after 1/7/2025
    assert {"Khánh Sơn", "Tây Khánh Sơn", "Đông Khánh Sơn"} <= today
    assert "Sơn Bình" not in today
    late_entry = TipIntakeForm(data={"received_at": "20/06/2025 09:00"})
    assert "Sơn Bình" in _choices(late_entry) and "Khánh Sơn" not in _choices(late_entry)
    assert "Liên Hòa" in _choices(late_entry, "village")


def test_a_tip_received_after_the_merger_is_refused_under_the_old_commune(
    new, son_binh, officer
):
    with pytest.raises(ValidationError) as refused:
        make_tip(by=officer, commune=son_binh, received_at=local(2025, 9, 5))
    assert refused.value.message_dict["commune"] == [
        "Xã Sơn Bình đã chấm dứt từ ngày 01/07/2025 (nay thuộc Xã Khánh Sơn): hồ sơ ngày "
        "05/09/2025 ghi theo Xã Khánh Sơn."
    ]
    make_tip(by=officer, commune=new["Khánh Sơn"], received_at=local(2025, 9, 5))


def test_a_tip_received_before_a_commune_was_formed_is_refused_under_it(new, officer):
    with pytest.raises(ValidationError) as refused:
        make_tip(by=officer, commune=new["Tây Khánh Sơn"], received_at=local(2025, 6, 20))
    assert "Xã Tây Khánh Sơn được thành lập từ ngày 01/07/2025" in str(refused.value)


def test_a_tip_filed_outside_the_committees_area_is_refused(district, officer):
    other = AdministrativeUnit.objects.create(kind=UnitKind.PROVINCE, name="Ninh Bình")
    far = AdministrativeUnit.objects.create(kind=UnitKind.COMMUNE, name="Gia Viễn", parent=other)
    with pytest.raises(ValidationError) as refused:
        make_tip(by=officer, commune=far)
    assert refused.value.message_dict["commune"] == [
        "Xã Gia Viễn không thuộc địa bàn của Ban chỉ đạo."
    ]


def test_a_tip_on_record_under_an_old_commune_goes_on_through_the_workflow(
    district, son_binh, officer, leader
):
    from tips import services

    tip = make_tip(by=officer, commune=son_binh, received_at=local(2025, 6, 20))
    seed_reform(district)  # the merger is recorded afterwards
    tip = services.tip_assign(tip=tip, by=leader, officer=officer)
    assert tip.commune_id == son_binh.pk


def test_the_edit_form_refuses_moving_a_tip_to_a_unit_of_another_day(new, son_binh, officer):
    from tips.forms import TipEditForm

    tip = make_tip(by=officer, commune=son_binh, received_at=local(2025, 6, 20))
    form = TipEditForm(instance=tip)
    assert "Sơn Bình" in _choices(form) and "Khánh Sơn" not in _choices(form)


def test_a_model_and_an_outreach_session_are_filed_under_the_units_of_their_day(
    new, son_binh, secretariat
):
    from campaigns.models import Outreach
    from models_registry.models import SecurityModel
    from tests.models_registry.factories import model_type

    model = SecurityModel(
        name="Tổ tự quản mới",
        commune=son_binh,
        model_type=model_type("khac"),
        established_on=dt.date(2025, 9, 1),
        places=1,
        teams=1,
        members=10,
    )
    with pytest.raises(ValidationError) as refused:
        model.full_clean()
    assert "nay thuộc Xã Khánh Sơn" in str(refused.value)
    session = Outreach(
        commune=son_binh,
        held_on=dt.date(2025, 8, 19),
        topic="Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
        attendees=100,
        created_by=secretariat,
    )
    with pytest.raises(ValidationError) as refused:
        session.full_clean()
    assert "hồ sơ ngày 19/08/2025 ghi theo Xã Khánh Sơn" in str(refused.value)
    session.commune = new["Khánh Sơn"]
    session.full_clean()


def test_the_outreach_form_offers_the_units_of_the_day_it_was_held(new, son_binh):
    from campaigns.forms import OutreachForm
    from campaigns.models import Campaign

    form = OutreachForm(
        data={"held_on": "19/08/2024"}, commune_ids=None, campaigns=Campaign.objects.none()
    )
    assert "Sơn Bình" in _choices(form) and "Khánh Sơn" not in _choices(form)
    assert "Sơn Bình" not in _choices(
        OutreachForm(commune_ids=None, campaigns=Campaign.objects.none())
    )
