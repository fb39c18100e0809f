"""The start-up baseline for benchmarks/run.py: the least a Textual app can
be — one Static — run with the same headless driver, size and exit-on-ready
as `SIM_EXIT_ON_READY=1 sim`, so the ratio measures what sim adds."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("ready")

    def on_ready(self) -> None:
        self.exit()


if __name__ == "__main__":
    BareApp().run(headless=True, size=(80, 24))
    print("ready")
