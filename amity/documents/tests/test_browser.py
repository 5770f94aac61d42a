"""The whole negotiation in a real browser."""

import datetime
import zoneinfo

import pytest

from amity.documents.tests.factories import docx_bytes
from conftest import login


@pytest.mark.browser
def test_import_propose_accept_silence_break_compare(
    live_url, browser, group, make_user, tmp_path, artifacts_dir
):
    """The coordinator imports a zero draft, KAZ proposes new wording, the coordinator
    accepts it into Rev.1 and starts silence, TKM breaks it, and the comparison shows the
    change."""
    make_user("coord", group=group, role="coordinator", state_code="TKM")
    make_user("kaz", group=group, role="focal_point", state_code="KAZ")
    make_user("tkm", group=group, role="focal_point", state_code="TKM")
    path = tmp_path / "zero.docx"
    path.write_bytes(
        docx_bytes(
            [
                ("Declaration on neutrality", "Title"),
                ("Recalling the Charter,", None),
                ("the Group to meet once a year;", "List Number"),
            ]
        )
    )
    base = f"{live_url}/en/groups/neutrality/documents/"

    coordinator = browser.new_context().new_page()
    login(coordinator, live_url, "coord")
    coordinator.goto(base + "new/")
    coordinator.select_option("select[name=kind]", "declaration")
    coordinator.set_input_files("input[name=file]", str(path))
    coordinator.click("main button[type=submit]")
    coordinator.wait_for_load_state()
    assert "Zero draft" in coordinator.inner_text(".doc-meta")
    assert "Strongly" in coordinator.inner_text("#op1")
    doc_url = coordinator.url.split("?")[0]

    kaz = browser.new_context().new_page()
    login(kaz, live_url, "kaz")
    kaz.goto(doc_url)
    kaz.click("#op1 >> text=Propose new wording")
    kaz.fill(
        "textarea[name=new_text]", "<b>Strongly</b> <i>urge</i> the Group to meet every six months;"
    )
    kaz.fill("textarea[name=explanation]", "As in the working methods.")
    kaz.click("main button[type=submit]")
    kaz.wait_for_load_state()
    assert "every six months" in kaz.inner_text("#op1")

    coordinator.goto(doc_url + "accept/")
    coordinator.check("input[type=radio][value=accept]")
    coordinator.click("main button[type=submit]")
    coordinator.wait_for_load_state()
    assert "Rev.1" in coordinator.inner_text(".doc-meta")
    assert "every six months" in coordinator.inner_text("#op1")

    coordinator.goto(doc_url + "silence/")
    # The form reads the deadline in the viewer's zone (New York by default).
    deadline = datetime.datetime.now(zoneinfo.ZoneInfo("America/New_York")) + datetime.timedelta(
        days=4
    )
    coordinator.fill("input[name=deadline]", deadline.strftime("%Y-%m-%dT%H:%M"))
    coordinator.click("main button[type=submit]")
    coordinator.wait_for_load_state()
    assert "Under silence procedure" in coordinator.inner_text("section.silence")

    tkm = browser.new_context().new_page()
    login(tkm, live_url, "tkm")
    tkm.goto(doc_url)
    assert tkm.inner_text("time.countdown").strip()
    tkm.fill("textarea[name=reason]", "OP1 should keep the annual meeting.")
    tkm.click("section.silence button[type=submit]")
    tkm.wait_for_load_state()
    assert "OP1 should keep the annual meeting." in tkm.inner_text("[data-testid=confirm-page]")
    tkm.click("[data-testid=confirm]")
    tkm.wait_for_load_state()
    assert "Silence is broken" in tkm.inner_text("ul.messages")
    assert "Broken by Turkmenistan" in tkm.content()

    tkm.goto(doc_url + "compare/")
    article = tkm.inner_html("article.comparison")
    assert "<del>once a year</del>" in article
    assert "<ins>every six months</ins>" in article
    tkm.screenshot(path=str(artifacts_dir / "documents-compare.png"), full_page=True)
