"""Runs one cell's code, and an exercise's hidden checks, inside the Python worker.

Tracebacks are cut down to the student's own frames, so the file and line they
show are the cell's, never this module's or Pyodide's.
"""

import ast
import builtins
import json
import linecache
import sys
import traceback

CELL = "<cell>"
CHECK = "<check>"


def run_cell(code, check=None):
    """Runs `code` in a fresh namespace, then `check` (if any) in the same one.

    Output goes to sys.stdout and sys.stderr as it happens; a traceback goes to
    sys.stderr. Returns a JSON object: {"error": ..., "check": ...}.
    """
    namespace = {"__name__": "__main__", "__builtins__": builtins}
    error = _run_student_code(code, namespace)
    verdict = None
    if check is not None:
        verdict = _code_failed(error) if error else _run_check(check, namespace)
    sys.stdout.flush()
    sys.stderr.flush()
    return json.dumps({"error": error, "check": verdict})


def _run_student_code(code, namespace):
    _remember_source(CELL, code)
    try:
        exec(compile(code, CELL, "exec"), namespace)
    except SystemExit as exc:
        if exc.code in (None, 0):
            return None
        return _report(exc)
    except BaseException as exc:
        return _report(exc)
    return None


def _report(exc):
    sys.stdout.flush()
    sys.stderr.write(_student_traceback(exc))
    return {"summary": _summary(exc), "line": _student_line(exc)}


def _run_check(check, namespace):
    _remember_source(CHECK, check)
    try:
        exec(compile(check, CHECK, "exec"), namespace)
    except AssertionError as exc:
        message = str(exc) or _failing_check(check, exc)
        return {"passed": False, "message": message}
    except BaseException as exc:
        # The student's function may have raised while a check called it: show where, in their code.
        if _student_line(exc) is not None:
            sys.stdout.flush()
            sys.stderr.write(_student_traceback(exc))
        return {"passed": False, "message": f"{_failing_check(check, exc)} raised {_summary(exc)}"}
    return {"passed": True, "message": "all checks passed"}


def _code_failed(error):
    where = f" on line {error['line']}" if error["line"] else ""
    return {"passed": False, "message": f"your code raised {error['summary']}{where}, so the checks did not run"}


def _remember_source(filename, source):
    # Tracebacks read lines through linecache; an mtime of None keeps the entry from being dropped.
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)


def _student_traceback(exc):
    """The traceback from the first frame in the student's code down (none at all for a SyntaxError)."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != CELL:
        tb = tb.tb_next
    return "".join(traceback.format_exception(type(exc), exc, tb))


def _student_line(exc):
    if isinstance(exc, SyntaxError) and exc.filename == CELL:
        return exc.lineno
    lines = [frame.lineno for frame in traceback.extract_tb(exc.__traceback__) if frame.filename == CELL]
    return lines[-1] if lines else None


def _summary(exc):
    if isinstance(exc, SyntaxError):
        return f"{type(exc).__name__}: {exc.msg}"
    message = str(exc)
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def _failing_check(check, exc):
    """The source of the check that failed: an assert's condition, or the whole statement."""
    lines = [frame.lineno for frame in traceback.extract_tb(exc.__traceback__) if frame.filename == CHECK]
    if not lines:
        return "the check"
    line = lines[-1]
    innermost = None
    for node in ast.walk(ast.parse(check)):
        if isinstance(node, ast.stmt) and node.lineno <= line <= node.end_lineno:
            if innermost is None or node.end_lineno - node.lineno <= innermost.end_lineno - innermost.lineno:
                innermost = node
    if innermost is None:
        return "the check"
    target = innermost.test if isinstance(innermost, ast.Assert) else innermost
    return ast.get_source_segment(check, target) or "the check"
