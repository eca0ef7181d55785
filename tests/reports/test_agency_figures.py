"""Figures from other agencies: one form per commune and year, with who and when; the report
adds them up, names their sources, and each total equals an independent count."""

import datetime as dt

import pytest
from django.urls import reverse

from reports.compile import AGENCY_COUNTS, compile_report
from reports.document import build_document
from reports.models import AgencyFigures
from tests.reports.samples import DRAFT, LETTERHEAD


@pytest.mark.parametrize("year", [2019, 2020, 2021])
def test_each_agency_total_equals_an_independent_count_of_the_demo(demo, year):
    figures = compile_report(year=year, unit=demo, today=dt.date(2021, 12, 31))
    rows = list(AgencyFigures.objects.filter(year=year))
    assert rows, "the demo fills the figures of every year 2019–2021"
    for name in AGENCY_COUNTS:
        assert getattr(figures.agency, name) == sum(getattr(r, name) for r in rows), name
    assert figures.agency.communes_reported == len(rows)


def test_the_report_names_where_each_figure_came_from_and_who_entered_it(demo):
    figures = compile_report(year=2020, unit=demo, today=dt.date(2021, 3, 10))
    document = build_document(figures, LETTERHEAD, DRAFT)
    [section] = [s for s in document.sections if s.title == "Số liệu các cơ quan cung cấp"]
    text = " ".join(section.paragraphs)
    assert "(nguồn: Công an xã)" in text
    assert "(nguồn: Hội đồng Thi đua - Khen thưởng huyện)" in text
    assert "nhập lần cuối ngày" in text


def test_a_commune_report_holds_only_that_communes_figures(demo, son_binh):
    figures = compile_report(year=2020, unit=son_binh, today=dt.date(2021, 3, 10))
    row = AgencyFigures.objects.get(year=2020, commune=son_binh)
    assert figures.agency.communes_reported == 1
    assert figures.agency.sanction_cases == row.sanction_cases


def _post(client, year, commune, **changes):
    data = {
        "sanction_cases": "4",
        "sanction_persons": "5",
        "sanction_fines": "7500000",
        "sanctions_source": "Công an xã",
        "drug_cases": "1",
        "drug_persons": "2",
        "drug_seized_grams": "1,25",
        "drug_users_managed": "3",
        "drug_users_in_rehab": "1",
        "drugs_source": "Công an xã",
        "gambling_cases": "1",
        "gambling_persons": "6",
        "prostitution_cases": "0",
        "evils_source": "Công an xã",
        "gangs_dismantled": "0",
        "gang_members": "0",
        "gangs_source": "Công an huyện",
        "safe_units": "4",
        "safe_villages": "2",
        "safe_households": "180",
        "safe_source": "UBND xã",
        "commendations_collective": "1",
        "commendations_persons": "2",
        "commendations_source": "Hội đồng Thi đua - Khen thưởng huyện",
        "version": "1",
        **changes,
    }
    return client.post(reverse("reports:agency_figures", args=[year, commune.pk]), data)


def test_the_secretariat_enters_a_communes_figures_and_who_is_kept(
    client_for, secretariat, son_binh
):
    response = _post(client_for(secretariat), 2020, son_binh)
    assert response.status_code == 302
    row = AgencyFigures.objects.get(year=2020, commune=son_binh)
    assert row.entered_by == secretariat and row.sanction_fines == 7_500_000
    assert row.history.first().history_user == secretariat


def test_only_the_secretariat_enters_figures(client_for, chairman, official_son_binh, son_binh):
    for user in (chairman, official_son_binh):
        assert _post(client_for(user), 2020, son_binh).status_code == 403
    assert not AgencyFigures.objects.exists()


def test_bad_figures_are_refused_in_vietnamese(client_for, secretariat, son_binh):
    client = client_for(secretariat)
    response = _post(client, 2020, son_binh, drug_users_in_rehab="9")
    assert response.status_code == 200
    assert "không lớn hơn số người nghiện" in response.content.decode()
    assert _post(client, 2020, son_binh, sanction_cases="-1").status_code == 200
    assert _post(client, 2020, son_binh, sanction_cases="abc").status_code == 200
    assert not AgencyFigures.objects.exists()
    assert _post(client, 2999, son_binh).status_code == 404


