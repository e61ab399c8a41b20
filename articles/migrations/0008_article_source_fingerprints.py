# Each loaded article's source page and fingerprint (its own migration: on PostgreSQL the
# rows it updates must be committed before the next migration alters the table).

import hashlib
import unicodedata

from django.db import migrations


def fingerprint_loaded_articles(apps, schema_editor):
    """Every article loaded so far was printed on the page it is on: that page is its source,
    and its fingerprint is taken from the text the parser read (as
    ``sources.article_fingerprints``, copied here so this migration stays as it is)."""
    Article = apps.get_model("articles", "Article")
    page_id, seen, batch = None, {}, []
    for article in Article.objects.order_by("page_id", "sequence").only(
        "pk", "page_id", "parsed", "headline", "lead", "body"
    ).iterator(chunk_size=2000):
        if article.page_id != page_id:
            page_id, seen = article.page_id, {}
        parsed = article.parsed or {}
        text = "\n".join(parsed.get(name, getattr(article, name)) or "" for name in ("headline", "lead", "body"))
        folded = "".join(unicodedata.normalize("NFKC", text).split())
        seen[folded] = seen.get(folded, 0) + 1
        if seen[folded] > 1:
            folded = f"{folded}#{seen[folded]}"
        article.source_page_id = article.page_id
        article.source_fingerprint = hashlib.sha256(folded.encode("utf-8")).hexdigest()
        batch.append(article)
        if len(batch) >= 2000:
            Article.objects.bulk_update(batch, ["source_page", "source_fingerprint"])
            batch = []
    if batch:
        Article.objects.bulk_update(batch, ["source_page", "source_fingerprint"])


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0007_article_source_identity"),
    ]

    operations = [
        migrations.RunPython(fingerprint_loaded_articles, migrations.RunPython.noop, elidable=True),
    ]
