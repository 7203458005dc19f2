"""The PySide6 window: it shows what core computes and computes nothing clinical itself."""
