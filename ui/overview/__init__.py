"""总览: headline figures, tables by group and the 滞后项目 list."""
