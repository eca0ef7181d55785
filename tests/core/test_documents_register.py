"""The sổ văn bản đi: one number series per issuing body and year, for every kind."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ban138 import documents
from ban138.models import DocumentKind, DocumentStatus, OutgoingDocument


@pytest.fixture
def profile(district):
    from ban138.models import CommitteeProfile

    return CommitteeProfile.objects.get_or_create(
        district=district,
        defaults={
            "issuing_authority": "UBND HUYỆN KHÁNH SƠN",
            "place_name": "Khánh Sơn",
            "chairman_name": "Nguyễn Văn Hùng",
            "chairman_title": "Chủ tịch UBND huyện",
        },
    )[0]


def _register(by, **kwargs):
    values = {
        "kind": DocumentKind.REPORT,
        "title": "Tổng kết năm 2020",
        "document_date": dt.date(2021, 3, 10),
        "by": by,
    }
    return documents.document_register(**{**values, **kwargs})


def test_numbers_run_in_one_series_for_every_kind(db, profile, chairman):
    first = _register(chairman)
    plan = _register(chairman, kind=DocumentKind.PLAN, title="Kế hoạch cao điểm")
    interim = _register(chairman, kind=DocumentKind.INTERIM_REPORT, title="Sơ kết đợt 1")
    assert [first.number, plan.number, interim.number] == [1, 2, 3]
    assert plan.number_label == "02/KH-BCĐ138" and interim.number_label == "03/BC-BCĐ138"


def test_a_used_number_is_refused_and_the_next_free_one_proposed(db, profile, chairman):
    _register(chairman, number=15)
    with pytest.raises(ValidationError) as refused:
        _register(chairman, number=15, kind=DocumentKind.PLAN, title="Kế hoạch khác")
    message = " ".join(refused.value.messages)
    assert "Số 15 năm 2021 đã được cấp" in message and "tiếp theo là 16" in message
    assert OutgoingDocument.objects.count() == 1


def test_the_same_number_is_free_again_in_a_new_year(db, profile, chairman):
    _register(chairman, number=15)
    again = _register(chairman, number=15, document_date=dt.date(2022, 1, 5))
    assert again.year == 2022


def test_the_database_refuses_a_second_use_even_past_the_service(db, profile, chairman):
    doc = _register(chairman, number=7)
    twin = OutgoingDocument(
        body=doc.body,
        year=doc.year,
        number=7,
        kind=DocumentKind.PLAN,
        symbol="KH-BCĐ138",
        title="x",
        document_date=doc.document_date,
        registered_by=chairman,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()


def test_withdrawal_and_replacement_need_a_reason_and_stay_on_record(db, profile, chairman):
    old = _register(chairman)
    with pytest.raises(ValidationError):
        documents.document_withdraw(document=old, by=chairman, reason="  ")
    new = _register(chairman, title="Tổng kết năm 2020 (thay thế)")
    documents.document_replace(old=old, new=new, by=chairman, reason="Sai số liệu phụ lục")
    old.refresh_from_db()
    assert old.status == DocumentStatus.REPLACED and old.replaced_by == new
    assert old.status_reason == "Sai số liệu phụ lục" and old.status_changed_by == chairman
    with pytest.raises(ValidationError):
        documents.document_withdraw(document=old, by=chairman, reason="lại")
    assert old.history.count() == 2
