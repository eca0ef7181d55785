"""Vietnamese sentences of the report, generated from the figures.

Pure functions: figures in, sentences out, following the phrases of the 2020 Khánh Sơn year-end
article ("giảm 12 vụ (8,3 %) so với cùng kỳ năm 2019", "xây dựng mới 01 mô hình"). A function
returns "" when it has nothing to say, so the document never prints a sentence about a figure
that is absent. Counts below ten are zero-padded as administrative prose writes them ("05 vụ");
Vietnamese nouns do not inflect, so a count of one reads "01 vụ" like any other.
"""

from decimal import Decimal

from ban138.text import format_count, format_date_long, format_number, format_percent
from reports.figures import (
    CampaignLine,
    Compared,
    LabelledCount,
    Merger,
    NamedModel,
    ReportFigures,
)


def pct(value) -> str:
    """ "94,7 %" with a no-break space, so a line never ends between the number and its sign."""
    return format_percent(value).replace(" %", "\u00a0%")


def percent_of(part: int, whole: int) -> Decimal | None:
    """part/whole as a percentage, or None when the whole is zero (no rate to speak of)."""
    if not whole:
        return None
    return Decimal(part) * 100 / Decimal(whole)


def change_phrase(figure: Compared, *, previous_year: int, noun: str = "vụ") -> str:
    """ "tăng 12 vụ (8,3 %) so với cùng kỳ năm 2019" / "giảm …" / "bằng cùng kỳ năm 2019".

    With nothing last year the percentage is meaningless, so only the number is given.
    """
    if figure.previous is None:
        return ""
    change = figure.current - figure.previous
    if change == 0:
        return f"bằng cùng kỳ năm {previous_year}"
    verb = "tăng" if change > 0 else "giảm"
    amount = f"{format_count(abs(change))} {noun}"
    if figure.previous:
        amount += f" ({pct(percent_of(abs(change), figure.previous))})"
    return f"{verb} {amount} so với cùng kỳ năm {previous_year}"


def period_phrase(figures: ReportFigures) -> str:
    """ "Trong năm 2020" or, for the year to date, "Từ đầu năm 2021 đến ngày 15 tháng 6"."""
    if figures.is_full_year:
        return f"Trong năm {figures.year}"
    return f"Từ đầu năm {figures.year} đến {format_date_long(figures.end)}"


def _join_counts(items: list[LabelledCount], noun: str) -> str:
    parts = [f"{item.label} {format_count(item.current)} {noun}" for item in items if item.current]
    return ", ".join(parts)


def tips_sentence(figures: ReportFigures) -> str:
    """The intake sentence, e.g. "Trong năm 2020, Cơ quan thường trực đã tiếp nhận 57 tin báo, tố
    giác tội phạm; giảm 12 tin (17,4 %) so với cùng kỳ năm 2019." Tips are counted in "tin";
    how many were settled is said once, by :func:`settlement_sentence`."""
    received = figures.tips_received
    change = change_phrase(received, previous_year=figures.previous_year, noun="tin")
    opening = f"{period_phrase(figures)}, Cơ quan thường trực"
    if not received.current:
        sentence = f"{opening} không tiếp nhận tin báo, tố giác tội phạm nào"
        return f"{sentence}, {change}." if change else f"{sentence}."
    sentence = f"{opening} đã tiếp nhận {format_count(received.current)} tin báo, tố giác tội phạm"
    return f"{sentence}; {change}." if change else f"{sentence}."


def tips_breakdown_sentence(figures: ReportFigures) -> str:
    """ "Trong đó: tố giác 30 tin, tin báo 20 tin. Phân theo lĩnh vực: …" — only non-zero parts."""
    sentences = []
    by_kind = _join_counts(figures.tips_by_kind, "tin")
    if by_kind:
        sentences.append(f"Phân theo nguồn: {by_kind}.")
    by_group = _join_counts(figures.tips_by_crime_group, "tin")
    if by_group:
        sentences.append(f"Phân theo lĩnh vực: {by_group}.")
    return " ".join(sentences)


