"""The Circular 40/2023/TT-BTC Art. 4 norms as seeded configuration (domain §3)."""

from datetime import date

C40 = "Thông tư 40/2023/TT-BTC, Điều 4"
IN_FORCE = date(2023, 7, 23)
DISTRICT_END = date(2024, 12, 31)  # the district level was abolished in 2025

DEFAULT_NORMS = [
    # (kind, level, limit, valid_from, valid_to)
    ("fuel_per_km", "commune", 12_000, IN_FORCE, None),
    ("model_per_commune_year", "commune", 20_000_000, IN_FORCE, None),
    ("visit_model_per_commune_year", "central", 20_000_000, IN_FORCE, None),
    ("visit_communes_per_year", "central", 30, IN_FORCE, None),
    ("visit_person_per_year", "central", 5_000_000, IN_FORCE, None),
    ("visit_model_per_commune_year", "province", 10_000_000, IN_FORCE, None),
    ("visit_communes_per_year", "province", 30, IN_FORCE, None),
    ("visit_person_per_year", "province", 3_000_000, IN_FORCE, None),
    ("visit_persons_per_year", "province", 100, IN_FORCE, None),
    ("visit_model_per_commune_year", "district", 5_000_000, IN_FORCE, DISTRICT_END),
    ("visit_communes_per_year", "district", 10, IN_FORCE, DISTRICT_END),
    ("visit_person_per_year", "district", 1_000_000, IN_FORCE, DISTRICT_END),
    ("visit_persons_per_year", "district", 50, IN_FORCE, DISTRICT_END),
    # Commune-level visit norms: not found in the text (domain §3 [NF]); a province records its own.
]


def seed_norms(Norm) -> None:
    """Create the default norms once (used by the data migration)."""
    for kind, level, limit, start, end in DEFAULT_NORMS:
        Norm.objects.get_or_create(
            kind=kind,
            level=level,
            province=None,
            valid_from=start,
            defaults={"limit": limit, "valid_to": end, "citation": C40},
        )
