"""The citizen's channel: anonymous, traceless, with a code that shows status and dialogue."""

import io
import logging

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from antq.tips import codes
from antq.tips.models import Tip, TipAttachment
from antq.tips.services import tip_ask

from .helpers import gps_jpeg, work

IP = "203.0.113.77"
UA = "Mozilla/5.0 (DistinctiveAgent-QX9/1.0)"


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


def send(client, tree, **extra):
    data = {
        "province": "38",
        "kind": "drugs",
        "text": "Có người bán ma túy ở đầu ngõ vào buổi tối.",
        "place": tree.area.code,
        **work(client),
        **extra,
    }
    return client.post(
        "/api/v1/public/tips", data, REMOTE_ADDR=IP, HTTP_USER_AGENT=UA, HTTP_X_FORWARDED_FOR=IP
    )


def test_anonymous_tip_with_gps_photo_keeps_no_trace(client, tree, caplog, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    caplog.set_level(logging.DEBUG)
    photo = SimpleUploadedFile("IMG_0001.jpg", gps_jpeg(), content_type="image/jpeg")
    with Image.open(io.BytesIO(gps_jpeg())) as raw:
        assert raw.getexif().get_ifd(0x8825)  # the upload does carry GPS

    response = send(client, tree, attachments=[photo])

    assert response.status_code == 201, response.content
    code = response.json()["code"]
    assert len(codes.normalise(code)) >= 16 and code.count("-") == 4
    assert not response.cookies  # nothing set on sending (no session, no tracking)
    tip = Tip.objects.get()
    assert tip.anonymous and tip.received_at.minute == 0 and tip.received_at.second == 0
    stored = TipAttachment.objects.get()
    with Image.open(stored.file.path) as image:
        assert not image.getexif()
        assert "exif" not in image.info
    with open(stored.file.path, "rb") as raw_file:
        assert b"SERIAL-12345" not in raw_file.read()

    # The follow-up and a 404 too, so the logs see every kind of public request.
    client.get(f"/api/v1/public/tips/{code}", REMOTE_ADDR=IP, HTTP_USER_AGENT=UA)
    client.get("/api/v1/public/tips/AAAA-BBBB-CCCC-DDDD-EEEE", REMOTE_ADDR=IP, HTTP_USER_AGENT=UA)

    assert "public tips request answered 404" in caplog.text  # the 404 was logged, scrubbed
    out = io.StringIO()
    call_command("dumpdata", stdout=out)
    dump = out.getvalue()
    assert "Có người bán" in dump.encode().decode("unicode_escape", "ignore") or "ma t" in dump
    for secret in (IP, UA, "DistinctiveAgent", codes.normalise(code), code):
        assert secret not in dump
        assert secret not in caplog.text
        for record in caplog.records:
            assert secret not in str(getattr(record, "request", "") or "")


def test_code_shows_status_and_dialogue_only(client, tree, persona):
    code = send(client, tree, contact="0912 345 678").json()["code"]
    officer = persona("commune_officer")
    tip_ask(actor=officer, tip=Tip.objects.get(), body="Người đó đi xe màu gì?")

    answer = client.get(f"/api/v1/public/tips/{code.lower().replace('-', ' ')}")

    assert answer.status_code == 200
    body = answer.json()
    assert set(body) == {"status", "status_label", "messages"}
    assert body["status"] == "received"
    assert [m["body"] for m in body["messages"]] == ["Người đó đi xe màu gì?"]
    text = answer.content.decode()
    for hidden in ("0912", "bán ma túy", "16417", officer.username):
        assert hidden not in text


def test_wrong_code_answers_like_missing_and_guessing_is_limited(client, tree):
    send(client, tree)
    wrong = client.get("/api/v1/public/tips/ABCD-EFGH-JKLM-NPQR-STUV")
    garbage = client.get("/api/v1/public/tips/%21%21%21")
    assert wrong.status_code == garbage.status_code == 404
    assert wrong.json() == garbage.json()

    for _ in range(codes.LOOKUP_FAILURES_PER_MINUTE):
        client.get("/api/v1/public/tips/ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ")
    blocked = client.get("/api/v1/public/tips/ABCD-EFGH-JKLM-NPQR-STUV")
    assert blocked.status_code == 429
    assert "Quá nhiều" in blocked.json()["detail"] or "Too many" in blocked.json()["detail"]


def test_citizen_answers_under_the_code_rate_limited(client, tree, persona):
    code = send(client, tree).json()["code"]
    tip_ask(actor=persona("commune_officer"), tip=Tip.objects.get(), body="Mấy giờ?")
    first = client.post(f"/api/v1/public/tips/{code}/messages", {"body": "Khoảng 21 giờ."})
    assert first.status_code == 201
    assert [m["from_citizen"] for m in first.json()["messages"]] == [False, True]
    codes.REPLIES_PER_CODE_PER_HOUR, saved = 1, codes.REPLIES_PER_CODE_PER_HOUR
    try:
        again = client.post(f"/api/v1/public/tips/{code}/messages", {"body": "Thêm nữa."})
    finally:
        codes.REPLIES_PER_CODE_PER_HOUR = saved
    assert again.status_code == 429


def test_submit_without_proof_of_work_is_refused(client, tree):
    response = client.post(
        "/api/v1/public/tips",
        {"province": "38", "kind": "theft", "text": "Mất xe.", "challenge": "abc", "nonce": "1"},
    )
    assert response.status_code == 400
    assert not Tip.objects.exists()


def test_forbidden_type_renamed_jpg_is_refused(client, tree):
    fake = SimpleUploadedFile("anh.jpg", b"MZ\x90\x00" + b"\x00" * 200, content_type="image/jpeg")
    response = send(client, tree, attachments=[fake])
    assert response.status_code == 400
    assert "anh.jpg" in response.json()["detail"]
    assert not Tip.objects.exists()


def test_oversized_file_refused_without_reading_it_whole(tree, monkeypatch):
    from antq.core.errors import FieldErrors
    from antq.tips import cleaning

    class Huge:
        name = "video.mp4"
        size = None  # a client may lie about or omit the size: the stream is counted
        read_chunks = 0

        def chunks(self, chunk_size=64 * 1024):
            while True:
                Huge.read_chunks += 1
                yield b"\x00" * chunk_size

        def read(self, *a):
            raise AssertionError("read whole into memory")

    with pytest.raises(FieldErrors) as refused:
        cleaning.read_limited(Huge(), limit=1024 * 1024)
    assert Huge.read_chunks <= 17
    assert "video.mp4" in refused.value.message

    class Declared(Huge):
        size = 50 * 1024 * 1024

        def chunks(self, chunk_size=64 * 1024):
            raise AssertionError("the declared size alone refuses it")

    with pytest.raises(FieldErrors):
        cleaning.read_limited(Declared())


def test_contact_unreadable_without_the_key(client, tree, persona):
    from django.db import connection

    from antq.tips.selectors import tip_contact

    send(client, tree, contact="Nguyễn Văn A, 0912 345 678")
    with connection.cursor() as cursor:
        cursor.execute("SELECT contact_encrypted FROM tips_tip")
        (raw,) = cursor.fetchone()
    assert raw and "0912" not in raw and "Nguy" not in raw
    tip = Tip.objects.get()
    assert not tip.anonymous
    assert tip_contact(user=persona("commune_officer"), tip=tip) == "Nguyễn Văn A, 0912 345 678"


def test_contact_key_rotation(settings):
    from cryptography.fernet import Fernet

    from antq.tips import crypto

    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.TIPS_CONTACT_KEYS = old
    token = crypto.contact_encrypt("0912")
    settings.TIPS_CONTACT_KEYS = f"{new},{old}"
    assert crypto.contact_decrypt(token) == "0912"
    rotated = crypto.contact_rotate(token)
    settings.TIPS_CONTACT_KEYS = new
    assert crypto.contact_decrypt(rotated) == "0912"


def test_duplicates_are_grouped_not_deleted(client, tree, persona):
    from antq.tips.selectors import tip_cluster

    send(client, tree)
    send(client, tree, text="CÓ NGƯỜI BÁN MA TÚY Ở ĐẦU NGÕ VÀO BUỔI TỐI.")
    send(client, tree, text="Chuyện khác hẳn.")
    first = Tip.objects.order_by("pk").first()
    assert Tip.objects.count() == 3
    assert tip_cluster(user=persona("commune_officer"), tip=first).count() == 1


def test_public_api_in_openapi(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/public/tips",
        "/api/v1/public/tips/{code}",
        "/api/v1/public/tips/{code}/messages",
        "/api/v1/tips",
        "/api/v1/tips/{tip_id}",
        "/api/v1/tips/{tip_id}/steps",
        "/api/v1/tips/{tip_id}/attachments/{attachment_id}",
    ):
        assert path in paths, path
    assert not paths["/api/v1/public/tips"]["post"].get("security")


def _mp4(brand: bytes = b"isom") -> bytes:
    """A tiny ISO-BMFF file: ftyp then a moov carrying a ©xyz location in udta."""
    import struct

    def box(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", 8 + len(body)) + kind + body

    location = box(b"\xa9xyz", b"\x00\x12\x15\xc7+21.0123+105.8456/")
    return box(b"ftyp", brand + b"\x00\x00\x02\x00" + brand + b"mp42") + box(
        b"moov", box(b"udta", location)
    )


@pytest.mark.parametrize(("name", "brand"), [("clip.mp4", b"isom"), ("IMG_0007.MOV", b"qt  ")])
def test_video_is_refused_with_the_reason(client, tree, name, brand):
    video = SimpleUploadedFile(name, _mp4(brand), content_type="video/mp4")
    response = send(client, tree, attachments=[video])
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert name in detail and "video" in detail.lower()
    assert "vị trí" in detail  # says why: the location it hides
    assert not Tip.objects.exists() and not TipAttachment.objects.exists()


def test_form_says_plainly_that_video_is_refused(client, tree):
    text = client.get("/public/38/tips/").content.decode()
    assert "Chưa nhận video" in text
    assert "video/mp4" not in text
