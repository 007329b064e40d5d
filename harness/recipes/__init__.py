"""Recipes: the documents' experiments that several claims share (data sets, splits, shared fits)."""
