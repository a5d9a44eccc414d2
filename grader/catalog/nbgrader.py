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
    "not-autograded": Text("nbgrader가 이 학생의 노트북을 열지 못해 autograded/ 폴더에 노트북이 없습니다. 점수는 "
                           "채점기가 gradebook에 바로 적었습니다.",
                           "nbgrader could not open this student's notebooks, so their autograded/ folder holds "
                           "none; the grader wrote the scores into the gradebook itself."),
    "not-graded": Text("채점하지 못했습니다. 이것은 점수가 아닙니다: {error}. 원인을 고친 뒤 다시 채점하세요: "
                       "`grade nbgrader autograde` 또는 `nbgrader autograde`",
                       "Not graded, and this is no score: {error}. Fix the cause, then grade again: "
                       "`grade nbgrader autograde` or `nbgrader autograde`"),
    "no-notebooks": Text("제출 폴더에 노트북이 하나도 없습니다: {detail}",
                         "The submission folder holds no notebooks: {detail}"),
}
"""What nbgrader's autograde adds to a student's feedback about their notebooks."""

NBGRADER_CELLS = {
    "check-public": Text("자동 채점 검사 ({points:g}점): 제출한 뒤 채점기가 실행합니다",
                         "Autograded check ({points:g|point}): the grader runs it after you hand in"),
    "check-hidden": Text("숨은 검사 ({points:g}점): 채점할 때 실행됩니다",
                         "Hidden check ({points:g|point}): it runs at grading"),
    "check-failed": Text("검사 실패", "Check failed"),
    "output": Text("실행 중 출력 (끝부분)", "Output while it ran (its end)"),
    "note": Text("> 설명은 한국어, 그다음 영어 순서입니다. 각 함수 셀의 `# 여기에 코드를 작성하세요 / YOUR CODE HERE` "
                 "부분을 채우세요. 함수 아래의 '자동 채점 검사' 셀은 무엇을 몇 점으로 검사하는지 알려 줍니다. "
                 "검사는 제출한 뒤 채점기가 따로 실행하고, 결과는 피드백에서 볼 수 있습니다. 검사 셀은 고치거나 "
                 "지우지 마세요.",
                 "> Each explanation is in Korean, then English. Fill in each function cell's "
                 "`YOUR CODE HERE` part. The \"autograded check\" cells below a function say what is checked and "
                 "for how many points; the grader runs the checks on its own after you hand in, and your feedback "
                 "shows the results. Do not edit or delete the check cells."),
}
"""The words of the nbgrader notebooks and their kernel, shown in both languages at once (``ko / en``,
or the Korean paragraph above the English one): the heading of each test cell, what a test cell
prints when it runs in the student's kernel and the note at the top of each notebook."""
