from . import compare_views, recommendation_views, views

app_name = "evaluation"
urlpatterns = [*views.urlpatterns, *compare_views.urlpatterns, *recommendation_views.urlpatterns]
