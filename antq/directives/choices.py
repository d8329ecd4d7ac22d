from django.db import models
from django.utils.translation import gettext_lazy as _


class DirectiveKind(models.TextChoices):
    RESOLUTION = "resolution", _("Resolution")  # nghị quyết
    INSTRUCTION = "instruction", _("Instruction")  # chỉ thị
    PLAN = "plan", _("Plan")  # kế hoạch
    OFFICIAL_LETTER = "official_letter", _("Official letter")  # công văn
    GUIDANCE = "guidance", _("Guidance")  # hướng dẫn


class Stage(models.TextChoices):
    """The steps of a deployment that tracking counts, in order."""

    RECEIVED = "received", _("received")
    READ = "read", _("read")
    PLANNED = "planned", _("own plan recorded")
    REPORTED = "reported", _("result report sent")


# Units that pass a directive on to the units below them.
CASCADING_KINDS = frozenset({"province", "district", "commune"})
