"""Public checks for the `concepts` module: output sizes and parameter counts by hand, and network choice."""

import ast

from grader.checks import CallError, CarriedForward, CheckFailed, check, fail, require, same_rule_as, shared_helpers
from grader.messages import Text
from grader.record.results import Feedback

lecture = shared_helpers(__file__)

CONV_OUTPUT_HINT = (
    "same: ceil(size / stride), valid: floor((size - kernel) / stride) + 1. 정수 나눗셈 //와 math.ceil을 쓰세요.",
    "same: ceil(size / stride); valid: floor((size - kernel) / stride) + 1. Use integer division // and math.ceil.")


@check("concepts.conv_output_size: same and valid padding, strides", id="padding", ko="same·valid 패딩과 스트라이드를 계산한다")
def test_conv_output_size(sub):
    """Does conv_output_size follow ceil(size / stride) for "same" and floor((size - kernel) / stride) + 1 for "valid"?"""
    cases = [((28, 5, 1, "same"), 28), ((28, 5, 1, "valid"), 24), ((28, 2, 2, "same"), 14),
             ((28, 2, 2, "valid"), 14), ((7, 3, 2, "valid"), 3), ((7, 3, 2, "same"), 4), ((14, 2, 2, "valid"), 7),
             ((28, 5), 28)]
    for args, want in cases:
        lecture.integer(sub, "conv_output_size", args, want, CONV_OUTPUT_HINT)


@check("concepts.conv_params: (kh * kw * in + 1) * filters", id="formula", ko="합성곱 층 파라미터 (kh * kw * in + 1) * filters를 계산한다")
def test_conv_params(sub):
    """Does conv_params count (kernel_h * kernel_w * in_channels + 1) * filters for the lecture's and other layers?"""
    hint = ("필터마다 kernel_h*kernel_w*in_channels 가중치와 편향 1개, 그런 필터가 filters개입니다.",
            "Each filter has kernel_h*kernel_w*in_channels weights plus one bias, and there are filters of them.")
    for args, want in (((5, 5, 1, 32), 832), ((2, 2, 32, 64), 8256), ((3, 3, 3, 16), 448), ((3, 1, 2, 5), 35)):
        lecture.integer(sub, "conv_params", args, want, hint)


@check("concepts.dense_params: (inputs + 1) * units", id="formula", ko="완전 연결 층 파라미터 (inputs + 1) * units를 계산한다")
def test_dense_params(sub):
    """Does dense_params count (inputs + 1) * units?"""
    hint = ("뉴런마다 입력 수만큼의 가중치와 편향 1개: (inputs + 1) * units.",
            "Each unit has one weight per input plus one bias: (inputs + 1) * units.")
    for args, want in (((3136, 1000), 3_137_000), ((1000, 10), 10_010), ((4, 3), 15)):
        lecture.integer(sub, "dense_params", args, want, hint)


@check("concepts.flatten_size: height * width * channels", id="formula", ko="평탄화 길이 height * width * channels를 계산한다")
def test_flatten_size(sub):
    """Does flatten_size multiply height, width and channels?"""
    hint = ("Flatten은 (height, width, channels)를 한 줄로 폅니다: 세 값의 곱. "
            "강의 노트의 (4, 4, 64) -> 1024는 16x16 입력의 예이고, 강의 모델의 28x28 입력은 풀링 두 번 뒤 7x7이라 3136입니다.",
            "Flatten unrolls (height, width, channels) into one row: the product of the three. "
            "The lecture notes' (4, 4, 64) -> 1024 is for a 16x16 input; the lecture model's 28x28 input is 7x7 after two poolings, hence 3136.")
    for args, want in (((7, 7, 64), 3136), ((2, 3, 4), 24), ((28, 28, 1), 784)):
        lecture.integer(sub, "flatten_size", args, want, hint)


TOTAL_HINT = ("832 + 8,256 + 3,137,000 + 10,010 = 3,156,098. 풀링이 크기를 절반으로 줄인 뒤 Flatten 길이 7*7*64를 쓰세요 "
              "(강의 노트의 4x4x64 = 1024는 16x16 입력의 예입니다).",
              "832 + 8,256 + 3,137,000 + 10,010 = 3,156,098. Pooling halves the size: the flatten length is 7*7*64 "
              "(the lecture notes' 4x4x64 = 1024 is for a 16x16 input).")


