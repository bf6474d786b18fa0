"""The .docx container (a zip) written from pieces that were compressed ahead of time.

Why not ``zipfile``: it can only compress a member while writing it, so every document paid
again for deflating the template's unchanged parts (styles, theme, fonts: ~800 KB of XML in
the working-group order) — most of a render's time. Here those members are deflated once per
template (``Member.pack``) and copied as bytes into every document.

Why holes: a numbered document's XML is rendered *before* its journal number exists (outside
the registry's write lock), with a placeholder where the number goes (``Pieces``). Under the
lock the number is written in and only the members that hold it (the body, ~30 KB) are
deflated; everything else was compressed before.

Only what Word, LibreOffice and python-docx need is written: no ZIP64 (a document is far
below 4 GB), no comments, no extra fields.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

_LOCAL = struct.Struct("<4s2B4HL2L2H")       # local file header (zipfile.structFileHeader)
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")   # central directory entry (structCentralDir)
_END = struct.Struct("<4s4H2LH")             # end of central directory (structEndArchive)
_UTF8_NAME = 0x800


def _deflate(data: bytes) -> bytes:
    """Raw deflate at zipfile's default level: the same bytes for the same input, always."""
    c = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


@dataclass(frozen=True)
class Header:
    """What a member keeps of the template's zip entry: name, method, time, attributes."""

    name: str
    method: int
    dostime: int
    dosdate: int
    create_system: int
    external_attr: int

    @classmethod
    def of(cls, info: zipfile.ZipInfo) -> Header:
        y, mo, d, h, mi, s = info.date_time
        method = zipfile.ZIP_STORED if info.compress_type == zipfile.ZIP_STORED \
            else zipfile.ZIP_DEFLATED
        return cls(name=info.filename, method=method,
                   dostime=(h << 11) | (mi << 5) | (s // 2),
                   dosdate=((max(y, 1980) - 1980) << 9) | (mo << 5) | d,
                   create_system=info.create_system, external_attr=info.external_attr)


@dataclass(frozen=True)
class Member:
    """One zip member ready to be copied: compressed bytes, CRC-32 and sizes."""

    header: Header
    data: bytes
    crc: int
    size: int

    @classmethod
    def pack(cls, header: Header, raw: bytes) -> Member:
        data = raw if header.method == zipfile.ZIP_STORED else _deflate(raw)
        return cls(header=header, data=data, crc=zlib.crc32(raw), size=len(raw))


@dataclass(frozen=True)
class Pieces:
    """A rendered member, split where a placeholder stood: ``raw[0] V raw[1] V … raw[k]``.

    Without placeholder (one piece) it is deflated at once (``packed``); with one, the value
    ``V`` is written in and the whole member deflated by ``fill`` — one deflate of the final
    XML, so the bytes are exactly those a plain render of the same context gives (``muni
    verify`` re-renders documents from their audit record and compares hashes).
    """

    header: Header
    raw: tuple[bytes, ...]
    packed: Member | None = None

    @classmethod
    def pack(cls, header: Header, xml: bytes, placeholder: bytes | None = None) -> Pieces:
        raw = tuple(xml.split(placeholder)) if placeholder else (xml,)
        if len(raw) == 1:
            return cls(header=header, raw=(), packed=Member.pack(header, xml))
        return cls(header=header, raw=raw)

    @property
    def holes(self) -> int:
        return max(len(self.raw) - 1, 0)

    def fill(self, text: str) -> Member:
        if self.packed is not None:
            return self.packed
        return Member.pack(self.header, text.encode("utf-8").join(self.raw))


def write(members: Iterable[Member]) -> bytes:
    """The bytes of a zip archive holding ``members`` in order."""
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    count = 0
    for m in members:
        h = m.header
        name = h.name.encode("utf-8")
        flags = 0 if name.isascii() else _UTF8_NAME
        local = _LOCAL.pack(b"PK\x03\x04", 20, 0, flags, h.method, h.dostime, h.dosdate,
                            m.crc, len(m.data), m.size, len(name), 0)
        out += (local, name, m.data)
        central.append(_CENTRAL.pack(
            b"PK\x01\x02", 20, h.create_system, 20, 0, flags, h.method, h.dostime, h.dosdate,
            m.crc, len(m.data), m.size, len(name), 0, 0, 0, 0, h.external_attr, offset) + name)
        offset += len(local) + len(name) + len(m.data)
        count += 1
    directory = b"".join(central)
    end = _END.pack(b"PK\x05\x06", 0, 0, count, count, len(directory), offset, 0)
    return b"".join(out) + directory + end
