"""What the tests of `sim serve` share: a websocket client, as a browser tab has."""

from __future__ import annotations

import pytest


@pytest.fixture
def aiohttp():
    try:
        import aiohttp
        import textual_serve  # noqa: F401 - the server's own package, checked here to say what is missing
    except ImportError as exc:
        pytest.fail(f"textual-serve is not installed ({exc}); install it with: pip install -e '.[test]'", pytrace=False)
    return aiohttp
