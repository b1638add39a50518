#!/usr/bin/python3
"""Opens every report `steward report` writes in headless Chromium (kept off the network) and
checks: no console errors, no request but the file itself, every chart's SVG drawn, a
screenshot that is not blank, and the key figures and chart tables shown equal the --json
output. Needs Debian's chromium, chromium-driver and python3-selenium."""
import argparse
import json
import os
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
import zlib

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By


def run(*args):
    subprocess.run(args, check=True, stdout=subprocess.PIPE)


def make_reports(steward, source_dir, tmp):
    """The demo's evidence for the credit data, and two reports: model and drift."""
    data = os.path.join(source_dir, "data", "credit_data.csv")
    bundle = os.path.join(tmp, "bundle")
    run(steward, "train", data, "--target", "Status", "--sensitive", "Marital", "--rounds", "20",
        "--out", bundle, "-q")
    run(steward, "fairness", bundle, data, "--bootstrap", "50", "--save", "-q")
    run(steward, "profile", data, "--target", "Status", "--out", tmp + "/profile.json", "-q")
    run(steward, "evaluate", bundle, data, "--roc-curve", "--out", tmp + "/evaluation.json", "-q")
    with open(tmp + "/explanation.json", "w") as out:
        subprocess.run([steward, "explain", bundle, data, "--rows", "3", "--json", "-q"],
                       check=True, stdout=out)
    registry = os.path.join(tmp, "registry")
    run(steward, "registry", "init", "--registry", registry, "-q")
    run(steward, "registry", "register", bundle, "--model", "credit", "--registry", registry,
        "--actor", "ana")
    mitigated = os.path.join(tmp, "mitigated")
    run(steward, "fairness", bundle, data, "--sensitive", "Marital", "--mitigate", "thresholds",
        "--constraint", "demographic_parity", "--out-bundle", mitigated, "--bootstrap", "20", "-q")
    monitor = os.path.join(source_dir, "tests", "report", "monitor_example.json")
    reports = {
        "model": [bundle, tmp + "/profile.json", tmp + "/evaluation.json",
                  tmp + "/explanation.json", "--registry", registry],
        "mitigated": [mitigated],
        "drift": [tmp + "/profile.json", monitor],
    }
    out = {}
    sections = set()
    for name, inputs in reports.items():
        html = os.path.join(tmp, name + ".html")
        result = subprocess.run([steward, "report", *inputs, "--out", html, "--json"],
                                check=True, stdout=subprocess.PIPE)
        out[html] = json.loads(result.stdout)
        sections |= {section["id"] for section in out[html]["sections"]}
    # The demo's own pages, against the report content its --json carries.
    demo = subprocess.run([steward, "demo", "--out", os.path.join(tmp, "demo"), "--json"],
                          check=True, stdout=subprocess.PIPE)
    demo_json = json.loads(demo.stdout)
    for key in ("report", "report_mitigated"):
        out[demo_json[key]["path"]] = demo_json[key]["content"]
        sections |= {section["id"] for section in demo_json[key]["content"]["sections"]}
    every = {"summary", "data_quality", "model_card", "performance", "explanations", "fairness",
             "drift", "lineage"}
    assert sections == every, f"the reports lack sections {every - sections}"
    return out


def png_pixels(png):
    """Distinct pixel values of an 8-bit RGB(A), non-interlaced PNG (what Chromium writes)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    at, idat = 8, b""
    while at < len(png):
        length, kind = struct.unpack(">I4s", png[at:at + 8])
        body = png[at + 8:at + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        at += 12 + length
    assert depth == 8 and colour in (2, 6), f"unexpected PNG depth {depth} colour {colour}"
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    previous = bytearray(stride)
    seen = set()
    for row in range(height):
        filter_type = raw[row * (stride + 1)]
        line = bytearray(raw[row * (stride + 1) + 1:(row + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            up_left = previous[i - channels] if i >= channels else 0
            if filter_type == 1:
                line[i] = (line[i] + left) & 0xFF
            elif filter_type == 2:
                line[i] = (line[i] + up) & 0xFF
            elif filter_type == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif filter_type == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                predictor = left if pa <= pb and pa <= pc else up if pb <= pc else up_left
                line[i] = (line[i] + predictor) & 0xFF
        if row % 8 == 0:
            for column in range(0, width, 4):
                seen.add(bytes(line[column * channels:column * channels + 3]))
        previous = line
    return seen


def close_enough(shown, exact):
    """The page rounds to 3 significant digits; the table's data-value is the exact number."""
    return abs(shown - exact) <= max(abs(exact) * 5e-3, 5e-4)