def cases_sentence(figures: ReportFigures) -> str:
    """Cases opened beside last year, and the solved rate of that cohort: of the cases opened in
    the period, those solved by its end (so never above 100 %), named as such in the sentence."""
    opened = figures.cases_opened
    change = change_phrase(opened, previous_year=figures.previous_year)
    if not opened.current:
        text = f"{period_phrase(figures)}, không có vụ án hình sự nào được khởi tố"
        return f"{text}, {change}." if change else f"{text}."
    text = f"Khởi tố {format_count(opened.current)} vụ án hình sự"
    if change:
        text += f", {change}"
    solved = figures.cases_opened_solved.current
    if solved:
        rate = pct(percent_of(solved, opened.current))
        text += (
            f"; trong số vụ án khởi tố trong kỳ, đã điều tra khám phá {format_count(solved)} vụ, "
            f"đạt tỷ lệ {rate}"
        )
    else:
        text += "; chưa có vụ nào trong số vụ án khởi tố trong kỳ được điều tra khám phá"
    people = []
    if figures.suspects.current:
        people.append(f"làm rõ {format_count(figures.suspects.current)} đối tượng")
    if figures.arrested.current:
        people.append(f"bắt giữ {format_count(figures.arrested.current)} đối tượng")
    if people:
        text += "; " + ", ".join(people)
    sentences = [f"{text}."]
    earlier = figures.cases_solved.current - solved
    if earlier > 0:
        sentences.append(
            f"Ngoài ra, trong kỳ điều tra khám phá thêm {format_count(earlier)} vụ án khởi tố từ "
            "các kỳ trước."
        )
    if figures.raid_arrests:
        sentences.append(
            f"Qua truy quét trong các đợt cao điểm, các xã, thị trấn bắt giữ "
            f"{format_count(figures.raid_arrests)} đối tượng; số này do các xã nhập, không tính "
            "trong số đối tượng bắt giữ của các vụ án nêu trên."
        )
    return " ".join(sentences)


def social_evils_sentence(figures: ReportFigures) -> str:
    """Drug and gambling tips, each beside last year; nothing when neither was ever recorded."""
    parts = []
    for figure, label in ((figures.drugs, "ma túy"), (figures.gambling, "cờ bạc")):
        if not figure.current and not figure.previous:
            continue
        change = change_phrase(figure, previous_year=figures.previous_year, noun="tin")
        part = f"{format_count(figure.current)} tin liên quan đến {label}"
        parts.append(f"{part}, {change}" if change else part)
    if not parts:
        return ""
    return f"Về tệ nạn xã hội, tiếp nhận {'; '.join(parts)}."


def settlement_sentence(figures: ReportFigures) -> str:
    received = figures.tips_received.current
    if not received:
        return ""
    settled = figures.tips_settled
    text = f"Đã giải quyết {format_count(settled)}/{format_count(received)} tin"
    if settled:
        text += f", đạt {pct(percent_of(settled, received))}"
        on_time = figures.tips_settled_on_time
        on_time_rate = pct(percent_of(on_time, settled))
        text += f"; trong đó giải quyết đúng thời hạn {format_count(on_time)} tin ({on_time_rate})"
    if figures.tips_overdue:
        text += f"; còn {format_count(figures.tips_overdue)} tin quá hạn giải quyết"
    else:
        text += "; không có tin quá hạn giải quyết"
    return f"{text}."


def leadership_sentence(figures: ReportFigures) -> str:
    campaigns = len(figures.campaigns)
    # "Ban Chỉ đạo 138 huyện" before 2025, "Ban Chỉ đạo 138 tỉnh" for a province's report.
    subject = "Ban Chỉ đạo 138"
    if not figures.is_commune and figures.unit_kind:
        subject += f" {figures.unit_kind}"
    parts = []
    if figures.plans_issued:
        parts.append(f"ban hành {format_count(figures.plans_issued)} kế hoạch")
    if campaigns:
        parts.append(
            f"triển khai {format_count(campaigns)} đợt cao điểm tấn công, trấn áp tội phạm, "
            "bảo đảm an ninh, trật tự"
        )
    if not parts:
        if figures.plans_issued is None:
            return ""
        return f"{period_phrase(figures)}, {subject} chưa ban hành kế hoạch nào."
    where = f" trên địa bàn {figures.unit_name}" if figures.is_commune else ""
    return f"{period_phrase(figures)}, {subject} đã {' và '.join(parts)}{where}."


