# Mistake: the total is typed in, not computed.


def lecture_model_params():
    return 3156098
