"""winnow: clean article records from raw news (scraper JSON/JSONL, feeds,
WARC archives, HTML pages, flattened page text), from Python.

A thin layer over the C library (libwinnow, through cffi: see _ffi.py).
Every record is the dict the command line writes as one JSONL line (the
fields of docs/schema.md): it is rendered by the library and parsed here,
so Python and the CLI cannot disagree.

Errors: bad *input* is never an exception; it is an error record (a dict
with an "error" member), exactly as in the CLI's output. Exceptions are
raised only for misuse: wrong argument types, unknown option names or
values (TypeError, ValueError).

Threads: the GIL is released during every call into the library, so
several Python threads, each with its own stream, extract in parallel.
"""
from __future__ import annotations

import json
import os
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple, Union

from ._ffi import ffi, lib

__all__ = ["extract", "stream", "Stream", "dedup", "band_keys", "version", "Record"]

Record = Dict[str, Any]

_INPUTS = {"auto": lib.WINNOW_INPUT_AUTO, "json": lib.WINNOW_INPUT_JSON,
           "text": lib.WINNOW_INPUT_TEXT, "html": lib.WINNOW_INPUT_HTML}
_LIMITS = {"doc_bytes": lib.WINNOW_LIMIT_DOC_BYTES, "input_bytes": lib.WINNOW_LIMIT_INPUT_BYTES,
           "depth": lib.WINNOW_LIMIT_DEPTH, "nodes": lib.WINNOW_LIMIT_NODES,
           "time_ms": lib.WINNOW_LIMIT_TIME_MS}


def version() -> str:
    """The library's version string."""
    return ffi.string(lib.winnow_version()).decode()


def _options(*, input: str = "auto", explain: bool = False, threads: int = 1,
             skipped: bool = False, params: Optional[Dict[str, float]] = None,
             **limits: int) -> Any:
    """Builds a winnow_options (freed by the garbage collector)."""
    if input not in _INPUTS:
        raise ValueError(f"input must be one of {sorted(_INPUTS)}, not {input!r}")
    if not isinstance(threads, int) or isinstance(threads, bool) or threads < 0:
        raise ValueError("threads must be a whole number >= 0 (0: one per CPU)")
    o = ffi.gc(lib.winnow_options_new(), lib.winnow_options_free)
    if o == ffi.NULL:
        raise MemoryError("winnow_options_new")
    lib.winnow_options_set_input(o, _INPUTS[input])
    lib.winnow_options_set_explain(o, 1 if explain else 0)
    lib.winnow_options_set_threads(o, threads)
    lib.winnow_options_set_skipped(o, 1 if skipped else 0)
    for name, value in limits.items():
        if name not in _LIMITS:
            raise TypeError(f"unknown option {name!r} (limits: {', '.join(sorted(_LIMITS))})")
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            raise ValueError(f"limit {name} must be a positive whole number")
        lib.winnow_options_set_limit(o, _LIMITS[name], value)
    for name, value in (params or {}).items():
        if lib.winnow_options_set_param(o, name.encode(), float(value)) != lib.WINNOW_OK:
            raise ValueError(f"unknown parameter {name!r} or value out of range")
    return o


def _render(doc: Any, explain: bool) -> Record:
    out = ffi.new("char **")
    n = ffi.new("size_t *")
    try:
        if lib.winnow_doc_render(doc, lib.WINNOW_FORMAT_JSONL, 1 if explain else 0, out, n) \
                != lib.WINNOW_OK:
            raise RuntimeError("winnow_doc_render failed")
        try:
            return json.loads(ffi.unpack(out[0], n[0]))
        finally:
            lib.winnow_free(out[0])
    finally:
        lib.winnow_doc_free(doc)


def _bytes(data: Union[bytes, bytearray, memoryview, str], what: str) -> bytes:
    if isinstance(data, str):
        return data.encode("utf-8", "surrogatepass")
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    raise TypeError(f"{what} must be bytes or str, not {type(data).__name__}")


