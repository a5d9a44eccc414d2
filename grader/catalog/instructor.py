"""What the instructor reads about a class: the class report, similar submissions, the grade book's notes.
"""

from __future__ import annotations

from grader.messages import Text

CLASS_REPORT = {
    "title": Text("반 전체 보고서", "Class report"),
    "summary": Text("학생 {students}명, 제출 {submitted}명, 평균 {mean}점, 중앙값 {median}점 (만점 {top}점).",
                    "{students} students, {submitted} submitted; mean {mean}, median {median} (out of {top})."),
    "generated": Text("만든 시각", "Generated"),
    "histogram": Text("점수 분포", "Score distribution"),
    "histogram-note": Text("제출하지 않은 학생은 빼고 셉니다.", "Students without a submission are left out."),
    "modules": Text("모듈별 평균", "Average per module"),
    "module": Text("모듈", "Module"),
    "average": Text("평균", "Average"),
    "checks": Text("검사별 통과율 (낮은 순)", "Checks by pass rate (lowest first)"),
    "checks-note": Text("채점된 학생만 셉니다 (구현 안 함, 실행 불가는 아래 '살펴볼 학생'에 있습니다).",
                        "Graded students only (nothing implemented and could not run are under the students who "
                        "need attention)."),
    "column": Text("열", "Column"),
    "check": Text("검사", "Check"),
    "pass-rate": Text("통과율", "Passed"),
    "common-failure": Text("가장 흔한 실패", "Most common failure"),
    "root-cause": Text("함께 실패한 앞 검사 (원인일 수 있음)", "Earlier check also failed (likely root cause)"),
    "attention": Text("살펴볼 학생", "Students who need attention"),
    "student": Text("학번", "Student"),
    "name": Text("이름", "Name"),
    "status": Text("상태", "Status"),
    "score": Text("점수", "Score"),
    "why": Text("이유", "Why"),
    "low-score": Text("점수가 만점의 절반보다 낮습니다", "Below half of the maximum"),
    "late-missing": Text("늦은 제출과 미제출", "Late and missing"),
    "late": Text("늦은 날수", "Days late"),
    "penalty": Text("감점", "Penalty"),
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
    "no-submission": Text("제출물이 없습니다.", "Nothing was handed in."),
    "named-as": Text("manifest에는 학번이 {names}(으)로 적혀 있습니다 (파일 이름과 다름)",
                     "The manifest says {names} (not the file name)"),
    "claimed-late": Text("manifest의 시각({claimed})으로는 늦은 날수가 {claimed_days}일이지만, 받은 시각으로는 "
                         "{days}일입니다",
                         "By the manifest's time ({claimed}) it would be {claimed_days} day(s) late; as received "
                         "it is {days}"),
    "off-roster": Text("명단에 없는 학번입니다", "Not on the roster"),
    "not-on-roster": Text("{student}: 명단(roster)에 없는 학번입니다. 채점은 했습니다.",
                          "{student}: not on the roster; graded all the same."),
}
