"""The simulator's screens, one module each."""
