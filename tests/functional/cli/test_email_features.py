"""The issue-20 scenario of every format feature through the CLI: it validates
clean in both languages, and `sim walk` is byte-identical for one seed and says
other words with another (issue 20, "Must show")."""

from __future__ import annotations

from tests.cli_run import cli
from tests.conftest import ROOT

FEATURES = ROOT / "tests" / "data" / "email-features"
PATH = ["--choices", "blame,help,honest"]


def test_it_validates_without_a_problem(capsys):
    code, out, _ = cli(capsys, "validate", FEATURES, "--require-lang", "fi,en")
    assert code == 0 and "0 errors, 0 warnings" in out


def test_walks_are_byte_identical_for_a_seed_and_differ_for_another(capsys):
    walks = {seed: [cli(capsys, "walk", FEATURES / "email-features.yaml", "--seed", seed, *PATH)[1] for _ in range(2)] for seed in (1, 2)}
    assert walks[1][0] == walks[1][1] and walks[2][0] == walks[2][1]
    assert walks[1][0] != walks[2][0]
    first = walks[1][0]
    for expected in [
        "Subject: MY APPLICATION WAS REJECTED!!!",
        "Client: You already told me the attachments were missing. They were not!",  # the flag remembered
        "Team leader: I read the email. Answer calmly and tell them about the review.",
        "blamed false → true",
        "Ending: resolved",
    ]:
        assert expected in first, expected
    # Only the words differ: the nodes, the state and the scores are the same.
    def flow(text: str) -> list[str]:
        return [line for line in text.splitlines() if line.startswith(("── ", "    tension", "Overall"))]

    assert flow(walks[1][0]) == flow(walks[2][0])


def test_the_same_in_finnish(capsys):
    code, out, _ = cli(capsys, "walk", FEATURES / "email-features.yaml", "--seed", 1, "--lang", "fi", *PATH)
    assert code == 0
    assert "Aihe: HAKEMUKSENI HYLÄTTIIN!!!" in out and "Tiimivastaava: " in out


def test_transcript_tests_check_what_was_said(capsys, tmp_path):
    code, out, _ = cli(capsys, "test", FEATURES / "email-features.test.yaml")
    assert code == 0 and "3 passed, 0 failed" in out
    # A variant that was not said fails where the expectation is written, with what was said.
    import shutil

    folder = tmp_path / "features"
    shutil.copytree(FEATURES, folder)
    broken = folder / "broken.test.yaml"
    broken.write_text(
        "scenario: email-features\ncases:\n  - name: one\n    seed: 1\n    steps:\n"
        "      - do: blame\n        expect: {said: Nothing like this}\n",
        encoding="utf-8",
    )
    code, out, _ = cli(capsys, "test", broken)
    assert code == 1
    assert f"{broken}:7:24: after step 1 (`blame`): said" in out
    assert "actual:   'The next morning a new email arrives.' / 'You already told me the attachments were missing. They were not!'" in out
