"""Pure stages over records: split, clean, date, and (later) dedup, events, timelines.

Each stage is a function from one record to an iterable of records, with settings passed in;
no stage does IO or reads the clock.
"""
