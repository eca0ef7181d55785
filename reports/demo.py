"""Demo data of the reports app: the 2020 draft of Khánh Sơn, ready for the chairman to preview
and issue, with the narrative of the 2020 year-end review (shortcomings and 2021 tasks)."""

import datetime as dt

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
            "recipients": default_recipients(),
            "created_by": author,
        },
    )
    stdout.write(f"  {'đã tạo' if created else 'đã có'}: {draft}")
    _agency_figures(author)


def _agency_figures(author) -> None:
    """2019–2021 figures from other agencies for every commune: made-up but plausible numbers
    that vary by commune and year, so the report's new section and its sums can be checked."""
    communes = AdministrativeUnit.objects.communes().order_by("kind", "name")
    for year in (2019, 2020, 2021):
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
                    "safe_villages": 2 + k % 3,
                    "safe_households": 150 + 20 * k,
                    "commendations_collective": k % 2,
                    "commendations_persons": 1 + k % 3,
                    "entered_by": author,
                },
            )
