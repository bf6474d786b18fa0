"""``muni serve``: the clerks' and reviewers' web interface, a client of the engine's API."""
