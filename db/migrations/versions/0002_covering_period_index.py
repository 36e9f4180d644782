"""covering index for the period sums of every roll-up

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("monthly_reports", schema=None) as batch_op:
        batch_op.drop_index("ix_monthly_reports_period")
        batch_op.create_index(
            "ix_monthly_reports_period_totals",
            ["year", "month", "project_id", "investment"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("monthly_reports", schema=None) as batch_op:
        batch_op.drop_index("ix_monthly_reports_period_totals")
        batch_op.create_index("ix_monthly_reports_period", ["year", "month"], unique=False)
