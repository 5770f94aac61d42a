"""In Chromium: the coordinator invites a delegate from the group's page; the delegate opens
the link from the e-mail, chooses a password and lands in the group, signed in."""

import re

import pytest
from django.core import mail

from conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_invitation_from_manage_page_to_a_signed_in_delegate(
    live_url, browser, group, coordinator, artifacts_dir
):
    context = browser.new_context()
    page = context.new_page()
    login(page, live_url, coordinator.username)
    page.goto(f"{live_url}/en/groups/{group.slug}/manage/")
    page.click("text=Invitations and sign-in")
    page.fill("input[name=email]", "delegate@mfa.gov.kz")
    page.select_option("select[name=role]", value="focal_point")
    page.select_option("select[name=state]", value="KAZ")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "Invitation sent to delegate@mfa.gov.kz" in page.locator("ul.messages").inner_text()
    context.close()

    for _ in range(50):
        if mail.outbox:
            break
        page.wait_for_timeout(100)
    link = re.search(r"https?://[^/\s]+(/\S+/accounts/invitation/\S+/)", mail.outbox[-1].body)
    assert link, mail.outbox[-1].body

    context = browser.new_context()
    page = context.new_page()
    page.goto(live_url + link.group(1))
    assert "Kazakhstan" in page.locator("main").inner_text()
    page.fill("input[name=username]", "Delegate")
    page.fill("input[name=password1]", "a-long-delegate-password")
    page.fill("input[name=password2]", "a-long-delegate-password")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/groups/{group.slug}/")
    assert "delegate" in page.locator("header .account").inner_text().lower()
    page.screenshot(path=str(artifacts_dir / "accounts-invitation-accepted.png"))
    context.close()
