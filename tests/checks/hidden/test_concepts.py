"""Hidden checks for the `concepts` module: other inputs of the same formulas, and the other listed tasks.

Messages describe the problem in words; they never show the inputs used here.
"""

from grader.checks import check, same_rule_as, shared_helpers

lecture = shared_helpers(__file__)


@check("concepts.conv_output_size: other sizes, kernels and strides", id="other_sizes", ko="다른 크기·커널·스트라이드에서도 맞다")
def test_conv_output_size_other(sub):
    """Does conv_output_size hold for odd sizes, windows as large as the input and strides above 2?"""
    with same_rule_as("concepts.conv_output_size: same and valid padding, strides"):
        cases = [((1, 1, 1, "valid"), 1), ((5, 5, 1, "valid"), 1), ((10, 3, 3, "same"), 4), ((10, 3, 3, "valid"), 3),
                 ((224, 7, 2, "same"), 112), ((227, 11, 4, "valid"), 55), ((9, 4, 2, "valid"), 3),
                 ((13, 3, 2, "same"), 7), ((32, 3, 1, "valid"), 30)]
        hint = ("same: ceil(size / stride), valid: floor((size - kernel) / stride) + 1.",
                "same: ceil(size / stride); valid: floor((size - kernel) / stride) + 1.")
        for args, want in cases:
            lecture.integer(sub, "conv_output_size", args, want, hint, hidden=True)


@check("concepts.conv_params: other layers", id="other_layers", ko="다른 층에서도 맞다")
def test_conv_params_other(sub):
    """Does conv_params hold for other kernels, channel counts and filter counts?"""
    with same_rule_as("concepts.conv_params: (kh * kw * in + 1) * filters"):
        hint = ("(kernel_h * kernel_w * in_channels + 1) * filters: 편향은 필터마다 하나입니다.",
                "(kernel_h * kernel_w * in_channels + 1) * filters: one bias per filter.")
        for args, want in (((3, 3, 3, 64), 1792), ((1, 1, 256, 128), 32_896), ((7, 7, 3, 96), 14_208),
                           ((1, 5, 4, 2), 42)):
            lecture.integer(sub, "conv_params", args, want, hint, hidden=True)


@check("concepts.dense_params: other sizes", id="other_sizes", ko="다른 크기에서도 맞다")
def test_dense_params_other(sub):
    """Does dense_params hold for other input and unit counts, one unit included?"""
    with same_rule_as("concepts.dense_params: (inputs + 1) * units"):
        hint = ("(inputs + 1) * units: 편향은 뉴런마다 하나입니다.", "(inputs + 1) * units: one bias per unit.")
        for args, want in (((784, 128), 100_480), ((128, 1), 129), ((10, 10), 110)):
            lecture.integer(sub, "dense_params", args, want, hint, hidden=True)


@check("concepts.best_network: Korean names and other listed tasks", id="korean", ko="한국어 이름과 목록의 다른 작업에서도 맞다")
def test_best_network_other(sub):
    """Does best_network accept the Korean task names and the other tasks its docstring lists?"""
    english = (("object detection", "CNN"), ("face recognition", "CNN"), ("speech recognition", "RNN"),
               ("Sentiment Analysis", "RNN"), ("style transfer", "GAN"), ("super resolution", "GAN"))
    korean = (("이미지 분류", "CNN"), ("시계열 예측", "RNN"), ("기계 번역", "RNN"), ("이미지 생성", "GAN"),
              ("주가 예측", "RNN"), ("의료 영상 분석", "CNN"))
    same_rule = []  # cases failing only by the public check's rules: the English tasks, and capitals
    for task, want in korean:  # a rule of this check's own: Korean names
        v = lecture.quiet_call(sub, "concepts.best_network", task)
        if v.kind == "str" and v.python() == want:
            continue
        if v.kind == "str" and v.python().strip().upper() == want:
            same_rule.append((task, want))
            continue
        lecture.network(sub, task, want, hidden=True)
    with same_rule_as("concepts.best_network: CNN, RNN or GAN for the listed tasks"):
        for task, want in (*english, *same_rule):
            lecture.network(sub, task, want, hidden=True)


@check("concepts.model_size_mb: other models and dtypes", id="other_models", ko="다른 모델과 dtype에서도 맞다")
def test_model_size_mb_other(sub):
    """Does model_size_mb hold for other parameter counts and for 2- and 8-byte parameters (float16,
    float64)?"""
    with same_rule_as("concepts.model_size_mb: params * bytes / 2**20"):
        for params, per_param in ((25_000_000, 4), (1_048_576, 2), (3_156_098, 8)):
            lecture.size_result(sub, params, per_param, hidden=True)
