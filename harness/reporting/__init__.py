"""Reporting: the HTML report and the comparison of result sets."""
