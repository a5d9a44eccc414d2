"""``grade batch``: which entries of a class folder were read, the plan's notices, the per-student line
and the summary at the end.
"""

from __future__ import annotations

from grader.messages import Text

CLASSROOM = {
    "skip-file": Text("{name}: 학생 폴더, 제출 압축 파일(.zip), LMS에서 받은 제출 파일 어느 것도 아니어서 건너뜁니다.",
                      "{name}: neither a student folder, a submission archive (.zip) nor a file of an LMS "
                      "download; skipped."),
    "skip-name": Text("{name}: 학번으로 쓸 수 없는 이름이어서 건너뜁니다.",
                      "{name}: not usable as a student id; skipped."),
    "skip-kit-name": Text("{name}: 학번 {student}은(는) 결과 폴더에 채점기가 쓰는 파일 이름과 겹쳐서 건너뜁니다. "
                          "이름을 바꾸고 다시 실행하세요.",
                          "{name}: the id {student} is the name of a file the kit writes in the output folder; "
                          "skipped. Rename it and run the batch again."),
    "skip-pattern": Text("{name}: --id-pattern에 맞지 않아 건너뜁니다.",
                         "{name}: does not match --id-pattern; skipped."),
    "id-mismatch": Text("제출 파일 {file}: 학생이 낸 파일 안 manifest에는 학번이 {manifest}(으)로 적혀 있지만, 누가 "
                        "냈는지는 LMS와 파일 이름이 정합니다. {named}의 제출물로 채점했습니다. 확인해 보세요.",
                        "The archive {file} came in as student {named}'s (the LMS, the file name), but the "
                        "manifest inside says {manifest}; who handed a file in is what the instructor's side "
                        "says, so it was graded as {named}'s. Please have a look."),
    "superseded": Text("제출물이 여러 개입니다. 가장 늦게 받은 제출물 {file} ({time})만 채점했고, 이전 제출물은 "
                       "채점하지 않았습니다: {others}.",
                       "Several submissions: the latest received, {file} ({time}), was graded; the earlier ones "
                       "were not: {others}."),
    "claimed-time": Text("제출물의 manifest에는 학생 컴퓨터의 시각으로 {claimed}에 만들었다고 적혀 있습니다. 늦은 "
                         "제출은 {source}의 시각({used})으로 셉니다.",
                         "The archive's manifest says the student's machine made it at {claimed}; lateness "
                         "counts from the {source} ({used})."),
}

TIME_SOURCES = {
    "LMS": Text("LMS가 적은 제출", "LMS's submission time"),
    "file time": Text("받은 파일", "file's time as collected"),
}

PLAN = {
    "conflict": Text("학번 {student}의 제출물이 두 개입니다 ({entries}). 어느 것을 채점할지 정할 수 없어 0점으로 "
                     "두었습니다. 하나를 지우고 다시 실행하세요.",
                     "Student {student} has two submissions ({entries}). Neither was chosen, so the score is "
                     "0; remove one and run the batch again."),
    "no-modules": Text("{entry}에 tensors.py, cnn.py, concepts.py (또는 .ipynb 노트북)가 하나도 없습니다.",
                       "{entry} holds none of tensors.py, cnn.py, concepts.py (or their .ipynb notebooks)."),
    "unreadable": Text("{entry}을(를) 읽지 못했습니다: {detail}", "{entry} could not be read: {detail}"),
    "not-zip": Text("zip 압축 파일이 아니거나 손상되었습니다", "not a zip archive, or a corrupt one"),
    "nothing-implemented": Text("모든 함수가 아직 NotImplementedError를 일으킵니다. 받은 과제 그대로입니다.",
                                "Every function still raises NotImplementedError: the exercises as handed out."),
}

