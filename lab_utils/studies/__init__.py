"""Studies: the experiments behind the chapters' figures and tables, one module per topic.

Each module holds pure functions that take data and return numbers; the
figures in :mod:`lab_utils.figures` draw them.
"""
