"""Benchmarks of muni: ``python -m benchmarks`` (``--quick`` for a smaller run, ``--scale N``
for N cases).

The default run prints each side's figures (median and spread over ``--runs`` runs, in-process
and whole process) and the headline lines ``ratio batch/raw: X.XX`` — muni's documents per
second for the working-group procedure in batch, over raw docxtpl's for the same documents —
and ``floor ratio: X.XX`` — muni's time per document over the floor's (the same render and
durability, nothing else; ``benchmarks/floor.py``). Speed targets live here and in the README,
never in the unit tests; the test suite runs none of this.
"""
