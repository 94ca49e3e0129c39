"""Figures drawn for the chapters: ``lab_utils/figures/<slug>.py`` draws those of ``chapters/<slug>.md``.

Figure modules only draw; the model maths they show lives in the rest of
:mod:`lab_utils`, and the numbers a chapter quotes in :mod:`lab_utils.studies`.
"""