def campaign_heading(campaign: CampaignLine) -> str:
    """ "Kế hoạch số 12/KH-BCĐ138 ngày 05 tháng 01 năm 2020: <title>"."""
    head = f"Kế hoạch số {campaign.number}" if campaign.number else "Kế hoạch"
    if campaign.plan_date:
        head += f" {format_date_long(campaign.plan_date)}"
    return f"{head}: {campaign.title}"


def format_amount(value) -> str:
    """A quantity as it was entered: 1,25 gam stays 1,25 (not 1,3); 70,00 prints 70."""
    if value is None:
        return ""
    exponent = Decimal(value).normalize().as_tuple().exponent
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    return format_number(value, decimals)


def assessment(percent) -> str:
    """ "đạt" / "vượt" / "chưa đạt" — said in words because print has no colour."""
    if percent is None:
        return ""
    if percent < 100:
        return "chưa đạt"
    return "vượt" if percent > 100 else "đạt"


def shortfall_sentence(campaign: CampaignLine) -> str:
    """ "Chưa đạt chỉ tiêu: số đối tượng bắt giữ (13,3 %)." — nothing when every target is met."""
    short = [
        f"{lower_first(t.label)} ({pct(t.percent)})"
        for t in campaign.targets
        if assessment(t.percent) == "chưa đạt"
    ]
    if not short:
        return ""
    return f"{campaign_heading(campaign)} — chưa đạt chỉ tiêu: {'; '.join(short)}."


def lower_first(text: str) -> str:
    """ "Xã Sơn Lâm" → "xã Sơn Lâm": a unit's full name as it reads inside a sentence."""
    return text[:1].lower() + text[1:] if text else text


def model_phrase(model: NamedModel) -> str:
    """ "mô hình “Gương sáng” xã Sơn Lâm"; "… thôn Liên Hòa, xã Sơn Bình" with a village."""
    place = lower_first(model.place or model.commune)
    commune_name = model.commune.split(" ", 1)[-1] if model.commune else ""
    # A village label may already name its commune ("Thôn Liên Hòa, Sơn Bình").
    if model.commune and model.place and commune_name not in model.place:
        place = f"{place}, {lower_first(model.commune)}"
    return f"mô hình “{model.name}” {place}".rstrip()


def movement_sentences(figures: ReportFigures) -> list[str]:
    sentences = []
    where = figures.unit_name
    if figures.models_total:
        text = f"Toàn {where} hiện có {format_count(figures.models_total)} mô hình tự quản về ANTT"
        statuses = _join_counts(figures.models_by_status, "mô hình")
        sentences.append(f"{text}, trong đó: {statuses}." if statuses else f"{text}.")
    else:
        sentences.append(f"Trên địa bàn {where} chưa có mô hình tự quản về ANTT nào được ghi nhận.")
    if figures.models_new:
        text = f"Trong năm, xây dựng mới {format_count(figures.models_new)} mô hình bảo đảm ANTT"
        named = "; ".join(model_phrase(m) for m in figures.new_models)
        sentences.append(f"{text} ({named})." if named else f"{text}.")
    if figures.outstanding_models:
        named = ", ".join(model_phrase(m) for m in figures.outstanding_models)
        sentences.append(
            f"Một số mô hình, điển hình nổi bật như: {named} là những mô hình hoạt động mang lại "
            "hiệu quả tích cực trong công tác bảo đảm ANTT tại địa bàn cơ sở."
        )
    if figures.models_gone_quiet:
        sentences.append(
            f"Có {format_count(figures.models_gone_quiet)} mô hình lâu không cập nhật tình hình "
            "hoạt động, cần được kiểm tra, củng cố."
        )
    return sentences


def outreach_sentence(figures: ReportFigures) -> str:
    sessions = figures.outreach_sessions
    if not sessions.current:
        return ""
    text = f"Tổ chức {format_count(sessions.current)} buổi tuyên truyền"
    if figures.outreach_attendees.current:
        text += f" với {format_number(figures.outreach_attendees.current)} lượt người tham dự"
    change = change_phrase(sessions, previous_year=figures.previous_year, noun="buổi")
    return f"{text}, {change}." if change else f"{text}."


def no_data_sentence(figures: ReportFigures) -> str:
    if figures.has_data:
        return ""
    return (
        f"{period_phrase(figures)}, hệ thống chưa ghi nhận số liệu nào về công tác phòng, chống "
        f"tội phạm, tệ nạn xã hội và phong trào toàn dân bảo vệ an ninh Tổ quốc trên địa bàn "
        f"{figures.unit_name}."
    )