def check_report(driver, html, document, problems):
    with open(html, encoding="utf-8") as page:
        text = page.read()
    try:
        ElementTree.fromstring(text.split("\n", 1)[1])  # past the DOCTYPE: strict XML
    except ElementTree.ParseError as error:
        problems.append(f"{html}: not well-formed XML: {error}")
    url = "file://" + html
    driver.get_log("browser")  # drain what the start page logged
    driver.get_log("performance")
    driver.get(url)
    driver.set_window_size(1200, 900)
    for entry in driver.get_log("browser"):
        if entry["level"] in ("SEVERE", "ERROR"):
            problems.append(f"{html}: console error: {entry['message']}")
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            params = message["params"]
            requested = params["request"]["url"]
            # Requests made by the report itself (Chromium's own pages have other documents).
            if params.get("documentURL") == url and requested != url:
                problems.append(f"{html}: network request to {requested}")
    charts = [chart for section in document["sections"] for chart in section["charts"]]
    svgs = driver.find_elements(By.CSS_SELECTOR, "svg.chart")
    if len(svgs) != len(charts) or not charts:
        problems.append(f"{html}: {len(svgs)} SVG charts on the page, {len(charts)} in the JSON")
    for svg in svgs:
        shapes = svg.find_elements(By.CSS_SELECTOR, "rect, polyline, circle")
        box = svg.rect
        if not shapes or box["width"] < 50 or box["height"] < 50:
            problems.append(f"{html}: chart {svg.get_attribute('id')} is empty or not laid out")
        labels = svg.find_elements(By.CSS_SELECTOR, "text.axis-label")
        if not labels or not all(label.get_attribute("textContent").strip() for label in labels):
            problems.append(f"{html}: chart {svg.get_attribute('id')} lacks axis labels")
    for chart in charts:
        cells = driver.find_elements(By.CSS_SELECTOR,
                                     f"table[data-chart='{chart['id']}'] td[data-value]")
        expected = []
        if chart["type"] == "line":
            for series in chart["series"]:
                for x, y in zip(series["x"], series["values"]):
                    expected += [x, y]
        elif chart["type"] == "heat":
            for series in chart["series"]:
                expected += series["values"]
        else:
            for row in range(len(chart["categories"])):
                for series in chart["series"]:
                    expected.append(series["values"][row])
                    if "low" in series:
                        expected += [series["low"][row], series["high"][row]]
        if len(cells) != len(expected):
            problems.append(f"{html}: chart {chart['id']}: {len(cells)} cells, {len(expected)} numbers")
            continue
        for cell, value in zip(cells, expected):
            exact = cell.get_attribute("data-value")
            if value is None:
                ok = exact == ""
            else:
                shown = cell.get_attribute("textContent")
                ok = float(exact) == value and close_enough(float(shown), value)
            if not ok:
                problems.append(f"{html}: chart {chart['id']}: shows {cell.get_attribute('textContent')} for {value}")
                break
    for section in document["sections"]:
        for figure in section["figures"]:
            shown = driver.find_element(By.CSS_SELECTOR, f"[data-figure='{figure['id']}']")
            if shown.text != figure["display"]:
                problems.append(f"{html}: figure {figure['id']} shows {shown.text!r}, JSON {figure['display']!r}")
            if isinstance(figure["value"], (int, float)) and not isinstance(figure["value"], bool):
                number = figure["display"].split()[0].rstrip("%")
                scale = 100 if figure["display"].endswith("%") else 1
                if not close_enough(float(number) / scale, figure["value"]):
                    problems.append(f"{html}: figure {figure['id']} {figure['display']} != {figure['value']}")
        gates = driver.find_elements(By.CSS_SELECTOR, f"#{section['id']} li[data-gate]")
        if [gate.get_attribute("data-gate") for gate in gates] != [g["status"] for g in section["gates"]]:
            problems.append(f"{html}: the gates' lights differ from the JSON in {section['id']}")
    colours = png_pixels(driver.get_screenshot_as_png())
    if len(colours) < 3:
        problems.append(f"{html}: the screenshot is blank ({len(colours)} colours)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steward", required=True)
    parser.add_argument("--source-dir", required=True)
    args = parser.parse_args()
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-default-apps",
                 "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
                 "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    if os.geteuid() == 0:
        options.add_argument("--no-sandbox")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        options.add_argument("--user-data-dir=" + os.path.join(tmp, "profile"))
        reports = make_reports(os.path.abspath(args.steward), args.source_dir, tmp)
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        try:
            for html, document in reports.items():
                check_report(driver, html, document, problems)
        finally:
            driver.quit()
    for problem in problems:
        print("FAIL", problem)
    print(f"{len(reports)} reports checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
