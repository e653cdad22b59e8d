"""Check: findings computed from the extracted and resolved data."""
