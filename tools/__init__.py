"""Developer tools for muni's source tree; not installed with the ``muni`` package."""