@check("concepts.lecture_model_params: 3,156,098", id="total", ko="강의 모델 합계 3,156,098을 계산한다")
def test_lecture_model_params(sub):
    """Does lecture_model_params return the lecture model's total, 3,156,098 (or, carried forward, the total its
    own helper functions give when those are already charged)?"""
    try:
        lecture.integer(sub, "lecture_model_params", (), lecture.LECTURE_PARAMS, TOTAL_HINT)
    except CheckFailed as failed:
        carry_from_helpers(sub, sub.call("concepts.lecture_model_params"), failed)
        raise


def carry_from_helpers(sub, total, failed: CheckFailed) -> None:
    """Raise ``failed`` as carried forward when ``total`` is what the student's own (already wrong) helper
    functions give for the lecture's layers; return when it is not."""
    try:
        helpers, parts, wrong = lecture_total_from_helpers(sub)
    except Exception:  # a helper that raises or returns no int: judged by its own check
        return
    mine = total.kind in ("int", "numpy-scalar") and total.python() == helpers
    if not (mine and wrong and all(p > 0 for p in parts)):  # all-zero helpers explain nothing
        return
    cause = Text("; ".join(f"`concepts.{f}`의 {call}" for f, call in wrong.items()),
                 "; ".join(f"`concepts.{f}`: {call}" for f, call in wrong.items()))
    feedback = failed.feedback
    raise CarriedForward(Feedback(feedback.summary, feedback.expected, feedback.found, Text(
        f"이 값은 {cause.ko}에서 옵니다. 그 함수를 고치면 합계도 맞습니다.",
        f"This total follows from {cause.en}. Fixing that function fixes the total too.")),
        tuple(f"concepts.{f}" for f in wrong), cause)


def require_lecture_total(total) -> None:
    """How the total is computed only earns points once the total is right."""
    right = total.kind in ("int", "numpy-scalar") and total.python() == lecture.LECTURE_PARAMS
    require(right, ko="먼저 lecture_model_params가 3,156,098을 돌려주어야 합니다.",
            en="First, lecture_model_params must return 3,156,098.", expected="3156098", found=total.short(),
            hint_ko="conv_params, dense_params, flatten_size, conv_output_size가 각자의 검사를 통과하는지 확인하고 "
                    "층마다 더하세요.",
            hint_en="Make conv_params, dense_params, flatten_size and conv_output_size pass their own checks, "
                    "then add up the layers.")


def lecture_total_from_helpers(sub) -> tuple[int, list[int], dict[str, str]]:
    """The lecture model's total computed here with the submission's own helper functions: the total, its
    four layer parts, and each helper that gave a wrong value with that call (``dense_params(3136, 1000) =
    3,136,000``), each call judged by its formula on the arguments it got."""
    wrong: dict[str, str] = {}

    def call(function: str, *args) -> int:
        v = sub.call(f"concepts.{function}", *args)
        require(v.kind == "int" or (v.kind == "numpy-scalar" and "int" in str(v.dtype)),
                ko=f"{function}이(가) 정수를 돌려주지 않습니다.", en=f"{function} does not return an int.",
                expected="int", found=v.short(), hint_ko="정수 나눗셈 //를 쓰세요.", hint_en="Use integer division //.")
        got = int(v.python())
        if got != FORMULAS[function](*args) and function not in wrong:
            wrong[function] = f"{function}{args} = {got:,}"
        return got

    size = call("conv_output_size", 28, 5, 1, "same")
    size = call("conv_output_size", size, 2, 2, "valid")
    size = call("conv_output_size", size, 2, 1, "same")
    size = call("conv_output_size", size, 2, 2, "valid")
    parts = [call("conv_params", 5, 5, 1, 32), call("conv_params", 2, 2, 32, 64),
             call("dense_params", call("flatten_size", size, size, 64), 1000), call("dense_params", 1000, 10)]
    return sum(parts), parts, wrong


