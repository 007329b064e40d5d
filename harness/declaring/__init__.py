"""Declaring: what a document says and how it becomes a claim (Claim, sources, vague words, the catalog)."""
