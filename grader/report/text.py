"""Every fixed word the reports show, in Korean and English.

The shared sentences (labels, call failures, notices, summary lines) live in
:mod:`grader.catalog`; this dictionary adds what only the reports need:
headings, captions, picture labels and progress columns. The i18n test walks
it with the others.
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
    "failures-heading": Text("고칠 점", "What to fix"),
    "failures-intro": Text("통과하지 못한 검사마다 기대한 것, 실제 결과, 힌트를 적었습니다.",
                           "For each failed check: what was expected, what was found, and a hint."),
    "no-checks": Text("실행된 검사가 없습니다.", "No checks ran."),
    "notices-heading": Text("알림", "Notices"),
    "hidden-heading": Text("숨은 검사", "Hidden checks"),
    "hidden-why": Text("숨은 검사는 코드와 입력을 공개하지 않습니다. 감점된 함수의 설명과 힌트를 다시 읽어 보세요.",
                       "Hidden checks never show their code or inputs; reread the instructions and hints "
                       "for the functions that lost points."),
    "hidden-none-failed": Text("숨은 검사에서 감점된 함수가 없습니다.", "No function lost points on hidden checks."),
    # the accuracy run
    "run-heading": Text("정확도 측정", "Accuracy run"),
    "run-accuracy": Text("시험 정확도", "Test accuracy"),
    "run-accuracy-value": Text("{accuracy:.1%} (기준 {threshold:.1%})", "{accuracy:.1%} (threshold {threshold:.1%})"),
    "run-time": Text("훈련 시간", "Training time"),
    "run-seconds": Text("{seconds:.1f}초", "{seconds:.1f} s"),
    # the model summary
    "model-heading": Text("모델 요약: 내 모델과 강의 모델", "Model summary: yours and the lecture's"),
    "model-yours": Text("내 모델", "Your model"),
    "model-lecture": Text("강의 모델", "The lecture's model"),
    "model-layer": Text("층", "Layer"),
    "model-shape": Text("출력 모양", "Output shape"),
    "model-params": Text("파라미터", "Params"),
    "model-total": Text("합계", "Total"),
    "model-none": Text("(없음)", "(none)"),
    "model-differs": Text("색칠한 줄이 강의 모델과 다른 층입니다.",
                          "Highlighted rows differ from the lecture's model."),
    "model-same": Text("모든 층이 강의 모델과 같습니다.", "Every layer matches the lecture's model."),
    # the pictures
    "curve-heading": Text("훈련 곡선", "Training curve"),
    "curve-caption": Text("에포크마다의 손실(낮을수록 좋음)과 정확도(높을수록 좋음)입니다.",
                          "Loss (lower is better) and accuracy (higher is better) per epoch."),
    "confusion-heading": Text("혼동 행렬 (시험 데이터)", "Confusion matrix (test split)"),
    "confusion-caption": Text("행은 정답, 열은 모델의 예측입니다. 대각선 밖의 숫자가 틀린 예측입니다.",
                              "Rows are the true digits, columns the model's predictions; "
                              "numbers off the diagonal are mistakes."),
    "misclassified-heading": Text("잘못 분류한 숫자", "Misclassified digits"),
    "misclassified-caption": Text("모델이 틀린 시험 이미지와 정답, 예측입니다.",
                                  "Test images the model got wrong, with the true and the predicted digit."),
    "axis-epoch": Text("에포크", "epoch"),
    "axis-loss": Text("손실", "loss"),
    "axis-accuracy": Text("정확도", "accuracy"),
    "axis-true": Text("정답", "true digit"),
    "axis-pred": Text("예측", "predicted digit"),
    "history-loss": Text("훈련 손실", "training loss"),
    "history-val_loss": Text("검증 손실", "validation loss"),
    "history-accuracy": Text("훈련 정확도", "training accuracy"),
    "history-val_accuracy": Text("검증 정확도", "validation accuracy"),
    "digit-label": Text("정답 {true} / 예측 {pred}", "true {true} / pred {pred}"),
    # the terminal
    "progress-grading": Text("채점", "Grading"),
    "progress-running": Text("채점 중 {count}", "running {count}"),
    "progress-failed": Text("실패 {count}", "failed {count}"),
    "progress-eta": Text("남은 시간", "left"),
}
