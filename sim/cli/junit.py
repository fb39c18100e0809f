"""Transcript-test results as JUnit XML, the format CI servers show as test reports.

One <testsuite> per test file, one <testcase> per case; a file that could not
be run is one <testcase> with an <error>, so CI counts it instead of losing it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from sim.authoring.transcript_run import CaseResult, FileResult, RunResult
from sim.content.problems import Problem

# Characters XML 1.0 cannot carry at all, not even escaped: authored text and
# file names may contain them, and one would make the whole report unreadable.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _x(text: object) -> str:
    return _NOT_XML.sub("\ufffd", str(text))


def _seconds(value: float) -> str:
    return f"{value:.3f}"


def junit_xml(result: RunResult) -> str:
    root = ET.Element(
        "testsuites",
        {
            "name": "sim test",
            "tests": str(len(result.cases) + _error_cases(result)),
            "failures": str(result.failed),
            "errors": str(_error_cases(result)),
            "time": _seconds(sum(f.seconds for f in result.files)),
        },
    )
    if result.problems:
        suite = _suite(root, "sim test", tests=len(result.problems), failures=0, errors=len(result.problems), seconds=0.0)
        for p in result.problems:
            _error_case(suite, p, "paths")
    for f in result.files:
        _file_suite(root, f)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _error_cases(result: RunResult) -> int:
    return len(result.problems) + sum(1 for f in result.files if f.errors)


def _suite(root: ET.Element, name: str, *, tests: int, failures: int, errors: int, seconds: float) -> ET.Element:
    return ET.SubElement(
        root,
        "testsuite",
        {"name": _x(name), "tests": str(tests), "failures": str(failures), "errors": str(errors), "skipped": "0", "time": _seconds(seconds)},
    )


def _file_suite(root: ET.Element, f: FileResult) -> None:
    failures = sum(c.status == "failed" for c in f.cases)
    errors = 1 if f.errors else 0
    suite = _suite(root, str(f.path), tests=len(f.cases) + errors, failures=failures, errors=errors, seconds=f.seconds)
    classname = f.scenario or f.path.name
    if f.errors:
        # The first problem names the case; all of them go in the body.
        case = ET.SubElement(suite, "testcase", {"name": "load test file", "classname": _x(classname), "file": _x(f.path), "time": "0.000"})
        error = ET.SubElement(case, "error", {"message": _x(f.errors[0].message), "type": _x(f.errors[0].code)})
        error.text = _x("\n".join(p.format() for p in f.errors))
    for c in f.cases:
        _case(suite, c, classname)


def _case(suite: ET.Element, c: CaseResult, classname: str) -> None:
    case = ET.SubElement(
        suite,
        "testcase",
        {"name": _x(c.name), "classname": _x(classname), "file": _x(c.path), "line": str(c.line), "time": _seconds(c.seconds)},
    )
    if c.failures:
        first = c.failures[0]
        failure = ET.SubElement(case, "failure", {"message": _x(f"{first.location}: {first.message}"), "type": "expectation"})
        failure.text = _x("\n".join(x.format() for x in c.failures))


def _error_case(suite: ET.Element, p: Problem, classname: str) -> None:
    case = ET.SubElement(suite, "testcase", {"name": _x(p.path), "classname": classname, "time": "0.000"})
    error = ET.SubElement(case, "error", {"message": _x(p.message), "type": _x(p.code)})
    error.text = _x(p.format())
