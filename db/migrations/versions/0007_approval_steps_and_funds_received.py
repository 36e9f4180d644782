"""前期手续 and milestones (approval_steps), 资金到位 (funds_received)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-10
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "approval_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("planned_on", sa.Date(), nullable=True),
        sa.Column("actual_on", sa.Date(), nullable=True),
        sa.Column("document_number", sa.String(length=100), nullable=False),
        sa.Column("issuing_office", sa.String(length=200), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.CheckConstraint("kind IN ('approval', 'milestone')",
                           name=op.f("ck_approval_steps_kind_valid")),
        sa.ForeignKeyConstraint(["project_id"], ["projects.id"],
                                name=op.f("fk_approval_steps_project_id_projects"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_approval_steps")),
        sa.UniqueConstraint("project_id", "name", name=op.f("uq_approval_steps_project_id")),
    )
    with op.batch_alter_table("approval_steps", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_approval_steps_project_id"), ["project_id"],
                              unique=False)
    op.create_table(
        "funds_received",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("amount", sa.Numeric(precision=16, scale=2), nullable=False),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_funds_received_amount_nonnegative")),
        sa.ForeignKeyConstraint(["project_id"], ["projects.id"],
                                name=op.f("fk_funds_received_project_id_projects"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_funds_received")),
        sa.UniqueConstraint("project_id", "year", "month", "source",
                            name=op.f("uq_funds_received_project_id")),
    )
    with op.batch_alter_table("funds_received", schema=None) as batch_op:
        batch_op.create_index("ix_funds_received_period",
                              ["year", "month", "source", "project_id", "amount"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("funds_received", schema=None) as batch_op:
        batch_op.drop_index("ix_funds_received_period")
    op.drop_table("funds_received")
    with op.batch_alter_table("approval_steps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_approval_steps_project_id"))
    op.drop_table("approval_steps")