def extract(data: Union[bytes, str], source: Optional[str] = None, *, input: str = "auto",
            explain: bool = False, **limits: int) -> Record:
    """Extracts one document (an HTML page, flattened text, one JSON record).

    Returns the record as a dict with the fields of the JSONL output: an
    article, or an error record ({"source", "error": {"code", "message"}},
    plus whatever fields were found) when the input gives no article. When
    `data` holds several records (a JSONL dump, a feed), only the first is
    returned: use stream() for those.

    source: the name records carry in "source" (default "-").
    input: "auto" (sniff), "json", "text" or "html".
    explain: keep the removed blocks with their reasons ("removed").
    limits: doc_bytes, input_bytes, depth, nodes, time_ms (winnow.h).
    """
    buf = _bytes(data, "data")
    if source is not None and not isinstance(source, str):
        raise TypeError("source must be a str or None")
    o = _options(input=input, explain=explain, threads=1, **limits)
    doc = ffi.new("winnow_doc **")
    src = source.encode() if source is not None else ffi.NULL
    st = lib.winnow_process(o, buf, len(buf), src, doc)
    if st != lib.WINNOW_OK or doc[0] == ffi.NULL:
        raise RuntimeError("winnow_process: " + ffi.string(lib.winnow_status_str(st)).decode())
    return _render(doc[0], explain)


class Stream:
    """Records of one input, in input order; iterate it (or use stream()).

    `stats` holds the counts so far: records (= articles + errors +
    skipped), articles, errors, skipped, bytes_read, bytes_total (-1 when
    unknown), skip_reasons ({reason: count}) and header_warnings (damaged
    WARC/HTTP header lines read past, not errors). Close it (or use it as a
    context manager) to release the input early; it is also released when
    exhausted or garbage-collected.
    """

    def __init__(self, path_or_bytes: Union[str, os.PathLike, bytes], *, threads: int = 0,
                 skipped: bool = False, source: Optional[str] = None, input: str = "auto",
                 explain: bool = False, params: Optional[Dict[str, float]] = None,
                 byte_range: Optional[Tuple[int, int]] = None, first_record: int = 0,
                 **limits: int) -> None:
        self._explain = bool(explain)
        self._opts = _options(input=input, explain=explain, threads=threads, skipped=skipped,
                              params=params, **limits)
        out = ffi.new("winnow_stream **")
        if byte_range is not None:
            if not isinstance(path_or_bytes, (str, os.PathLike)) or source is not None:
                raise TypeError("byte_range applies to a file path only")
            off, length = byte_range
            if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0
                       for v in (off, length, first_record)):
                raise ValueError("byte_range and first_record must be whole numbers >= 0")
            st = lib.winnow_stream_open_range(self._opts, os.fsencode(path_or_bytes), off,
                                              length, first_record, out)
        elif first_record:
            raise TypeError("first_record applies with byte_range only")
        elif isinstance(path_or_bytes, (str, os.PathLike)):
            if source is not None:
                raise TypeError("source applies to bytes input only (a file is named by its path)")
            st = lib.winnow_stream_open_file(self._opts, os.fsencode(path_or_bytes), out)
        else:
            buf = _bytes(path_or_bytes, "path_or_bytes")
            if source is not None and not isinstance(source, str):
                raise TypeError("source must be a str or None")
            st = lib.winnow_stream_open_memory(self._opts, buf, len(buf),
                                               source.encode() if source else ffi.NULL, out)
        if st != lib.WINNOW_OK:
            raise ValueError("winnow: " + ffi.string(lib.winnow_status_str(st)).decode())
        self._s = ffi.gc(out[0], lib.winnow_stream_free)
        self._final: Optional[Dict[str, Any]] = None

    def __iter__(self) -> "Stream":
        return self

    def __next__(self) -> Record:
        if self._s is None:
            raise StopIteration
        doc = ffi.new("winnow_doc **")
        st = lib.winnow_stream_next(self._s, doc)
        if st != lib.WINNOW_OK:
            self.close()
            raise StopIteration
        return _render(doc[0], self._explain)

    def lines(self) -> Iterator[bytes]:
        """The remaining records as JSONL lines (bytes, newline included),
        exactly as the CLI writes them; cheaper than parsing each into a dict."""
        doc = ffi.new("winnow_doc **")
        out = ffi.new("char **")
        n = ffi.new("size_t *")
        while self._s is not None:
            if lib.winnow_stream_next(self._s, doc) != lib.WINNOW_OK:
                self.close()
                return
            try:
                if lib.winnow_doc_render(doc[0], lib.WINNOW_FORMAT_JSONL,
                                         1 if self._explain else 0, out, n) != lib.WINNOW_OK:
                    raise RuntimeError("winnow_doc_render failed")
                line = ffi.unpack(out[0], n[0])
                lib.winnow_free(out[0])
            finally:
                lib.winnow_doc_free(doc[0])
            yield line

    @property
    def stats(self) -> Dict[str, Any]:
        """Counts so far (final once the stream is exhausted or closed)."""
        if self._s is None:
            return dict(self._final or {})
        st = ffi.new("winnow_stats *")
        lib.winnow_stream_stats(self._s, st)
        reasons: Dict[str, int] = {}
        r = ffi.new("const char **")
        k = ffi.new("unsigned long long *")
        i = 0
        while i < lib.winnow_stream_skip_reason(self._s, i, r, k):
            reasons[ffi.string(r[0]).decode()] = int(k[0])
            i += 1
        return {"records": st.records, "articles": st.articles, "errors": st.errors,
                "skipped": st.skipped, "bytes_read": st.bytes_read,
                "bytes_total": st.bytes_total, "skip_reasons": reasons,
                "header_warnings": int(lib.winnow_stream_header_warnings(self._s))}

    def count(self) -> int:
        """Reads the rest of the input without extracting (JSON is parsed,
        nothing is cleaned) and returns the stream's record count, as
        stats["records"] would end; the stream is then exhausted. Use it on
        a fresh stream (winnow.dask counts the records before a byte range)."""
        if self._s is None:
            return int(self._final["records"]) if self._final else 0
        n = ffi.new("unsigned long long *")
        if lib.winnow_stream_count(self._s, n) != lib.WINNOW_OK:
            raise RuntimeError("winnow_stream_count: the stream's workers already started")
        self.close()
        return int(n[0])

    def close(self) -> None:
        """Releases the input; stats stay readable."""
        if self._s is not None:
            self._final = self.stats
            s, self._s = self._s, None
            ffi.release(s)

    def __enter__(self) -> "Stream":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def stream(path_or_bytes: Union[str, os.PathLike, bytes], *, threads: int = 0,
           skipped: bool = False, **options: Any) -> Stream:
    """Every record of an input (JSONL, JSON, feeds, WARC, gzip or not, an
    HTML page or text file), in input order, one dict each.

    path_or_bytes: a path (str or PathLike; "-" is standard input) or the
    bytes of an input. threads: extraction threads (0: one per CPU; 1: in
    the calling thread). skipped: also yield the skip records (WARC requests,
    metadata, non-HTML responses), which are otherwise only counted.
    options: source (bytes input only), input, explain, params (a dict of
    extractor constants) and the limits of extract(). The returned Stream
    has `.stats`.

    byte_range=(offset, length) (a path only; length 0: to the end) reads
    just those bytes of a plain JSON Lines file, both ends at line starts;
    its records are those the whole file gives for those lines, "source"
    numbered from first_record + 1 (the count of records before offset:
    stream(path, byte_range=(0, offset)).count()). ValueError when the
    file cannot be split (gzip, not JSON Lines, not at line starts).
    """
    return Stream(path_or_bytes, threads=threads, skipped=skipped, **options)


