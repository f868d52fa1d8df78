print("podgrade")
