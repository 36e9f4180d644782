"""项目代码 stored in their normal form (NFKC, every dash "-", no spaces, upper case)

Earlier versions stored a code as typed, so "2104—410225—04—01—123456" and full-width digits
could sit beside codes saved since in their normal form, and a code typed with "-" was not
found to be the same. Each stored code is rewritten in its normal form, except where that
would make two projects' codes equal: then nothing is merged or lost — the project that holds
the normal form already keeps it (else the earliest project takes it) and every later one keeps
its code exactly as stored; the register then names each such pair
(:func:`portfolio.projects.code_clashes.code_clashes`) until the office corrects one.

The normal form is written out here, not imported from ``portfolio``: a migration must do the
same thing whatever later versions change.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""
import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_DASHES = re.compile("[\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\u2500"
                     "\ufe58\ufe63\uff0d]+")


def _normal(code: str) -> str:
    return _DASHES.sub("-", "".join(unicodedata.normalize("NFKC", code).split())).upper()


def upgrade() -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.text(
        "SELECT id, project_code FROM projects WHERE project_code IS NOT NULL ORDER BY id")).all()
    taken = {code for _pid, code in rows if code == _normal(code)}
    for pid, code in rows:
        normal = _normal(code)
        if normal == code or normal in taken:
            continue
        if normal:
            taken.add(normal)
        connection.execute(sa.text("UPDATE projects SET project_code = :code WHERE id = :pid")
                           .bindparams(code=normal or None, pid=pid))


def downgrade() -> None:
    """Nothing to undo: a code in its normal form is a valid code for the earlier version."""
