"""项目代码 on projects, 年度建设目标 on annual plans

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.add_column(sa.Column("project_code", sa.String(length=50), nullable=True))
        batch_op.create_index("ix_projects_project_code", ["project_code"], unique=True)
    with op.batch_alter_table("annual_plans", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("goal", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    # Plain ALTER TABLE … DROP COLUMN (SQLite 3.35+), never batch mode's table copy: on SQLite
    # that copy drops the table, and with foreign keys on the drop deletes its ON DELETE
    # CASCADE children (a plan's months; a project's levels, steps, figures …).
    op.drop_column("annual_plans", "goal")
    op.drop_index("ix_projects_project_code", table_name="projects")
    op.drop_column("projects", "project_code")
