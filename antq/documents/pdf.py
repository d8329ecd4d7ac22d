"""The PDF of a document is the .docx converted by LibreOffice headless, never a second layout.

Each job gets its own LibreOffice profile and a fontconfig file that adds the vendored
Liberation Serif 2 (metric-compatible with Times New Roman, covering Vietnamese) and maps
"Times New Roman" to it, so the page breaks where Word breaks it.
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

FONTS = Path(__file__).resolve().parent / "fonts"
TIMEOUT_SECONDS = 120
INSTALL_HINT = "apt-get install libreoffice-writer-nogui"

_FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{fonts}</dir>
  <cachedir>{cache}</cachedir>
  <alias binding="same"><family>Times New Roman</family>
    <prefer><family>Liberation Serif</family></prefer></alias>
</fontconfig>
"""


class ConverterMissing(RuntimeError):
    """LibreOffice is not installed on this server."""


class ConversionFailed(RuntimeError):
    pass


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes, *, timeout: int = TIMEOUT_SECONDS) -> bytes:
    program = soffice()
    if program is None:
        raise ConverterMissing(INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="antq-pdf-") as work:
        folder = Path(work)
        source = folder / "document.docx"
        source.write_bytes(docx)
        (folder / "fonts.conf").write_text(
            _FONTS_CONF.format(fonts=FONTS, cache=folder / "fontcache"), encoding="utf-8"
        )
        env = {**os.environ, "FONTCONFIG_FILE": str(folder / "fonts.conf"), "HOME": work}
        command = [
            program,
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        try:
            done = subprocess.run(
                command, env=env, capture_output=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired as error:
            raise ConversionFailed(f"timeout after {timeout} s") from error
        target = folder / "document.pdf"
        if not target.exists():
            raise ConversionFailed(done.stderr.decode(errors="replace")[-500:])
        return target.read_bytes()
