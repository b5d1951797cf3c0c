#!/usr/bin/env python3
"""Drives the web page of `xxgk serve` in headless Chromium (Selenium): creates a round,
uploads a folder through the page's folder input, reads the status table, opens a
submission and filters the table. Prints what it read as JSON; saves screenshots.

usage: browser_serve.py XXGK UPLOAD_FOLDER SCREENSHOT_FOLDER DEPARTMENT...
Traffic goes only to 127.0.0.1."""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    xxgk, uploads, shots = sys.argv[1:4]
    departments = sys.argv[4:]
    os.makedirs(shots, exist_ok=True)
    port = free_port()
    data = tempfile.mkdtemp(prefix="xxgk-browser-")
    log = open(os.path.join(data, "serve.log"), "w")
    server = subprocess.Popen([xxgk, "serve", "--host", "127.0.0.1", "--port", str(port), "--data", data], stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    driver = None
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/api/rounds", timeout=1).read()
                break
            except OSError:
                time.sleep(0.05)
        options = Options()
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                         "--window-size=1280,1100", "--lang=zh-CN", "--no-first-run", "--disable-extensions",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync"]:
            options.add_argument(argument)
        service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
        driver = webdriver.Chrome(service=service, options=options)
        wait = WebDriverWait(driver, 30)

        driver.get(base + "/")
        driver.save_screenshot(os.path.join(shots, "01-index.png"))
        driver.find_element(By.ID, "name").send_keys("2024年度政府信息公开工作年度报告")
        Select(driver.find_element(By.ID, "form")).select_by_value("2021")
        year = driver.find_element(By.ID, "year")
        year.clear()
        year.send_keys("2024")
        driver.find_element(By.ID, "district").send_keys("某区人民政府")
        driver.find_element(By.ID, "departments").send_keys("\n".join(departments))
        driver.find_element(By.CSS_SELECTOR, "#create button[type=submit]").click()
        wait.until(lambda d: "/rounds/" in d.current_url)
        driver.save_screenshot(os.path.join(shots, "02-round-empty.png"))

        # The folder input (webkitdirectory): the script posts with XHR, then reloads with ?uploaded=N.
        driver.find_element(By.ID, "folder").send_keys(os.path.abspath(uploads))
        wait.until(lambda d: "uploaded=" in d.current_url)
        wait.until(lambda d: d.find_elements(By.ID, "notice"))
        notice = driver.find_element(By.ID, "notice").text
        driver.set_window_size(1280, max(1100, driver.execute_script("return document.body.scrollHeight") + 40))
        driver.save_screenshot(os.path.join(shots, "03-round-uploaded.png"))
        rows = []
        for row in driver.find_elements(By.CSS_SELECTOR, "#departments tbody tr"):
            cells = row.find_elements(By.TAG_NAME, "td")
            rows.append({"name": cells[0].text, "status": cells[1].text, "file": cells[2].text, "errors": cells[4].text})
        counts = driver.find_element(By.ID, "counts").text
        unmatched = [r.find_elements(By.TAG_NAME, "td")[0].text for r in driver.find_elements(By.CSS_SELECTOR, "#unmatched tbody tr")]

        # The client-side filter: only the failing departments stay visible.
        Select(driver.find_element(By.ID, "status")).select_by_value("failed")
        visible = [r.find_elements(By.TAG_NAME, "td")[0].text for r in driver.find_elements(By.CSS_SELECTOR, "#departments tbody tr") if r.is_displayed()]
        driver.save_screenshot(os.path.join(shots, "04-filtered.png"))
        Select(driver.find_element(By.ID, "status")).select_by_value("")

        # The client-side sort: clicking 部门 twice sorts by name descending.
        header = driver.find_element(By.CSS_SELECTOR, "#departments thead th[data-col='0'] a")
        header.click()
        header.click()
        sorted_names = [r.find_elements(By.TAG_NAME, "td")[0].text for r in driver.find_elements(By.CSS_SELECTOR, "#departments tbody tr")]

        # A failing submission's page: findings and the marked cells.
        link = driver.find_element(By.XPATH, "//table[@id='departments']//tr[@data-status='failed']//td[1]/a")
        link.click()
        wait.until(lambda d: d.find_elements(By.ID, "findings"))
        findings = [r.find_elements(By.TAG_NAME, "td")[1].text for r in driver.find_elements(By.CSS_SELECTOR, "#findings tbody tr")]
        marked = len(driver.find_elements(By.CSS_SELECTOR, "table.report td.bad"))
        driver.set_window_size(1280, min(6000, driver.execute_script("return document.body.scrollHeight") + 40))
        driver.save_screenshot(os.path.join(shots, "05-submission.png"))
        print(json.dumps({
            "notice": notice, "rows": rows, "counts": counts, "unmatched": unmatched, "filtered": visible,
            "sorted": sorted_names, "findings": findings, "marked": marked,
        }, ensure_ascii=False))
    finally:
        if driver is not None:
            driver.quit()
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
