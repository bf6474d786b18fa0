"""Benchmarks of muni: ``python -m benchmarks`` (``--quick`` for a smaller run).

They print each figure and the headline line ``ratio batch/raw: X.XX`` — muni's documents
per second for the working-group procedure in batch, over raw docxtpl's for the same
documents. Speed targets live here, never in the unit tests.
"""
