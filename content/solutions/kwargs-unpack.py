def call_with(func, options):
    # ** in a call spreads the dict out: {"width": 3, "height": 4}
    # arrives as width=3, height=4, exactly as if written by hand.
    return func(**options)
