"""JSON Schemas (Draft 2020-12), one per directive, shipped as package data."""
