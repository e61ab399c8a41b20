"""Public pages. Views stay thin: queries live on the QuerySets, writes in ``services``."""

from django.shortcuts import get_object_or_404, render

from .models import Article, Issue, Person


def home(request):
    issues = Issue.objects.with_counts()
    return render(request, "articles/home.html", {"issues": issues})


def issue_detail(request, date):
    issue = get_object_or_404(Issue, date_issued=date)
    pages = issue.pages.prefetch_related("articles__bylines__person")
    return render(request, "articles/issue_detail.html", {"issue": issue, "pages": pages})


def article_detail(request, pk):
    article = get_object_or_404(Article.objects.with_page(), pk=pk)
    return render(request, "articles/article_detail.html", {"article": article})


def reporter_detail(request, pk):
    person = get_object_or_404(Person, pk=pk)
    articles = Article.objects.with_page().filter(bylines__person=person).in_print_order().distinct()
    return render(request, "articles/reporter_detail.html", {"person": person, "articles": articles})
