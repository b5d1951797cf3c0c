#!/usr/bin/env python3
"""`make bench`: xxgk's workbook writer (Swift + libxlsxwriter) beside Python's XlsxWriter
writing the same workbook.

1. `xxgk template -o FILE` as a whole process, RUNS times: wall and CPU per run; beside it
   a Python process writing the same template with XlsxWriter (interpreter start included).
2. COUNT filled workbooks of the example report in one process (xxgk-workbook-bench), beside
   XlsxWriter writing the same filled workbook PY_COUNT times in one process.
Prints each time and the ratios. Usage:
  run_bench.py XXGK WORKBOOK_BENCH REPORT.json [COUNT=1000] [PY_COUNT=200] [RUNS=20]
"""
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_runs(command, runs):
    """Mean wall and CPU seconds of running `command` `runs` times."""
    cpu_before = children_cpu()
    start = time.perf_counter()
    for _ in range(runs):
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - start) / runs, (children_cpu() - cpu_before) / runs


def per_workbook_ms(line):
    # "...: 6.16 ms CPU per workbook"
    return float(line.rsplit(":", 1)[1].split("ms")[0])


def main():
    xxgk, workbook_bench, report = sys.argv[1:4]
    count = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
    py_count = int(sys.argv[5]) if len(sys.argv) > 5 else 200
    runs = int(sys.argv[6]) if len(sys.argv) > 6 else 20
    folder = tempfile.mkdtemp(prefix="xxgk-bench-")
    try:
        template = os.path.join(folder, "template.xlsx")
        filled = os.path.join(folder, "filled.xlsx")
        subprocess.run([xxgk, "template", "-o", template], check=True)
        subprocess.run([xxgk, "convert", report, filled], check=True, stderr=subprocess.DEVNULL)
        script = os.path.join(HERE, "xlsxwriter_same_workbook.py")

        wall, cpu = timed_runs([xxgk, "template", "-o", template], runs)
        print("xxgk template (whole process, %d runs): %.1f ms wall, %.1f ms CPU per run" % (runs, wall * 1000, cpu * 1000))
        py_folder = os.path.join(folder, "py-template")
        os.mkdir(py_folder)
        plan = os.path.join(folder, "template.pickle")
        subprocess.run([sys.executable, script, "--save-plan", template, plan], check=True)
        py_wall, py_cpu = timed_runs([sys.executable, script, plan, "1", py_folder], max(3, runs // 4))
        print("python XlsxWriter, same template (whole process): %.1f ms wall, %.1f ms CPU per run: xxgk template is %.1fx faster"
              % (py_wall * 1000, py_cpu * 1000, py_cpu / cpu))

        swift_folder = os.path.join(folder, "swift")
        os.mkdir(swift_folder)
        swift = subprocess.run([workbook_bench, report, str(count), swift_folder], check=True,
                               capture_output=True, text=True).stdout.strip()
        print(swift)
        shutil.rmtree(swift_folder)
        py_folder = os.path.join(folder, "py-filled")
        os.mkdir(py_folder)
        python = subprocess.run([sys.executable, script, filled, str(py_count), py_folder], check=True,
                                capture_output=True, text=True).stdout.strip()
        print(python)
        swift_ms, python_ms = per_workbook_ms(swift), per_workbook_ms(python)
        print("filled workbook: xxgk %.2f ms CPU, XlsxWriter %.2f ms CPU: xxgk is %.1fx faster (aim: < 5 ms, faster than XlsxWriter)"
              % (swift_ms, python_ms, python_ms / swift_ms))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
