"""Export: the JSON contract other tools rely on (schema in ``plan.schema.json``)."""
