"""现场照片 (project_photos) and 签约日期 (projects.signed_on)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "project_photos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=True),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.Column("image", sa.LargeBinary(), nullable=False),
        sa.Column("thumbnail", sa.LargeBinary(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("added_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["projects.id"],
                                name=op.f("fk_project_photos_project_id_projects"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_photos")),
    )
    with op.batch_alter_table("project_photos", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_project_photos_project_id"), ["project_id"],
                              unique=False)
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.add_column(sa.Column("signed_on", sa.Date(), nullable=True))


def downgrade() -> None:
    # A plain ALTER TABLE … DROP COLUMN (SQLite 3.35+), never batch mode's table copy: on
    # SQLite that copy drops ``projects``, and with foreign keys on the drop deletes every
    # ON DELETE CASCADE child row (levels, quantities, steps, monthly figures …).
    op.drop_column("projects", "signed_on")
    with op.batch_alter_table("project_photos", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_photos_project_id"))
    op.drop_table("project_photos")
