"""Reading submissions: folders, notebooks, archives, and everything odd about them."""

import json
import os
import warnings
import zipfile
from pathlib import Path

import pytest

from grader import config
from grader.engine import intake
from grader.errors import KitError

ROOT = Path(__file__).resolve().parents[2]
KIT = intake.Expected.of(config.load(ROOT))
"""The kit's parts: what a submission should hold (tensors, cnn, concepts; the project optional)."""


def notices(result) -> str:
    return "\n".join(n.summary.en for n in result.notices)


def test_folder_of_py(tmp_path):
    """Does a folder of .py files give each module's source, and note the missing one?"""
    (tmp_path / "tensors.py").write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "cnn.py").write_text("y = 2\n", encoding="utf-8")
    result = intake.collect(tmp_path, KIT)
    assert result.sources == {"tensors": "x = 1\n", "cnn": "y = 2\n"}
    assert "concepts.py (or concepts.ipynb) is missing" in notices(result)


def test_empty_folder_is_an_error(tmp_path):
    """Is a folder with nothing to grade a KitError that says what was expected?"""
    with pytest.raises(KitError, match="holds none of tensors.py, cnn.py, concepts.py"):
        intake.collect(tmp_path, KIT)


def test_notebooks_become_source():
    """Do the released notebooks turn into the same functions as the .py stubs?"""
    folder = ROOT / "exercises" / "notebooks"
    nb_only = {p.name: p.read_bytes() for p in folder.glob("*.ipynb")}
    result = intake.Intake()
    for name, data in nb_only.items():
        intake._add(result, name.split(".")[0], name, data)
    assert set(result.sources) == {"tensors", "cnn", "concepts", "project"}
    assert "def build_model(" in result.sources["cnn"]
    assert "def train_project_model(" in result.sources["project"]


def test_invalid_notebook_json(tmp_path):
    """Is a notebook that is not JSON reported, with the rest still read?"""
    (tmp_path / "tensors.ipynb").write_text("{not json", encoding="utf-8")
    (tmp_path / "cnn.py").write_text("y = 2\n", encoding="utf-8")
    result = intake.collect(tmp_path, KIT)
    assert "tensors.ipynb is not a valid notebook" in notices(result)
    assert set(result.sources) == {"cnn"}


def test_non_utf8_source(tmp_path):
    """Is a file that is not UTF-8 named in a notice instead of crashing?"""
    (tmp_path / "tensors.py").write_bytes(b"# \xff\xfe caf\xe9\nx = 1\n")
    result = intake.collect(tmp_path, KIT)
    assert "tensors.py is not UTF-8 text" in notices(result)
    assert "tensors" not in result.sources


def test_archive_round_trip(tmp_path):
    """Does an archive written by submit read back with a matching manifest?"""
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "concepts.py").write_text("z = 3\n", encoding="utf-8")
    original = intake.collect(tmp_path / "src", KIT)
    archive = intake.write_archive(original, tmp_path / "s.zip", {"student": "kim"})
    back = intake.collect(archive, KIT)
    assert back.sources == {"concepts": "z = 3\n"}
    assert "manifest" not in notices(back)
    assert intake.content_hash(back) == intake.content_hash(original)


def test_archive_tampered_file_is_reported(tmp_path):
    """Is a file whose bytes differ from the manifest's hash reported?"""
    manifest = {"files": {"concepts.py": "0" * 64}}
    with zipfile.ZipFile(tmp_path / "s.zip", "w") as archive:
        archive.writestr("concepts.py", "z = 3\n")
        archive.writestr("manifest.json", json.dumps(manifest))
    assert "concepts.py does not match its manifest hash" in notices(intake.collect(tmp_path / "s.zip", KIT))


def test_archive_escaping_paths_are_ignored(tmp_path):
    """Is a ../ path in a zip ignored and reported, never written anywhere?"""
    with zipfile.ZipFile(tmp_path / "s.zip", "w") as archive:
        archive.writestr("../../tensors.py", "evil = 1\n")
        archive.writestr("/etc/cnn.py", "evil = 2\n")
        archive.writestr("concepts.py", "z = 3\n")
    result = intake.collect(tmp_path / "s.zip", KIT)
    assert result.sources == {"concepts": "z = 3\n"}
    assert "unsafe path '../../tensors.py' ignored" in notices(result)
    assert "unsafe path '/etc/cnn.py' ignored" in notices(result)


def test_corrupt_zip(tmp_path):
    """Is a corrupt zip graded as nothing, with a clear line?"""
    good = tmp_path / "g.zip"
    with zipfile.ZipFile(good, "w") as archive:
        archive.writestr("concepts.py", "z = 3\n" * 1000)
    data = bytearray(good.read_bytes())
    data[40:80] = b"\0" * 40
    bad = tmp_path / "bad.zip"
    bad.write_bytes(bytes(data))
    result = intake.collect(bad, KIT)
    assert result.sources == {}
    assert "corrupt" in notices(result) or "manifest" in notices(result)