FORMULAS = {
    "conv_output_size": lambda size, kernel, stride=1, padding="same": (
        -(-size // stride) if padding == "same" else (size - kernel) // stride + 1),
    "conv_params": lambda kh, kw, channels, filters: (kh * kw * channels + 1) * filters,
    "dense_params": lambda inputs, units: (inputs + 1) * units,
    "flatten_size": lambda height, width, channels: height * width * channels,
}
"""The helpers' formulas (SPEC.md), to tell which helper a wrong total comes from."""


@check("concepts.lecture_model_params: computed from the helper functions", id="from_helpers", ko="도우미 함수로 계산한다")
def test_lecture_model_params_consistent(sub):
    """Does lecture_model_params agree with the helper functions applied to the lecture's layers?"""
    total = sub.call("concepts.lecture_model_params")
    try:
        require_lecture_total(total)
    except CheckFailed as failed:
        carry_from_helpers(sub, total, failed)
        raise
    helpers, parts, _ = lecture_total_from_helpers(sub)
    parts = [f"{p:,}" for p in parts]
    require(total.kind in ("int", "numpy-scalar") and total.python() == helpers,
            ko="lecture_model_params의 값이 같은 모듈의 도우미 함수로 계산한 합과 다릅니다.",
            en="lecture_model_params differs from the total its own helper functions give.",
            expected=f"{' + '.join(parts)} = {helpers:,}", found=total.short(),
            hint_ko="숫자를 적어 넣지 말고 conv_output_size, conv_params, flatten_size, dense_params로 층마다 계산해 "
                    "더하세요. 도우미 함수도 각자의 검사를 통과해야 합니다.",
            hint_en="Do not type the number in: add up conv_params, flatten_size and dense_params (with "
                    "conv_output_size for the sizes) layer by layer. The helpers must pass their own checks too.")


def _typed_totals(text: str) -> list[int]:
    """Line numbers where the total appears as a number literal in the source."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return []
    return [node.lineno for node in ast.walk(tree) if isinstance(node, ast.Constant)
            and type(node.value) in (int, float) and node.value == lecture.LECTURE_PARAMS]


@check("concepts.lecture_model_params: not typed in", id="not_typed", ko="숫자를 직접 적지 않는다")
def test_lecture_model_params_not_typed(sub):
    """Is 3,156,098 absent from concepts.py as a number, so that the total must be computed?"""
    total = sub.call("concepts.lecture_model_params")
    lines = _typed_totals(lecture.source(sub, "concepts") or "")
    if lines:
        fail(ko="concepts.py에 3156098이 숫자로 적혀 있습니다.", en="concepts.py has 3156098 typed in as a number.",
             expected=Text("도우미 함수로 계산", "computed with the helper functions"),
             found=Text(f"concepts.py {lines[0]}번째 줄", f"concepts.py line {lines[0]}"),
             hint_ko="결과를 외워 적지 말고 conv_params, dense_params 등으로 층마다 계산하세요. 그래야 다른 모델도 셀 수 "
                     "있습니다.",
             hint_en="Do not write the answer down: compute it layer by layer with conv_params, dense_params and "
                     "friends, so the same code can count any model.")
    try:
        require_lecture_total(total)
    except CheckFailed as failed:
        carry_from_helpers(sub, total, failed)
        raise


@check("concepts.best_network: CNN, RNN or GAN for the listed tasks", id="tasks", ko="목록의 작업에 맞는 CNN, RNN, GAN을 고른다")
def test_best_network(sub):
    """Does best_network pick CNN, RNN or GAN for tasks from its list, whatever their case?"""
    for task, want in (("image classification", "CNN"), ("time series forecasting", "RNN"),
                       ("machine translation", "RNN"), ("image generation", "GAN"),
                       ("Image Classification", "CNN"), ("IMAGE GENERATION", "GAN")):
        lecture.network(sub, task, want)


LECTURE_TASKS = (("이미지 처리", "CNN"), ("이미지처리", "CNN"), ("시계열 데이터", "RNN"), ("시계열데이터", "RNN"),
                 ("자연어", "RNN"), ("이미지생성", "GAN"), ("이미지변환", "GAN"), ("이미지 편집", "GAN"),
                 ("image processing", "CNN"), ("natural language", "RNN"), ("image editing", "GAN"))
"""The lecture notes' own examples (2. CNN, RNN, GAN), as written there, with and without spaces, and in
English."""


@check("concepts.best_network: the lecture's own words, with and without spaces", id="lecture_words",
       ko="강의 노트의 표현을 띄어 쓰든 붙여 쓰든 받는다")
def test_best_network_lecture_words(sub):
    """Does best_network know every task the lecture notes name for CNN, RNN and GAN (이미지 처리; 시계열 데이터,
    자연어; 이미지생성, 이미지변환, 이미지 편집), with and without spaces and in English?"""
    hint = ("강의 노트의 예: CNN은 \"주로 이미지 처리에 사용\", RNN은 \"시계열 데이터, 자연어 등\", GAN은 \"이미지생성, "
            "이미지변환, 이미지 편집 등\". 이 표현과 영어 이름을 목록에 넣고, 띄어쓰기를 지운 뒤 비교하세요.",
            "The lecture notes' examples: CNN \"image processing\" (이미지 처리), RNN \"time series data, "
            "natural language\" (시계열 데이터, 자연어), GAN \"image generation, transformation, editing\" "
            "(이미지생성, 이미지변환, 이미지 편집). Add them and their English names, and compare without spaces.")
    for task, want in LECTURE_TASKS:
        try:
            v = sub.call("concepts.best_network", task)
        except CallError as error:
            if error.kind != "exception" or error.error_type == "NotImplementedError":
                raise
            fail(ko=f"best_network({task!r})에서 {error.error_type} 오류가 났습니다. 강의 노트에 나오는 표현입니다.",
                 en=f"best_network({task!r}) raised {error.error_type}; the lecture notes use these words.",
                 expected=repr(want), found=error.error_type, hint_ko=hint[0], hint_en=hint[1])
        if v.kind == "str" and v.python() != want and v.python().strip().upper() == want:
            with same_rule_as("concepts.best_network: CNN, RNN or GAN for the listed tasks"):
                lecture.network(sub, task, want)
        if not (v.kind == "str" and v.python() == want):
            fail(ko=f"best_network({task!r})의 답이 틀렸습니다.", en=f"best_network({task!r}) is wrong.",
                 expected=repr(want), found=v.short(), hint_ko=hint[0], hint_en=hint[1])


@check("concepts.model_size_mb: params * bytes / 2**20", id="formula", ko="크기 params * bytes / 2**20을 계산한다")
def test_model_size_mb(sub):
    """Does model_size_mb give the size a summary prints, params * bytes_per_param / 2**20: 12.04 MB for the
    lecture model's 3,156,098 float32 parameters?"""
    lecture.size_result(sub, lecture.LECTURE_PARAMS, None)
    lecture.size_result(sub, 3_137_000, 4)
    lecture.size_result(sub, 832, 8)


@check("concepts.recurrent_network: the network that feeds back its output", id="rnn", ko="출력을 다시 입력으로 쓰는 신경망")
def test_recurrent_network(sub):
    """Does recurrent_network name the RNN, the network that uses the previous time step's output as the current
    step's input?"""
    v = sub.call("concepts.recurrent_network")
    answer = v.python() if v.kind == "str" else None
    hint = ("RNN(순환 신경망)은 순환 구조를 가지고 이전 시간 단계의 출력을 현재 시간 단계의 입력으로 씁니다. CNN은 "
            "이미지의 공간 패턴, GAN은 생성자와 판별자의 경쟁입니다. \"RNN\"을 대문자로 돌려주세요.",
            "An RNN (recurrent neural network) has a loop: the previous time step's output is an input of the "
            "current one. A CNN finds spatial patterns in images; a GAN is a generator and a discriminator "
            "competing. Return \"RNN\" in capitals.")
    require(answer == "RNN", ko="이전 시간 단계의 출력을 현재 시간 단계의 입력으로 쓰는 신경망의 이름이 틀렸습니다.",
            en="The network that feeds the previous time step's output into the current step is named wrongly.",
            expected='"RNN"', found=v.short(), hint_ko=hint[0], hint_en=hint[1])


@check("concepts.gan_networks: a generator and a discriminator", id="two_networks", ko="생성자와 판별자")
def test_gan_networks(sub):
    """Does gan_networks name a GAN's two networks, the generator (생성자) and the discriminator (판별자), in
    either order and either language?"""
    v = sub.call("concepts.gan_networks")
    names = [item.python() for item in v.items] if v.kind in ("tuple", "list") else None
    seen = sorted(lecture.GAN_NAMES.get(str(n).strip().lower(), "?") for n in names or [] if isinstance(n, str))
    hint = ("GAN은 두 신경망이 경쟁합니다: 생성자(Generator)는 진짜와 구별할 수 없는 가짜 데이터를 만들려고 하고, "
            "판별자(Discriminator)는 진짜와 가짜를 더 정확하게 구별하려고 합니다. (\"생성자\", \"판별자\")처럼 "
            "두 이름을 튜플로 돌려주세요.",
            "A GAN is two networks competing: the generator tries to make fake data that cannot be told from "
            "the real thing, the discriminator tries to tell real from fake ever more accurately. Return both "
            "names as a tuple, such as (\"generator\", \"discriminator\").")
    require(names is not None and len(names) == 2 and seen == ["discriminator", "generator"],
            ko="GAN의 두 신경망을 이루는 이름이 아닙니다.", en="These are not the names of a GAN's two networks.",
            expected='("생성자", "판별자") / ("generator", "discriminator")', found=v.short() if names is None
            else str(names)[:120], hint_ko=hint[0], hint_en=hint[1])
