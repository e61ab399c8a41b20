"""Top-level URLs: the staff admin and the public archive (articles.urls)."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "江南晚报数字档案 · 管理"
admin.site.site_title = "江南晚报数字档案"
admin.site.index_title = "档案管理"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("articles.search_urls")),
    path("", include("articles.research.urls")),
    path("", include("articles.urls")),
]

# Friendly Chinese error pages (templates/404.html, templates/500.html).
handler404 = "articles.views.page_not_found"
handler500 = "articles.views.server_error"
