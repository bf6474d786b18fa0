"""Context builders, one module per procedure; importing registers them."""

from . import council, needs_assessment, working_group  # noqa: F401