def test_counts_accept_thousands_dots_and_the_quantity_prints_as_entered(
    client_for, secretariat, son_binh
):
    client = client_for(secretariat)
    assert _post(client, 2020, son_binh, safe_households="1.200").status_code == 302
    row = AgencyFigures.objects.get(year=2020, commune=son_binh)
    assert row.safe_households == 1200 and str(row.drug_seized_grams) == "1.250"
    figures = compile_report(year=2020, unit=son_binh, today=dt.date(2021, 3, 10))
    sections = build_document(figures, LETTERHEAD, DRAFT).sections
    [agency] = [s for s in sections if s.title == "Số liệu các cơ quan cung cấp"]
    text = " ".join(agency.paragraphs)
    assert "thu giữ 1,25 gam ma túy" in text
    assert "Triệt phá" not in text  # no gang dismantled: nothing said of it
    assert "(nguồn: Công an xã)" in text


def test_a_fraction_of_a_person_is_refused(client_for, secretariat, son_binh):
    response = _post(client_for(secretariat), 2020, son_binh, gambling_persons="1,5")
    assert response.status_code == 200
    assert "Số đếm không có phần lẻ" in response.content.decode()
    assert not AgencyFigures.objects.exists()


# -- after the 2025 reform: figures of a year only for a commune of that year (issue 20) --------
def test_figures_of_a_year_are_refused_for_a_commune_that_did_not_exist_in_it(
    client_for, secretariat, district, son_binh
):
    from django.core.exceptions import ValidationError

    from ban138.demo import seed_reform

    new = seed_reform(district)
    son_binh.refresh_from_db()  # dissolved on 1/7/2025
    client = client_for(secretariat)
    # Xã Khánh Sơn was formed on 1/7/2025: it has no figures of 2024; Sơn Bình none of 2026.
    assert _post(client, 2024, new["Khánh Sơn"]).status_code == 404
    assert _post(client, 2026, son_binh).status_code == 404
    assert _post(client, 2025, new["Khánh Sơn"]).status_code == 302
    assert _post(client, 2025, son_binh).status_code == 302  # until 30/6/2025
    assert not AgencyFigures.objects.filter(year__in=[2024, 2026]).exists()
    # The model refuses it too (a service call, an import), in Vietnamese.
    row = AgencyFigures(year=2024, commune=new["Khánh Sơn"], entered_by=secretariat)
    with pytest.raises(ValidationError) as caught:
        row.full_clean()
    assert caught.value.messages == [
        "Xã Khánh Sơn được thành lập từ ngày 01/07/2025, không tồn tại trong năm 2024."
    ]
    row = AgencyFigures(year=2026, commune=son_binh, entered_by=secretariat)
    with pytest.raises(ValidationError) as caught:
        row.full_clean()
    assert caught.value.messages == [
        "Xã Sơn Bình đã chấm dứt từ ngày 01/07/2025 (nay thuộc Xã Khánh Sơn), không tồn tại "
        "trong năm 2026."
    ]


def test_the_form_offers_the_sources_of_the_communes_own_level(
    client_for, secretariat, district, son_binh
):
    """Under the district (2020) the usual sources are the district's bodies; a commune formed in
    2025 has no district above it, so its form names its own police, committee and board."""
    from ban138.demo import seed_reform
    from reports.models import AGENCY_SOURCE_FIELDS, WITHOUT_DISTRICT_SOURCES

    assert set(WITHOUT_DISTRICT_SOURCES) == set(AGENCY_SOURCE_FIELDS)
    new = seed_reform(district)
    client = client_for(secretariat)
    before = client.get(reverse("reports:agency_figures", args=[2020, son_binh.pk]))
    assert 'value="Công an huyện"' in before.content.decode()
    after = client.get(reverse("reports:agency_figures", args=[2025, new["Tây Khánh Sơn"].pk]))
    html = after.content.decode()
    assert after.status_code == 200
    assert "huyện" not in html.split('name="sanction_cases"', 1)[1].split("</form>", 1)[0]
    for source in ("Công an xã, UBND xã", "Hội đồng Thi đua - Khen thưởng xã"):
        assert f'value="{source}"' in html
