"""The command line, ``portfolio …``: a peer of :mod:`ui` on top of the application."""
