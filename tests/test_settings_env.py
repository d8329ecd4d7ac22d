"""A deployment configures ANTQ through its environment, as docs/deployment.md lists."""

import subprocess
import sys


def _settings_in_fresh_process(environment: dict[str, str], names: list[str]) -> list[str]:
    code = (
        "import django; django.setup(); from django.conf import settings; "
        f"print('|'.join(str(getattr(settings, n)) for n in {names!r}))"
    )
    env = {"DJANGO_SETTINGS_MODULE": "antq.settings.base", "PATH": "/usr/bin:/bin", **environment}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip().split("|")


def test_mail_goes_through_the_relay_the_environment_names():
    values = _settings_in_fresh_process(
        {
            "EMAIL_HOST": "mail.congan.thanhhoa.gov.vn",
            "EMAIL_PORT": "587",
            "EMAIL_HOST_USER": "antq",
            "EMAIL_USE_TLS": "1",
        },
        ["EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_USE_TLS"],
    )
    assert values == ["mail.congan.thanhhoa.gov.vn", "587", "antq", "True"]


def test_without_a_relay_named_mail_goes_to_the_local_one():
    assert _settings_in_fresh_process({}, ["EMAIL_HOST", "EMAIL_PORT", "EMAIL_USE_TLS"]) == [
        "localhost",
        "25",
        "False",
    ]
