"""Kyrgyz (``ky``) and Russian (``ru``) official forms of dates, numbers and sums."""

from . import ky, ru

__all__ = ["ky", "ru"]
