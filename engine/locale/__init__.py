"""Kyrgyz (``ky``) and Russian (``ru``) official forms of dates, numbers and sums, and the
typography that keeps them whole on a printed line (``typography``)."""

from . import ky, ru, typography

__all__ = ["ky", "ru", "typography"]
