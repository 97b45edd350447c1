from django.urls import path

from . import lkj_views

urlpatterns = [
    path("<str:code>/<int:year>/", lkj_views.workspace, name="lkj"),
    path("<str:code>/<int:year>/chapters/<str:section>", lkj_views.section_save, name="lkj_section"),
    path("<str:code>/<int:year>/indicators/<int:indicator>", lkj_views.note_save, name="lkj_note"),
    path("<str:code>/<int:year>/submit", lkj_views.submit, name="lkj_submit"),
    path("<str:code>/<int:year>/return", lkj_views.return_, name="lkj_return"),
    path("<str:code>/<int:year>/review", lkj_views.review, name="lkj_review"),
]
