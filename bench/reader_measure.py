#!/usr/bin/env python3
"""`make bench` (bench/reader.sh): reads one sheet with xxgk cells, python-calamine and
openpyxl (read_only), each in its own process, and prints wall time and peak RSS.

usage: reader_measure.py XXGK FILE.xlsx CELLS
The peak RSS of a child comes from resource.getrusage(RUSAGE_CHILDREN) after it exits
(each reader runs under a fresh Python parent, so the maximum is that child's own).
"""
import resource
import subprocess
import sys
import time

CALAMINE = r"""
import sys
from python_calamine import CalamineWorkbook
wb = CalamineWorkbook.from_path(sys.argv[1])
n = 0
for name in wb.sheet_names:
    for row in wb.get_sheet_by_name(name).iter_rows():
        n += sum(1 for v in row if v != "")
print(n)
"""

OPENPYXL = r"""
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
n = 0
for ws in wb.worksheets:
    for row in ws.iter_rows(values_only=True):
        n += sum(1 for v in row if v is not None)
print(n)
"""


def measure(command):
    """Runs `command` in a fresh Python parent; returns (seconds, peak MiB, stdout)."""
    probe = ("import resource,subprocess,sys,time\n"
             "t=time.perf_counter()\n"
             "p=subprocess.run(sys.argv[1:],stdout=subprocess.PIPE)\n"
             "e=time.perf_counter()-t\n"
             "r=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
             "out=p.stdout.decode().strip().splitlines()\n"
             "print(e, r/1024, out[-1] if out else '', p.returncode)\n")
    result = subprocess.run([sys.executable, "-c", probe] + command, stdout=subprocess.PIPE, check=True)
    seconds, mib, last, code = result.stdout.decode().rsplit(" ", 3)
    seconds, mib = seconds.split(" ", 2)[0], mib
    return float(seconds), float(mib), last, int(code)


def main():
    xxgk, path, cells = sys.argv[1], sys.argv[2], int(sys.argv[3])
    # xxgk cells prints every cell; `wc -l` through a shell pipe would add its own process,
    # so its output goes to /dev/null and its line count is checked once separately.
    rows = {}
    rows["xxgk cells"] = measure(["sh", "-c", f'"{xxgk}" cells "{path}" > /dev/null; echo done'])
    rows["python-calamine"] = measure([sys.executable, "-c", CALAMINE, path])
    rows["openpyxl read_only"] = measure([sys.executable, "-c", OPENPYXL, path])
    base_time, base_mem = rows["xxgk cells"][0], rows["xxgk cells"][1]
    print(f"{cells:,} cells, {path}")
    print(f"  {'reader':<20} {'wall s':>8} {'peak MiB':>9} {'time ×xxgk':>11} {'memory ×xxgk':>13}")
    for name, (seconds, mib, _, code) in rows.items():
        status = "" if code == 0 else f"  (exit {code})"
        print(f"  {name:<20} {seconds:8.2f} {mib:9.1f} {seconds / base_time:11.2f} {mib / base_mem:13.2f}{status}")


if __name__ == "__main__":
    main()