def test_not_a_zip(tmp_path):
    """Is a random file refused with a KitError?"""
    (tmp_path / "x.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(KitError, match="neither a folder nor a submission archive"):
        intake.collect(tmp_path / "x.txt", KIT)


# -- links, odd files and archive bombs: only regular files inside the submission are read ---------------
def test_links_out_of_the_folder_are_refused(tmp_path):
    """Are a symbolic link and a hard link to files outside the folder refused with a line, never read?"""
    outside = tmp_path / "solutions"
    outside.mkdir()
    (outside / "tensors.py").write_text("SOLUTION = 1\n", encoding="utf-8")
    (outside / "cnn.py").write_text("SOLUTION = 2\n", encoding="utf-8")
    student = tmp_path / "kim"
    student.mkdir()
    (student / "tensors.py").symlink_to(outside / "tensors.py")
    os.link(outside / "cnn.py", student / "cnn.py")
    (student / "concepts.py").write_text("z = 3\n", encoding="utf-8")
    result = intake.collect(student, KIT)
    assert result.sources == {"concepts": "z = 3\n"}
    assert "tensors.py is a link (symbolic link), so it was not read" in notices(result)
    assert "cnn.py is a hard link to another file" in notices(result)
    assert "SOLUTION" not in json.dumps(result.sources) + str(result.files)


def test_a_linked_entry_and_a_fifo_are_refused_without_blocking(tmp_path):
    """Is a student entry that is itself a link refused, and a FIFO in place of a module skipped at once?"""
    real = tmp_path / "real"
    real.mkdir()
    (real / "tensors.py").write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "linked").symlink_to(real)
    result = intake.collect(tmp_path / "linked", KIT)
    assert result.sources == {} and "linked is a link" in notices(result)
    os.mkfifo(real / "cnn.py")
    result = intake.collect(real, KIT)
    assert result.sources == {"tensors": "x = 1\n"}
    assert "cnn.py is not a regular file" in notices(result)


def test_archive_links_and_duplicates_are_refused(tmp_path):
    """Are a symlink entry, two concepts.py at different depths and a repeated name refused, each with a line?"""
    with zipfile.ZipFile(tmp_path / "s.zip", "w") as archive:
        link = zipfile.ZipInfo("tensors.py")
        link.external_attr = (0o120777 << 16)
        archive.writestr(link, "/work/main/solutions/tensors.py")
        archive.writestr("concepts.py", "z = 3\n")
        archive.writestr("deep/er/concepts.py", "z = 4\n")
        archive.writestr("cnn.py", "y = 1\n")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # zipfile warns about the repeated name it writes
            archive.writestr("cnn.py", "y = 2\n")
    result = intake.collect(tmp_path / "s.zip", KIT)
    assert result.sources == {}
    text = notices(result)
    assert "tensors.py is a link" in text
    assert "concepts.py appears more than once (concepts.py, deep/er/concepts.py)" in text
    assert "cnn.py appears twice" in text


def test_a_module_one_folder_down_in_an_archive_is_read(tmp_path):
    """Is an archive whose modules sit in one folder (as an LMS packs them) still read?"""
    with zipfile.ZipFile(tmp_path / "s.zip", "w") as archive:
        archive.writestr("kim/concepts.py", "z = 3\n")
    assert intake.collect(tmp_path / "s.zip", KIT).sources == {"concepts": "z = 3\n"}


def test_archive_bombs_are_refused_before_extraction(tmp_path):
    """Is an archive that declares too many entries or too many bytes refused before anything is unpacked?"""
    with zipfile.ZipFile(tmp_path / "many.zip", "w") as archive:
        for i in range(intake.MAX_ARCHIVE_ENTRIES + 1):
            archive.writestr(f"f{i}.txt", "")
        archive.writestr("concepts.py", "z = 3\n")
    result = intake.collect(tmp_path / "many.zip", KIT)
    assert result.sources == {} and "entries (at most 200); nothing was read" in notices(result)
    with zipfile.ZipFile(tmp_path / "big.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("concepts.py", "z = 3\n")
        archive.writestr("zeros.bin", b"\0" * (intake.MAX_ARCHIVE_BYTES + 1))
    result = intake.collect(tmp_path / "big.zip", KIT)
    assert result.sources == {} and "nothing was read" in notices(result)


def test_without_a_course_every_module_file_is_read(tmp_path):
    """Read without a course's parts, is every module file read and nothing called missing?"""
    (tmp_path / "vectors.py").write_text("x = 1\n")
    (tmp_path / "notes.txt").write_text("not a module\n")
    result = intake.collect(tmp_path)
    assert result.sources == {"vectors": "x = 1\n"} and not result.notices
