"""晾晒排名: the ranking of 乡镇/街道 or 责任单位 with its 红榜 and 黑榜."""
