from dataclasses import replace

from reports import wording
from reports.figures import Compared, LabelledCount, NamedModel
from tests.reports.samples import empty_figures, sample_figures


def plain(text: str) -> str:
    return text.replace("\u00a0", " ")


def test_change_phrase_reads_like_the_seed_for_a_fall():
    phrase = wording.change_phrase(Compared(132, 144), previous_year=2019)
    assert plain(phrase) == "giảm 12 vụ (8,3 %) so với cùng kỳ năm 2019"


def test_change_phrase_for_a_rise_pads_small_counts():
    phrase = wording.change_phrase(Compared(7, 4), previous_year=2019)
    assert plain(phrase) == "tăng 03 vụ (75 %) so với cùng kỳ năm 2019"


def test_change_phrase_when_equal_says_so_without_a_percentage():
    assert wording.change_phrase(Compared(5, 5), previous_year=2019) == "bằng cùng kỳ năm 2019"


def test_change_phrase_from_zero_gives_no_meaningless_percentage():
    phrase = wording.change_phrase(Compared(3, 0), previous_year=2019)
    assert phrase == "tăng 03 vụ so với cùng kỳ năm 2019"


def test_change_phrase_without_a_previous_figure_is_empty():
    assert wording.change_phrase(Compared(3), previous_year=2019) == ""


def test_tips_sentence_matches_the_articles_sentence():
    figures = sample_figures(tips_received=Compared(57, 69), tips_settled=54)
    assert plain(wording.tips_sentence(figures)) == (
        "Trong năm 2020, Cơ quan thường trực đã tiếp nhận 57 tin báo, tố giác tội phạm; giảm "
        "12 tin (17,4 %) so với cùng kỳ năm 2019."
    )


def test_tips_sentence_with_a_single_tip_reads_naturally():
    figures = sample_figures(tips_received=Compared(1, 1), tips_settled=1)
    assert plain(wording.tips_sentence(figures)) == (
        "Trong năm 2020, Cơ quan thường trực đã tiếp nhận 01 tin báo, tố giác tội phạm; bằng "
        "cùng kỳ năm 2019."
    )


def test_tips_sentence_with_no_tips_says_none_were_received():
    figures = sample_figures(tips_received=Compared(0, 4), tips_settled=0)
    assert plain(wording.tips_sentence(figures)) == (
        "Trong năm 2020, Cơ quan thường trực không tiếp nhận tin báo, tố giác tội phạm nào, "
        "giảm 04 tin (100 %) so với cùng kỳ năm 2019."
    )


def test_tips_sentence_for_the_year_to_date_names_the_last_day():
    import datetime as dt

    figures = sample_figures(year=2021, end=dt.date(2021, 6, 5), start=dt.date(2021, 1, 1))
    assert wording.tips_sentence(figures).startswith(
        "Từ đầu năm 2021 đến ngày 05 tháng 6 năm 2021, Cơ quan thường trực"
    )


def test_settlement_sentence_counts_on_time_and_overdue():
    figures = sample_figures(tips_settled=54, tips_settled_on_time=50, tips_overdue=3)
    assert plain(wording.settlement_sentence(figures)) == (
        "Đã giải quyết 54/57 tin, đạt 94,7 %; trong đó giải quyết đúng thời hạn 50 tin "
        "(92,6 %); còn 03 tin quá hạn giải quyết."
    )


def test_no_settlement_sentence_without_tips():
    assert wording.settlement_sentence(empty_figures()) == ""


def test_cases_sentence_gives_the_solved_rate_and_arrests():
    figures = sample_figures(
        cases_opened=Compared(20, 18),
        cases_solved=Compared(19),
        cases_opened_solved=Compared(17),
        suspects=Compared(0),
        arrested=Compared(25),
    )
    assert plain(wording.cases_sentence(figures)) == (
        "Khởi tố 20 vụ án hình sự, tăng 02 vụ (11,1 %) so với cùng kỳ năm 2019; trong số vụ án "
        "khởi tố trong kỳ, đã điều tra khám phá 17 vụ, đạt tỷ lệ 85 %; bắt giữ 25 đối tượng. "
        "Ngoài ra, trong kỳ điều tra khám phá thêm 02 vụ án khởi tố từ các kỳ trước."
    )


def test_raid_arrests_are_stated_apart_from_the_cases_arrests():
    figures = sample_figures(arrested=Compared(25), raid_arrests=7)
    sentence = plain(wording.cases_sentence(figures))
    assert "bắt giữ 25 đối tượng" in sentence and "bắt giữ 07 đối tượng" in sentence
    assert "32" not in sentence


def test_cases_sentence_without_cases():
    figures = empty_figures(cases_opened=Compared(0, 0))
    assert wording.cases_sentence(figures) == (
        "Trong năm 2020, không có vụ án hình sự nào được khởi tố, bằng cùng kỳ năm 2019."
    )


def test_no_social_evils_sentence_when_neither_was_ever_recorded():
    assert wording.social_evils_sentence(empty_figures(drugs=Compared(0, 0))) == ""


