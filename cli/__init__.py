"""The `newsfacts` command: an interface over the library (``newsfacts``) and the flows (``flows``).

Argument parsing and messages only; nothing in ``newsfacts`` or ``flows`` imports it.
"""
