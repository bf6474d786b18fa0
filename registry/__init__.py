"""The SQLite registry: schema, who-is-who, cases, numbering journal and audit log.

The registry knows nothing of workflows, templates or the CLI; the engine calls it.
"""