def subject_line(figures: ReportFigures) -> str:
    text = (
        "Tổng kết công tác phòng, chống tội phạm, tệ nạn xã hội và xây dựng phong trào toàn dân "
        f"bảo vệ an ninh Tổ quốc năm {figures.year}"
    )
    if figures.is_commune:
        text += f" trên địa bàn {figures.unit_name}"
    if not figures.is_full_year:
        text += f" (số liệu đến {format_date_long(figures.end)})"
    return text


def agency_sentences(figures: ReportFigures) -> list[str]:
    """The figures other agencies supplied, each group with its source named (nothing is said
    of a group that is all zero)."""
    agency = figures.agency
    if agency is None:
        return []
    sentences = []
    if agency.sanction_cases or agency.sanction_persons:
        sentences.append(
            f"Xử phạt vi phạm hành chính về an ninh, trật tự {format_count(agency.sanction_cases)} "
            f"vụ, {format_count(agency.sanction_persons)} người, phạt tiền "
            f"{format_number(agency.sanction_fines)} đồng (nguồn: {agency.sanctions_source})."
        )
    drugs = []
    if agency.drug_cases or agency.drug_persons or agency.drug_seized_grams:
        drugs.append(
            f"phát hiện, bắt giữ {format_count(agency.drug_cases)} vụ, "
            f"{format_count(agency.drug_persons)} đối tượng phạm tội về ma túy, thu giữ "
            f"{format_amount(agency.drug_seized_grams)} gam ma túy các loại"
        )
    if agency.drug_users_managed or agency.drug_users_in_rehab:
        drugs.append(
            f"quản lý {format_count(agency.drug_users_managed)} người nghiện ma túy, trong đó "
            f"{format_count(agency.drug_users_in_rehab)} người đang cai nghiện"
        )
    if drugs:
        text = "; ".join(drugs)
        sentences.append(f"Về ma túy, {text} (nguồn: {agency.drugs_source}).")
    evils = []
    if agency.gambling_cases or agency.gambling_persons:
        evils.append(
            f"{format_count(agency.gambling_cases)} vụ, {format_count(agency.gambling_persons)} "
            "đối tượng đánh bạc"
        )
    if agency.prostitution_cases:
        evils.append(f"{format_count(agency.prostitution_cases)} vụ mại dâm")
    if evils:
        sentences.append(
            f"Về cờ bạc, mại dâm, phát hiện, xử lý {'; '.join(evils)} "
            f"(nguồn: {agency.evils_source})."
        )
    if agency.gangs_dismantled:
        sentences.append(
            f"Triệt phá {format_count(agency.gangs_dismantled)} băng, nhóm tội phạm với "
            f"{format_count(agency.gang_members)} đối tượng (nguồn: {agency.gangs_source})."
        )
    if agency.safe_units or agency.safe_villages or agency.safe_households:
        sentences.append(
            f"Có {format_count(agency.safe_units)} cơ quan, doanh nghiệp, nhà trường, "
            f"{format_count(agency.safe_villages)} thôn và "
            f"{format_number(agency.safe_households)} hộ gia đình đạt tiêu chuẩn “An toàn về "
            f"an ninh, trật tự” (nguồn: {agency.safe_source})."
        )
    if agency.commendations_collective or agency.commendations_persons:
        sentences.append(
            f"Khen thưởng {format_count(agency.commendations_collective)} tập thể, "
            f"{format_count(agency.commendations_persons)} cá nhân có thành tích trong phong trào "
            f"(nguồn: {agency.commendations_source})."
        )
    if sentences:
        sentences.append(
            f"Số liệu mục này do Thường trực Ban Chỉ đạo nhập theo từng xã, thị trấn "
            f"({format_count(agency.communes_reported)} xã, thị trấn), {agency.entered}."
        )
    return sentences


# -- after the 2025 reform: the note under the tables (docs/REFORM.md) -------------------------
def _short_date(day) -> str:
    return day.strftime("%d/%m/%Y")