_KEY_KINDS = {0: "exact", 1: "band", 2: "lead", 3: "anchor"}


class _Dedup:
    """A winnow_dedup store (internal; see winnow.dask for the distributed use)."""

    def __init__(self) -> None:
        d = lib.winnow_dedup_new()
        if d == ffi.NULL:
            raise MemoryError("winnow_dedup_new")
        self.d = ffi.gc(d, lib.winnow_dedup_free)
        self._keys = ffi.new("winnow_dedup_key[64]")

    def add_json(self, line: bytes) -> int:
        return lib.winnow_dedup_add_json(self.d, line, len(line))

    def count(self) -> int:
        return int(lib.winnow_dedup_count(self.d))

    def add_summary(self, summary: bytes, meta: bytes) -> int:
        i = lib.winnow_dedup_add_summary(self.d, summary, len(summary), meta, len(meta))
        if i < 0:
            raise ValueError("not a winnow dedup summary of this build")
        return i

    def summary(self, i: int) -> bytes:
        n = lib.winnow_dedup_summary(self.d, i, ffi.NULL, 0)
        buf = ffi.new("char[]", n)
        lib.winnow_dedup_summary(self.d, i, buf, n)
        return ffi.unpack(buf, n)

    def keys(self, i: int) -> List[tuple]:
        n = lib.winnow_dedup_keys(self.d, i, self._keys, 64)
        return [(int(self._keys[k].kind), int(self._keys[k].band), int(self._keys[k].key))
                for k in range(min(n, 64))]

    def signature(self, i: int) -> List[int]:
        n = lib.winnow_dedup_signature(self.d, i, ffi.NULL, 0)
        sig = ffi.new("unsigned[]", max(n, 1))
        lib.winnow_dedup_signature(self.d, i, sig, n)
        return [int(sig[k]) for k in range(n)]

    def fingerprint(self, i: int) -> int:
        return int(lib.winnow_dedup_fingerprint(self.d, i))

    def verify(self, i: int, j: int) -> int:
        return int(lib.winnow_dedup_verify(self.d, i, j, ffi.NULL))

    def finish(self) -> None:
        lib.winnow_dedup_finish(self.d)

    def finish_component(self) -> None:
        lib.winnow_dedup_finish_component(self.d)

    def reset(self) -> None:
        lib.winnow_dedup_reset(self.d)

    def render(self, i: int, line: bytes, explain: bool = False) -> bytes:
        """The line `winnow dedup` writes for article i added from line."""
        out = ffi.new("char **")
        n = ffi.new("size_t *")
        if lib.winnow_dedup_render(self.d, i, line, len(line), 1 if explain else 0, out, n) \
                != lib.WINNOW_OK:
            raise RuntimeError("winnow_dedup_render: store not finished, bad index or line")
        try:
            return ffi.unpack(out[0], n[0])
        finally:
            lib.winnow_free(out[0])

    def result(self, i: int, explain: bool = False) -> str:
        """The cluster fields as JSON members, each after a comma."""
        out = ffi.new("char **")
        n = ffi.new("size_t *")
        if lib.winnow_dedup_result(self.d, i, 1 if explain else 0, out, n) != lib.WINNOW_OK:
            raise RuntimeError("winnow_dedup_result: store not finished or bad index")
        try:
            return ffi.unpack(out[0], n[0]).decode()
        finally:
            lib.winnow_free(out[0])


