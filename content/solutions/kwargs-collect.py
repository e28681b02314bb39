def describe(**fields):
    # **fields gathers every keyword argument into one dict,
    # e.g. {"name": "Ada", "year": 1815}; sorting its items sorts by key.
    return [f"{key}={value}" for key, value in sorted(fields.items())]
