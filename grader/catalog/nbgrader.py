"""What the nbgrader export adds: notices about a student's notebooks and the words of its cells.
"""

from __future__ import annotations

from grader.messages import Text

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

NBGRADER_CELLS = {
    "could-not-grade": Text("채점기가 이 학생을 채점하지 못했습니다: {error}",
                            "The grader could not grade this student: {error}"),
    "check-public": Text("자동 채점 검사 ({points:g}점)", "Autograded check ({points:g|point})"),
    "check-hidden": Text("숨은 검사 ({points:g}점): 채점할 때 실행됩니다",
                         "Hidden check ({points:g|point}): it runs at grading"),
    "check-failed": Text("검사 실패", "Check failed"),
    "output": Text("실행 중 출력 (끝부분)", "Output while it ran (its end)"),
    "note": Text("> 설명은 한국어, 그다음 영어 순서입니다. 각 함수 셀의 `# 여기에 코드를 작성하세요 / YOUR CODE HERE` "
                 "부분을 채우세요. 함수 아래의 '자동 채점 검사' 셀을 실행하면 채점과 같은 검사로 바로 확인할 수 "
                 "있습니다. 숨은 검사는 채점할 때만 실행됩니다. 검사 셀은 고치거나 지우지 마세요.",
                 "> Each explanation is in Korean, then English. Fill in each function cell's "
                 "`YOUR CODE HERE` part. Run the \"autograded check\" cell below a function to check it with the "
                 "same check grading uses; hidden checks run only at grading. Do not edit or delete the check cells."),
}
"""The words of the nbgrader notebooks and their kernel, shown in both languages at once (``ko / en``,
or the Korean paragraph above the English one): the heading of each test cell, what a test cell
prints when it runs in the student's kernel, the note at the top of each notebook, and the
placeholder report of a student the grader could not grade."""
