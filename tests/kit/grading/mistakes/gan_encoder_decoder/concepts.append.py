# Mistake: an autoencoder's two halves, not a GAN's two networks.


def gan_networks():
    return ("encoder", "decoder")
