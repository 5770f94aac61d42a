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
    link = re.search(r"https?://[^/\s]+(/\S+/accounts/invitation/\S+/)", str(mail.outbox[-1].body))
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


def test_security_key_added_then_asked_at_sign_in(live_url, browser, make_user, settings):
    """WebAuthn with Chromium's virtual authenticator (DevTools protocol): the key is added on
    the second-factor page, then the next sign-in asks for it and accepts it."""
    from allauth.mfa.models import Authenticator

    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True  # http on the test server
    user = make_user("keyholder")
    # A relying party is a host name, never an IP address: the browser goes to localhost.
    site = live_url.replace("127.0.0.1", "localhost")
    context = browser.new_context()
    page = context.new_page()
    devtools = context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    login(page, site, "keyholder")
    page.goto(f"{site}/en/accounts/2fa/webauthn/add/")
    if "/reauthenticate/" in page.url:
        page.fill("input[name=password]", "a-long-test-password")
        page.click("main form button[type=submit]")
        page.wait_for_url("**/webauthn/add/")
    name = page.locator("input[name=name]")
    if name.count():
        name.fill("Desk key")
    page.click("#mfa_webauthn_add")
    page.wait_for_url(lambda url: "/webauthn/add/" not in url)
    assert Authenticator.objects.filter(user=user, type="webauthn").exists()
    from amity.members.models import AuditEntry

    assert AuditEntry.objects.filter(action="mfa.added", actor=user, data__type="webauthn").exists()
    page.click("header .account button[type=submit]")  # sign out
    page.wait_for_load_state()

    page.goto(f"{site}/en/accounts/login/")
    page.fill("input[name=login]", "keyholder")
    page.fill("input[name=password]", "a-long-test-password")
    page.click("main button[type=submit]")
    page.wait_for_url("**/2fa/authenticate/")
    page.click("#mfa_webauthn_authenticate")
    page.wait_for_url(lambda url: "/2fa/" not in url)
    assert "keyholder" in page.locator("header .account").inner_text()
    context.close()
