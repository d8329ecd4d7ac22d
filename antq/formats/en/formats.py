"""English pages keep Vietnamese dates and numbers: dd/mm/yyyy."""

from antq.formats.vi.formats import *  # noqa: F403
