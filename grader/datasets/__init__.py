"""Data files the kit ships: ``mnist_5k.csv.gz``, 5,000 MNIST digits (see NOTICE beside it)."""
