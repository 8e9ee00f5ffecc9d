"""What every layer shares: findings (the one list every output views), the cache, forking."""
