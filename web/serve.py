"""What ``muni serve`` decides before it starts the server."""

from __future__ import annotations

import ipaddress
from pathlib import Path


def exposed_without_tls(host: str, tls: bool) -> bool:
    """True when other computers can reach the server and nothing encrypts the traffic."""
    if tls:
        return False
    if host == "localhost":
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:      # a host name: it may resolve to anything
        return True


class NoAccounts:
    """Accounts before the registry has any: nobody can log in through the web.

    The web interface acts for a person, so it needs the registry's accounts (`muni user
    add`); until they exist it serves only its login page and says no to every login."""

    def authenticate(self, login: str, password: str) -> bool:
        return False


def make_accounts(db_path: Path) -> NoAccounts:
    return NoAccounts()
