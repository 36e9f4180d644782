"""The project editor: every field of one project, validated, saved as one undoable step."""
