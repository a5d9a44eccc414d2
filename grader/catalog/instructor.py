"""What the instructor reads about a class: the class report, similar submissions, the grade book's notes.
"""

from __future__ import annotations

from grader.messages import Text

CLASS_REPORT = {
    "title": Text("반 전체 보고서", "Class report"),
    "summary": Text("학생 {students}명, 제출 {submitted}명.", "{students} students, {submitted} submitted."),
    "generated": Text("만든 시각", "Generated"),
    "histogram": Text("점수 분포", "Score distribution"),
    "histogram-note": Text("제출하지 않은 학생은 빼고 셉니다.", "Students without a submission are left out."),
    "modules": Text("모듈별 평균", "Average per module"),
    "module": Text("모듈", "Module"),
    "average": Text("평균 (점)", "Average (points)"),
    "checks": Text("검사별 통과율 (낮은 순)", "Checks by pass rate (lowest first)"),
    "checks-note": Text("채점된 학생만 셉니다 (구현 안 함, 실행 불가는 아래 '살펴볼 학생'에 있습니다).",
                        "Graded students only (nothing implemented and could not run are under the students who "
                        "need attention)."),
    "column": Text("열", "Column"),
    "check": Text("검사", "Check"),
    "pass-rate": Text("통과율", "Passed"),
    "common-failure": Text("가장 흔한 실패", "Most common failure"),
    "root-cause": Text("실패의 근본 원인 (학생 수)", "Root cause of the failures (students)"),
    "root-self": Text("이 검사 자체", "this check itself"),
    "root-note": Text("실패마다 그 학생의 근본 원인을 셉니다: 다른 함수가 호출 중에 실패해 생긴 실패는 그 함수, 나머지는 "
                      "이 검사 자체입니다. 앞의 실수에서 이어진 실패는 오류 이월로 이미 점수를 받았습니다.",
                      "Each failure counts its own student's root cause: the function whose call failed when the "
                      "failure came from another function, else the check itself. Failures that followed from an "
                      "earlier mistake were already credited (error carried forward)."),
    "points-value": Text("{value}점", "{value} pts"),
    "students-value": Text("{value}명", "{value}"),
    "days-value": Text("{value}일", "{value} d"),
    "of-points": Text("{value} / {top}점", "{value} / {top} pts"),
    "of-students": Text("{passed}/{total}명", "{passed}/{total}"),
    "due": Text("마감", "Due"),
    "times-in": Text("모든 시각은 과정의 시간대({zone})로 적었습니다.", "All times are in the course's time zone ({zone})."),
    "attention": Text("살펴볼 학생", "Students who need attention"),
    "student": Text("학번", "Student"),
    "name": Text("이름", "Name"),
    "status": Text("상태", "Status"),
    "score": Text("점수 (점)", "Score (points)"),
    "why": Text("이유", "Why"),
    "low-score": Text("점수가 만점의 절반보다 낮습니다", "Below half of the maximum"),
    "late-missing": Text("늦은 제출과 미제출", "Late and missing"),
    "late": Text("늦은 날수 (일)", "Days late"),
    "penalty": Text("감점 (점)", "Penalty (points)"),
    "submitted-at": Text("제출 시각", "Handed in"),
    "missing": Text("제출하지 않은 학생", "No submission"),
    "none": Text("없음", "None"),
    "students-count": Text("{count}명", "{count} student(s)"),
    "similarity": Text("비슷한 제출물", "Similar submissions"),
    "similarity-how": Text("(grade similarity 결과폴더가 만들고 고칩니다. 점수는 바뀌지 않습니다)",
                           "(written and refreshed by grade similarity OUT_DIR; no score changes)"),
    "hidden": Text("숨은 검사", "hidden"),
}

SIMILARITY = {
    "title": Text("비슷한 제출물", "Similar submissions"),
    "intro": Text("학생 {students}명, 짝 {pairs}개를 비교했습니다. 받은 과제(스텁)의 코드는 빼고, 공통 코드의 비율이 높은 "
                  "순서입니다. 사람이 직접 살펴볼 단서일 뿐이며 점수는 바뀌지 않습니다.",
                  "{students} students, {pairs} pairs compared, the handed-out stubs left out, most shared code "
                  "first. A signal for a person to look at; no score changes."),
    "pair": Text("짝", "Pair"),
    "shared": Text("공통 코드 비율", "Shared code"),
    "module": Text("모듈", "Module"),
    "look": Text("살펴보세요", "have a look"),
    "none": Text("비교할 제출물이 두 개 이상 없습니다.", "Fewer than two submissions to compare."),
}

CLASS_RECORDS = {
    "figures": Text("평균 {mean}점, 중앙값 {median}점 (만점 {top}점; 제출한 학생 {counted}명 기준{left_out})",
                    "Mean score {mean}, median {median} points (out of {top}; over the {counted} student(s) who "
                    "handed something in{left_out})"),
    "figures-left-out": Text(", 제출하지 않은 {count}명은 빼고 셈", "; the {count} without a submission left out"),
    "no-submission": Text("제출물이 없습니다.", "Nothing was handed in."),
    "named-as": Text("manifest에는 학번이 {names}(으)로 적혀 있습니다 (파일 이름과 다름)",
                     "The manifest says {names} (not the file name)"),
    "claimed-late": Text("manifest의 시각({claimed})으로는 늦은 날수가 {claimed_days}일이지만, 받은 시각으로는 "
                         "{days}일입니다",
                         "By the manifest's time ({claimed}) it would be {claimed_days} day(s) late; as received "
                         "it is {days}"),
    "off-roster": Text("명단에 없는 학번입니다", "Not on the roster"),
    "overrides-migrated": Text(
        "{path}: 예전의 번호식 검사 이름(예: cnn.first_conv.1) {count}개를 고정 id(예: cnn.first_conv.layer)로 "
        "바꿔 썼습니다. 바꾸기 전 파일은 {backup}에 있습니다. 그사이 course.toml에 검사를 넣거나 순서를 바꿨다면 "
        "그 줄들을 확인하세요.",
        "{path}: {count} rows used the old numbered check ids (e.g. cnn.first_conv.1); rewritten with the stable "
        "ids (e.g. cnn.first_conv.layer), the file as it was kept as {backup}. If checks were inserted or "
        "reordered in course.toml since those rows were written, look at them."),
    "not-on-roster": Text("{student}: 명단(roster)에 없는 학번입니다. 채점은 했습니다.",
                          "{student}: not on the roster; graded all the same."),
}

AUTOGRADER = {
    "not-graded": Text("이 제출물은 채점하지 못했습니다: {why}", "This submission could not be graded: {why}"),
}
