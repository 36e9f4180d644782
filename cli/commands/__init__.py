"""Sub-commands of the ``portfolio`` command line, one module each."""
