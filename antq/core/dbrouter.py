"""Read-only pages read from a replica of the database, when one is configured.

With `DATABASE_REPLICA_URL` set, settings add a `replica` database, this router and
`ReplicaPagesMiddleware`. A GET or HEAD of a view named in `ANTQ_REPLICA_VIEWS` (the
dashboards and rollups: pages that only read, and may be a second behind) runs its reads on
the replica; everything else, and every write, uses `default`. Sessions, accounts and the
log-in lock-outs are always read from `default`: a replica a moment behind must not log
anyone out or let a locked account in.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
# The apps whose rows decide who the user is: never read from a replica.
PRIMARY_ONLY = {"sessions", "accounts", "auth", "axes", "contenttypes"}
READ_METHODS = {"GET", "HEAD"}
# Dashboards and rollups, by URL name (ANTQ_REPLICA_VIEWS in settings overrides them).
DEFAULT_VIEWS = ("web:home", "targets:dashboard", "reports:rollup", "reports:rollup_export")

_reading_replica: ContextVar[bool] = ContextVar("reading_replica", default=False)


@contextmanager
def replica_reads():
    """Send the reads of this block to the replica (a read-only page, a report export)."""
    token = _reading_replica.set(True)
    try:
        yield
    finally:
        _reading_replica.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reading_replica.get() and model._meta.app_label not in PRIMARY_ONLY:
            return REPLICA
        return None  # the default database

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA


class ReplicaPagesMiddleware:
    """Mark a GET of a read-only view so that its reads go to the replica."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.views = set(getattr(settings, "ANTQ_REPLICA_VIEWS", DEFAULT_VIEWS))

    def __call__(self, request):
        token = _reading_replica.set(False)
        try:
            return self.get_response(request)
        finally:
            _reading_replica.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if request.method in READ_METHODS and match and match.view_name in self.views:
            _reading_replica.set(True)
        return None
