"""Helpers of the tips tests: solve the proof of work, make images."""

import hashlib
import io
from itertools import count

from PIL import Image

from antq.tips import codes


def solve(challenge: str, bits: int | None = None) -> str:
    bits = bits or codes.work_target_bits()
    for n in count():
        value = int.from_bytes(hashlib.sha256(f"{challenge}:{n}".encode()).digest(), "big")
        if value >> (256 - bits) == 0:
            return str(n)


def gps_jpeg() -> bytes:
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"
    exif[0xA431] = "SERIAL-12345"  # body serial number
    gps = {1: "N", 2: (21.0, 1.0, 2.0), 3: "E", 4: (105.0, 50.0, 3.0)}
    exif[0x8825] = gps
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def work(client) -> dict:
    answer = client.get("/api/v1/public/tips/challenge").json()
    return {"challenge": answer["challenge"], "nonce": solve(answer["challenge"], answer["bits"])}