def _and(names: list[str]) -> str:
    """ "a", "a và b", "a, b và c"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} và {names[-1]}"


def resolution_name(number: str) -> str:
    """ "1667/NQ-UBTVQH15" → "Nghị quyết số 1667/NQ-UBTVQH15" (a text already naming its kind
    is kept as typed)."""
    number = number.strip()
    return f"Nghị quyết số {number}" if number[:1].isdigit() else number


def _stretches(merger: Merger) -> str:
    """ "năm 2024 và từ ngày 01/01/2025 đến ngày 30/06/2025" — the days whose figures moved."""
    parts = []
    for first, last in merger.counted:
        if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):
            parts.append(f"năm {first.year}")
        else:
            parts.append(f"từ ngày {_short_date(first)} đến ngày {_short_date(last)}")
    return _and(parts) if parts else ""


# What a report keeps per village (and so moves with a village passed in part), and what is
# entered per commune and stays with it — the split reports/compile.py makes.
BY_VILLAGE = "tin báo, tố giác tội phạm, vụ án và mô hình tự quản về ANTT"
BY_COMMUNE = "tuyên truyền, kết quả đợt cao điểm, số liệu các cơ quan cung cấp"


def merger_sentence(merger: Merger) -> str:
    """One succession and what the report did with its figures, e.g. "Từ ngày 01/07/2025, thị
    trấn Tô Hạp, xã Sơn Hiệp và xã Sơn Bình được sắp xếp thành xã Khánh Sơn (Nghị quyết số
    1667/NQ-UBTVQH15); số liệu năm 2024 và từ ngày 01/01/2025 đến ngày 30/06/2025 của các đơn vị
    này được tính vào xã Khánh Sơn." """
    day = _short_date(merger.effective_date)
    law = resolution_name(merger.resolution)
    law = f" ({law})" if law else ""
    parts = _and(merger.parts)
    stretches = _stretches(merger)
    if merger.part_of:
        # Records keep the commune they were filed under; the figures kept per village (tips,
        # their cases, models) move with the village, those entered per commune do not
        # (reports/compile.py).
        text = f"Từ ngày {day}, {parts} của {merger.part_of} được chuyển về {merger.successor}{law}"
        if stretches:
            where = parts if len(merger.parts) == 1 else "các thôn, tổ dân phố này"
            text += (
                f"; số liệu {stretches} về {BY_VILLAGE} ở {where} được tính vào "
                f"{merger.successor}, số liệu nhập theo xã ({BY_COMMUNE}) vẫn tính cho "
                f"{merger.part_of}"
            )
        return f"{text}."
    # The resolutions' own verbs: "sắp xếp … thành xã mới", "sắp xếp … vào xã …".
    verb = "được sắp xếp thành" if merger.formed else "được sắp xếp vào"
    text = f"Từ ngày {day}, {parts} {verb} {merger.successor}{law}"
    if stretches:
        whose = "của đơn vị này" if len(merger.parts) == 1 else "của các đơn vị này"
        text += f"; số liệu {stretches} {whose} được tính vào {merger.successor}"
    return f"{text}."


def merger_note(figures: ReportFigures) -> str:
    """ "Ghi chú: …" under the tables of a report whose figures group predecessors' records under
    their successor; "" when no unit changed in the compared periods."""
    sentences = [merger_sentence(m) for m in figures.mergers]
    return f"Ghi chú: {' '.join(sentences)}" if sentences else ""


# --- What a district tổng kết holds beyond the workflow's figures (issue 16) -------------------


def severity_sentence(figures: ReportFigures) -> str:
    """The crimes that occurred by class (BLHS 2015 Điều 9), of the cases opened in the period —
    the number itself is the cases sentence's, so it is not said again."""
    parts = _join_counts([c for c in figures.crimes_by_severity if c.current], "vụ")
    if not parts or not figures.cases_opened.current:
        return ""
    return (
        "Phân theo loại tội phạm (Điều 9 Bộ luật Hình sự năm 2015), phạm pháp hình sự xảy ra "
        f"trong kỳ gồm: {parts}."
    )


