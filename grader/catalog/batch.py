"""``grade batch``: which entries of a class folder were read, the plan's notices, the per-student line
and the summary at the end.
"""

from __future__ import annotations

from grader.messages import Text

CLASSROOM = {
    "skip-file": Text("{name}: 학생 폴더나 제출 압축 파일(.zip)이 아니어서 건너뜁니다.",
                      "{name}: neither a student folder nor a submission archive (.zip); skipped."),
    "skip-name": Text("{name}: 학번으로 쓸 수 없는 이름이어서 건너뜁니다.",
                      "{name}: not usable as a student id; skipped."),
    "skip-pattern": Text("{name}: --id-pattern에 맞지 않아 건너뜁니다.",
                         "{name}: does not match --id-pattern; skipped."),
    "id-mismatch": Text("제출 파일 {file}: 파일 이름의 학번은 {named}, 파일 안 manifest의 학번은 {manifest}입니다. "
                        "manifest의 학번으로 채점했습니다. 어느 쪽이 맞는지 확인하세요.",
                        "The archive {file} is named for student {named}, but its manifest says {manifest}; "
                        "it was graded as {manifest}. Please check which is right."),
    "superseded": Text("제출물이 여러 개입니다. 가장 늦게 만든 제출물 {file} ({time})만 채점했고, 이전 제출물은 "
                       "채점하지 않았습니다: {others}.",
                       "Several submissions: the latest, {file} ({time}), was graded; the earlier ones were "
                       "not: {others}."),
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
    "could-not-grade": Text("채점기가 이 제출물을 채점하지 못했습니다 ({detail}). 다시 실행하면 다시 시도합니다.",
                            "The grader could not grade this submission ({detail}); the next run tries again."),
    "summary": Text("학생 {total}명: 채점 {graded}, 구현 안 함 {nothing}, 실행 불가 {could_not_run}, "
                    "제출 안 함 {missing}, 제출물 중복 {conflict}, 채점 실패 {could_not_grade} (이번에 채점 "
                    "{regraded}, 그대로 둠 {kept}; {seconds:.0f}초, 작업자 {workers}개).",
                    "{total} students: {graded} graded, {nothing} nothing implemented, {could_not_run} could not "
                    "run, {missing} no submission, {conflict} conflicts, {could_not_grade} could not be graded "
                    "({regraded} graded now, {kept} unchanged; {seconds:.0f} s, {workers} workers)."),
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
