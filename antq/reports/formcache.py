"""A report form with its indicators and cross rules, read once and kept in the cache.

Submissions on deadline day all read the same few forms: reading the form, its indicators and
its rules for each one costs three queries per request. They are kept in Django's cache (Redis
in production, so every worker sees the same entries) under a key that holds a version; any
save or deletion of a form, an indicator, a form's row or a rule sets a new version, so the next
read goes to the database. A lifetime bounds what a per-process cache (LocMemCache, when
REDIS_URL is not set and several processes run) could serve after a change made elsewhere.
"""

import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import CrossRule, FormIndicator, Indicator, ReportForm

VERSION_KEY = "reports:forms:version"
LIFETIME = 300  # seconds


@dataclass(frozen=True)
class FormBundle:
    form: ReportForm
    indicators: tuple[Indicator, ...]
    rules: tuple[CrossRule, ...]


def _version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY) or "0"
    return version


def _read(form: ReportForm) -> FormBundle:
    indicators = tuple(form.ordered_indicators())
    rules = tuple(form.cross_rules.select_related("left", "right"))
    return FormBundle(form=form, indicators=indicators, rules=rules)


def bundle(form: ReportForm) -> FormBundle:
    """Return `form` with its indicators and rules, from the cache when it holds this version."""
    key = f"reports:form:{form.pk}:{_version()}"
    found = cache.get(key)
    if isinstance(found, FormBundle) and _same(found.form, form):
        return FormBundle(form=form, indicators=found.indicators, rules=found.rules)
    fresh = _read(form)
    cache.set(key, fresh, LIFETIME)
    return fresh


def bundle_by_code(code: str) -> FormBundle | None:
    """Return the form with this code and its indicators and rules, or None: no query when
    the cache holds it."""
    key = f"reports:form-code:{code}:{_version()}"
    found = cache.get(key)
    if isinstance(found, FormBundle):
        return found
    form = ReportForm.objects.filter(code=code).first()
    if form is None:
        return None
    fresh = _read(form)
    cache.set(key, fresh, LIFETIME)
    cache.set(f"reports:form:{form.pk}:{_version()}", fresh, LIFETIME)
    return fresh


def _same(cached: ReportForm, given: ReportForm) -> bool:
    return cached.pk == given.pk and cached.code == given.code


def forget() -> None:
    """Set a new version: every cached form is read again."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def _changed(**_kwargs) -> None:
    forget()
    # and once more when the change is committed, in case a reader cached the old rows meanwhile
    transaction.on_commit(forget)


for _model in (ReportForm, Indicator, FormIndicator, CrossRule):
    receiver(post_save, sender=_model, dispatch_uid=f"formcache-save-{_model.__name__}")(_changed)
    receiver(post_delete, sender=_model, dispatch_uid=f"formcache-del-{_model.__name__}")(_changed)
