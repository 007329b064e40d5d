"""Storing: the one result writer and reader, the schema, result sets, exports, output folders."""
