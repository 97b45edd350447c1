from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, can
from kinerja.accounts.selectors import role_assignment_list
from kinerja.core.exports import Column, Table, export_response, requested_format
from kinerja.core.history import history_entries

from . import selectors, services
from .forms import UnitProfileForm


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    units = selectors.unit_list(user=request.user, query=query)
    if fmt := requested_format(request):
        table = Table(
            title=_("Organisation units"),
            filters=f"{_('Search')}: {query}" if query else "",
            columns=[
                Column(_("Unit")),
                Column(_("Short name")),
                Column(_("Code")),
                Column(_("Kind")),
                Column(_("Parent")),
            ],
            rows=[
                [
                    unit.name,
                    unit.short_name,
                    unit.code,
                    unit.get_kind_display(),
                    unit.parent.code if unit.parent else "",
                ]
                for unit in units.select_related("parent")
            ],
            filename="unit-kerja",
        )
        return export_response(request, table, fmt)
    template = "organization/unit_list.html#unit-rows" if request.htmx else "organization/unit_list.html"
    return render(request, template, {"units": units, "query": query})


@login_required
def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    unit = selectors.unit_get(user=request.user, code=code)
    assignments = role_assignment_list(user=request.user, unit_id=unit.pk)
    if fmt := requested_format(request):
        table = Table(
            title=f"{_('People and roles')} · {unit.name}",
            filters=unit.code,
            columns=[Column(_("Name")), Column(_("Role"))],
            rows=[[a.user.get_full_name(), a.get_role_display()] for a in assignments],
            filename=f"peran-{unit.code}",
        )
        return export_response(request, table, fmt)
    return render(
        request,
        "organization/unit_detail.html",
        {
            "unit": unit,
            "children": selectors.unit_list(user=request.user).filter(parent=unit),
            "assignments": assignments,
            "history": history_entries(unit),
            "can_change": can(request.user, Action.CHANGE, unit),
        },
    )


@login_required
def unit_edit(request: HttpRequest, code: str) -> HttpResponse:
    unit = selectors.unit_get(user=request.user, code=code)
    if not can(request.user, Action.CHANGE, unit):
        raise PermissionDenied
    if request.method == "POST":
        form = UnitProfileForm(request.POST, instance=unit)
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in services.PROFILE_FIELDS}
            try:
                services.unit_update_profile(
                    unit=selectors.unit_get(user=request.user, code=code, action=Action.CHANGE),
                    expected_version=form.cleaned_data["row_version"],
                    **fields,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Unit profile saved."))
                return redirect("organization:unit_detail", code=unit.code)
    else:
        form = UnitProfileForm(instance=unit, initial={"row_version": unit.row_version})
    return render(request, "organization/unit_edit.html", {"unit": unit, "form": form})
