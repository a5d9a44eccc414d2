"""The ``grade`` command's help, in Korean and English: what ``grade --help``, ``grade check --help`` and
``grade submit --help`` say, and every other command's help and what it prints when done.

Keyed by the command's name (``cli`` for ``grade`` itself) and ``command.option`` (``check.path``); an
option every command shares is ``*.option`` (``*.help``). :mod:`grader.cli.language` shows the language
the run reads in.
"""

from __future__ import annotations

from grader.messages import Text

HELP = {
    "cli": Text("텐서플로 실습: 내 코드를 검사하고, 제출하고, 반 전체를 채점합니다.",
                "TensorFlow exercises: check your work, submit it, grade a class."),
    "cli.kit": Text("키트 폴더(course.toml이 있는 폴더)입니다. 기본값은 지금 폴더나 그 위의 폴더이고, GRADE_KIT로도 "
                    "정할 수 있습니다.",
                    "The kit folder (the one with course.toml); default: the current folder or one above it. "
                    "Also GRADE_KIT."),
    "*.version": Text("버전을 보여 주고 끝냅니다.", "Show the version and exit."),
    "*.help": Text("이 도움말을 보여 주고 끝냅니다.", "Show this message and exit."),
    "*.lang": Text("피드백 언어입니다 (기본값: course.toml의 [course] language).",
                   "Language of the feedback (default: course.toml's [course] language)."),
    "check": Text("내 코드를 빠르게 공개 검사합니다(학습 없이). 예: `grade check cnn.first_conv`",
                  "Fast public checks (no training) on your work, e.g. `grade check cnn.first_conv`."),
    "check.path": Text("내 코드가 있는 폴더입니다 (기본값: exercises/).", "Folder with your work (default: exercises/)."),
    "check.watch": Text("저장할 때마다 다시 검사합니다 (멈추려면 Ctrl+C).",
                        "Check again every time you save (Ctrl+C to stop)."),
    "submit": Text("정확도 측정까지 모든 공개 검사를 실행하고 results.json과 제출 파일을 만듭니다.",
                   "All public checks including the accuracy run; writes results.json and a submission archive."),
    "submit.path": Text("내 코드가 있는 폴더입니다 (기본값: exercises/).", "Folder with your work (default: exercises/)."),
    "submit.student": Text("학번입니다. 제출 파일과 결과에 적힙니다.",
                           "Your student id, written into the archive and results."),
    "submit.out": Text("results.json, feedback.html과 제출 파일을 둘 폴더입니다.",
                       "Where results.json, feedback.html and the archive go."),
    "submit.as_json": Text("표 대신 results.json을 화면에 출력합니다.", "Print results.json to stdout instead of the table."),
    # the instructor's commands
    "batch": Text("BATCH_DIR의 제출물을 모두 공개 검사와 숨은 검사로 채점합니다.\n\n"
                  "BATCH_DIR에는 학생마다 하나씩 둡니다: 폴더, 학번.zip, 또는 grade submit이 만든 "
                  "submission-학번-시각.zip(학번은 그 안의 manifest에서 읽고, 여러 개면 가장 늦은 것을 채점합니다). "
                  "학생들은 내장 Dask 클러스터나 --scheduler의 클러스터에서 채점합니다.",
                  "Grade every submission in BATCH_DIR with public and hidden checks.\n\n"
                  "BATCH_DIR holds one entry per student: a folder, ID.zip, or grade submit's "
                  "submission-ID-TIME.zip (the id comes from its manifest; of several, the latest is graded). "
                  "Students are graded on an embedded Dask cluster, or on --scheduler's."),
    "batch.out": Text("grades.csv와 피드백을 둘 폴더입니다.", "Folder for grades.csv and feedback."),
    "batch.workers": Text("이 컴퓨터에서 한꺼번에 채점할 학생 수입니다 (기본값: course.toml, 없으면 코어 수).",
                          "Students graded at once on this machine (default: course.toml, else the number of cores)."),
    "batch.scheduler": Text("내장 클러스터 대신 이 Dask 클러스터(tls://HOST:PORT)에서 채점합니다 (기본값: course.toml의 "
                            "[batch] scheduler).",
                            "Grade on this Dask cluster (tls://HOST:PORT) instead of an embedded one (default: "
                            "course.toml [batch] scheduler)."),
    "batch.student": Text("이 학생 한 명만 다시 채점합니다.", "Regrade this one student only."),
    "batch.tls_ca_file": Text("--scheduler의 TLS: 클러스터 인증서에 서명한 CA 파일입니다 (기본값: Dask 설정의 "
                              "distributed.comm.tls).",
                              "TLS for --scheduler: the CA file that signed the cluster's certificates (default: "
                              "Dask's distributed.comm.tls configuration)."),
    "batch.tls_cert": Text("--scheduler의 TLS: 이 클라이언트의 인증서 파일입니다.",
                           "TLS for --scheduler: this client's certificate file."),
    "batch.tls_key": Text("--scheduler의 TLS: 이 클라이언트의 개인 키 파일입니다.",
                          "TLS for --scheduler: this client's private key file."),
    "batch.roster": Text("반 명단 CSV입니다(student_id, 학번, SIS User ID 열 중 하나). 명단의 모든 학생이 한 줄씩 "
                         "받습니다 (기본값: course.toml의 [course] roster).",
                         "Class list CSV (a student_id or SIS User ID column, or the Korean student-number "
                         "column): everyone on it gets a row (default: course.toml's [course] roster)."),
    "*.allow_weak_isolation": Text(
        "bubblewrap 없이도 채점합니다 (위험: 학생 코드가 이 컴퓨터의 파일을 더 많이 읽을 수 있습니다). Linux에서는 "
        "이 옵션이 없으면 bubblewrap 없이 시작하지 않습니다.",
        "Grade even without bubblewrap (a risk: the students' code can read more of this machine). On Linux, "
        "without this option grade batch does not start without bubblewrap."),
    "batch.id_pattern": Text("LMS에서 받은 파일마다 이름에서 학번을 찾는 정규식입니다: 그룹 'id'(없으면 첫 그룹). "
                             "예: '_(?P<id>\\d{7})_'",
                             "Regular expression that finds the student id in each entry's name, for LMS "
                             "downloads: its group 'id' (or first group), e.g. '_(?P<id>\\d{7})_'."),
    "verify": Text("키트가 스스로를 검사합니다: 해답은 만점, 빈 과제는 0점, 함수와 시그니처가 같은지.",
                   "The kit checks itself: solutions full marks, stubs zero, same functions and signatures."),
    "release": Text("OUT_DIR에 학생용 키트를 만듭니다: 과제, 공개 검사, 채점기, course.toml.",
                    "Build the student kit in OUT_DIR: exercises, public checks, grader, course.toml."),
    "release.force": Text("OUT_DIR이 있으면 바꿉니다.", "Replace OUT_DIR if it exists."),
    "exercises": Text("solutions/로 exercises/(스텁과 노트북)를 다시 만듭니다.",
                      "Regenerate exercises/ (stubs and notebooks) from solutions/."),
    "exercises.only_check": Text("오래된 파일만 알려 줍니다. 있으면 종료 코드 1.", "Only report stale files; exit 1 if any."),
    "similarity": Text("비슷한 제출물 찾기: 사람이 살펴볼 OUT_DIR/similarity.html을 만듭니다 (점수는 바꾸지 않습니다).",
                       "Which submissions look alike: OUT_DIR/similarity.html, for a person to look at (no score "
                       "changes)."),
    "similarity.batch_dir": Text("제출물 폴더입니다 (기본값: OUT_DIR로 마지막 grade batch가 읽은 폴더).",
                                 "The submissions (default: the folder the last grade batch into OUT_DIR read)."),
    "similarity.top": Text("보고서에 보여 줄 짝의 수입니다.", "Pairs shown in the report."),
    "export": Text("다른 시스템으로 보낼 성적과 채점기: `grade export canvas OUT_DIR`, `grade export gradescope`",
                   "Grades and graders for another system: `grade export canvas OUT_DIR`, `grade export gradescope`."),
    "gradescope": Text("Gradescope에 올릴 자동 채점기 zip(setup.sh, run_autograder, 숨은 검사를 포함한 키트)을 만듭니다.",
                       "Build the autograder zip to upload to Gradescope (setup.sh, run_autograder, the kit with its "
                       "hidden checks)."),
    "gradescope.target": Text("쓸 zip 파일입니다 (기본값: ./gradescope-autograder.zip).",
                              "The zip to write (default: ./gradescope-autograder.zip)."),
    "gradescope.wheels": Text("zip에 함께 넣을 휠 폴더입니다. 있으면 setup.sh가 네트워크 없이 설치합니다.",
                              "A folder of wheels to put in the zip: setup.sh then installs without the network."),
    "canvas": Text("OUT_DIR/grades.csv의 총점을 Canvas 성적부 가져오기 파일로 씁니다.",
                   "OUT_DIR/grades.csv's totals as a Canvas gradebook import file."),
    "canvas.assignment": Text("성적부의 열 이름입니다 (기본값: course.toml의 [course] name).",
                              "The gradebook column (default: course.toml's [course] name)."),
    "canvas.target": Text("쓸 파일입니다 (기본값: OUT_DIR/canvas.csv).", "The file to write (default: OUT_DIR/canvas.csv)."),
    "nbgrader": Text("nbgrader로 수업하기: 과정 폴더를 만들고, 채점 결과를 nbgrader 성적부에 넣습니다.",
                     "Run the course on nbgrader: build its course directory, grade into its gradebook."),
    "build": Text("nbgrader 과정 폴더를 씁니다: nbgrader_config.py와 source/<assignment>/ 노트북.",
                  "Write an nbgrader course directory: nbgrader_config.py and source/<assignment>/ notebooks."),
    "build.assignment": Text("과제 이름입니다 (기본값: course.toml의 과정 이름).",
                             "Assignment name (default: the course name in course.toml)."),
    "build.force": Text("COURSE_DIR의 nbgrader_config.py와 이미 있는 source/<assignment>/를 다시 씁니다 (그 밖의 것은 "
                        "건드리지 않습니다. 새 과제에는 --force가 필요 없습니다).",
                        "Rewrite nbgrader_config.py and an existing source/<assignment>/ in COURSE_DIR (nothing else "
                        "in it is touched; a new assignment needs no --force)."),
    "autograde": Text("submitted/를 격리된 채점기로 채점하고 nbgrader의 autograde로 기록합니다: autograded/, "
                      "gradebook, feedback/.",
                      "Grade submitted/ with the isolated engine and record it through nbgrader's autograde: "
                      "autograded/, the gradebook, feedback/."),
    "autograde.assignment": Text("과제 이름입니다 (기본값: source/ 아래의 유일한 폴더).",
                                 "Assignment name (default: the one folder under source/)."),
    "autograde.workers": Text("한꺼번에 채점할 학생 수입니다 (기본값: course.toml, 없으면 코어 수).",
                              "Students graded at once (default: course.toml, else the number of cores)."),
    "autograde.scheduler": Text("내장 클러스터 대신 이 Dask 클러스터에서 채점합니다 (기본값: course.toml의 [batch] "
                                "scheduler).",
                                "Grade on this Dask cluster instead of an embedded one (default: course.toml [batch] "
                                "scheduler)."),
    "canvas.roster": Text("ID와 Section 열을 가져올 Canvas 성적부 내보내기 파일입니다 (기본값: 채점 때 읽은 명단).",
                          "A Canvas gradebook export, for its ID and Section columns (default: the roster the batch "
                          "read)."),
}
"""Help of the commands, and of the options they share."""

