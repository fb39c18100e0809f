"""Safe, bounded YAML parsing into plain values that remember where they came from.

Only the libyaml (or pure-Python) *parser* is used: we build the values
ourselves from its events. That is what lets us
- refuse every explicit tag (`!!python/object…` can never construct anything),
- count nodes as aliases expand, so a "billion laughs" file is refused at once,
- bound nesting depth without recursion,
- report duplicate keys, which PyYAML would silently overwrite,
- keep the line and column of every key and value for error messages,
- refuse what YAML 1.1 reads differently from how it looks: `1:30` (90),
  `010` (8), `0x1F`, keys that are not text (`1:`, `true:`, `~:`, dates),
  merge keys (`<<`) and numbers too long to convert.
"""

from __future__ import annotations

import codecs
import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol, cast

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

try:  # the C parser is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]  # the pure-Python loader stands in for the C one

from sim.content.problems import Problem
from sim.files import NotReadable, read_limited
from sim.i18n import DOCS_URL

# Hints name the guide online: a wheel install has no docs/ folder.
AUTHORING_GUIDE = f"{DOCS_URL}/authoring.md"

MAX_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 2_000_000
# Longer numbers are refused before they are converted: no count in a scenario
# comes near, and Python refuses to convert more than 4,300 digits at all.
MAX_NUMBER_CHARS = 100

Mark = tuple[int, int]  # 1-based line, column


class LMap(dict[Any, Any]):
    """A mapping that remembers the position of its keys and values."""

    __slots__ = ("key_marks", "mark", "value_marks")

    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.mark = mark
        self.key_marks: dict[Any, Mark] = {}
        self.value_marks: dict[Any, Mark] = {}


class LList(list[Any]):
    """A sequence that remembers the position of its items."""

    __slots__ = ("item_marks", "mark")

    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.mark = mark
        self.item_marks: list[Mark] = []


@dataclass(slots=True)
class Document:
    path: str
    value: Any
    mark: Mark
    # A scalar's style (quote character, `|`, `>` or None for plain) and the
    # scalars that span several lines: together they tell whether a column
    # inside the text can be found by adding an offset to the scalar's start.
    scalar_styles: dict[Mark, str | None]
    multiline: set[Mark]


class YamlError(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.format())
        self.problem = problem


_SAFE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}

_constructor = SafeConstructor()

# How PyYAML's safe loader reads a plain scalar (`Resolver.resolve`), done
# here without its per-call overhead: the first character picks the few
# patterns to try, and the usual results (text, whole numbers, booleans,
# null) are made directly. Anything else goes through PyYAML's constructor.
_IMPLICIT = Resolver.yaml_implicit_resolvers  # first character → [(tag, pattern)]
_STR, _INT, _FLOAT, _BOOL, _NULL, _MERGE = (f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "merge"))
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")  # not 010 (octal in YAML 1.1), 1_000, 0x…
_BOOL_VALUES = SafeConstructor.bool_values


class _Position(Protocol):
    """yaml.Mark, or the Mark of libyaml's parser (yaml._yaml.Mark)."""

    line: int
    column: int


def _mark(m: _Position | None) -> Mark:
    return (m.line + 1, m.column + 1) if m is not None else (1, 1)


def read_text(path: Path) -> str:
    """Read an authored file as UTF-8 (a BOM is allowed), refusing what is not text."""
    name = str(path)
    try:
        if path.is_dir():
            raise YamlError(Problem(name, 1, 1, "this is a folder, not a file", "give a .yaml file, or the folder to `sim validate`", code="io"))
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise YamlError(
                Problem(name, 1, 1, f"file is too large ({size:,} bytes; the limit is {MAX_BYTES:,})", "split the scenario into several files", code="limit")
            )
        # Only a regular file, re-checked on the open file: a FIFO would block, a device read without end.
        data = read_limited(path, MAX_BYTES)
    except NotReadable as exc:
        raise YamlError(
            Problem(name, 1, 1, f"not read: {exc.strerror}", "give a YAML file: not a device, a pipe or a link to one", code="io")
        ) from None
    except FileNotFoundError:
        raise YamlError(Problem(name, 1, 1, "file not found", "check the path and its spelling", code="io")) from None
    except PermissionError:
        raise YamlError(Problem(name, 1, 1, "permission denied", "check that you may read this file", code="io")) from None
    except OSError as exc:
        raise YamlError(Problem(name, 1, 1, f"cannot read the file: {exc.strerror or exc}", None, code="io")) from None
    return decode(name, data)


