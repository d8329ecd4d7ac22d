"""Acceptance 4: a commune officer completes a residential area's self-assessment.

The verdict on the page follows the answers live (HTMX), and an unmet criterion shows its
reason with the figures used.
"""

from playwright.sync_api import expect

from antq.core.roles import Role
from antq.evaluation import selectors
from antq.evaluation.tests.support import YEAR, all_yes, open_year, register
from conftest import PASSWORD


def _log_in(page, account):
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(account.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_commune_officer_self_assesses_a_residential_area_with_a_live_verdict(page, tree, persona):
    officer = persona(Role.COMMUNE_OFFICER)
    campaign = open_year(persona)
    register(
        officer, campaign, tree["16417-KDC01"], households_resident=250, households_registered=250
    )
    _log_in(page, officer)
    page.goto(f"/evaluation/38/{YEAR}/16417-KDC01/assessment/")

    # The households come from the registration, with their source shown.
    expect(page.get_by_test_id("source-households_registered")).to_be_visible()
    for item_id in all_yes("residential_area"):
        page.locator(f"[id='a-{item_id}-yes']").check()
    summary = page.locator("#verdict-summary")
    expect(summary).to_have_attribute("data-met", "true")

    # One event happened (4.3.c): the verdict turns at once and says why.
    page.locator("[id='a-4.3.c-no']").check()
    expect(summary).to_have_attribute("data-met", "false")
    expect(page.get_by_test_id("criterion-4.3")).to_have_attribute("data-met", "false")
    reason = page.get_by_test_id("reason-4.3")
    expect(reason).to_be_visible()
    expect(reason).to_contain_text("4.3.c")
    expect(page.get_by_test_id("reason-4.1")).to_have_count(0)

    page.locator("#save").click()
    expect(page.locator("#status")).to_have_attribute("data-status", "draft")
    expect(page.locator("[id='a-4.3.c-no']")).to_be_checked()
    expect(page.get_by_test_id("reason-4.3")).to_contain_text("4.3.c")

    page.locator("[id='a-4.3.c-yes']").check()
    expect(summary).to_have_attribute("data-met", "true")
    page.locator("#submit").click()
    expect(page.locator("#status")).to_have_attribute("data-status", "submitted")
    saved = selectors.assessment_for(campaign=campaign, unit=tree["16417-KDC01"])
    assert saved.met is True and saved.submitted_answers["4.3.c"] is True


def test_province_staff_change_a_deadline_and_an_authority_on_the_year_page(page, tree, persona):
    open_year(persona)
    _log_in(page, persona(Role.PROVINCE_STAFF))
    page.goto(f"/evaluation/38/{YEAR}/")
    expect(page.locator("#registration_before")).to_have_text(f"01/04/{YEAR}")
    page.locator("#edit-year").click()
    page.locator("[name=registration_before]").fill(f"{YEAR}-04-20")
    page.locator("[name='verifier:residential_area']").select_option("province")
    page.locator("#save-year").click()
    expect(page.locator("#registration_before")).to_have_text(f"20/04/{YEAR}")
    campaign = selectors.year_get(province="38", year=YEAR)
    assert campaign.authorities["residential_area"]["verifier"] == "province"
