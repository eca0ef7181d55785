"""Demo data of the reports app: the 2020 draft of Khánh Sơn, ready for the chairman to preview
and issue, with the narrative of the 2020 year-end review (shortcomings and their causes, 2021
tasks, proposals to higher levels, the year's targets), and 2019–2021 figures from other
agencies for every commune."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import User

from ban138.models import AdministrativeUnit, CommitteeProfile
from reports.models import AgencyFigures, ReportDraft
from reports.services import default_recipients

SHORTCOMINGS = "\n".join(
    [
        "Tình hình tội phạm xâm phạm sở hữu, ma túy và cờ bạc trên địa bàn vẫn còn tiềm ẩn "
        "phức tạp; một số vụ việc phát hiện chậm, những sơ hở, thiếu sót mà các loại tội phạm "
        "lợi dụng để hoạt động chưa được khắc phục triệt để.",
        "Công tác tuyên truyền ở một số xã còn hình thức, chưa thu hút đông đảo Nhân dân tham "
        "gia; vai trò của một số hội, đoàn thể trong phòng, chống tội phạm chưa được phát huy "
        "đầy đủ.",
        "Một số mô hình tự quản về ANTT hoạt động cầm chừng, chậm cập nhật tình hình, cần được "
        "kiểm tra, củng cố.",
    ]
)

TASKS = "\n".join(
    [
        "Tiếp tục chỉ đạo các cơ quan chức năng, ban ngành, đoàn thể huyện, UBND các xã, thị trấn "
        "tổ chức thực hiện tốt các Chỉ thị, Nghị quyết và các dự án, đề án trong chương trình "
        "quốc gia về phòng, chống tội phạm; phòng, chống mua bán người.",
        "Tập trung mở các đợt cao điểm tấn công trấn áp tội phạm, bảo đảm an ninh, trật tự, "
        "nhất là dịp Tết Nguyên đán và các ngày lễ lớn.",
        "Đẩy mạnh công tác tuyên truyền, vận động Nhân dân tham gia phong trào toàn dân bảo vệ an "
        "ninh Tổ quốc, từng bước nâng cao ý thức cảnh giác của người dân về phương thức hoạt "
        "động của tội phạm; duy trì, nhân rộng các mô hình tự quản về ANTT hoạt động hiệu quả.",
    ]
)


CAUSES = "\n".join(
    [
        "Địa bàn huyện rộng, địa hình đồi núi, giao thông đi lại khó khăn; một bộ phận Nhân dân "
        "còn thiếu cảnh giác, chưa tích cực tố giác tội phạm.",
        "Lực lượng Công an xã còn mỏng, kinh phí và phương tiện phục vụ phong trào còn hạn chế; "
        "sự phối hợp giữa một số ban, ngành, đoàn thể với lực lượng Công an chưa thường xuyên.",
    ]
)

PROPOSALS = "\n".join(
    [
        "Đề nghị Ban Chỉ đạo 138 tỉnh tiếp tục quan tâm hỗ trợ kinh phí xây dựng, nhân rộng các "
        "mô hình tự quản về ANTT ở các thôn vùng đồng bào dân tộc thiểu số.",
        "Đề nghị Công an tỉnh tăng cường tập huấn nghiệp vụ cho lực lượng Công an xã về tiếp "
        "nhận, phân loại và giải quyết tố giác, tin báo về tội phạm.",
    ]
)

# The year's targets, as higher levels set them (the National Assembly's national targets are
# the usual reference: solved rate above 75 %, above 90 % for very and especially serious cases,
# tips settled above 90 %; see docs/LAW.md for where those figures were read).
TARGETS = {
    "target_solved_rate": 75,
    "target_grave_solved_rate": 90,
    "target_tips_settled_rate": 90,
    "targets_source": "chỉ tiêu Quốc hội giao",
}


def seed(*, stdout) -> None:
    profile = CommitteeProfile.current()
    author = User.objects.filter(username="thuongtruc").first()
    if profile is None or author is None:
        stdout.write("  thiếu thông tin Ban chỉ đạo hoặc người dùng thuongtruc; bỏ qua")
        return
    draft, created = ReportDraft.objects.get_or_create(
        year=2020,
        unit=profile.district,
        defaults={
            "number": "15",
            "document_date": dt.date(2021, 3, 10),
            "shortcomings": SHORTCOMINGS,
            "tasks": TASKS,
            "causes": CAUSES,
            "proposals": PROPOSALS,
            **TARGETS,
            "recipients": default_recipients(),
            "created_by": author,
        },
    )
    stdout.write(f"  {'đã tạo' if created else 'đã có'}: {draft}")
    _agency_figures(author)


def _agency_figures(author) -> None:
    """2019–2021 figures from other agencies for every commune: made-up but plausible numbers
    that vary by commune and year, so the report's new section and its sums can be checked."""
    for year in (2019, 2020, 2021):
        # Only the communes of that year: a unit established by a later reform has no figures
        # for 2019–2021 (the district report would add them to its total).
        communes = (
            AdministrativeUnit.objects.communes()
            .existing_on(dt.date(year, 12, 31))
            .order_by("kind", "name")
        )
        for i, commune in enumerate(communes):
            k = (i + year) % 5
            AgencyFigures.objects.get_or_create(
                year=year,
                commune=commune,
                defaults={
                    "sanction_cases": 2 + k,
                    "sanction_persons": 3 + k,
                    "sanction_fines": 1_500_000 * (2 + k),
                    "drug_users_managed": 1 + k % 3,
                    "drug_users_in_rehab": k % 2,
                    "drug_cases": k % 3,
                    "drug_persons": k % 3 + (1 if k == 2 else 0),
                    # Grams of heroin and synthetic drugs: the small amounts of a mountain
                    # district's retail cases, kept to the decigram as the seizure record does.
                    "drug_seized_grams": Decimal(k % 3) * Decimal("0.85"),
                    "gambling_cases": 1 + k % 2,
                    "gambling_persons": 4 + 2 * k,
                    "prostitution_cases": 1 if (i, year) == (0, 2020) else 0,
                    "gangs_dismantled": 1 if k == 4 else 0,
                    "gang_members": 4 if k == 4 else 0,
                    "safe_units": 3 + k % 4,
                    "safe_villages": 2 + k % 3,
                    "safe_households": 150 + 20 * k,
                    "commendations_collective": k % 2,
                    "commendations_persons": 1 + k % 3,
                    "entered_by": author,
                },
            )
