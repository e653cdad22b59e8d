"""Resolve: group mentions into the things they refer to (documents, units, places)."""
