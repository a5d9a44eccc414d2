"""The Dask preload of a grading worker: ``dask worker ... --preload grader.batch.preload``.

On start, the worker caps its own memory on the CPU and imports TensorFlow and
Keras in the background, once; each task then grades with a warm worker. The
embedded cluster of ``grade batch`` loads it the same way, and there the worker
also ends itself as soon as the batch's process is gone. The checks that the
worker's kit matches the client's happen per task (:func:`grader.batch.worker.refusal`)
and when the client connects.
"""

from __future__ import annotations


def dask_setup(worker) -> None:  # noqa: ARG001 - Dask's preload hook
    from grader.batch.worker import limit_memory, redirect_output, warm_up, watch_batch

    redirect_output()
    watch_batch()
    limit_memory()
    warm_up()
