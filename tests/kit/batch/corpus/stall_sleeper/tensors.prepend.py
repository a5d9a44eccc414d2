# Every call sleeps just under the per-call limit (@CALL_SECONDS@ s in the corpus's course) and then
# answers right: without a per-student budget it would hold a worker for the whole class.
import time as _time

_time.sleep(float("@STALL_SECONDS@"))