def consequences_sentence(figures: ReportFigures) -> str:
    """ "Các vụ phạm pháp hình sự làm chết 01 người, làm bị thương 05 người, gây thiệt hại tài
    sản ước tính 125.000.000 đồng." — only the consequences there were."""
    parts = []
    if figures.crime_deaths:
        parts.append(f"làm chết {format_count(figures.crime_deaths)} người")
    if figures.crime_injuries:
        parts.append(f"làm bị thương {format_count(figures.crime_injuries)} người")
    if figures.crime_damage:
        parts.append(f"gây thiệt hại tài sản ước tính {format_number(figures.crime_damage)} đồng")
    if not parts:
        return ""
    return f"Các vụ phạm pháp hình sự {', '.join(parts)}."


def grave_cases_sentence(figures: ReportFigures) -> str:
    """The solved rate of the very and especially serious cases opened in the period."""
    grave = figures.grave_opened
    if not grave:
        return ""
    solved = figures.grave_opened_solved
    text = (
        "Đối với án rất nghiêm trọng và đặc biệt nghiêm trọng: khởi tố "
        f"{format_count(grave)} vụ, đã điều tra khám phá {format_count(solved)} vụ"
    )
    if solved:
        text += f", đạt tỷ lệ {pct(percent_of(solved, grave))}"
    return f"{text}."


def public_tips_sentence(figures: ReportFigures) -> str:
    """Tips the public supplied and, of them, those that proved valuable (led to a case)."""
    public = figures.tips_from_public
    if not public.current:
        return ""
    text = (
        f"Quần chúng Nhân dân đã cung cấp {format_count(public.current)} tin báo, tố giác về "
        "tội phạm"
    )
    change = change_phrase(public, previous_year=figures.previous_year, noun="tin")
    if change:
        text += f", {change}"
    valuable = figures.tips_valuable
    if valuable:
        text += f"; trong đó có {format_count(valuable)} tin có giá trị, đã dẫn đến khởi tố vụ án"
    else:
        text += "; chưa có tin nào dẫn đến khởi tố vụ án"
    return f"{text}."


def models_size_sentence(figures: ReportFigures) -> str:
    """The models' points, teams and members, as Hướng dẫn 22/HD-BCA-V05 counts them."""
    if not figures.models_total or not (
        figures.models_places or figures.models_teams or figures.models_members
    ):
        return ""
    return (
        f"Các mô hình gồm {format_count(figures.models_places)} điểm, "
        f"{format_count(figures.models_teams)} tổ với {format_number(figures.models_members)} "
        "thành viên tham gia."
    )


def target_assessment(result, target) -> str:
    """ "đạt" when the rate reaches the target set, else "chưa đạt"; "" with no rate."""
    if result is None or target is None:
        return ""
    return "đạt" if Decimal(result) >= Decimal(target) else "chưa đạt"


def target_rates(figures: ReportFigures) -> list[tuple[str, str, Decimal | None]]:
    """(target key, label, the district's rate) for each rate a higher level may set a target
    for; each rate's cohort is said in its label and never passes 100 %."""
    return [
        (
            "solved_rate",
            "Tỷ lệ điều tra khám phá án hình sự (vụ án khởi tố trong kỳ)",
            percent_of(figures.cases_opened_solved.current, figures.cases_opened.current),
        ),
        (
            "grave_solved_rate",
            "Tỷ lệ điều tra khám phá án rất nghiêm trọng, đặc biệt nghiêm trọng",
            percent_of(figures.grave_opened_solved, figures.grave_opened),
        ),
        (
            "tips_settled_rate",
            "Tỷ lệ giải quyết tin báo, tố giác về tội phạm",
            percent_of(figures.tips_settled, figures.tips_received.current),
        ),
    ]


def targets_sentence(figures: ReportFigures, targets: dict, source: str) -> str:
    """ "Đối chiếu chỉ tiêu cấp trên giao năm 2020 (…): tỷ lệ … đạt 85 %, chỉ tiêu 75 % — đạt; …"
    — said in words, because print has no colour."""
    parts = []
    for key, label, rate in target_rates(figures):
        target = targets.get(key)
        if target is None:
            continue
        verdict = target_assessment(rate, target)
        result = f"đạt {pct(rate)}" if rate is not None else "không có số liệu"
        part = f"{lower_first(label)} {result}, chỉ tiêu {pct(target)}"
        parts.append(f"{part} — {verdict}" if verdict else part)
    if not parts:
        return ""
    given = f" ({source})" if source else ""
    return f"Đối chiếu chỉ tiêu cấp trên giao năm {figures.year}{given}: {'; '.join(parts)}."
