"""The numbers each chapter quotes, one module per chapter, named by the chapter's slug.

``lab_utils/studies/<slug>.py`` measures what ``chapters/<slug>.md`` states;
the chapter's pictures are drawn by ``lab_utils/figures/<slug>.py``.
"""
