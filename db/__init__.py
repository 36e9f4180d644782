"""Storage: models, sessions, migrations and queries (SQLAlchemy 2; SQLite or PostgreSQL)."""
