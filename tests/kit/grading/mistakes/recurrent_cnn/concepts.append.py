# Mistake: the convolutional network named as the one that feeds back its previous output.


def recurrent_network():
    return "CNN"
