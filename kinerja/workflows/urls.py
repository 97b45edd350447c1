from django.urls import include, path

from . import evaluation_urls, views

app_name = "workflows"

urlpatterns = [
    path("", views.request_list, name="index"),
    path("invite/", views.invitation_create, name="invite"),
    path("open/", views.request_open, name="open"),
    path("portfolio/", views.portfolio, name="portfolio"),
    path("evaluation/", include(evaluation_urls)),
    path("<str:number>/", views.request_detail, name="detail"),
    path("<str:number>/clock/", views.request_clock_partial, name="clock"),
    path("<str:number>/submit/", views.request_submit, name="submit"),
    path("<str:number>/return/", views.request_return, name="return"),
    path("<str:number>/cancel/", views.request_cancel, name="cancel"),
    path("<str:number>/reassign/", views.request_reassign, name="reassign"),
    path("<str:number>/withdraw/", views.worksheet_withdraw, name="withdraw"),
    path("<str:number>/compensation/", views.compensation_give, name="compensation"),
    path("<str:number>/review/", views.quality_review, name="review"),
    path("<str:number>/tick/", views.requirement_tick, name="tick"),
]
