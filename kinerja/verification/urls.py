from django.urls import path

from . import views

app_name = "verification"

urlpatterns = [
    path("<str:number>/session/", views.session, name="session"),
    path("<str:number>/lines/<int:pk>/", views.line, name="line"),
    path("<str:number>/lines/<int:pk>/preview/", views.line_preview, name="line_preview"),
    path("<str:number>/lines/<int:pk>/check/", views.line_check, name="line_check"),
    path("<str:number>/issue/", views.issue, name="issue"),
    path("<str:number>/return/", views.return_, name="return"),
]
