"""Event frames: what a clause asserts (event type, stage, polarity, attitude, roles), and
whether what a statement asserts entails, excludes or says nothing about it.

`vocabulary.json` is the data (types, stages, their relations, trigger words); `reader` reads
frames from text; `decide` compares two frames.
"""
