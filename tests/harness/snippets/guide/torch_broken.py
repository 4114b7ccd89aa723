# --8<-- [start:setup]
answer = 42
# --8<-- [end:setup]


# --8<-- [start:broken]
def divide():
    return answer / 0


divide()
# --8<-- [end:broken]
