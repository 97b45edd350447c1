from django.urls import include, path

app_name = "reports"
urlpatterns = [
    path("", include("kinerja.reports.document_urls")),
    path("lkj/", include("kinerja.reports.lkj_urls")),
]
