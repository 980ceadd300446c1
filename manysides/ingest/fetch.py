"""Fetch untrusted URLs safely: http(s) only, public addresses only, capped and timed.

Every hop of a redirect chain is checked again, after DNS resolution, so a public
URL that redirects to 127.0.0.1 or a name that resolves to 10.0.0.5 is refused.
A ``transport`` can be injected (httpx.MockTransport) so tests never touch the network.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from ..config import FetchLimits
from ..errors import FetchError

if TYPE_CHECKING:  # httpx is imported on the first fetch: a brief of local files skips its 0.1-0.3 s
    import httpx

__all__ = ["fetch_url", "Fetched", "check_url", "USER_AGENT"]

USER_AGENT = "manysides/0.1 (+offline news brief tool)"


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # final URL after redirects
    content: bytes
    content_type: str


#: IPv6 prefixes whose last 32 bits are an IPv4 address: NAT64 (RFC 6052) and the deprecated
#: IPv4-compatible form ("::127.0.0.1").
_EMBEDS_IPV4 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"), ipaddress.ip_network("::/96"))


def _addresses_behind(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> list:
    """The address and every IPv4 address an IPv6 form carries inside it (mapped, 6to4,
    Teredo, NAT64, IPv4-compatible): each must be public for the address to be."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        return [ip.ipv4_mapped]  # "::ffff:8.8.8.8" is the IPv4 address it maps, nothing else
    out = [ip]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.sixtofour:
            out.append(ip.sixtofour)
        if ip.teredo:
            out.extend(ip.teredo)
        if any(ip in net for net in _EMBEDS_IPV4):
            out.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return out


def _is_public(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return False
    return all(a.is_global and not a.is_multicast for a in _addresses_behind(ip))


def check_url(url: str, limits: FetchLimits = FetchLimits()) -> None:
    """Raise FetchError unless ``url`` is http(s) to a public address."""
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError as exc:  # "http://[/", "http://a:b:c/", a port over 65535
        raise FetchError(url, f"is not a valid URL ({exc})", "check the URL") from exc
    if parts.scheme not in ("http", "https"):
        raise FetchError(url, f"the {parts.scheme or 'missing'} scheme is not allowed", "use an http(s) URL")
    if not host:
        raise FetchError(url, "the URL has no host name", "check the URL")
    if limits.allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, port or (443 if parts.scheme == "https" else 80))
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(url, f"cannot resolve host {host!r} ({exc})", "check the URL or your network") from exc
    for info in infos:
        address = info[4][0]
        if not _is_public(address):
            raise FetchError(
                url,
                f"refused: {host} resolves to a private or local address ({address})",
                "only public web addresses can be fetched",
            )


def _check_peer(url: str, response: httpx.Response, limits: FetchLimits) -> None:
    """Refuse when the connected peer is private, whatever DNS said a moment earlier.

    ``check_url`` resolves the name before connecting; a rebinding DNS server can
    answer a public address then and a private one to the connection itself. The
    socket's peer address is the truth, so it is checked before any byte is read.
    """
    if limits.allow_private:
        return
    stream = response.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    if peer and not _is_public(str(peer[0])):
        raise FetchError(url, f"refused: the connection went to a private or local address ({peer[0]})", "only public web addresses can be fetched")


#: Statuses that send the client elsewhere (with a Location). httpx's ``is_redirect`` is true of
#: every 3xx, 304 "not modified" included: a feed polled with its ETag looped on its own URL.
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


def fetch_url(url: str, limits: FetchLimits = FetchLimits(), *, transport: httpx.BaseTransport | None = None) -> Fetched:
    """GET ``url`` following at most ``limits.max_redirects`` redirects, each hop checked."""
    import httpx

    timeout = httpx.Timeout(limits.timeout_s, connect=min(5.0, limits.timeout_s))
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9"}
    with httpx.Client(timeout=timeout, follow_redirects=False, headers=headers, transport=transport) as client:
        current = url
        deadline = time.monotonic() + limits.timeout_s * 3  # a slow drip must not hold us forever
        for _ in range(limits.max_redirects + 1):
            check_url(current, limits)
            try:
                with client.stream("GET", current) as response:
                    _check_peer(url, response, limits)
                    location = response.headers.get("location", "")
                    if response.status_code in _REDIRECTS and location:
                        current = urljoin(current, location)
                        continue
                    if response.status_code == 304:  # "not modified": a conditional GET's answer, no body
                        return Fetched(str(response.url), b"", response.headers.get("content-type", ""))
                    if response.status_code >= 300:
                        raise FetchError(url, f"the server answered HTTP {response.status_code}", "check the URL")
                    declared = int(response.headers.get("content-length") or 0)
                    if declared > limits.max_bytes:
                        raise FetchError(url, f"the page is too large ({declared / 1e6:.1f} MB)", "save the article text to a file instead")
                    body = bytearray()
                    for chunk in response.iter_bytes():
                        body += chunk
                        if time.monotonic() > deadline:
                            raise FetchError(url, f"took longer than {limits.timeout_s * 3:.0f} s to download", "try again later or save the page to a file")
                        if len(body) > limits.max_bytes:
                            raise FetchError(url, f"the page is larger than {limits.max_bytes / 1e6:.0f} MB", "save the article text to a file instead")
                    return Fetched(str(response.url), bytes(body), response.headers.get("content-type", ""))
            except httpx.TimeoutException as exc:
                raise FetchError(url, f"timed out after {limits.timeout_s:.0f} s", "try again later or save the page to a file") from exc
            except httpx.HTTPError as exc:
                raise FetchError(url, f"could not be fetched ({type(exc).__name__}: {exc})", "check the URL or your network") from exc
        raise FetchError(url, f"more than {limits.max_redirects} redirects", "use the final URL of the article")
