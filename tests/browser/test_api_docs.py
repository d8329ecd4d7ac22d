"""The API's documentation page works with no network: Swagger UI comes from the site."""

from urllib.parse import urlsplit

from antq.core.roles import Role
from conftest import PASSWORD


def test_api_docs_render_with_the_network_blocked(page, log_in, tree, persona, live_server):
    local = urlsplit(live_server.url).netloc
    foreign = []

    def only_local(route):
        if urlsplit(route.request.url).netloc == local:
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    page.context.route("**/*", only_local)
    log_in(persona(Role.PROVINCE_STAFF), PASSWORD)
    # The docs are linked from the account's menu, beside its API tokens.
    page.locator("header details.dropdown summary").click()
    page.get_by_role("link", name="Tài liệu API").click()
    page.wait_for_url("**/api/v1/docs")
    operations = page.locator(".opblock")
    operations.first.wait_for(timeout=60_000)  # Swagger UI lays out ~110 operations
    assert operations.count() > 50
    # Every operation is named in Vietnamese, not by its generated English name.
    summaries = page.locator(".opblock-summary-description").all_inner_texts()
    assert "Mở năm đánh giá" in summaries, summaries[:5]
    assert foreign == []
