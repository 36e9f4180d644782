"""The 问题台账 page: problems holding projects back, chased until closed (督办)."""
