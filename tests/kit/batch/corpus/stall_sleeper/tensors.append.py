

def _slow(function):
    def slow(*args, **kwargs):
        _time.sleep(float("@STALL_SECONDS@"))
        return function(*args, **kwargs)
    return slow


for _name, _value in list(globals().items()):
    if callable(_value) and not _name.startswith("_") and getattr(_value, "__module__", "") == __name__:
        globals()[_name] = _slow(_value)
