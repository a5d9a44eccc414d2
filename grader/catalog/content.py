"""The words of the exercises themselves: the stubs' markers and the notebooks' notes and lesson cells.

These are shown in both languages at once: a code line as ``ko / en``
(:meth:`grader.messages.Text.both`), a note as the Korean paragraph above the English one.
"""

from __future__ import annotations

from grader.messages import Text

CONTENT = {
    "code-here": Text("여기에 코드를 작성하세요", "YOUR CODE HERE"),
    "not-implemented": Text("아직 구현하지 않았습니다", "not implemented yet"),
    "install": Text("채점 키트를 설치합니다 (선생님이 알려 준 파일이나 주소)",
                    "Install the grading kit (the file or address your instructor gave)"),
    "install-where": Text("Colab: 선생님이 준 tf-grade-kit.zip을 왼쪽 파일 창에 올리거나(업로드), Google Drive를 연결한 뒤 "
                          "KIT = \"/content/drive/MyDrive/tf-grade-kit.zip\"처럼 그 경로를 적거나, KIT에 https:// 주소를 적으세요.",
                          "Colab: upload the tf-grade-kit.zip your instructor gave to the Files pane on the left, or mount "
                          "Google Drive and set KIT to its path (/content/drive/MyDrive/tf-grade-kit.zip), or set KIT "
                          "to an https:// address."),
    "install-missing": Text("채점 키트를 찾지 못했습니다: 이 노트북과 같은 폴더에 {kit} 파일을 두거나, 선생님이 준 키트 "
                            "폴더를 풀어 그 안의 노트북을 열거나, KIT에 키트의 경로나 https:// 주소를 적으세요.",
                            "The grading kit was not found: put {kit} in this notebook's folder, or unzip the kit "
                            "your instructor gave and open the notebook inside it, or set KIT to the kit's path or "
                            "an https:// address."),
    "lecture-model": Text("강의 모델", "the lecture's model"),
    "install-pip": Text("채점 키트를 설치하는 중… (pip: 처음에는 1분쯤 걸릴 수 있습니다)",
                        "Installing the grading kit… (pip: the first time this can take a minute)"),
    "install-tensorflow": Text("TensorFlow를 불러오는 중…", "Importing TensorFlow…"),
    "install-ready": Text("준비됐습니다. 함수를 채우고 그 아래의 check(...) 셀을 실행하세요.",
                          "Ready. Fill in a function, then run the check(...) cell below it."),
    "checking": Text("{exercise} 검사하는 중… (끝난 검사 {count}개)", "Checking {exercise}… ({count:|check} done)"),
    "total": Text("합계", "total"),
    "notebook-note": Text("> 설명은 한국어, 그다음 영어 순서로 적혀 있습니다. 각 코드 셀의 "
                          "`{code_here}` 부분을 채우고, 터미널에서 "
                          "`grade check {module}` 명령으로 확인하세요.",
                          "> Each explanation is in Korean, then English. Fill in each code cell's "
                          "`{code_here}` part, then run "
                          "`grade check {module}` in a terminal to check your work."),
    "lesson-note": Text("> 설명은 한국어, 그다음 영어 순서로 적혀 있습니다. 맨 위 셀을 한 번 실행해 채점 키트를 설치하고, "
                        "함수마다 `{code_here}` 부분을 채운 뒤 아래의 실행해 보기 셀과 "
                        "`check(...)` 셀을 실행하세요. `check`는 `grade check {module}` 명령과 같은 검사로 이 노트북의 "
                        "함수를 채점합니다.",
                        "> Each explanation is in Korean, then English. Run the top cell once to install the grading kit; "
                        "then, for each function, fill in its `{code_here}` part and run the "
                        "try-it cell and the `check(...)` cell below it. `check` grades the function as this notebook "
                        "defines it, with the same checks as `grade check {module}`."),
}
"""``code-here`` and ``not-implemented``: what a stub holds where the solution was
(:mod:`grader.content.stubs`); ``install``, ``lecture-model``, ``total``: the lesson cells' comment
and printed labels (:mod:`grader.content.lesson`); the notes at the top of a notebook
(:mod:`grader.content.notebooks`), with ``{code_here}`` the stub's marker line and ``{module}`` the
notebook's module."""
