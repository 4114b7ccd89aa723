"""NLP Rosetta's own tooling: reading guide pages, running their blocks, reporting, site hooks."""
