"""Encounter simulator: practise difficult customer-service encounters.

Kept import-light on purpose: `sim` starts fast only if this module pulls in
nothing heavy; each command imports what it needs.
"""

__version__ = "0.1.0"