SUMMARY_LINES = {
    "scheduler-plain": Text("Dask 스케줄러 {address}은(는) 암호화도 인증도 하지 않습니다. 그 주소에 닿는 사람은 누구나 "
                            "이 컴퓨터와 워커에서 내 권한으로 코드를 실행할 수 있습니다. TLS 인증서로 여는 방법은 "
                            "docs/cluster.md에 있습니다.",
                            "The Dask scheduler {address} is neither encrypted nor authenticated: anyone who can "
                            "reach it can run code as you here and on the workers. docs/cluster.md says how to run "
                            "it with TLS certificates."),
    "could-not-grade": Text("채점기가 이 제출물을 채점하지 못했습니다 ({detail}). 다시 실행하면 다시 시도합니다.",
                            "The grader could not grade this submission ({detail}); the next run tries again."),
    "summary": Text("학생 {total}명: 채점 {graded}, 구현 안 함 {nothing}, 실행 불가 {could_not_run}, "
                    "제출 안 함 {missing}, 제출물 중복 {conflict}, 채점 실패 {could_not_grade} (이번에 채점 "
                    "{regraded}, 그대로 둠 {kept}; {seconds:.0f}초, 작업자 {workers}개).",
                    "{total} students: {graded} graded, {nothing} nothing implemented, {could_not_run} could not "
                    "run, {missing} no submission, {conflict} conflicts, {could_not_grade} could not be graded "
                    "({regraded} graded now, {kept} unchanged; {seconds:.0f} s, {workers} workers)."),
    "phases": Text("걸린 시간: 반 읽기 {plan:.1f}초, 작업자 시작 {start:.1f}초, 채점 {grading:.1f}초, 작업자 종료 "
                   "{stop:.1f}초, 반 전체 파일 쓰기 {write:.1f}초.",
                   "Where the time went: reading the class {plan:.1f} s, starting the workers {start:.1f} s, grading "
                   "{grading:.1f} s, stopping them {stop:.1f} s, writing the class's files {write:.1f} s."),
    "weak-isolation": Text("bubblewrap 없이, 강사의 --allow-weak-isolation에 따라 약한 격리로 채점했습니다: "
                           "학생 코드가 이 컴퓨터의 파일을 읽기 전용으로 볼 수 있었습니다 (docs/isolation.md).",
                           "Graded without bubblewrap, with weaker isolation, on the instructor's "
                           "--allow-weak-isolation: the students' code could see this machine's files read-only "
                           "(docs/isolation.md)."),
    "student-line": Text("  {student}: {status} - {detail}", "  {student}: {status} - {detail}"),
    "skipped": Text("건너뛴 항목 {count}개:", "{count} entries skipped:"),
    "look": Text("확인이 필요한 항목 {count}개:", "{count} things to look at:"),
    "refused": Text("채점에 쓰지 않은 작업자 {count}개 (키트가 다름):", "{count} workers not used (another kit):"),
    "replaced": Text("메모리가 [batch] replace_worker_mb를 넘어 학생 사이에 교체한 작업자 {count}개:",
                     "{count} workers replaced between students (memory past [batch] replace_worker_mb):"),
    "written": Text("성적표: {path}", "Grades: {path}"),
    "class-report": Text("반 전체 보고서: {path}", "Class report: {path}"),
    "dashboard": Text("Dask 대시보드: {address}", "Dask dashboard: {address}"),
}

STATUS = {
    "graded": Text("채점", "graded"),
    "nothing implemented": Text("구현 안 함", "nothing implemented"),
    "could not run": Text("실행 불가", "could not run"),
    "could not grade": Text("채점 실패", "could not grade"),
    "conflict": Text("제출물 중복", "conflict"),
    "no submission": Text("제출 안 함", "no submission"),
}
"""A student's status in a batch (:data:`grader.batch.plan.GRADED` ...), by its name."""

STUDENT_LINE = {
    "failed-checks": Text("실패한 검사 {count}개", "{count} failed checks"),
    "all-passed": Text("모든 검사 통과", "every check passed"),
    "late": Text("{days}일 늦음", "{days} day(s) late"),
}

GRADE_BOOK = {
    "not-graded": Text("아직 채점 안 됨", "not graded yet"),
}
"""The cell of a grade book (``grades.csv``) for a check a student has no verdict on yet."""
