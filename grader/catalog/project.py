"""The project part: the student's project section and the class leaderboard.
"""

from __future__ import annotations

from grader.messages import Text

PROJECT = {
    "heading": Text("프로젝트: 내 모델과 강의 모델", "Project: your model and the lecture's"),
    "budget": Text("예산: 파라미터 {cap:,}개 이하(내 모델 {params:,}개), project.py의 코드 전체(가져오기, 만들기, 컴파일, "
                   "학습) {budget:g}초 이내({device}에서 {seconds:.1f}초). 정확도는 학생 코드에 주지 않은 학습용 숫자 이미지 "
                   "{held:,}개에서 쟀습니다.",
                   "Budget: at most {cap:,} parameters (yours: {params:,}), all of project.py's code (import, build, "
                   "compile, training) within {budget:g} s ({seconds:.1f} s on the {device}). Accuracy measured on "
                   "{held:,} training digits your code never saw."),
    "bars": Text("기준: 강의 모델 + {margin:g} = {beat:.4f}, 더 높은 기준 {bar:.3f}.",
                 "Bars: the lecture's model + {margin:g} = {beat:.4f}; the higher bar {bar:.3f}."),
    "helped": Text("도움이 된 것: ", "What helped: "),
    "summary": Text("내 모델 요약", "Your model's summary"),
    "curves": Text("학습 곡선: 내 모델과 강의 모델", "Learning curves: your model and the lecture's"),
    "confusion": Text("혼동 행렬 (떼어 둔 학습용 숫자 이미지)", "Confusion matrix (held-back training digits)"),
    "yours": Text("내 모델", "your model"),
    "baseline": Text("강의 모델", "lecture's model"),
    "layer": Text("층", "Layer"),
    "shape": Text("출력 모양", "Output shape"),
    "params": Text("파라미터", "Parameters"),
    "epoch": Text("에포크", "epoch"),
}

HELPED = {
    "batch-norm": Text("합성곱 뒤의 BatchNormalization이 짧은 학습에서도 빨리 수렴하게 했습니다",
                       "BatchNormalization after the convolutions made a short run converge fast"),
    "fewer-params": Text("더 작은 Dense 층으로 파라미터를 줄여 적은 데이터에서 과적합이 줄었습니다",
                         "fewer parameters (a smaller Dense layer) overfit less on few digits"),
    "more-epochs": Text("강의보다 많은 에포크를 예산 안에서 학습했습니다",
                        "more epochs than the lecture's, within the budget"),
    "augmentation": Text("데이터 증강 층이 같은 숫자를 조금씩 다르게 보여 주었습니다",
                         "augmentation layers showed the same digits in slightly different ways"),
    "more-conv": Text("합성곱 층을 더 쌓아 더 많은 모양을 배웠습니다",
                      "more convolution layers learned more shapes"),
    "global-pooling": Text("전역 풀링으로 Flatten 뒤의 큰 Dense 층을 없앴습니다",
                           "global pooling replaced the large Dense layer after Flatten"),
}

LEADERBOARD = {
    "title": Text("프로젝트 순위표", "Project leaderboard"),
    "intro": Text("정확도는 채점기가 학생 코드에 주지 않고 떼어 둔 학습용 숫자 이미지 {held:,}개에서 잰 값입니다. 강의 모델도 같은 "
                  "숫자로 같은 예산 안에서 학습했습니다. 정확도가 같으면 파라미터가 적은 모델이 앞섭니다.",
                  "Accuracy is measured by the grader on {held:,} training digits it kept back from every "
                  "submission; the lecture's model trained on the same digits within the same budget. Ties go "
                  "to the model with fewer parameters."),
    "rank": Text("순위", "Rank"),
    "name": Text("이름", "Name"),
    "accuracy": Text("정확도", "Accuracy"),
    "params": Text("파라미터", "Parameters"),
    "seconds": Text("학습 시간(초)", "Training (s)"),
    "points": Text("프로젝트 점수", "Project points"),
    "baseline": Text("강의 모델 (기준)", "The lecture's model (baseline)"),
    "budget": Text("예산: 파라미터 {cap:,}개 이하, project.py의 코드 전체(가져오기, 만들기, 컴파일, 학습) {seconds:g}초 "
                   "이내 ({device}), keras 층만. 데이터: {source}.",
                   "Budget: at most {cap:,} parameters, all of project.py's code (import, build, compile, training) "
                   "within {seconds:g} s ({device}), keras layers only. Data: {source}."),
    "empty": Text("아직 프로젝트를 채점한 학생이 없습니다.", "No project has been graded yet."),
    "standing": Text("내 모델: 정확도 {accuracy:.4f}, 파라미터 {params:,}개, 학습 {seconds:.1f}초 ({device}) · 강의 "
                     "모델: 정확도 {base:.4f}, 파라미터 {base_params:,}개, 학습 {base_seconds:.1f}초 · 차이 {diff:+.1f}%p",
                     "Your model: accuracy {accuracy:.4f}, {params:,} parameters, {seconds:.1f} s training "
                     "({device}) · the lecture's model: accuracy {base:.4f}, {base_params:,} parameters, "
                     "{base_seconds:.1f} s · difference {diff:+.1f} points"),
}
