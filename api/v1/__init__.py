"""Resident endpoints (DRF, /api/v1/): a small base (base.py), then one module per entity."""
