"""Every `-o` keeps its promise whatever the path is: a device or a FIFO is
written into and stays what it was, a link is followed and stays a link, a
folder or a read-only place is a clear error with exit 2, `-` is standard
output, and a regular file is replaced atomically."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from sim.files import NotWritable, write_file
from tests.cli_run import cli
from tests.conftest import ROOT, SAMPLE
from tests.history_helpers import GOOD, read_only, record

REPO = ROOT

# Each command that takes `-o FILE`, and a text its output always holds.
COMMANDS = {
    "report": (["report", "last", "--format", "md"], "Sample"),
    "report-html": (["report", "last", "--format", "html"], "<html"),
    "export": (["export", "--xapi"], '"verb"'),
    "i18n": (["i18n", "--export-po", "fi"], "msgid"),
    "schema": (["schema", "scenario"], '"$schema"'),
    "graph": (["graph", str(SAMPLE / "sample.yaml")], "flowchart"),
    "test": (["test", str(REPO / "dialogues" / "aggressive-desk.test.yaml"), "--format", "junit"], "<testsuite"),
}


@pytest.fixture
def a_session(_isolated_home, sample_library):
    record(sample_library, GOOD)


def run_with_output(capsys, name: str, target: object) -> tuple[int, str, str]:
    args, _ = COMMANDS[name]
    extra = ["--dir", str(SAMPLE)] if name.startswith("report") else []
    return cli(capsys, *args, *extra, "-o", target)


@pytest.mark.parametrize("name", COMMANDS)
def test_a_regular_file_is_written_whole(capsys, tmp_path, a_session, name):
    target = tmp_path / "out"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    code, _, err = run_with_output(capsys, name, target)
    assert code == 0, err
    assert COMMANDS[name][1] in target.read_text(encoding="utf-8")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # the file's mode is kept
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no temporary file left behind


@pytest.mark.parametrize("name", COMMANDS)
def test_a_character_device_stays_a_device(capsys, tmp_path, a_session, name):
    device = tmp_path / "fakenull"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # the same device as /dev/null
    except PermissionError:
        pytest.skip("making a device node needs root (or CAP_MKNOD)")
    code, out, err = run_with_output(capsys, name, device)
    assert code == 0, err
    assert stat.S_ISCHR(device.stat().st_mode)
    assert os.major(device.stat().st_rdev) == 1 and os.minor(device.stat().st_rdev) == 3


@pytest.mark.parametrize("name", COMMANDS)
def test_a_fifo_is_written_into(capsys, tmp_path, a_session, name):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    # A reader on the other end, as `sim … -o pipe & cat pipe` has; bounded by
    # the writer closing its end, which ends the read.
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code, _, err = run_with_output(capsys, name, fifo)
    reader.join(timeout=60)
    assert code == 0, err
    assert not reader.is_alive()
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert COMMANDS[name][1] in received[0].decode("utf-8")


@pytest.mark.parametrize("name", COMMANDS)
def test_a_link_is_followed_and_stays_a_link(capsys, tmp_path, a_session, name):
    real = tmp_path / "real.txt"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    code, _, err = run_with_output(capsys, name, link)
    assert code == 0, err
    assert link.is_symlink() and link.resolve() == real
    assert COMMANDS[name][1] in real.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", COMMANDS)
def test_a_folder_is_refused_with_exit_2(capsys, tmp_path, a_session, name):
    folder = tmp_path / "folder"
    folder.mkdir()
    code, out, err = run_with_output(capsys, name, folder)
    assert code == 2
    assert f"{folder}: this is a folder: -o names the file to write" in err
    assert f"hint: give a file name inside it, e.g. -o {folder}/" in err
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("name", COMMANDS)
def test_a_dash_is_standard_output(capsys, tmp_path, a_session, name):
    code, out, err = run_with_output(capsys, name, "-")
    assert code == 0, err
    assert COMMANDS[name][1] in out
    assert not (Path.cwd() / "-").exists()


@pytest.mark.parametrize("name", COMMANDS)
def test_a_read_only_folder_is_a_clear_error(capsys, tmp_path, a_session, name):
    folder = tmp_path / "locked"
    folder.mkdir()
    with read_only(folder):
        code, _, err = run_with_output(capsys, name, folder / "out.txt")
    assert code == 2
    assert f"{folder / 'out.txt'}: cannot write this file" in err and "hint:" in err
    assert list(folder.iterdir()) == []


def test_the_folder_error_is_in_finnish_too(capsys, tmp_path):
    code, _, err = cli(capsys, "--lang", "fi", "schema", "scenario", "-o", tmp_path)
    assert code == 2
    assert "tämä on kansio" in err and "vihje: anna tiedoston nimi kansion sisällä" in err


def test_a_socket_is_refused(tmp_path):
    import socket

    path = tmp_path / "sock"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        with pytest.raises(NotWritable) as info:
            write_file(path, "x")
    assert info.value.what == "socket"
    assert stat.S_ISSOCK(path.stat().st_mode)


def test_a_dangling_link_makes_its_target(tmp_path):
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "made.txt")
    write_file(link, "new\n")
    assert link.is_symlink() and (tmp_path / "made.txt").read_text() == "new\n"


def test_a_new_file_gets_the_usual_mode(tmp_path):
    # mkstemp's private 0600 would make a shared report unreadable to others.
    mask = os.umask(0o022)
    os.umask(mask)
    write_file(tmp_path / "new.txt", "x")
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o666 & ~mask
