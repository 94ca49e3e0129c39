"""Interactive explorers (ipywidgets) with static fallbacks for the website."""
