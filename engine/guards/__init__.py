"""Guard functions by topic; importing this package registers them all with ``rules.guard``."""

from . import council, needs_assessment, working_group  # noqa: F401
