"""The member list as a table for the exports (CSV, Excel, PDF), in the page's language."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.utils.translation import gettext as _

from amity.core.exports import Table, ascii_name
from amity.core.formatting import date_as_known, date_long
from amity.members.models import Group, Membership


def member_table(
    *,
    group: Group,
    memberships: Iterable[Membership],
    language: str,
    on: datetime.date | None,
    today: datetime.date,
) -> Table:
    """One row per member: the UN name in ``language``, the ISO code, the regional group and
    the date of joining as precisely as it is known."""
    rows: list[list[str | int | datetime.date | None]] = [
        [
            m.state.name_in(language)[0],
            m.state.iso3,
            str(m.state.get_regional_group_display()),
            date_as_known(m.joined_on, m.joined_precision, language) if m.joined_on else "",
        ]
        for m in memberships
    ]
    subtitle = (
        _("Members on %(day)s") % {"day": date_long(on, language)}
        if on
        else _("Current members on %(day)s") % {"day": date_long(today, language)}
    )
    return Table(
        title=_("Members of %(group)s") % {"group": group.name},
        subtitle=subtitle,
        headers=[_("State"), _("ISO code"), _("Regional group"), _("Joined")],
        rows=rows,
        language=language,
        filename=ascii_name(group.slug, "members", (on or today).isoformat()),
        notes=[
            _("%(count)s members listed.") % {"count": len(rows)},
        ],
    )