SAID = {
    "verified": Text("✓ 키트 검사 통과: 해답은 만점, 빈 과제는 0점, 시그니처가 같습니다",
                     "✓ kit verified: solutions score full marks, stubs score zero, signatures match"),
    "released": Text("학생용 키트를 만들었습니다: {target}", "Student kit written to {target}"),
    "install": Text("학생은 이렇게 설치합니다:  pip install {target}", "Students install it with:  pip install {target}"),
    "in-step": Text("과제 파일이 해답과 맞습니다", "exercises are in step with solutions"),
    "wrote": Text("썼습니다: {path}", "wrote {path}"),
    "pairs": Text("{count}쌍을 비교했습니다. 보고서: {path}", "{count} pairs compared; report: {path}"),
    "gradescope": Text("Gradescope 자동 채점기: {path} (Gradescope의 Configure Autograder에 올리세요)",
                       "Gradescope autograder: {path} (upload it under Configure Autograder in Gradescope)"),
    "canvas": Text("Canvas 가져오기 파일: {path} (Canvas의 Grades > Import)",
                   "Canvas import file: {path} (Grades > Import in Canvas)"),
    "course-written": Text("nbgrader 과정을 {folder}에 썼습니다 (파일 {count}개, 노트북은 {source}).",
                           "nbgrader course written to {folder} ({count} files; notebooks in {source})"),
    "course-next": Text("다음: cd {folder} && nbgrader generate_assignment {name}",
                        "Next: cd {folder} && nbgrader generate_assignment {name}"),
    "course-then": Text("그다음: nbgrader autograde {name} (또는 grade nbgrader autograde {folder} --assignment {name}), "
                        "nbgrader generate_feedback {name}, nbgrader export",
                        "Then: nbgrader autograde {name} (or: grade nbgrader autograde {folder} --assignment {name}), "
                        "nbgrader generate_feedback {name}, nbgrader export"),
    "autograded": Text("제출물 {count}개를 {db}에 채점했습니다. `nbgrader export`나 formgrader로 보세요.",
                       "{count} submission(s) graded into {db}; see them with `nbgrader export` or the formgrader."),
    "student-not-graded": Text("{student}: 채점하지 못했습니다 (점수 없음, gradebook에는 '수동 채점 필요'): {error}",
                               "{student}: not graded (no score; 'needs manual grade' in the gradebook): {error}"),
    "not-graded": Text("{count}명을 채점하지 못했습니다: {students}. 원인을 고친 뒤 같은 명령을 다시 실행하면 "
                       "채점됩니다.",
                       "{count} student(s) not graded: {students}. Fix the cause and run the same command again "
                       "to grade them."),
}
"""What a command prints when it has done its job."""

