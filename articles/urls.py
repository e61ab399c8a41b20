"""Public URLs: stable, human-readable, fit for citation."""

from django.urls import path, register_converter

from . import views


class IsoDateConverter:
    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value):
        import datetime as dt

        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(value) from None  # Django turns this into a 404

    def to_url(self, value):
        return value.isoformat() if hasattr(value, "isoformat") else str(value)


register_converter(IsoDateConverter, "isodate")

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("issues/<isodate:date>/", views.issue_detail, name="issue-detail"),
    path("articles/<int:pk>/", views.article_detail, name="article-detail"),
    path("reporters/<int:pk>/", views.reporter_detail, name="reporter-detail"),
]
