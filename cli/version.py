"""The program's version, for ``portfolio --version`` and the self-test.

Read from the installed package's metadata; the frozen build carries that metadata too
(build.spec copies it), and :data:`FALLBACK` covers a build that does not.
"""

from __future__ import annotations

from importlib import metadata

DISTRIBUTION = "xiangmuku"
#: Kept equal to pyproject.toml's version (a test checks).
FALLBACK = "0.1.0"


def version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return FALLBACK