FRAME = {
    "usage": Text("사용법:", "Usage:"),
    "options": Text("옵션:", "Options:"),
    "commands": Text("명령:", "Commands:"),
    "default": Text("기본값:", "default:"),
    "required": Text("[필수]", "[required]"),
}
"""click's own headings of a help page (English is click's wording)."""

VERIFY = {
    "missing": Text("{module}: exercises/{module}.py나 solutions/{module}.py가 없습니다",
                    "{module}: exercises/{module}.py or solutions/{module}.py is missing"),
    "signature": Text("{function}: 스텁({stub})과 해답({solution})의 인자가 다릅니다",
                      "{function}: stub ({stub}) and solution ({solution}) differ"),
    "stale": Text("과제 파일이 해답과 맞지 않습니다: {name} (`grade exercises`를 실행하세요)",
                  "exercises out of date: {name} (run: grade exercises)"),
    "no-such-check": Text("[points]에 있는 이름의 검사가 없습니다: \"{name}\"", "[points] names no check: \"{name}\""),
    "total": Text("점수의 합이 {total:g}점입니다 ({want}점이어야 합니다)", "points add up to {total:g}, not {want}"),
    "project-no-points": Text("[project] enabled = true인데 프로젝트 검사의 점수가 없습니다",
                              "[project] enabled = true, but the project's checks are worth no points"),
    "grading-solutions": Text("모든 검사로 solutions/를 채점합니다 (모델을 한 번 학습합니다)...",
                              "grading solutions/ with every check (this trains the model once)..."),
    "solutions-score": Text("  해답: {score:g} / {max_score:g}{project}", "  solutions: {score:g} / {max_score:g}{project}"),
    "solutions-fail": Text("해답이 \"{check}\" 검사에 실패합니다: {summary}", "solutions fail \"{check}\": {summary}"),
    "grading-stubs": Text("exercises/(손대지 않은 스텁)를 채점합니다...", "grading exercises/ (untouched stubs)..."),
    "stubs-score": Text("  스텁: {score:g} / {max_score:g}{project}", "  stubs: {score:g} / {max_score:g}{project}"),
    "stubs-pass": Text("손대지 않은 스텁이 \"{check}\" 검사를 통과합니다", "untouched stubs pass \"{check}\""),
    "project-ungraded": Text("{folder}/project.py를 프로젝트 점수 {want:g}점으로 채점하지 않았습니다",
                             "{folder}/project.py was not graded on the project's {want:g} points"),
    "project-part": Text(", 프로젝트 {score:g} / {max_score:g}", ", project part {score:g} / {max_score:g}"),
}
"""What ``grade verify`` says as it checks the kit, and each problem it finds."""
