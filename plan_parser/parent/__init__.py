"""The parent plan: its profile (identity, targets, deadlines, task groups) and the deviations
of a plan from it."""
