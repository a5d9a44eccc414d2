"""The reports' own words: headings, captions, picture labels, progress columns, what to fix first.

Everything :mod:`grader.report` renders around a student's verdicts (the terminal, ``feedback.html``,
the pictures) beyond the shared sentences of :mod:`grader.catalog.student`.
"""

from __future__ import annotations

from grader.messages import Text

REPORT = {
    # the page
    "title": Text("채점 결과", "Grading report"),
    "checks-heading": Text("검사 결과", "Checks"),
    "module-passed": Text("{passed}/{total}개 통과", "{passed} of {total} passed"),
    "module-tensors": Text("텐서 기초", "Tensor basics"),
    "module-cnn": Text("합성곱 신경망 (MNIST)", "The CNN (MNIST)"),
    "module-concepts": Text("개념 계산", "Concepts"),
    "module-project": Text("프로젝트", "Project"),
    "failures-heading": Text("고칠 점", "What to fix"),
    "failures-intro": Text("통과하지 못한 검사마다 기댓값, 실제 결과, 힌트를 적었습니다.",
                           "For each failed check: what was expected, what was found, and a hint."),
    "graded-at": Text("채점 시각", "Graded at"),
    "course": Text("과정", "Course"),
    "confusion-true": Text("정답↓ 예측→", "true↓ predicted→"),
    "no-checks": Text("실행된 검사가 없습니다.", "No checks ran."),
    "notices-heading": Text("알림", "Notices"),
    "hidden-heading": Text("숨은 검사", "Hidden checks"),
    "hidden-why": Text("숨은 검사는 코드와 입력을 공개하지 않습니다. 감점된 함수의 설명과 힌트를 다시 읽어 보세요.",
                       "Hidden checks never show their code or inputs; reread the instructions and hints "
                       "for the functions that lost points."),
    "hidden-none-failed": Text("숨은 검사에서 감점된 함수가 없습니다.", "No function lost points on hidden checks."),
    # the accuracy run
    "run-heading": Text("정확도 측정", "Accuracy run"),
    "run-accuracy": Text("테스트 정확도", "Test accuracy"),
    "run-accuracy-value": Text("{accuracy:.1%} (기준 {threshold:.1%})", "{accuracy:.1%} (threshold {threshold:.1%})"),
    "run-stand-in-compile": Text(" · compile_model로는 정수 레이블로 학습할 수 없어 강의의 compile 설정으로 학습했습니다",
                                 " · trained with the lecture's compile settings: your compile_model cannot train "
                                 "on integer labels"),
    "run-time": Text("학습 시간", "Training time"),
    "run-seconds": Text("{seconds:.1f}초", "{seconds:.1f} s"),
    # the model summary
    "model-heading": Text("모델 요약: 내 모델과 강의 모델", "Model summary: yours and the lecture's"),
    "model-yours": Text("내 모델", "Your model"),
    "model-lecture": Text("강의 모델", "The lecture's model"),
    "model-reference-short": Text("강의", "lecture"),
    "model-layer": Text("층", "Layer"),
    "model-shape": Text("출력 모양", "Output shape"),
    "model-params": Text("파라미터", "Params"),
    "model-total": Text("합계", "Total"),
    "model-none": Text("(없음)", "(none)"),
    "model-differs": Text("색칠한 줄이 강의 모델과 다른 층입니다.",
                          "Highlighted rows differ from the lecture's model."),
    "model-same": Text("모든 층이 강의 모델과 같습니다.", "Every layer matches the lecture's model."),
    # the pictures
    "curve-heading": Text("학습 곡선", "Training curve"),
    "curve-caption": Text("에포크마다의 손실(낮을수록 좋음)과 정확도(높을수록 좋음)입니다.",
                          "Loss (lower is better) and accuracy (higher is better) per epoch."),
    "curve-alt": Text("에포크별 {panel} 그래프: {series} (에포크 {epochs}개)", "{panel} per epoch: {series} ({epochs} epochs)"),
    "confusion-heading": Text("혼동 행렬 (테스트 데이터)", "Confusion matrix (test split)"),
    "confusion-caption": Text("행은 정답, 열은 모델의 예측입니다. 대각선 밖의 숫자가 틀린 예측입니다.",
                              "Rows are the true digits, columns the model's predictions; "
                              "numbers off the diagonal are mistakes."),
    "misclassified-heading": Text("잘못 분류한 숫자", "Misclassified digits"),
    "misclassified-caption": Text("모델이 틀린 테스트 이미지와 정답, 예측입니다.",
                                  "Test images the model got wrong, with the true and the predicted digit."),
    "axis-epoch": Text("에포크", "epoch"),
    "axis-loss": Text("손실", "loss"),
    "axis-accuracy": Text("정확도", "accuracy"),
    "axis-true": Text("정답", "true digit"),
    "axis-pred": Text("예측", "predicted digit"),
    "history-loss": Text("학습 손실", "training loss"),
    "history-val_loss": Text("검증 손실", "validation loss"),
    "history-accuracy": Text("학습 정확도", "training accuracy"),
    "history-val_accuracy": Text("검증 정확도", "validation accuracy"),
    "digit-label": Text("정답 {true} / 예측 {pred}", "true {true} / pred {pred}"),
    # the terminal
    "progress-grading": Text("채점", "Grading"),
    "progress-running": Text("채점 중 {count}", "running {count}"),
    "progress-failed": Text("실패 {count}", "failed {count}"),
    "progress-eta": Text("남은 시간", "left"),
    "watch-first": Text("처음 한 번은 텐서플로를 불러오느라 몇 초 걸립니다…", "The first check takes a few seconds while TensorFlow loads…"),
    "watch-waiting": Text("{folder}의 파일을 저장할 때마다 다시 검사합니다. 끝내려면 Ctrl+C를 누르세요.",
                          "Checking again whenever a file in {folder} is saved; Ctrl+C stops."),
    "watch-noticed": Text("저장한 파일을 확인했습니다. 다시 검사하는 중…", "Saved file noticed. Checking again…"),
    "watch-stopped": Text("다시 검사하기를 멈췄습니다.", "Stopped watching."),
    "spinner-checking": Text("검사 중: {name}", "checking: {name}"),
    "spinner-training": Text(" (학습 중…)", " (training…)"),
    # what `grade submit` wrote
    "saved-results": Text("결과", "Results"),
    "saved-feedback": Text("피드백", "Feedback"),
    "saved-archive": Text("제출 파일", "Archive"),
}