# Byte-order marks, the four-byte ones first: UTF-32-LE's starts with UTF-16-LE's.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


def decode(name: str, data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    else:
        for bom, codec, label in _WIDE_BOMS:
            if data.startswith(bom):
                return _decode_wide(name, data, codec, label)
    if b"\x00" in data[:8192]:
        wide = _wide_without_bom(data)
        if wide:
            raise YamlError(
                Problem(
                    name,
                    1,
                    1,
                    f"this file seems to be {wide} without a byte-order mark",
                    f"save it as UTF-8 (or as {wide} with a byte-order mark)",
                    code="encoding",
                )
            )
        raise YamlError(Problem(name, 1, 1, "this looks like a binary file, not YAML text", "save the scenario as UTF-8 text", code="encoding"))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        # Columns count characters, as editors show them; the bytes before the
        # first bad one are valid UTF-8.
        col = len(data[data.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8")) + 1
        raise YamlError(
            Problem(
                name,
                line,
                col,
                f"invalid UTF-8 byte 0x{data[exc.start]:02x}",
                "save the file as UTF-8 (most editors have an 'encoding' setting)",
                code="encoding",
            )
        ) from None


def _decode_wide(name: str, data: bytes, codec: str, label: str) -> str:
    """UTF-16 or UTF-32 with a byte-order mark: unambiguous, so read it.
    Positions count characters, so they are the same as for UTF-8."""
    try:
        return data.decode(codec)  # the codec reads the mark, and drops it
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode(codec, errors="replace")
        line = good.count("\n") + 1
        col = len(good) - (good.rfind("\n") + 1) + 1
        raise YamlError(
            Problem(
                name,
                line,
                col,
                f"invalid {label} text: {exc.reason}",
                "save the file as UTF-8 (most editors have an 'encoding' setting)",
                code="encoding",
            )
        ) from None


def _wide_without_bom(data: bytes) -> str | None:
    """The YAML spec's guess at UTF-16/32 without a mark: ASCII text with zero
    bytes between its characters. Only named, not read: without the mark it
    could as well be a binary file."""
    head = data[:4]
    for codec, label, pattern in (
        ("utf-32-be", "UTF-32", re.compile(rb"\x00\x00\x00[\x01-\x7f]")),
        ("utf-32-le", "UTF-32", re.compile(rb"[\x01-\x7f]\x00\x00\x00")),
        ("utf-16-be", "UTF-16", re.compile(rb"\x00[\x01-\x7f]")),
        ("utf-16-le", "UTF-16", re.compile(rb"[\x01-\x7f]\x00")),
    ):
        if pattern.match(head):
            try:
                text = codecs.getincrementaldecoder(codec)().decode(data[:8192])  # a cut pair at the end waits
            except UnicodeDecodeError:
                continue
            sample = text[:256]
            if (
                "\x00" not in text
                and all(c.isprintable() or c in "\t\r\n" for c in sample)
                and 2 * sum(c.isascii() for c in sample) >= len(sample)  # mostly ASCII, as YAML keys are
            ):
                return label
    return None


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection for a while. Building a big file creates
    hundreds of thousands of containers that all stay alive; the collector
    would walk them again and again (loading took two to three times longer)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_path(path: Path) -> Document:
    return parse(read_text(path), str(path))


def parse(text: str, name: str) -> Document:
    """Parse one YAML document into LMap/LList/scalars. Raises YamlError."""
    if len(text) > MAX_BYTES:
        raise YamlError(Problem(name, 1, 1, "file is too large", "split the scenario into several files", code="limit"))
    try:
        try:
            builder = _build(text, name, _Loader)
        except yaml.MarkedYAMLError as exc:
            if not _is_nesting_refusal(exc):
                raise
            # libyaml 0.2.6 refuses 1,000 levels of nesting itself, scanning
            # ahead of the events our depth limit sees, so its refusal comes
            # first and names another place. The pure-Python parser has no
            # such limit and needs no recursion: running it reaches our own
            # limit, at the position the author needs, on every libyaml.
            builder = _build(text, name, yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        if _is_nesting_refusal(exc):  # pragma: no cover - our limit is far lower than any parser's
            line, col = _mark(exc.problem_mark or exc.context_mark)
            raise YamlError(Problem(name, line, col, f"nesting is deeper than {MAX_DEPTH} levels", "flatten the structure", code="limit")) from None
        raise YamlError(_syntax_problem(name, text, exc)) from None
    except yaml.reader.ReaderError as exc:
        # Raised for characters YAML forbids (control characters); it carries an
        # offset into the text instead of a mark.
        before = text[: exc.position]
        line = before.count("\n") + 1
        col = exc.position - (before.rfind("\n") + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        raise YamlError(
            Problem(
                name,
                line,
                col,
                f"control character U+{code:04X} is not allowed in YAML",
                "delete it (it often comes from copy-paste); write line breaks as real new lines",
                code="yaml-syntax",
            )
        ) from None
    except yaml.YAMLError as exc:  # any other error without a mark
        raise YamlError(Problem(name, 1, 1, f"YAML error: {exc}", None, code="yaml-syntax")) from None
    if builder.documents > 1:
        raise YamlError(
            Problem(
                name,
                *builder.second_document,
                "more than one YAML document in this file",
                "remove the `---` or `...` marker, or split into two files",
                code="yaml-syntax",
            )
        )
    if builder.root_mark is None:
        raise YamlError(Problem(name, 1, 1, "the file is empty", f"a scenario starts with `id:`, `title:` … — see {AUTHORING_GUIDE}", code="empty"))
    return Document(name, builder.root, builder.root_mark, builder.styles, builder.multiline)


def _build(text: str, name: str, loader_class: type) -> _Builder:
    """Feed one parser's events to a new builder; limits and tags raise YamlError."""
    builder = _Builder(name)
    loader = loader_class(text)
    get_event = loader.get_event
    feed = builder.feed
    try:
        with gc_paused():
            while (event := get_event()) is not None:
                feed(event)
    finally:
        loader.dispose()
    return builder


def _is_nesting_refusal(exc: yaml.MarkedYAMLError) -> bool:
    # libyaml ≥ 0.2.6: "exceeded maximum nesting depth" while increasing a flow or indent level.
    return "nesting depth" in (exc.problem or "")


def _syntax_problem(name: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = _mark(mark)
    problem = (exc.problem or "syntax error").strip()
    context = (exc.context or "").strip()
    message = f"YAML syntax: {problem}"
    if context:
        message += f" ({context}"
        if exc.context_mark is not None and exc.problem_mark is not None and exc.context_mark.line != exc.problem_mark.line:
            message += f" that starts at line {exc.context_mark.line + 1}, column {exc.context_mark.column + 1}"
        message += ")"
    char = _char_at(text, mark)
    return Problem(name, line, col, message, _syntax_hint(problem, context, char), code="yaml-syntax")


def _char_at(text: str, mark: yaml.Mark | None) -> str:
    if mark is None:
        return ""
    lines = text.split("\n", mark.line + 1)
    if mark.line >= len(lines):
        return ""
    row = lines[mark.line]
    return row[mark.column] if mark.column < len(row) else ""


def _syntax_hint(problem: str, context: str, char: str) -> str:
    p = problem.lower()
    c = context.lower()
    if char == "\t" or "tab" in p:
        return "indent with spaces, not tabs"
    if "escape" in p:
        return "inside double quotes a backslash starts an escape: use single quotes, or write \\\\ for a backslash"
    if "quoted scalar" in c:
        return "a quote was opened but never closed"
    if "mapping values are not allowed" in p:
        return "a `:` followed by a space inside a value needs quotes: \"like: this\"; or check this line's indentation"
    if "flow sequence" in c or "flow mapping" in c:
        return "a `[` or `{` was opened but not closed, or items are missing commas"
    if "alias" in p or "anchor" in p or "alias" in c or "anchor" in c:
        return "an `*alias` must refer to an `&anchor` defined earlier in the file"
    if "block scalar" in c or "block scalar" in p or "indentation indicator" in p:
        return "check the `|` or `>` line and the indentation of the lines after it"
    if "directive" in p:
        return "a `%` directive line may appear once, before `---`; remove the repeated or misplaced one"
    if "document" in p or "document" in c:
        return "a scenario file holds one document; remove stray `---` or `...` lines"
    if "block end" in p or "block mapping" in c or "block collection" in c or "block sequence" in c:
        return "check the indentation: keys of one mapping must line up, and list items start with `- `"
    if "cannot start any token" in p and char in "@`%":
        return f"`{char}` cannot start a plain value: put the value in quotes"
    return "look at the YAML just before this position; putting the value in quotes often helps"


class _Builder:
    """Turns parser events into values, with limits checked as we go."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.stack: list[tuple[Any, Any]] = []  # (container, pending key marker)
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.anchor_open: list[tuple[str, int, int]] = []  # (anchor, stack depth, node count at start)
        self.nodes = 0
        self.documents = 0
        self.second_document: Mark = (1, 1)
        self.root: Any = None
        self.root_mark: Mark | None = None
        self.styles: dict[Mark, str | None] = {}
        self.multiline: set[Mark] = set()

    def _problem(self, mark: Mark, message: str, hint: str | None, code: str) -> YamlError:
        return YamlError(Problem(self.name, mark[0], mark[1], message, hint, code=code))

    def _count(self, n: int, mark: Mark) -> None:
        self.nodes += n
        if self.nodes > MAX_NODES:
            raise self._problem(
                mark,
                f"the file expands to more than {MAX_NODES:,} values",
                "aliases (`*name`) that refer to other aliases multiply; write the content out instead",
                "limit",
            )

    def _check_tag(self, tag: str | None, mark: Mark) -> None:
        if tag is None or tag == "!":
            return
        if tag not in _SAFE_TAGS:
            raise self._problem(
                mark,
                f"YAML tag `{tag}` is not allowed",
                "scenario files are plain data: remove the `!…` tag",
                "yaml-tag",
            )

    def feed(self, event: yaml.Event) -> None:
        kind = type(event)
        if kind is yaml.ScalarEvent:
            # Most events are scalars: this branch does inline what `_add` does.
            event = cast(yaml.ScalarEvent, event)
            start = event.start_mark
            mark = (start.line + 1, start.column + 1) if start is not None else (1, 1)
            tag = event.tag
            if tag is None or tag == "!":
                value = self._plain(event, mark) if event.implicit[0] else event.value
            else:
                self._check_tag(tag, mark)
                value = self._construct(tag, event, mark)
            self.styles[mark] = event.style
            end = event.end_mark
            if end is not None and start is not None and end.line != start.line:
                self.multiline.add(mark)
            self.nodes += 1
            if self.nodes > MAX_NODES:
                self._count(0, mark)
            stack = self.stack
            if event.anchor or not stack:
                if stack and type(stack[-1][0]) is LMap and stack[-1][1] is None:
                    self._check_key(value, mark, event)
                self._add(value, mark, event.anchor, size=1)
                return
            container, pending = stack[-1]
            if type(container) is LList:
                container.append(value)
                container.item_marks.append(mark)
            elif pending is None:
                if type(value) is not str or (value == "<<" and tag is None and event.implicit[0]):
                    self._check_key(value, mark, event)
                if value in container:
                    self._add(value, mark, None, size=1)  # says which key is duplicated
                stack[-1] = (container, (value, mark))
            else:
                key, key_mark = pending
                container[key] = value
                container.key_marks[key] = key_mark
                container.value_marks[key] = mark
                stack[-1] = (container, None)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            event = cast(yaml.CollectionStartEvent, event)
            mark = _mark(event.start_mark)
            self._check_tag(event.tag, mark)
            if len(self.stack) >= MAX_DEPTH:
                raise self._problem(mark, f"nesting is deeper than {MAX_DEPTH} levels", "flatten the structure", "limit")
            self._count(1, mark)
            container = LMap(mark) if kind is yaml.MappingStartEvent else LList(mark)
            if event.anchor:
                self.anchor_open.append((event.anchor, len(self.stack), self.nodes - 1))
            self.stack.append((container, None))
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            container, _ = self.stack.pop()
            size = 1
            anchor = None
            if self.anchor_open and self.anchor_open[-1][1] == len(self.stack):
                anchor, _, nodes_before = self.anchor_open.pop()
                size = self.nodes - nodes_before
            self._add(container, container.mark, None, size=size, fresh=False)
            if anchor:
                self._define(anchor, container, size, container.mark)
        elif kind is yaml.AliasEvent:
            event = cast(yaml.AliasEvent, event)
            mark = _mark(event.start_mark)
            if event.anchor is None or event.anchor not in self.anchors:
                raise self._problem(mark, f"alias `*{event.anchor}` refers to no anchor", "define `&" + str(event.anchor) + "` before using it", "yaml-syntax")
            value, size = self.anchors[event.anchor]
            self._count(size, mark)
            self._add(value, mark, None, size=size, fresh=False)
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents == 2:
                self.second_document = _mark(event.start_mark)

    def _plain(self, event: yaml.ScalarEvent, mark: Mark) -> Any:
        """A plain scalar without a tag: text, unless a YAML 1.1 pattern says otherwise."""
        value = event.value
        candidates = _IMPLICIT.get(value[:1])
        wildcard = _IMPLICIT.get(None)  # none in PyYAML, but honoured as it does
        if wildcard:
            candidates = [*(candidates or ()), *wildcard]
        if not candidates:
            return value
        for candidate, pattern in candidates:
            if pattern.match(value):
                tag = candidate
                break
        else:
            return value
        if tag == _STR:
            return value
        if tag in (_INT, _FLOAT):
            if len(value) > MAX_NUMBER_CHARS:
                raise self._too_long(value, mark)
            if tag == _INT and _DECIMAL.match(value):
                return int(value)
            self._check_number_form(tag, event, mark)
        if tag == _BOOL:
            return _BOOL_VALUES[value.lower()]
        if tag == _NULL:
            return None
        return self._construct(tag, event, mark)

    def _too_long(self, value: str, mark: Mark) -> YamlError:
        return self._problem(
            mark,
            f"the number `{value[:12]}…` is too long ({len(value):,} characters; the limit is {MAX_NUMBER_CHARS})",
            "numbers in scenarios are small: check this value, or quote it to keep it as text",
            "limit",
        )

    def _check_number_form(self, tag: str, event: yaml.ScalarEvent, mark: Mark) -> None:
        """Refuse the YAML 1.1 number forms that do not mean what they seem to:
        `1:30` is 90, `010` is 8, `0x1F` and `0b11` are not decimal. A plain
        `1_000` (a thousand) and ordinary decimals pass."""
        written = event.value
        digits = written.lstrip("+-")
        if ":" in written:
            number = self._construct(tag, event, mark)
            raise self._problem(
                mark,
                f"`{written}` is read as the number {number} (YAML 1.1 counts `a:b` in sixties, like a time)",
                f'quote it ("{written}") to keep it as text, or write the number you mean, like `{number}`',
                "yaml-number",
            )
        if tag != _INT:
            return
        if digits.startswith("0x"):
            kind = "hexadecimal"
        elif digits.startswith("0b"):
            kind = "binary"
        elif digits.startswith("0") and len(digits) > 1:
            kind = "octal"
        else:
            return
        number = self._construct(tag, event, mark)
        if kind == "octal":
            sign = written[: len(written) - len(digits)]
            lead, decimal = " (a leading 0 means base 8 in YAML 1.1)", f" without a leading 0, like `{sign}{digits.lstrip('0_') or '0'}`"
        else:
            lead, decimal = "", f", like `{number}`"
        raise self._problem(
            mark,
            f"`{written}` is read as the {kind} number {number}{lead}",
            f"write decimal numbers{decimal}; or quote it ('{written}') to keep it as text",
            "yaml-number",
        )

    def _check_key(self, value: Any, mark: Mark, event: yaml.ScalarEvent) -> None:
        """Keys are names (field names, ids, variables, languages): a key that
        YAML reads as something other than text is refused, shown as written."""
        written = event.value
        if isinstance(value, str):
            if value == "<<" and event.tag is None and event.implicit[0]:
                raise self._problem(
                    mark,
                    "merge keys (`<<`) are not supported",
                    "write the keys out; an `*alias` can stand for a whole value, not for part of a mapping",
                    "yaml-merge",
                )
            return
        if value is None and not written:
            raise self._problem(mark, "a key is missing before the `:`", "write a name before the `:`", "yaml-key")
        if isinstance(value, bool):
            what = f"`{str(value).lower()}`"
        elif value is None:
            what = "null (nothing)"
        elif isinstance(value, (int, float)):
            what = "a number"
        elif isinstance(value, (date, datetime)):
            what = "a date"
        else:  # pragma: no cover - plain scalars are only the kinds above
            what = type(value).__name__
        raise self._problem(
            mark,
            f"the key `{written}` is read as {what}, not as a name",
            f'keys are names: quote it ("{written}":) to use it as one',
            "yaml-key",
        )

    def _construct(self, tag: str, event: yaml.ScalarEvent, mark: Mark) -> Any:
        constructor = _constructor.yaml_constructors.get(tag)
        # Implicit tags with no safe meaning for us (`=` resolves to "value",
        # `<<` to "merge") stay plain text.
        if tag == "tag:yaml.org,2002:str" or constructor is None:
            return event.value
        if tag in (_INT, _FLOAT) and len(event.value) > MAX_NUMBER_CHARS:
            raise self._too_long(event.value, mark)  # `!!int 1111…` too
        # The stubs let a node hold only yaml.Mark, but libyaml's Mark works the
        # same way: the constructor only quotes it in its error message.
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)  # type: ignore[arg-type]  # libyaml's Mark, see above
        try:
            # Called directly rather than through construct_object, whose cache
            # of constructed nodes would grow with every scalar.
            return constructor(_constructor, node)
        except (yaml.YAMLError, ValueError) as exc:
            raise self._problem(
                mark,
                f"cannot read `{_short(event.value)}` as {tag.rsplit(':', 1)[-1]}: {exc}",
                "quote the value to keep it as text",
                "yaml-syntax",
            ) from None

    def _define(self, anchor: str, value: Any, size: int, mark: Mark) -> None:
        if anchor in self.anchors:
            raise self._problem(mark, f"anchor `&{anchor}` is defined twice", "give each `&anchor` its own name", "yaml-syntax")
        self.anchors[anchor] = (value, size)

    def _add(self, value: Any, mark: Mark, anchor: str | None, *, size: int, fresh: bool = True) -> None:
        if anchor and fresh:
            self._define(anchor, value, size, mark)
        if not self.stack:
            self.root, self.root_mark = value, mark
            return
        container, pending = self.stack[-1]
        if isinstance(container, LList):
            container.append(value)
            container.item_marks.append(mark)
            return
        if pending is None:
            if isinstance(value, (LMap, LList)):
                raise self._problem(mark, "a mapping key must be a plain value", "write the key as text", "yaml-syntax")
            if not isinstance(value, str):  # an `*alias` to a value that is not text
                raise self._problem(mark, "a key must be text; this `*alias` stands for a value that is not", "write the key as text", "yaml-key")
            if value in container:
                first = container.key_marks[value]
                raise self._problem(
                    mark,
                    f"duplicate key `{value}` (first at line {first[0]})",
                    "each key may appear once in a mapping; remove or rename one",
                    "duplicate-key",
                )
            self.stack[-1] = (container, (value, mark))
            return
        key, key_mark = pending
        container[key] = value
        container.key_marks[key] = key_mark
        container.value_marks[key] = mark
        self.stack[-1] = (container, None)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def locate(root: Any, loc: tuple[Any, ...], *, key: bool = False) -> Mark | None:
    """The position of the value at `loc` (or of its key with `key=True`),
    or of the deepest enclosing value that has one."""
    node = root
    best: Mark | None = getattr(root, "mark", None)
    for i, step in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, LMap) and step in node:
            best = node.key_marks[step] if (last and key) else node.value_marks[step]
            node = node[step]
        elif isinstance(node, LList) and isinstance(step, int) and 0 <= step < len(node):
            best = node.item_marks[step]
            node = node[step]
        else:
            break
    return best
