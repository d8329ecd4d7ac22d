"""Vietnamese text: search that ignores diacritics and case, and alphabetical order."""

import functools
import unicodedata

# The Vietnamese alphabet; letters with a breve, circumflex, horn or stroke are letters of
# their own and sort after their base letter (a < ă < â, d < đ, o < ô < ơ, u < ư).
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: index for index, letter in enumerate(_ALPHABET)}
# Tone marks are compared only when the letters are equal, in dictionary order:
# level, grave (huyền), hook (hỏi), tilde (ngã), acute (sắc), dot below (nặng).
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn


def fold(text: str) -> str:
    """Return text lower-cased with every diacritic removed ("Đông Sơn" -> "dong son")."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())


def matching(items, q: str, text_of) -> list:
    """The items whose text (`text_of(item)`) holds `q`, diacritics and case ignored; every
    item when `q` is empty. The search of the lists that are read whole (a few hundred rows)."""
    if not (needle := fold(q)):
        return list(items)
    return [item for item in items if needle in fold(text_of(item))]


def _split_letter(char_nfd: str) -> tuple[str, int]:
    base, marks = char_nfd[0], char_nfd[1:]
    letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in _LETTER_MARKS))
    tone = next((_TONE_RANK[m] for m in marks if m in _TONE_RANK), 0)
    return letter, tone


def _clusters(text: str) -> list[str]:
    clusters: list[str] = []
    for ch in unicodedata.normalize("NFD", text.lower()):
        if unicodedata.combining(ch) and clusters:
            clusters[-1] += ch
        else:
            clusters.append(ch)
    return clusters


def sort_key(text: str) -> str:
    """Return a string that sorts in Vietnamese alphabetical order under plain byte order.

    Letters decide first; tones only break ties, as in a Vietnamese dictionary. Stored in a
    column, it lets both SQLite and PostgreSQL order by it with an ordinary index.
    """
    letters: list[str] = []
    tones: list[str] = []
    for cluster in _clusters(" ".join(text.split())):
        letter, tone = _cluster_key(cluster)
        letters.append(letter)
        tones.append(tone)
    return "".join(letters) + " " + "".join(tones)


@functools.lru_cache(maxsize=4096)
def _cluster_key(cluster: str) -> tuple[str, str]:
    """The sort character and tone digit of one letter with its marks (few distinct ones)."""
    letter, tone = _split_letter(cluster)
    if letter in _LETTER_RANK:
        return chr(0x41 + _LETTER_RANK[letter]), str(tone)  # 'A'.. in alphabet order
    if letter.isdigit():
        return letter, str(tone)  # digits sort before letters
    if letter == " ":
        return "!", str(tone)  # a shorter word sorts before a longer one
    return "#", str(tone)
