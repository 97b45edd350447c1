from django.urls import path

from . import views

app_name = "validation"

urlpatterns = [
    path("<str:number>/matrix/", views.matrix, name="matrix"),
    path("<str:number>/matrix/new/", views.proposal_create, name="proposal_create"),
    path("<str:number>/matrix/<int:pk>/", views.proposal_edit, name="proposal_edit"),
    path("<str:number>/matrix/<int:pk>/delete/", views.proposal_delete, name="proposal_delete"),
    path("<str:number>/matrix/template.xlsx", views.matrix_download, name="matrix_template"),
    path("<str:number>/matrix/import/", views.matrix_import, name="matrix_import"),
    path("<str:number>/session/", views.session, name="session"),
    path("<str:number>/session/<int:pk>/verdict/", views.proposal_verdict, name="verdict"),
    path("<str:number>/validators/", views.validators, name="validators"),
    path("<str:number>/validators/assign/", views.validator_assign, name="validator_assign"),
    path("<str:number>/validators/<int:pk>/remove/", views.validator_remove, name="validator_remove"),
    path("<str:number>/validators/ask-itjen/", views.validators_call, name="validators_call"),
    path("<str:number>/worksheet/", views.worksheet, name="worksheet"),
    path("<str:number>/nota-dinas/", views.nota_dinas_download, name="nota_dinas"),
]
