"""What every screen shares: UI strings and key labels in the trainee's
language, and a say in what quitting means on that screen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from textual.binding import BindingsMap
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

from sim.i18n import STRINGS, t, tc

if TYPE_CHECKING:
    from sim.tui.app import SimApp

ResultT = TypeVar("ResultT")


def localize_bindings(node: DOMNode, lang: str, channel: str | None = None) -> None:
    """Show this node's key labels and tooltips in `lang`.

    Textual has no hook for translating bindings, so the node's binding map is
    rebuilt from its class bindings, whose descriptions are catalogue keys.
    Bindings inherited from Textual keep their own (hidden) labels.
    """
    source = type(node)._merged_bindings or BindingsMap()

    def tr(text: str) -> str:
        # `channel`: the encounter's, whose help key is worded for it (sim.i18n.tc).
        return tc(text, channel, lang) if text in STRINGS else text

    node._bindings = BindingsMap.from_keys(
        {
            key: [replace(b, description=tr(b.description), tooltip=tr(b.tooltip)) for b in bindings]
            for key, bindings in source.key_to_bindings.items()
        }
    )


def relabel(node: DOMNode, binding_id: str, description: str) -> None:
    """Give one of the node's bindings its own label (after `localize_bindings`)."""
    node._bindings = BindingsMap.from_keys(
        {
            key: [replace(b, description=description) if b.id == binding_id else b for b in bindings]
            for key, bindings in node._bindings.key_to_bindings.items()
        }
    )


class _Localized:
    app: SimApp

    @property
    def lang(self) -> str:
        return self.app.lang

    def t(self, key: str, **fields: Any) -> str:
        return t(key, self.app.lang, **fields)

    def confirm_quit(self) -> None:
        """ctrl+q on this screen: quit at once unless the screen has something to lose."""
        self.app.exit()

    def after_pending_keys(self, callback: Callable[[], object]) -> None:
        """Run `callback` once the focused widget has handled the keys that
        came before. Enter is a priority binding on several screens (so the
        footer can say what it does), and a priority binding runs before the
        focused widget has taken the keys already queued for it: a name typed
        and Enter pressed in one burst (pasted, typed fast over SSH) was
        saved without the name. The callback is queued behind those keys."""
        focused = self.focused  # type: ignore[attr-defined]  # a mixin of Screen, which has `focused`
        if focused is None:
            callback()
        else:
            focused.call_later(callback)


class SimScreen(_Localized, Screen[ResultT]):  # type: ignore[misc]  # _Localized narrows `app` to SimApp
    def __init__(self, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        localize_bindings(self, self.app.lang)


class SimModal(_Localized, ModalScreen[ResultT]):  # type: ignore[misc]  # _Localized narrows `app` to SimApp
    def __init__(self, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        localize_bindings(self, self.app.lang)
