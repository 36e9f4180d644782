"""月度调度: the monthly entry grid, the annual-plan grid and their models."""
