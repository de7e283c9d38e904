"""Operations: health and readiness, structured request logs and the slow-query log, backups and
restores, and synthetic national-scale data (`tiendo demo generate`)."""
