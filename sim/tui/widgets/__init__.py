"""Widgets of the simulator's screens, one module each."""
