"""Figures drawn for the chapters, one module per chapter topic."""
