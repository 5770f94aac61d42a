"""The search page: a query, filters (kind, year, group), a page of results the visitor may
see, with the matching words marked."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from amity.members import selectors as member_selectors
from amity.members.cache import cache_site_page_with, public_page_of
from amity.search import selectors
from amity.search.forms import SearchForm


# Kept for anonymous readers under the site's version (results span every group), per query;
# the index follows the writes after their commit, so a kept page is at most
# AMITY_PUBLIC_PAGE_SECONDS behind it.
@cache_site_page_with("q", "kind", "year", "group", "page")
def search(request: HttpRequest) -> HttpResponse:
    public_page_of(request, 0)
    groups = list(member_selectors.group_list())
    form = SearchForm(request.GET or None, years=selectors.years(), groups=groups)
    result_page = None
    group = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        group = next((g for g in groups if g.slug == data["group"]), None)
        result_page = selectors.search(
            user=request.user,
            q=data["q"],
            kind=data["kind"] or None,
            year=data["year"],
            group_id=group.pk if group else None,
            page=data["page"] or 1,
        )
    next_query = None
    if result_page is not None and result_page.has_next:
        params = request.GET.copy()
        params["page"] = str(result_page.page + 1)
        next_query = params.urlencode()
    return render(
        request,
        "search/results.html",
        {"form": form, "result_page": result_page, "group": group, "next_query": next_query},
    )