def _line(record: Union[Record, str, bytes]) -> bytes:
    if isinstance(record, dict):
        return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode()
    if isinstance(record, str):
        return record.rstrip("\r\n").encode("utf-8", "surrogatepass")
    if isinstance(record, (bytes, bytearray)):
        return bytes(record).rstrip(b"\r\n")
    raise TypeError(f"a record must be a dict or a JSON line, not {type(record).__name__}")


def dedup(records: Iterable[Union[Record, str, bytes]], *, explain: bool = False) -> Iterator[Record]:
    """Near-duplicate clustering, the same as `winnow dedup` (the same
    clusters, canonical choice and fields: cluster, canonical and, on the
    copies, duplicate_of, similarity, duplicate_kind; with explain,
    dedup_reason on the canonicals of clusters of 2+).

    records: dicts as extract()/stream() give them, or JSONL lines (str or
    bytes). Every record is yielded again, in order: articles with the
    cluster fields added, everything else (error and skip records, other
    JSON) unchanged. All records are read before the first is yielded (a
    later record can be the original of an earlier one).
    """
    store = _Dedup()
    held: List[tuple] = []
    for r in records:
        line = _line(r)
        idx = store.add_json(line)
        held.append((r, idx, line if idx >= 0 and not isinstance(r, dict) else None))
    store.finish()
    for r, idx, line in held:
        if isinstance(r, dict):
            out = dict(r)
            if idx >= 0:
                for k in ("cluster", "canonical", "duplicate_of", "similarity", "duplicate_kind",
                          "dedup_reason"):
                    out.pop(k, None)
                out.update(json.loads("{" + store.result(idx, explain)[1:] + "}"))
            yield out
        elif line is not None:  # an article line: written as `winnow dedup` writes it
            yield json.loads(store.render(idx, line, explain))
        else:  # anything else passes through: parsed when it is JSON, else as it was
            try:
                yield json.loads(_line(r))
            except ValueError:
                yield r  # type: ignore[misc]


def band_keys(record: Union[Record, str, bytes]) -> Dict[str, Any]:
    """What clustering keys an article on (as `winnow dedup --emit-bands`):
    {"fingerprint", "lead", "anchors", "bands", "signature"} with the keys
    as 16-digit hex strings (lead, anchors, bands and signature only for
    texts long enough for a signature, 50 words). Raises ValueError when
    the record is not an article (an error or skip record, no text).
    """
    store = _Dedup()
    i = store.add_json(_line(record))
    if i < 0:
        raise ValueError("not an article record (no text, or an error or skip record)")
    out: Dict[str, Any] = {}
    keys = store.keys(i)
    bands = []
    anchors = []
    for kind, band, key in keys:
        if kind == 0:
            out["fingerprint"] = f"{key:016x}"
        elif kind == 1:
            bands.append(f"{key:016x}")
        elif kind == 2:
            out["lead"] = f"{key:016x}"
        else:
            anchors.append(f"{key:016x}")
    sig = store.signature(i)
    if sig:
        out["anchors"] = anchors
        out["bands"] = bands
        out["signature"] = sig
    else:
        out["bands"] = []
    return out
