#!/usr/bin/env python3
"""The client half of bench/serve.sh: starts `xxgk serve` on 127.0.0.1 (a free port, a fresh
data folder), creates a round of N departments, uploads every workbook through the API and
times each step; prints them beside the command line's times.

usage: serve_client.py XXGK XLSX_DIR N CHECK_SECONDS SUMMARY_SECONDS SUM_SECONDS"""
import concurrent.futures
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def multipart(paths):
    boundary = "----bench" + uuid.uuid4().hex
    body = bytearray()
    for path in paths:
        body += f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{os.path.basename(path)}"\r\n'.encode()
        body += b"Content-Type: application/octet-stream\r\n\r\n" + open(path, "rb").read() + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    return bytes(body), f"multipart/form-data; boundary={boundary}"


def request(url, data=None, content_type=None):
    req = urllib.request.Request(url, data=data, method="POST" if data is not None else "GET")
    if content_type:
        req.add_header("Content-Type", content_type)
    with urllib.request.urlopen(req, timeout=300) as response:
        return response.read()


def timed(action):
    start = time.perf_counter()
    value = action()
    return time.perf_counter() - start, value


def start(xxgk):
    port = free_port()
    data = tempfile.mkdtemp(prefix="xxgk-bench-serve-")
    server = subprocess.Popen([xxgk, "serve", "--port", str(port), "--data", data], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(400):
        try:
            request(base + "/api/rounds")
            break
        except OSError:
            time.sleep(0.05)
    return server, data, base


def main():
    xxgk, folder, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    check, summary_cli, sum_cli = (float(x) for x in sys.argv[4:7])
    paths = sorted(os.path.join(folder, name) for name in os.listdir(folder))[:count]
    departments = [f"测试部门{index:04d}" for index in range(count)]
    figures = {}
    for label, batch, workers in [("20 requests x 15 files, concurrent", 15, 20), ("1 file per request, 4 at a time", 1, 4)]:
        server, data, base = start(xxgk)
        try:
            body = json.dumps({"name": "bench", "form": "2021", "year": 2024, "departments": departments}).encode()
            round_id = json.loads(request(base + "/api/rounds", body, "application/json"))["id"]
            groups = [paths[i:i + batch] for i in range(0, len(paths), batch)]
            bodies = [multipart(group) for group in groups]

            def upload(item):
                return len(json.loads(request(f"{base}/api/rounds/{round_id}/submissions", *item))["results"])

            with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
                seconds, stored = timed(lambda: sum(pool.map(upload, bodies)))
            assert stored == count, stored
            board = json.loads(request(f"{base}/api/rounds/{round_id}"))
            passed = board["counts"]["passed"]
            figures[label] = seconds
            if batch == 15:
                page, html = timed(lambda: request(f"{base}/rounds/{round_id}"))
                page_again, _ = timed(lambda: request(f"{base}/rounds/{round_id}"))
                api, _ = timed(lambda: request(f"{base}/api/rounds/{round_id}"))
                summary, _ = timed(lambda: request(f"{base}/api/rounds/{round_id}/summary.xlsx"))
                total, _ = timed(lambda: request(f"{base}/api/rounds/{round_id}/total.xlsx"))
                rows = html.decode().count("<tr data-status=")
        finally:
            server.terminate()
            server.wait(timeout=20)
            shutil.rmtree(data, ignore_errors=True)
        print(f"upload {count} ({label}): {seconds:6.2f} s, {count / seconds:5.0f} files/s, {passed} passed")
    # A restart: the summary needs every report read again from disk.
    print(f"round page, {rows} departments:   {page * 1000:6.0f} ms (again {page_again * 1000:.0f} ms); JSON {api * 1000:.0f} ms")
    print(f"summary.xlsx:                   {summary * 1000:6.0f} ms")
    print(f"total.xlsx:                     {total * 1000:6.0f} ms")
    print(f"xxgk check ({count} files):       {check:6.2f} s")
    print(f"xxgk check --summary:           {summary_cli:6.2f} s")
    print(f"xxgk sum:                       {sum_cli:6.2f} s")
    concurrent_upload = figures["20 requests x 15 files, concurrent"]
    print(f"ratio upload+check / xxgk check: {concurrent_upload / check:.1f}x")


main()
