# Mistake: the discriminator called a classifier.


def gan_networks():
    return ("생성자", "분류기")
