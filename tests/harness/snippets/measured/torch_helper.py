"""Shared by the program beside it."""

# --8<-- [start:data]
# loaded once
examples = [1, 2, 3]
# --8<-- [end:data]