def test_social_evils_sentence_leaves_out_the_absent_figure():
    figures = empty_figures(drugs=Compared(6, 8), gambling=Compared(0, 0))
    sentence = plain(wording.social_evils_sentence(figures))
    assert sentence == (
        "Về tệ nạn xã hội, tiếp nhận 06 tin liên quan đến ma túy, giảm 02 tin (25 %) so với cùng "
        "kỳ năm 2019."
    )
    assert "cờ bạc" not in sentence


def test_breakdown_lists_only_non_zero_kinds():
    figures = empty_figures(
        tips_by_kind=[LabelledCount("tố giác", 3), LabelledCount("tin báo", 0)],
    )
    assert wording.tips_breakdown_sentence(figures) == "Phân theo nguồn: tố giác 03 tin."


def test_movement_sentences_name_the_new_and_outstanding_models_like_the_seed():
    sentences = wording.movement_sentences(sample_figures())
    text = " ".join(sentences)
    assert "xây dựng mới 01 mô hình bảo đảm ANTT (mô hình “camera an ninh” thôn Liên Hòa" in text
    assert "mô hình “Gương sáng” xã Sơn Lâm" in text
    assert "mô hình “Giáo họ tự quản về ANTT” xã Sơn Trung" in text
    assert "mô hình “Thôn tự quản về ANTT” xã Sơn Hiệp" in text
    assert "Có 02 mô hình lâu không cập nhật" in text


def test_a_village_label_that_names_its_commune_is_not_repeated():
    model = NamedModel("camera an ninh", "Thôn Liên Hòa, Sơn Bình", "Xã Sơn Bình")
    assert wording.model_phrase(model) == "mô hình “camera an ninh” thôn Liên Hòa, Sơn Bình"


def test_movement_without_models_says_so_and_nothing_about_new_ones():
    sentences = wording.movement_sentences(empty_figures())
    assert sentences == [
        "Trên địa bàn huyện Khánh Sơn chưa có mô hình tự quản về ANTT nào được ghi nhận."
    ]


def test_the_leadership_sentence_names_the_committee_by_its_units_kind():
    # A province's report after the 2025 reform is not the "Ban Chỉ đạo 138 huyện"'s.
    district = wording.leadership_sentence(sample_figures(plans_issued=0, campaigns=[]))
    province = wording.leadership_sentence(
        sample_figures(
            unit_name="tỉnh Khánh Hòa", unit_kind="tỉnh", plans_issued=0, campaigns=[]
        )
    )
    assert "Ban Chỉ đạo 138 huyện chưa ban hành" in district
    assert "Ban Chỉ đạo 138 tỉnh chưa ban hành" in province
    assert "huyện" not in province


def test_leadership_sentence_is_absent_for_a_commune_without_campaigns():
    figures = empty_figures(plans_issued=None, is_commune=True, unit_name="xã Sơn Bình")
    assert wording.leadership_sentence(figures) == ""


def test_outreach_sentence_formats_thousands():
    figures = sample_figures(outreach_sessions=Compared(120, 98), outreach_attendees=Compared(8500))
    assert plain(wording.outreach_sentence(figures)) == (
        "Tổ chức 120 buổi tuyên truyền với 8.500 lượt người tham dự, tăng 22 buổi (22,4 %) so "
        "với cùng kỳ năm 2019."
    )


def test_a_year_without_data_gets_a_sentence_saying_so():
    assert "chưa ghi nhận số liệu" in wording.no_data_sentence(empty_figures())
    assert wording.no_data_sentence(sample_figures()) == ""


def test_subject_line_of_a_commune_report_names_the_commune():
    figures = replace(sample_figures(), is_commune=True, unit_name="xã Sơn Bình")
    assert wording.subject_line(figures).endswith("năm 2020 trên địa bàn xã Sơn Bình")


def test_quantities_print_as_entered():
    from decimal import Decimal

    assert wording.format_amount(Decimal("1.25")) == "1,25"
    assert wording.format_amount(Decimal("70.00")) == "70"
    assert wording.format_amount(Decimal("1500000")) == "1.500.000"


def test_a_result_below_its_target_reads_chua_dat():
    from decimal import Decimal

    from reports.figures import TargetLine

    campaign = sample_figures().campaigns[0]
    short = TargetLine(
        "Số đối tượng bắt giữ", "đối tượng", Decimal(15), Decimal(2), Decimal("13.3")
    )
    campaign = replace(campaign, targets=[*campaign.targets, short])
    sentence = plain(wording.shortfall_sentence(campaign))
    assert sentence.endswith("chưa đạt chỉ tiêu: số đối tượng bắt giữ (13,3 %).")
    assert [wording.assessment(t.percent) for t in campaign.targets] == ["vượt", "vượt", "chưa đạt"]


def test_no_sentence_of_the_report_is_said_twice_and_no_parentheses_nest():
    from reports.document import build_document
    from tests.reports.samples import DRAFT, LETTERHEAD

    document = build_document(sample_figures(raid_arrests=3), LETTERHEAD, DRAFT)
    paragraphs = [p for section in document.sections for p in section.paragraphs]
    sentences = [s.strip() for p in paragraphs for s in p.split(". ") if s.strip()]
    assert len(sentences) == len(set(sentences))
    for text in [*paragraphs, document.intro, document.closing, document.appendix_subtitle]:
        depth = 0
        for char in text:
            depth += {"(": 1, ")": -1}.get(char, 0)
            assert depth <= 1, text
