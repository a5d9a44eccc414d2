"""The floor: a bare process that imports TensorFlow and trains the lecture model once.

Same data and training budget as the grader's accuracy run (course.toml
[accuracy]); nothing else. ``python bench/floor.py`` prints its test accuracy.
"""

import time

started = time.perf_counter()

import keras  # noqa: E402
from keras import layers  # noqa: E402

from grader import config, data  # noqa: E402

course = config.load()
(x_train, y_train), (x_test, y_test), = data.load_mnist(course)
source = data.last_source()
limit = course.train_samples(source) or len(x_train)
x_train, y_train = data.prepare(x_train[:limit]), y_train[:limit]
keras.utils.set_random_seed(course.course.seed)
model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(32, (5, 5), padding="same", activation="relu"),
    layers.MaxPooling2D((2, 2)),
    layers.Conv2D(64, (2, 2), padding="same", activation="relu"),
    layers.MaxPooling2D((2, 2)),
    layers.Dropout(0.25),
    layers.Flatten(),
    layers.Dense(1000, activation="relu"),
    layers.Dropout(0.5),
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=course.accuracy.epochs, batch_size=course.accuracy.batch_size, verbose=0)
_, accuracy = model.evaluate(data.prepare(x_test), y_test, verbose=0)
print(f"floor: accuracy {accuracy:.3f} on {source.name} in {time.perf_counter() - started:.1f} s")
