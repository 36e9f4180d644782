"""投资分析: the budget page, its charts and tables."""
