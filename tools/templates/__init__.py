"""The generator of muni's built-in Word templates (``templates/docx/{ky,ru}/*.docx``).

The Python here is the source of the built-in templates; the ``.docx`` files are its build
output, committed so that an installed muni needs no build step. Change a form here, then run

    python -m tools.templates               # rebuild all forms, both languages
    python -m tools.templates --out DIR     # somewhere else (e.g. to compare)

Output is byte-identical on every run (fixed zip timestamps and core properties), and
``tests/test_templates_built.py`` fails when a committed ``.docx`` differs from what this
package builds, so a hand edit of a built-in template cannot survive: the next build would
silently discard it.

A clerk's or lawyer's edit therefore never goes into ``templates/docx/``. It goes into a
municipality override (``templates/<CODE>/<lang>/<name>.docx`` beside the registry, or under
``$MUNI_TEMPLATES``), which muni renders instead of the built-in and this generator never
touches: ``muni templates copy NAME -m CODE`` starts one from the built-in and records which
built-in it was, and ``muni templates diff`` shows what changed in the built-in since.

Modules: ``blocks`` (page setup, letterhead, titles, signatures, tables — shared by all
forms), one module per family of forms (``working_group``, ``needs_plan``, ``needs_listening``,
``council``), and ``__main__``, the one place that lists them all.
"""