FIX = {
    # the list under the score
    "heading": Text("먼저 고칠 것", "Fix these first"),
    "more": Text("… 그 밖에 {count}개", "… and {count} more"),
    "syntax": Text("{file} {line}번째 줄의 문법 오류 때문에 {module} 검사 {count}개를 실행하지 못했습니다.",
                   "A syntax error on {file} line {line} stopped all {count} {module} checks."),
    "import": Text("{file} 파일을 불러오다 {error_type} 오류가 나서 {module} 검사 {count}개를 실행하지 못했습니다.",
                   "{file} raised {error_type} while importing, so its {count} {module} checks could not run."),
    "not-implemented": Text("아직 구현하지 않은 함수 {count}개 — 다음: `{function}`",
                            "{count} functions not implemented yet — next: `{function}`"),
    "not-implemented-one": Text("아직 구현하지 않은 함수 1개: `{function}`",
                                "1 function not implemented yet: `{function}`"),
    "where": Text(" ({file} {line}번째 줄)", " ({file} line {line})"),
    "where-cell": Text(" ({file}의 `{cell}` 셀)", " ({file}, the `{cell}` cell)"),
    "more-checks": Text(" (검사 {count}개)", " ({count:|check})"),
    "hidden": Text("숨은 검사에서 감점된 함수: {functions}", "Functions that lost points on hidden checks: {functions}"),
    # the collapsed rows of a module's table
    "row-not-implemented": Text("아직 구현하지 않은 함수 {count}개 (검사 {checks}개)",
                                "{count} functions not implemented yet ({checks:|check})"),
    "row-syntax": Text("문법 오류 때문에 실행하지 못한 검사 {checks}개", "{checks:|check} could not run (syntax error)"),
    "row-import": Text("파일을 불러오지 못해 실행하지 못한 검사 {checks}개",
                       "{checks:|check} could not run (the file did not import)"),
    "row-missing": Text("파일이나 함수가 없어 실패한 검사 {checks}개", "{checks:|check} failed (file or function missing)"),
    "module-all-passed": Text("{module} {passed}/{total} 통과", "{module} {passed}/{total} passed"),
    "module-some-passed": Text("{module} — 검사 {total}개 중 {passed}개 통과", "{module} — {passed} of {total} checks passed"),
    # the syntax error box
    "syntax-cell": Text("{file} {cell}번째 셀 {line}번째 줄의 문법 오류 때문에 {module} 검사 {count}개를 실행하지 "
                        "못했습니다.",
                        "A syntax error in {file}, cell {cell}, line {line}, stopped all {count} {module} checks."),
    "syntax-title-cell": Text("{file} {cell}번째 셀 {line}번째 줄: 문법 오류 ({error_type})",
                              "{file}, cell {cell}, line {line}: syntax error ({error_type})"),
    "syntax-title": Text("{file} {line}번째 줄: 문법 오류 ({error_type})", "{file} line {line}: syntax error ({error_type})"),
    "syntax-python": Text("파이썬의 메시지: {message}", "Python says: {message}"),
    "syntax-blocks": Text("이 오류를 고칠 때까지 {module} 검사 {count}개는 실행되지 않습니다.",
                          "Until it is fixed, none of the {count} {module} checks can run."),
    "syntax-general": Text("파이썬이 이 줄을 읽지 못했습니다. 오타, 빠진 쉼표·괄호·콜론을 찾아보세요.",
                           "Python could not read this line: look for a typo or a missing comma, bracket or colon."),
    "not-implemented-intro": Text("아래 함수는 아직 `raise NotImplementedError`를 실행합니다. 순서대로 구현하세요.",
                                  "These functions still run `raise NotImplementedError`; implement them in order."),
    "rest": Text("나머지 {count}개 보기", "Show the other {count}"),
}
"""What-to-fix-first wording (:mod:`grader.report.fix_first`)."""

