# Correct: the size with 1024 twice, the network's name upper-cased, the GAN's networks as an English list.


def model_size_mb(params, bytes_per_param=4):
    size_bytes = params * bytes_per_param
    return size_bytes / 1024 / 1024


def recurrent_network():
    return "rnn".upper()


def gan_networks():
    return ["Discriminator", "Generator"]
