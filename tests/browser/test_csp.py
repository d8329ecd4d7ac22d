"""The main pages load under the strict Content-Security-Policy with no violation."""

from antq.core.roles import Role
from conftest import PASSWORD

MAIN_PAGES = [
    "/",
    "/units/",
    "/evaluation/",
    "/reports/",
    "/targets/",
    "/models/",
    "/forces/",
    "/directives/",
    "/campaigns/",
    "/funding/",
    "/tips/",
    "/awards/",
    "/documents/",
]


def test_main_pages_load_with_no_csp_violation(page, log_in, tree, persona):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.on("pageerror", lambda error: violations.append(str(error)))
    log_in(persona(Role.PROVINCE_STAFF), PASSWORD)
    for path in ["/accounts/login/", *MAIN_PAGES]:
        response = page.goto(path)
        assert "default-src 'self'" in response.headers["content-security-policy"], path
        page.wait_for_load_state("load")
    assert violations == []
