# Every call sleeps just under the per-call limit (20 s in the tests) and then answers right:
# without a per-student budget it would hold a worker for the whole class.
import time as _time

_time.sleep(19)
