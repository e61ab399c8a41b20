"""``manage.py export_articles``: every article as JSON Lines, for researchers' data dumps."""

import json

from django.core.management.base import BaseCommand

from articles.models import Article
from articles.serializers import article_export


class Command(BaseCommand):
    help = "把全部文章导出为 JSON Lines（每行一篇）。Print all articles as JSON Lines."

    def handle(self, *args, **options):
        articles = (
            Article.objects.select_related("page", "page__issue", "page__issue__paper")
            .prefetch_related("bylines__person")
            .order_by("page__issue__date_issued", "page__sequence", "sequence")
        )
        for article in articles.iterator(chunk_size=500):
            self.stdout.write(json.dumps(article_export(article), ensure_ascii=False))
