"""Dashboards read from the replica; writes, sessions and accounts never do."""

import pytest
from django.test import modify_settings, override_settings

from antq.core import dbrouter
from antq.core.roles import Role

chosen: list[tuple[str, str | None]] = []


class RecordingRouter(dbrouter.ReplicaRouter):
    """Record the router's choice, then read from `default` (one database in tests)."""

    def db_for_read(self, model, **hints):
        chosen.append((model._meta.app_label, super().db_for_read(model, **hints)))
        return None


@pytest.fixture
def routed():
    chosen.clear()
    with (
        override_settings(DATABASE_ROUTERS=[RecordingRouter()]),
        modify_settings(MIDDLEWARE={"append": "antq.core.dbrouter.ReplicaPagesMiddleware"}),
    ):
        yield chosen


def test_the_dashboard_reads_its_data_from_the_replica_and_the_session_from_default(
    client, persona, routed
):
    client.force_login(persona(Role.PROVINCE_STAFF, "38"))
    page = client.get("/")
    assert page.status_code == 200
    apps_on_replica = {app for app, db in routed if db == dbrouter.REPLICA}
    assert "units" in apps_on_replica
    assert not apps_on_replica & dbrouter.PRIMARY_ONLY
    assert ("sessions", None) in routed and ("accounts", None) in routed


def test_a_page_not_named_read_only_reads_from_default(client, persona, routed):
    client.force_login(persona(Role.PROVINCE_STAFF, "38"))
    with override_settings(ANTQ_REPLICA_VIEWS=["reports:rollup"]):
        assert client.get("/").status_code == 200
    assert routed and all(db is None for _app, db in routed)


def test_writes_and_migrations_go_to_default_only():
    router = dbrouter.ReplicaRouter()
    with dbrouter.replica_reads():
        assert router.db_for_write(object) == "default"
    assert router.allow_migrate("replica", "units") is False
    assert router.allow_migrate("default", "units") is True
