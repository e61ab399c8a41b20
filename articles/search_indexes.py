"""What haystack indexes for an article (the Whoosh schema built from it: articles/search/backend.py).

``text`` (the document field) is rendered from templates/search/indexes/articles/article_text.txt:
headline, paragraphs and bylines as printed, one part per blank-line separated block; the backend
derives the recall and ranking terms from it. ``body`` is the article's body alone (lead and
paragraphs, as ``Article.paragraphs``), for the ``正文:`` scope. The other fields filter, facet
and sort.
"""

from haystack import indexes

from articles.models import Article


class ArticleIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True, use_template=True)
    headline = indexes.CharField(model_attr="headline")
    # Not stored: the engines keep it as a range of the text (Whoosh) or its own grams (Xapian).
    body = indexes.CharField(stored=False)
    issue_date = indexes.DateField(model_attr="page__issue__date_issued")
    year = indexes.IntegerField()
    reporters = indexes.MultiValueField()
    column = indexes.CharField(model_attr="section", default="")
    paper = indexes.CharField(model_attr="page__issue__paper__name", default="")
    page_label = indexes.CharField(default="")
    page_number = indexes.IntegerField(model_attr="page__sequence")

    def get_model(self):
        return Article

    def get_updated_field(self):
        return "updated"  # lets `update_index --age` pick recently changed articles

    def index_queryset(self, using=None):
        # 日期待定: an article whose page has no date yet waits for staff before it is searchable.
        return (
            Article.objects.select_related("page__issue__paper")
            .filter(page__issue__date_issued__isnull=False)
            .prefetch_related("bylines__person")
        )

    def prepare_body(self, obj):
        # Paragraphs separated by blank lines, as the document template renders them, so the
        # body's parts are exactly the text's body parts.
        return "\n\n".join(obj.paragraphs)

    def prepare_year(self, obj):
        return obj.page.issue.date_issued.year

    def prepare_page_label(self, obj):
        # The label as the source gave it (A02), else the page's one display name (头版, 第3版).
        return (obj.page.label or "").strip() or obj.page.display_label

    def prepare_reporters(self, obj):
        return [b.person.name for b in sorted(obj.bylines.all(), key=lambda b: b.position)]
