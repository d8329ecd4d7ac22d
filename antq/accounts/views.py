"""Log-in, password change and, for administrators, account management."""

from axes.utils import reset
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from antq.core import jobs
from antq.core.errors import DomainError, found_or_404
from antq.core.forms import add_domain_error
from antq.core.history import history_of
from antq.core.paging import page_of
from antq.units.importing import ImportRejected
from antq.units.models import Unit

from . import importing, selectors, services, throttle
from .forms import AccountForm, AccountImportForm, LoginForm
from .models import Account


class LoginView(auth_views.LoginView):
    """Log-in; an address with too many failures across user names waits (429)."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        wait = throttle.login_failures_wait(request)
        if wait is not None:
            return throttle.login_failures_refusal(request, wait)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        throttle.login_failed(self.request)
        return super().form_invalid(form)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"

    def form_valid(self, form):
        services.account_password_set(
            actor=self.request.user,
            account=form.user,
            password=form.cleaned_data["new_password1"],
        )
        update_session_auth_hash(self.request, form.user)
        messages.success(
            self.request, _("Your password has been changed. Your API tokens were revoked.")
        )
        return redirect("web:home")


@login_required
def token_list(request):
    """The signed-in account's own API tokens."""
    tokens = selectors.api_token_list(actor=request.user, account=request.user)
    return render(
        request,
        "accounts/token_list.html",
        {"tokens": tokens, "now": timezone.now(), "days": services.api_token_days()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def token_revoke(request, pk: int):
    """Confirm, then revoke one token: the owner's own, or any for an administrator."""
    token = found_or_404(selectors.api_token_get, actor=request.user, token_id=pk)
    back = (
        reverse("accounts:tokens")
        if token.account_id == request.user.pk
        else reverse("accounts:edit", args=[token.account.username])
    )
    if request.method == "POST":
        services.api_token_revoke(actor=request.user, token_id=token.pk)
        messages.success(request, _("The API token %(p)s… was revoked.") % {"p": token.prefix})
        return redirect(back)
    return render(request, "accounts/token_revoke.html", {"token": token, "back": back})


@login_required
@require_http_methods(["GET", "POST"])
def account_tokens_revoke(request, username: str):
    """Confirm, then revoke every token of an account (administrators)."""
    _require_admin(request)
    account = services.account_get(actor=request.user, username=username)
    back = reverse("accounts:edit", args=[account.username])
    if request.method == "POST":
        count = services.api_tokens_revoke_all(
            actor=request.user, account=account, reason=_("Revoked by an administrator")
        )
        messages.success(request, _("Revoked %(n)s API tokens.") % {"n": count})
        return redirect(back)
    return render(
        request, "accounts/token_revoke.html", {"account": account, "back": back, "all": True}
    )


def _require_admin(request) -> None:
    if not services.can_manage_accounts(request.user):
        raise Http404


@login_required
def account_list(request):
    _require_admin(request)
    accounts = Account.objects.select_related("unit").prefetch_related("role_grants")
    q = request.GET.get("q", "").strip()
    if q:
        accounts = accounts.filter(Q(username__icontains=q) | Q(full_name__icontains=q))
    return render(
        request,
        "accounts/account_list.html",
        {"page": page_of(accounts, request.GET.get("page")), "q": q},
    )


def _unit_for(form):
    code = form.cleaned_data.get("unit_code", "").strip()
    if not code:
        return None
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        form.add_error("unit_code", _("No unit with code %(code)s.") % {"code": code})
    return unit


@login_required
@require_http_methods(["GET", "POST"])
def account_create(request):
    _require_admin(request)
    form = AccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        unit = _unit_for(form)
        if not form.errors:
            data = form.cleaned_data
            try:
                account = services.account_create(
                    actor=request.user,
                    username=data["username"],
                    unit=unit,
                    roles=data["roles"],
                    password=data["password"],
                    full_name=data["full_name"],
                    email=data["email"],
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Created account %(u)s.") % {"u": account.username})
                return redirect("accounts:list")
    return render(request, "accounts/account_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def account_edit(request, username: str):
    _require_admin(request)
    account = services.account_get(actor=request.user, username=username)
    initial = {
        "username": account.username,
        "full_name": account.full_name,
        "email": account.email,
        "unit_code": account.unit.code if account.unit else "",
        "roles": sorted(account.roles),
        "is_active": account.is_active,
    }
    form = AccountForm(request.POST or None, initial=initial)
    form.fields["username"].disabled = True
    if request.method == "POST" and form.is_valid():
        unit = _unit_for(form)
        if not form.errors:
            data = form.cleaned_data
            try:
                with transaction.atomic():  # a refused password changes nothing
                    services.account_update(
                        actor=request.user,
                        account=account,
                        unit=unit,
                        roles=data["roles"],
                        is_active=data["is_active"],
                        full_name=data["full_name"],
                        email=data["email"],
                    )
                    if data["password"]:
                        services.account_password_set(
                            actor=request.user, account=account, password=data["password"]
                        )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("accounts:list")
    history = history_of(account)
    tokens = selectors.api_token_list(actor=request.user, account=account)
    return render(
        request,
        "accounts/account_form.html",
        {
            "form": form,
            "account": account,
            "history": history,
            "tokens": tokens,
            "now": timezone.now(),
        },
    )


@login_required
@require_POST
def account_unlock(request, username: str):
    _require_admin(request)
    account = services.account_get(actor=request.user, username=username)
    reset(username=account.username)
    messages.success(request, _("Unlocked %(u)s.") % {"u": account.username})
    return redirect("accounts:list")


@login_required
@require_http_methods(["GET", "POST"])
def account_import(request):
    _require_admin(request)
    form = AccountImportForm(request.POST or None, request.FILES or None)
    problem, errors = None, []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        rows = jobs.count_rows(data, upload.name)
        if rows >= importing.background_rows():
            job = importing.accounts_import_queue(
                actor=request.user, data=data, filename=upload.name, rows=rows
            )
            return redirect("accounts:import_job", pk=job.pk)
        try:
            created = importing.accounts_import(actor=request.user, data=data, filename=upload.name)
        except ImportRejected as error:
            problem, errors = error.message, error.errors
        except DomainError as error:
            problem = error.message
        else:
            messages.success(request, _("Created %(n)s accounts.") % {"n": created})
            return redirect("accounts:list")
    return render(
        request,
        "accounts/account_import.html",
        {
            "form": form,
            "problem": problem,
            "errors": errors,
            "columns": [title for _f, title in importing.COLUMNS],
        },
        status=400 if problem else 200,
    )


@login_required
def account_import_job(request, pk: int):
    _require_admin(request)
    job = jobs.job_for(actor=request.user, pk=pk, kind=importing.JOB_KIND)
    name = "accounts/_import_job.html" if request.htmx else "accounts/import_job.html"
    return render(request, name, {"job": job})
