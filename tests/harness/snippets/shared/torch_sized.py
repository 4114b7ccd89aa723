from shared_sizes import SIZE

print(f"size: {SIZE}")
