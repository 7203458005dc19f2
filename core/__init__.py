"""Pure-Python heart of naltrexone-dose: parsing, exact arithmetic, schemes, classification.

Nothing in this package imports Qt; the command line and tests rely on that.
"""
