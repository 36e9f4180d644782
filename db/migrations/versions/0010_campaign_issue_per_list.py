"""三个一批: a 期 per list (signed_issue, started_issue, produced_issue) instead of one list and
one 期 per project (campaign_batch, campaign_issue)

A project signed in one 期, started in the next and put into production later is on each list
in its own 期. The old pair is carried over: a project tagged 开工 in 期 23 gets
started_issue 23. Going down keeps the latest list a project is on (投产, else 开工, else 签约).

Columns are added and dropped with plain ALTER TABLE (SQLite 3.35+), never batch mode's table
copy, which on SQLite drops ``projects`` and with it, through ON DELETE CASCADE, every child row.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_LISTS = (("签约", "signed_issue"), ("开工", "started_issue"), ("投产", "produced_issue"))


def upgrade() -> None:
    for _tag, column in _LISTS:
        op.add_column("projects", sa.Column(column, sa.Integer(), nullable=True))
    for tag, column in _LISTS:
        op.execute(sa.text(f"UPDATE projects SET {column} = campaign_issue "
                           "WHERE campaign_batch = :tag AND campaign_issue IS NOT NULL")
                   .bindparams(tag=tag))
    op.drop_column("projects", "campaign_issue")
    op.drop_column("projects", "campaign_batch")


def downgrade() -> None:
    op.add_column("projects", sa.Column("campaign_batch", sa.String(length=10), nullable=False,
                                        server_default=""))
    op.add_column("projects", sa.Column("campaign_issue", sa.Integer(), nullable=True))
    for tag, column in _LISTS:  # later lists overwrite earlier ones: the latest wins
        op.execute(sa.text(f"UPDATE projects SET campaign_batch = :tag, "
                           f"campaign_issue = {column} WHERE {column} IS NOT NULL")
                   .bindparams(tag=tag))
    for _tag, column in reversed(_LISTS):
        op.drop_column("projects", column)
