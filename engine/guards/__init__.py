"""Guard functions by topic; importing this package registers them all with ``rules.guard``."""

from . import working_group  # noqa: F401
