"""Deterministic demo data of the tips app for the demo province.

About twenty invented tips (no real person, place detail or telephone number) spread over
the communes and kinds, at every handling stage, some overdue, two with a dialogue. Dates
are relative to `today`; a second run changes nothing.
"""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from antq.units.models import Unit

from . import services
from .choices import TipStatus
from .models import Tip

# (kind, text, days before today, stage reached, classification, valuable, solved)
TIPS = [
    (
        "drugs",
        "Có nhóm thanh niên tụ tập sử dụng chất nghi là ma túy ở bãi đất trống.",
        1,
        "received",
        "",
        False,
        False,
    ),
    ("theft", "Mất trộm xe đạp điện để trước cổng chợ buổi sáng.", 2, "recorded", "", False, False),
    (
        "fraud",
        "Nhận cuộc gọi giả danh công an yêu cầu chuyển tiền để xác minh tài khoản.",
        3,
        "classified",
        "urgent",
        False,
        False,
    ),
    (
        "gambling",
        "Có người tổ chức đánh bạc vào các buổi tối cuối tuần.",
        4,
        "classified",
        "ordinary",
        False,
        False,
    ),
    (
        "cyber",
        "Trang mạng xã hội giả mạo cơ quan nhà nước kêu gọi nộp tiền.",
        5,
        "forwarded",
        "ordinary",
        True,
        False,
    ),
    (
        "weapons",
        "Nghi có người cất giữ dao kiếm tự chế trong nhà kho.",
        6,
        "forwarded",
        "urgent",
        True,
        False,
    ),
    ("theft", "Trộm cắp gia cầm nhiều lần trong tháng.", 9, "classified", "ordinary", False, False),
    (
        "drugs",
        "Nghi có điểm bán lẻ ma túy tại quán nước ven đường.",
        10,
        "received",
        "",
        False,
        False,
    ),
    ("fraud", "Lừa đảo đầu tư tiền ảo qua nhóm nhắn tin.", 12, "result", "ordinary", True, True),
    (
        "other",
        "Xe tải chở đất làm rơi vãi, gây mất an toàn giao thông.",
        14,
        "closed",
        "ordinary",
        False,
        False,
    ),
    (
        "gambling",
        "Cá độ bóng đá qua mạng trong học sinh.",
        16,
        "forwarded",
        "ordinary",
        True,
        False,
    ),
    ("theft", "Bẻ khóa lấy trộm xe máy tại bãi giữ xe.", 18, "result", "urgent", True, True),
    (
        "cyber",
        "Tài khoản mạng xã hội bị chiếm đoạt, nhắn tin vay tiền người quen.",
        20,
        "closed",
        "ordinary",
        False,
        False,
    ),
    (
        "other",
        "Tố cáo cán bộ thôn thu tiền trái quy định.",
        22,
        "classified",
        "denunciation",
        False,
        False,
    ),
    (
        "drugs",
        "Người lạ thường xuyên ra vào một phòng trọ vào ban đêm.",
        25,
        "forwarded",
        "urgent",
        True,
        True,
    ),
    (
        "fraud",
        "Bán hàng giả qua mạng, nhận tiền rồi chặn liên lạc.",
        28,
        "result",
        "ordinary",
        False,
        False,
    ),
    (
        "weapons",
        "Nghe tiếng nổ nghi pháo tự chế ở khu đồi.",
        35,
        "closed",
        "ordinary",
        False,
        False,
    ),
    ("theft", "Mất trộm dây điện của trạm bơm.", 40, "result", "ordinary", True, True),
    (
        "other",
        "Tụ tập đua xe trái phép trên đường tỉnh vào đêm khuya.",
        45,
        "closed",
        "urgent",
        False,
        False,
    ),
    ("gambling", "Lô đề được ghi ở quán tạp hóa.", 8, "received", "", False, False),
]
DIALOGUES = {
    0: [("Khu đất trống đó gần điểm nào dễ nhận biết?", "Gần trạm biến áp, phía sau nhà văn hóa.")],
    2: [("Số điện thoại gọi đến là số nào?", "Tôi không nhớ hết, có đầu số lạ và bị ẩn.")],
}
ORDER = list(TipStatus.values)


def _when(today, days: int):
    return timezone.make_aware(datetime.combine(today - timedelta(days=days), time(9, 0)))


@transaction.atomic
def seed(*, province, staff, today) -> None:
    """Add this app's demo data once; a second run changes nothing."""
    if Tip.objects.filter(province=province).exists():
        return
    areas = list(
        Unit.objects.filter(path__startswith=province.path, kind="residential_area")
        .order_by("code")
        .only("pk", "code", "path", "kind", "parent")
    )
    if not areas:
        return
    for index, (kind, text, days, stage, classification, valuable, solved) in enumerate(TIPS):
        place = None if index % 7 == 3 else areas[(index * 5) % len(areas)]
        tip = services.tip_submit(province=province, kind=kind, text=text, place=place).tip
        received = _when(today, days)
        Tip.objects.filter(pk=tip.pk).update(received_at=received)
        tip.refresh_from_db()
        reached = ORDER.index(stage)
        if reached >= ORDER.index(TipStatus.RECORDED):
            services.tip_advance(
                actor=staff,
                tip=tip,
                status=TipStatus.RECORDED,
                receipt_number=f"{index + 1:02d}/BB-TN",
            )
        if reached >= ORDER.index(TipStatus.CLASSIFIED):
            services.tip_advance(
                actor=staff, tip=tip, status=TipStatus.CLASSIFIED, classification=classification
            )
        if reached >= ORDER.index(TipStatus.FORWARDED):
            services.tip_advance(
                actor=staff,
                tip=tip,
                status=TipStatus.FORWARDED,
                forwarded_to="Cơ quan Cảnh sát điều tra Công an tỉnh",
            )
            late = index % 4 == 0
            forwarded = received + (timedelta(days=9) if late else timedelta(hours=20))
            Tip.objects.filter(pk=tip.pk).update(forwarded_at=forwarded)
        if reached >= ORDER.index(TipStatus.RESULT):
            services.tip_advance(
                actor=staff,
                tip=tip,
                status=TipStatus.RESULT,
                note="Đã xác minh, xử lý theo quy định.",
                case_solved=solved,
            )
            services.tip_ask(
                actor=staff, tip=tip, body="Tin báo của bạn đã được xác minh và xử lý. Cảm ơn bạn."
            )
        if reached >= ORDER.index(TipStatus.CLOSED):
            services.tip_advance(actor=staff, tip=tip, status=TipStatus.CLOSED)
        if valuable:
            services.tip_advance(actor=staff, tip=tip, status=tip.status, valuable=True)
        for question, answer in DIALOGUES.get(index, []):
            services.tip_ask(actor=staff, tip=tip, body=question)
            tip.messages.create(from_citizen=True, body=answer, sent_at=received.replace(minute=0))
