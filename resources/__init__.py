"""Data, not code: dose schemes and icons, shipped inside the wheel."""
