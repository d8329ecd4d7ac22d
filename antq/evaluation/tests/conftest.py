import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Keep uploaded dossiers out of the working tree."""
    settings.MEDIA_ROOT = tmp_path / "media"
