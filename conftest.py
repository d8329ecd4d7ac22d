"""Shared fixtures: a small real-looking tree built through the services, and personas."""

from datetime import date

import pytest

from antq.accounts.services import account_create, api_token_issue
from antq.core.roles import Role
from antq.units import services
from antq.units.models import Unit

PASSWORD = "Mat-khau-thu-nghiem-2026"


class Tree:
    """Two provinces; the first with two communes, their areas and establishments."""

    def __init__(self, root_actor):
        made = {}

        def unit(code, name, kind, parent=None, **extra):
            made[code] = services.unit_create(
                actor=root_actor,
                code=code,
                name=name,
                kind=kind,
                parent=made[parent] if parent else None,
                valid_from=extra.pop("valid_from", date(2025, 7, 1)),
                **extra,
            )
            return made[code]

        self.province = unit("38", "Thanh Hóa", "province", division_type="tỉnh")
        self.commune = unit("16417", "Phường Đông Quang", "commune", "38", division_type="phường")
        self.commune2 = unit("16522", "Phường Quảng Phú", "commune", "38", division_type="phường")
        self.area = unit("16417-KDC01", "Thôn Đông Hưng", "residential_area", "16417")
        self.area2 = unit("16417-KDC02", "Tổ dân phố Lê Lợi", "residential_area", "16417")
        self.area3 = unit("16522-KDC01", "Thôn Quảng Đại", "residential_area", "16522")
        self.school = unit(
            "16417-TH01", "Trường THCS Đông Quang", "school", "16417", managing_level="commune"
        )
        self.agency = unit("38-CQ01", "Sở Tư pháp", "agency", "38", managing_level="province")
        self.other_province = unit("01", "Hà Nội", "province", division_type="thành phố")
        self.other_commune = unit("00004", "Phường Ba Đình", "commune", "01")
        self.other_area = unit("00004-KDC01", "Tổ dân phố Đội Cấn", "residential_area", "00004")
        self.units = made

    def __getitem__(self, code) -> Unit:
        return Unit.objects.get(code=code)


class _Root:
    """The set-up actor: an administrator that is not an account of the system under test."""

    is_superuser = True
    unit_id = None
    pk = None

    def has_role(self, role):
        return role == Role.ADMIN


FORTY_COMMUNES = tuple(f"169{index:02}" for index in range(40))


@pytest.fixture
def forty_communes(tree):
    """Forty more communes of the first province, "Xã Thử 00" to "Xã Thử 39" (codes 16900 to
    16939): several pages of any list of communes. Returns their codes."""
    for index, code in enumerate(FORTY_COMMUNES):
        services.unit_create(
            actor=_Root(),
            code=code,
            name=f"Xã Thử {index:02}",
            kind="commune",
            parent=tree.province,
            division_type="xã",
            valid_from=date(2025, 7, 1),
        )
    return FORTY_COMMUNES


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: the per-address counters of the public side
    (antq.accounts.throttle) count every test's requests from the same test address. Only
    the in-process cache is cleared, never a Redis that others may share."""
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    cache = caches["default"]
    local = isinstance(cache, LocMemCache)
    if local:
        cache.clear()
    yield
    if local:
        cache.clear()


@pytest.fixture
def tree(db):
    return Tree(_Root())


# Which unit each persona works in; establishment officers sit at the commune's school.
PERSONA_UNIT = {
    Role.ADMIN: "38",
    Role.PROVINCE_STAFF: "38",
    Role.COMMUNE_OFFICER: "16417",
    Role.ESTABLISHMENT_OFFICER: "16417-TH01",
    Role.LEADER: "38",
    Role.APPRAISER: "38",
    Role.VIEWER: "16417",
}


@pytest.fixture
def persona(tree):
    """Return a function making (once) the account of a role, on its usual unit."""
    made = {}

    def make(role: str, unit_code: str | None = None):
        code = unit_code or PERSONA_UNIT[role]
        key = (role, code)
        if key not in made:
            made[key] = account_create(
                actor=None,
                username=f"{role}-{code}",
                unit=tree[code],
                roles=[role],
                password=PASSWORD,
            )
        return made[key]

    return make


@pytest.fixture
def login(client):
    def do(account):
        client.force_login(account)
        return client

    return do


@pytest.fixture
def bearer():
    def headers(account) -> dict[str, str]:
        return {"Authorization": f"Bearer {api_token_issue(account=account)}"}

    return headers


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, and at its end no other session left on it.

    A live server's request thread may still hold its connection when the run ends, and
    PostgreSQL then refuses to drop the test database ("being accessed by other users"),
    leaving it behind; such sessions are ended just before the drop."""
    yield
    from django.db import connection

    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
