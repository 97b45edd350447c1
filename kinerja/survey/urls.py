from django.urls import path

from . import views

app_name = "survey"

urlpatterns = [
    path("results/", views.results, name="results"),
    path("results.csv", views.results_csv, name="results_csv"),
    path("s/<slug:code>/", views.open_form, name="open"),
    path("r/<str:token>/", views.token_form, name="token"),
    path("request/<str:number>/", views.request_form, name="request"),
    path("manage/", views.manage, name="manage"),
    path("manage/new/", views.service_create, name="service_create"),
    path("manage/<slug:code>/", views.service_edit, name="service_edit"),
    path("manage/<slug:code>/population/", views.population_set, name="population"),
    path("feeds/new/", views.feed_create, name="feed_create"),
    path("feeds/<int:pk>/refresh/", views.feed_refresh_view, name="feed_refresh"),
]
