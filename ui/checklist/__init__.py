"""工具 → 前期手续清单…: the office's lists of approvals, one per 建设性质."""
