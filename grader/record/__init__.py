"""A grade's record: the results model every output renders from, the scoring pass, and atomic writes.

Below the checks and the engine: it imports nothing of the grader but its base (messages, catalog).
"""
