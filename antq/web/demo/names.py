"""Names of the demo's residential areas: varied, deterministic, none repeated in a commune.

Villages (thôn, bản) and urban quarters (tổ dân phố, khu phố) are named as they commonly are
in the north-central provinces: two Sino-Vietnamese syllables ("Thôn Yên Thái"), a direction
or order ("Thôn Đông Hưng"). The names are made
up from these parts; they are not the real names of any commune's areas.
"""

import random
from collections.abc import Iterator

FIRST = (
    "An",
    "Bình",
    "Cẩm",
    "Đại",
    "Đông",
    "Đoài",
    "Gia",
    "Hà",
    "Hải",
    "Hòa",
    "Hồng",
    "Hưng",
    "Kim",
    "Lạc",
    "Long",
    "Minh",
    "Mỹ",
    "Nam",
    "Nghĩa",
    "Ngọc",
    "Phú",
    "Phúc",
    "Quang",
    "Tân",
    "Thái",
    "Thanh",
    "Thịnh",
    "Thọ",
    "Thượng",
    "Trung",
    "Vĩnh",
    "Xuân",
    "Yên",
)
SECOND = (
    "Bình",
    "Châu",
    "Cường",
    "Điền",
    "Đoài",
    "Đông",
    "Giang",
    "Hạ",
    "Hải",
    "Hòa",
    "Hợp",
    "Hưng",
    "Khang",
    "Lâm",
    "Lộc",
    "Lợi",
    "Long",
    "Mỹ",
    "Nam",
    "Ninh",
    "Phong",
    "Phú",
    "Sơn",
    "Tân",
    "Thành",
    "Thịnh",
    "Thọ",
    "Thượng",
    "Tiến",
    "Trung",
    "Vinh",
    "Xá",
    "Yên",
)
# Bản of the mountain communes carry Thái and Mường names.
HIGHLAND = (
    "Bá",
    "Chiềng",
    "Hiềng",
    "Khằm",
    "Láng",
    "Muỗng",
    "Mường",
    "Na",
    "Nàng",
    "Pốn",
    "Pù",
    "Sại",
    "Son",
    "Tài",
    "Tến",
    "Vặn",
)
HIGHLAND_SECOND = (
    "Bôn",
    "Chanh",
    "Cốc",
    "Đanh",
    "Hát",
    "Khà",
    "Lếch",
    "Lươi",
    "Mạ",
    "Nưa",
    "Pọng",
    "Phang",
    "Ta",
    "Tằm",
    "Ún",
    "Xa",
)
STREETS = (
    "Bà Triệu",
    "Điện Biên",
    "Đông Sơn",
    "Hàm Rồng",
    "Hạc Thành",
    "Lam Sơn",
    "Lê Lai",
    "Lê Lợi",
    "Nguyễn Trãi",
    "Phan Chu Trinh",
    "Quang Trung",
    "Trần Phú",
    "Trường Thi",
)
# One commune in five is a highland commune in the demo (Thanh Hóa's west is mountainous).
HIGHLAND_EVERY = 5


def _pairs(first: tuple[str, ...], second: tuple[str, ...], seed: str) -> list[str]:
    names = [f"{a} {b}" for a in first for b in second if a != b]
    random.Random(seed).shuffle(names)
    return names


class AreaNamer:
    """Hand out names through the province, each commune's names distinct.

    Each style draws from its own shuffled list in turn, so a name comes back in the province
    only once the list (about a thousand names) is used up.
    """

    def __init__(self, seed: str):
        self._lists = {
            "village": _pairs(FIRST, SECOND, f"{seed}-village"),
            "highland": _pairs(HIGHLAND, HIGHLAND_SECOND, f"{seed}-highland"),
            "quarter": _pairs(FIRST, SECOND, f"{seed}-quarter"),
        }
        self._next = dict.fromkeys(self._lists, 0)

    def _draw(self, style: str) -> Iterator[str]:
        names = self._lists[style]
        while True:
            self._next[style] += 1  # before yielding: a draw left unfinished still counts
            yield names[(self._next[style] - 1) % len(names)]

    def names(self, *, index: int, ward: bool, count: int) -> list[str]:
        """Return `count` distinct names for the `index`-th commune of the province."""
        chosen: list[str] = []
        if ward:
            draw = self._draw("quarter")
            while len(chosen) < count:  # a quarter in three is a khu phố
                prefix = "Khu phố" if len(chosen) % 3 == 1 else "Tổ dân phố"
                name = f"{prefix} {next(draw)}"
                if name not in chosen:
                    chosen.append(name)
        else:
            highland = index % HIGHLAND_EVERY == HIGHLAND_EVERY - 1
            prefix, style = ("Bản", "highland") if highland else ("Thôn", "village")
            draw = self._draw(style)
            while len(chosen) < count:
                name = f"{prefix} {next(draw)}"
                if name not in chosen:
                    chosen.append(name)
        return chosen
