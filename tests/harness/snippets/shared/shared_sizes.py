# A module the programs beside it import: not a program of its own.
SIZE = 3
