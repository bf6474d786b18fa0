"""Context builders, one module per procedure; importing registers them."""

from . import working_group  # noqa: F401
