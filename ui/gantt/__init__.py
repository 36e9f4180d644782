"""甘特图: the Gantt page, its model, chart widget and painter."""
