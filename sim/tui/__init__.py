"""The Textual user interface: the only part of sim that imports Textual."""
