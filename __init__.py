"""muni — workflow and document automation for Kyrgyz municipalities.

The repository root is the `muni` package (see `package-dir` in pyproject.toml):
`engine/` is `muni.engine`, `registry/` is `muni.registry`, `cli.py` is `muni.cli`.
"""

__version__ = "0.1.0"
