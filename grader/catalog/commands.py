"""The ``grade`` command's help, in Korean and English: what ``grade --help``, ``grade check --help`` and
``grade submit --help`` say (the commands a student runs).

Keyed by the command's name (``cli`` for ``grade`` itself) and ``command.option`` (``check.path``); an
option every command shares is ``*.option`` (``*.help``). :mod:`grader.cli_language` shows the language
the run reads in. The instructor's commands keep their English help in :mod:`grader.cli`.
"""

from __future__ import annotations

from grader.messages import Text

HELP = {
    "cli": Text("텐서플로 실습: 내 코드를 검사하고, 제출하고, 반 전체를 채점합니다.",
                "TensorFlow exercises: check your work, submit it, grade a class."),
    "cli.kit": Text("키트 폴더(course.toml이 있는 폴더)입니다. 기본값은 지금 폴더나 그 위의 폴더이고, GRADE_KIT로도 "
                    "정할 수 있습니다.",
                    "The kit folder (the one with course.toml); default: the current folder or one above it. "
                    "Also GRADE_KIT."),
    "*.version": Text("버전을 보여 주고 끝냅니다.", "Show the version and exit."),
    "*.help": Text("이 도움말을 보여 주고 끝냅니다.", "Show this message and exit."),
    "*.lang": Text("피드백 언어입니다 (기본값: course.toml의 [course] language).",
                   "Language of the feedback (default: course.toml's [course] language)."),
    "check": Text("내 코드를 빠르게 공개 검사합니다(훈련 없이). 예: `grade check cnn.first_conv`",
                  "Fast public checks (no training) on your work, e.g. `grade check cnn.first_conv`."),
    "check.path": Text("내 코드가 있는 폴더입니다 (기본값: exercises/).", "Folder with your work (default: exercises/)."),
    "check.watch": Text("저장할 때마다 다시 검사합니다 (멈추려면 Ctrl+C).",
                        "Check again every time you save (Ctrl+C to stop)."),
    "submit": Text("정확도 측정까지 모든 공개 검사를 실행하고 results.json과 제출 파일을 만듭니다.",
                   "All public checks including the accuracy run; writes results.json and a submission archive."),
    "submit.path": Text("내 코드가 있는 폴더입니다 (기본값: exercises/).", "Folder with your work (default: exercises/)."),
    "submit.student": Text("학번입니다. 제출 파일과 결과에 적힙니다.",
                           "Your student id, written into the archive and results."),
    "submit.out": Text("results.json, feedback.html과 제출 파일을 둘 폴더입니다.",
                       "Where results.json, feedback.html and the archive go."),
    "submit.as_json": Text("표 대신 results.json을 화면에 출력합니다.", "Print results.json to stdout instead of the table."),
}
"""Help of the commands a student runs, and of the options they share."""

FRAME = {
    "usage": Text("사용법:", "Usage:"),
    "options": Text("옵션:", "Options:"),
    "commands": Text("명령:", "Commands:"),
    "default": Text("기본값:", "default:"),
}
"""click's own headings of a help page (English is click's wording)."""
