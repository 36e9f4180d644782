"""规划目标: the quantified targets of the planning documents and the projects that meet them."""