SYNTAX_HELP = {
    "was never closed": Text("괄호를 열고 닫지 않았습니다. 이 줄에서 짝이 없는 괄호를 찾으세요.",
                             "A bracket opened here is never closed; find its missing partner."),
    "unmatched": Text("닫는 괄호와 짝이 맞는 여는 괄호가 없습니다.", "A closing bracket has no opening partner."),
    "does not match opening parenthesis": Text("여는 괄호와 닫는 괄호의 종류가 다릅니다.",
                                               "The closing bracket is not the kind that was opened."),
    "expected ':'": Text("def, if, for 같은 줄 끝에 콜론(:)이 빠졌습니다.",
                         "A line such as def, if or for is missing the colon (:) at its end."),
    "unterminated string": Text("따옴표로 연 문자열을 닫지 않았습니다.", "A string's opening quote is never closed."),
    "unterminated triple-quoted": Text("세 따옴표(\"\"\")로 연 문자열을 닫지 않았습니다.",
                                       "A triple-quoted (\"\"\") string is never closed."),
    "expected an indented block": Text("def나 if 다음 줄은 들여 써야 합니다.",
                                       "The line after def or if must be indented."),
    "unexpected indent": Text("이 줄만 더 들여 썼습니다. 앞줄과 들여쓰기를 맞추세요.",
                              "This line is indented more than it should be; line it up with the one before."),
    "unindent does not match": Text("들여쓰기가 바깥 블록의 어느 줄과도 맞지 않습니다.",
                                    "The indentation matches no outer block."),
    "tabs and spaces": Text("탭과 공백을 섞어 들여 썼습니다. 공백 4칸으로 통일하세요.",
                            "Tabs and spaces are mixed in the indentation; use four spaces."),
    "invalid syntax": Text("파이썬 문법에 맞지 않습니다. 오타, 빠진 쉼표나 연산자를 찾아보세요.",
                           "This is not valid Python: look for a typo or a missing comma or operator."),
}
"""Plain explanations of Python's common syntax-error messages, keyed by a fragment of the message."""

GRADESCOPE = {
    # results.json for Gradescope: the project part, counted apart from the course's score
    "project-apart": Text("프로젝트 점수는 과정 점수와 따로 셉니다: {score:g}/{max_score:g}점",
                          "The project is scored apart from the course's points: {score:g}/{max_score:g} points"),
    "project-check": Text("프로젝트 검사 (과정 점수와 별도): {score:g}/{max_score:g}점",
                          "Project check (apart from the course's points): {score:g}/{max_score:g} points"),
}
