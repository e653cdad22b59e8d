"""Extract: grammars for dates, document symbols, agencies, citations, targets, deadlines."""
