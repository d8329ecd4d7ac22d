"""The default report forms shipped as data (fixtures/default_forms.json).

`load_default_forms` takes the model classes so that the data migration can pass its
historical models and the `load_report_forms` command the real ones. Re-running changes
nothing that province staff edited: existing indicators and forms are left as they are.
"""

import json
from pathlib import Path

# No regulation fixes the movement's reporting deadlines (legal research §7.2 and §8 item 8):
# every deadline is configuration, and the shipped values are labelled provisional.
PROVISIONAL_DEADLINE_NOTE = (
    "Hạn nộp tạm thời: chưa có văn bản quy định chế độ báo cáo của phong trào; "
    "cấp tỉnh điều chỉnh khi có quy định chính thức."
)


DATA_FILE = Path(__file__).parent / "fixtures" / "default_forms.json"


def default_data() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def load_default_forms(indicator_model, form_model, row_model, rule_model) -> int:
    """Create the default indicators and forms that do not exist yet; return forms created."""
    data = default_data()
    indicators = {}
    for spec in data["indicators"]:
        spec = dict(spec)
        code = spec.pop("code")
        spec.setdefault("min_value", 0)
        indicators[code], _created = indicator_model.objects.get_or_create(code=code, defaults=spec)
    created = 0
    for spec in data["forms"]:
        spec = dict(spec)
        codes, rules = spec.pop("indicators"), spec.pop("cross_rules", [])
        spec.setdefault("deadline_note", PROVISIONAL_DEADLINE_NOTE)
        form, made = form_model.objects.get_or_create(code=spec.pop("code"), defaults=spec)
        if not made:
            continue
        created += 1
        for position, code in enumerate(codes, start=1):
            row_model.objects.create(form=form, indicator=indicators[code], position=position)
        for rule in rules:
            rule_model.objects.create(
                form=form,
                left=indicators[rule["left"]],
                operator=rule["operator"],
                right=indicators[rule["right"]],
                message=rule["message"],
            )
    return created
