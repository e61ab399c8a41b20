"""Stable public URLs: remember the keys a public page was once served under, and find where
they lead now.

An issue's URL is its date and a reporter's URL is their id. When staff correct a date
(``curation.issue_confirm_date``), when a page file moves to another inferred date on re-ingest
(``services``), or when reporters are merged (``curation.person_merge``), the old key is kept
here, inside the same transaction as the change, so ``/issues/<old date>/`` and
``/reporters/<old id>/`` answer 301 to the page that holds the content now. Articles keep
their id through every move, so their URLs never need this.

Writers (``issue_date_retired``, ``issue_merged``, ``person_ids_retired``) are called only by
the services that make the change; readers (``issue_for_old_date``, ``person_for_old_id``,
``page_for_old_sequence``) only by the views.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.urls import reverse

from .models import Issue, IssueDateRedirect, Page, Paper, Person, PersonRedirect


# ---------------------------------------------------------------- writers ---------


def issue_date_retired(*, issue: Issue, old_date: dt.date, into: Issue | None = None) -> None:
    """``issue`` was published at ``/issues/<old_date>/``; from now on ``into`` (default: the
    same issue, under its new date) holds its pages. Call inside the transaction that changes
    the date or moves the pages, before ``issue`` is deleted if it is."""
    target = into or issue
    sequences = {str(seq): pk for seq, pk in issue.pages.values_list("sequence", "pk")}
    if into is not None and into.pk != issue.pk:
        # Dates that led to the issue now going away lead to the one that takes its pages.
        IssueDateRedirect.objects.filter(issue=issue).update(issue=into)
    # The newest move answers; a date is a key within one paper (/papers/<slug>/issues/…).
    IssueDateRedirect.objects.filter(old_date=old_date, issue__paper_id=issue.paper_id).delete()
    IssueDateRedirect.objects.create(old_date=old_date, issue=target, page_sequences=sequences)


def issue_date_taken(*, date: dt.date, paper_id: int | None = None) -> None:
    """An issue of the paper is published under ``date`` again: its own page answers, not a
    redirect."""
    redirects = IssueDateRedirect.objects.filter(old_date=date)
    if paper_id is not None:
        redirects = redirects.filter(issue__paper_id=paper_id)
    redirects.delete()


def person_ids_retired(*, people: Iterable[Person], into: Person) -> None:
    """``people`` are merged into ``into``; call before they are deleted."""
    people = [p for p in people if p.pk != into.pk]
    PersonRedirect.objects.filter(person__in=people).update(person=into)
    PersonRedirect.objects.bulk_create(
        [PersonRedirect(old_id=p.pk, old_name=p.name, person=into) for p in people]
    )


# ---------------------------------------------------------------- readers ---------


def _redirects(date: dt.date, paper: Paper | None):
    redirects = IssueDateRedirect.objects.filter(old_date=date)
    return redirects.filter(issue__paper=paper) if paper is not None else redirects


def issue_for_old_date(date: dt.date, paper: Paper | None = None) -> Issue | None:
    """The issue of ``paper`` that was once published under ``date``, under its date now."""
    redirect = _redirects(date, paper).select_related("issue").first()
    return redirect.issue if redirect else None


def page_for_old_sequence(date: dt.date, sequence: int, paper: Paper | None = None) -> Page | None:
    """The page printed as page ``sequence`` of the issue once dated ``date``, wherever it is now."""
    redirect = _redirects(date, paper).first()
    if redirect is None:
        return None
    page_id = redirect.page_sequences.get(str(sequence))
    return Page.objects.select_related("issue").filter(pk=page_id).first() if page_id else None


def person_for_old_id(pk: int) -> Person | None:
    redirect = PersonRedirect.objects.filter(old_id=pk).select_related("person").first()
    return redirect.person if redirect else None


def archive_url(paper: Paper | None = None, year: int | None = None, month: int | None = None) -> str:
    """The calendar of ``paper`` (default paper: the original ``/issues/…`` URLs)."""
    kwargs: dict = {}
    if year is not None:
        kwargs["year"] = f"{int(year):04d}"
    if month is not None:
        kwargs["month"] = f"{int(month):02d}"
    name = {0: "archive", 1: "archive-year", 2: "archive-month"}[len(kwargs)]
    if paper is not None and not paper.is_default:
        return reverse(f"articles:paper-{name}", kwargs={"paper": paper.slug, **kwargs})
    return reverse(f"articles:{name}", kwargs=kwargs)
