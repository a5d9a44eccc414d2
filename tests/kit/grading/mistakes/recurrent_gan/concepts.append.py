# Mistake: the GAN named as the network that feeds back its previous output.


def recurrent_network():
    return "GAN"
