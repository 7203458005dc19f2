"""Bundled dose schemes (TOML)."""
