"""Who the client is: its address, as login lock-outs (django-axes) and the per-client search
limit count it.

gunicorn sees the peer of the TCP connection (``REMOTE_ADDR``). Behind a reverse proxy on the
same host that peer is the proxy, 127.0.0.1, for every visitor, so a limit per address would
be one limit for everybody. The proxy names the real client in ``X-Forwarded-For``; anybody
can send that header too, so it is read only when the peer is one of the proxies named in
``NEWSARCHIVE_TRUSTED_PROXIES`` (addresses or networks, comma-separated; default: none, and
the header is ignored). The list is read from the right (each proxy appends the address it
saw) and the first address that is not itself a trusted proxy is the client: what a client
writes into the header itself stays to the left of it and is never taken.
"""

from __future__ import annotations

import ipaddress
import logging
import os
from functools import lru_cache

logger = logging.getLogger(__name__)

FORWARDED_FOR = "HTTP_X_FORWARDED_FOR"
_warned_untrusted_header = False


@lru_cache(maxsize=8)
def parse_networks(value: str) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """``"127.0.0.1, 10.0.0.0/8"`` -> networks; an entry that is not an address or network is
    a configuration error, said by name."""
    networks = []
    for item in (part.strip() for part in value.split(",")):
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ValueError(f"NEWSARCHIVE_TRUSTED_PROXIES: {item!r} is not an IP address or network") from None
    return tuple(networks)


def trusted_proxies() -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    from django.conf import settings

    return parse_networks(",".join(getattr(settings, "NEWSARCHIVE_TRUSTED_PROXIES", [])))


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # "[2001:db8::1]:443"
        text = text[1:text.index("]")]
    elif text.count(":") == 1:  # "203.0.113.5:51234"
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    # An IPv4 client seen over an IPv6 socket: count it as the IPv4 address it is.
    return getattr(address, "ipv4_mapped", None) or address


def _trusted(address, networks) -> bool:
    return any(address.version == network.version and address in network for network in networks)


def client_address(request) -> str:
    """The client's address for ``request`` (see the module docstring); cached on the request."""
    cached = getattr(request, "_newsarchive_client_address", None)
    if cached is not None:
        return cached
    peer_text = request.META.get("REMOTE_ADDR", "") or ""
    peer = _address(peer_text)
    networks = trusted_proxies()
    client = str(peer) if peer is not None else peer_text
    forwarded = request.META.get(FORWARDED_FOR, "")
    if peer is not None and forwarded and _trusted(peer, networks):
        for hop in reversed(forwarded.split(",")):
            address = _address(hop)
            if address is None:
                break  # garbage from the client's side of the chain: keep the last sure hop
            client = str(address)
            if not _trusted(address, networks):
                break
    elif forwarded and not networks:
        _warn_once(peer_text)
    try:
        request._newsarchive_client_address = client
    except AttributeError:
        pass
    return client


def _warn_once(peer: str) -> None:
    global _warned_untrusted_header
    if not _warned_untrusted_header:
        _warned_untrusted_header = True
        logger.warning(
            "a request from %s carries X-Forwarded-For, which is ignored because "
            "NEWSARCHIVE_TRUSTED_PROXIES is empty: behind a reverse proxy every visitor then counts "
            "as one client (login lock-outs, search limit). Set it to the proxy's address (README).",
            peer,
        )


def trusted_proxies_from_env() -> list[str]:
    """The setting's value from the environment, checked at start-up so a typo fails loudly."""
    value = os.environ.get("NEWSARCHIVE_TRUSTED_PROXIES", "")
    parse_networks(value)
    return [part.strip() for part in value.split(",") if part.strip()]
