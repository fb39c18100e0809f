"""Shell completion: the script `sim completion` prints, sourced into a real
bash, completes commands, options, their values and scenario ids."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_run import cli
from tests.conftest import SAMPLE

# Sources the script, then calls its completion function as bash does on Tab.
DRIVER = r"""
source <(sim completion bash)
line="$1"
COMP_LINE="$line"; COMP_POINT=${#line}
read -ra COMP_WORDS <<< "$line"
[[ "$line" == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
_python_argcomplete sim "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
"""


def tab(line: str, cwd: Path) -> list[str]:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    # `sim` as installed beside this interpreter (the README's `pip install -e`).
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run([bash, "-c", DRIVER, "driver", line], capture_output=True, text=True, env=env, cwd=cwd, timeout=60)
    assert result.returncode == 0, result.stderr
    return [w.strip() for w in result.stdout.splitlines() if w.strip()]


def test_commands_complete(tmp_path):
    assert tab("sim pl", tmp_path) == ["play"]
    assert {"play", "validate", "history", "report", "completion"} <= set(tab("sim ", tmp_path))


def test_scenario_ids_complete_built_in_and_from_dir_and_files(tmp_path):
    (tmp_path / "mine.yaml").write_text("", encoding="utf-8")
    offered = tab("sim play ", tmp_path)
    assert {"aggressive-desk", "stressed-parent", "mine.yaml"} <= set(offered)
    assert tab("sim walk stre", tmp_path) == ["stressed-parent"]
    assert "sample" in tab(f"sim --dir {SAMPLE} play ", tmp_path)
    assert "sample" in tab(f"sim analyze --dir {SAMPLE} sa", tmp_path)


def test_options_and_their_values_complete(tmp_path):
    assert tab("sim report --format ", tmp_path) == ["md", "html", "json"]
    assert {"--plain", "--watch", "--mode"} <= set(tab("sim play --", tmp_path))
    assert tab("sim completion ", tmp_path) == ["bash", "zsh", "fish"]
    assert "--lang" not in tab("sim play ", tmp_path)  # options once a "-" is typed


@pytest.mark.parametrize(("shell", "marker"), [("bash", "complete -o nospace"), ("zsh", "compdef _python_argcomplete sim"), ("fish", "complete --command sim")])
def test_each_shell_gets_its_script(capsys, shell, marker):
    code, out, err = cli(capsys, "completion", shell)
    assert code == 0 and err == ""
    assert marker in out


def test_the_bash_script_is_valid_bash(capsys, tmp_path):
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    script = tmp_path / "sim.bash"
    script.write_text(cli(capsys, "completion", "bash")[1], encoding="utf-8")
    assert subprocess.run([bash, "-n", str(script)], capture_output=True).returncode == 0


def test_an_unknown_shell_is_a_usage_error(capsys):
    code, _, err = cli(capsys, "completion", "tcsh")
    assert code == 2
    assert "invalid choice: 'tcsh'" in err and "sim completion --help" in err
