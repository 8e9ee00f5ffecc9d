"""The reports layer: every output format (formats), each a view of one list of findings."""
