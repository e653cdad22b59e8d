"""Extract: grammars that find dates, document symbols, agencies, citations, targets and deadlines."""
