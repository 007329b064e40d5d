"""Deciding: the one statistics module, how measured values become a verdict."""
