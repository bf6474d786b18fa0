"""What ``muni serve`` decides before it starts the server."""

from __future__ import annotations

import ipaddress


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
