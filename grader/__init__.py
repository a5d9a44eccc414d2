"""tf-grade: auto-graded TensorFlow exercises with an isolated grading engine."""

__version__ = "0.1.0"
