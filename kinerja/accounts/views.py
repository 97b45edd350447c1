from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from . import services
from .access import active_assignments
from .forms import ProfileForm, QueuedPasswordResetForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = QueuedPasswordResetForm
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = "/accounts/password/reset/done/"


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=request.user)
        if form.is_valid():
            services.user_update_profile(
                user=request.user,  # type: ignore[arg-type]
                full_name=form.cleaned_data["full_name"],
                email=form.cleaned_data["email"],
            )
            messages.success(request, _("Profile saved."))
            return redirect("accounts:profile")
    else:
        form = ProfileForm(instance=request.user)
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "assignments": active_assignments(request.user),
            "has_token": Token.objects.filter(user=request.user).exists(),
        },
    )


@login_required
@require_POST
def token_regenerate(request: HttpRequest) -> HttpResponse:
    token = services.token_regenerate(user=request.user)  # type: ignore[arg-type]
    messages.success(
        request, _("Your new API token (shown once, keep it secret): %(key)s") % {"key": token.key}
    )
    return redirect("accounts:profile")
