#!/usr/bin/python3
"""End-to-end test of `steward serve` on a free loopback port.

Covers every route, live drift against the training profile (in-distribution traffic, then
incomes raised by 60%, in /v1/models/{name}/drift and /metrics; the window's expiry and its
reset on a hot swap), the error statuses of RELIABILITY.md §3 (over HTTP and over raw sockets),
authentication and scopes, predictions equal to `steward predict`, explanations that add up
to the margin, feedback into the prediction log, a hot swap under concurrent load with zero
failed requests (L2), a refused bad version, and a graceful shutdown with a request in flight
(L3). Run by ctest with STEWARD_BIN and STEWARD_SOURCE_DIR.
"""
import csv
import glob
import http.client
import json
import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

STEWARD = os.environ["STEWARD_BIN"]
SOURCE = os.environ["STEWARD_SOURCE_DIR"]
CREDIT = os.path.join(SOURCE, "data", "credit_data.csv")
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what, flush=True)


def steward(*args, env=None, check_rc=True):
    done = subprocess.run([STEWARD, *args], env=env, capture_output=True, text=True)
    if check_rc and done.returncode != 0:
        raise SystemExit(f"steward {' '.join(args)} failed: {done.stderr}")
    return done.stdout


class Client:
    def __init__(self, port, key=None):
        self.port, self.key = port, key

    def call(self, method, path, body=None, key="default", headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = dict(headers or {})
        key = self.key if key == "default" else key
        if key:
            sent["Authorization"] = "Bearer " + key
        if body is not None and not isinstance(body, (bytes, str)):
            body = json.dumps(body)
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        data = response.read()
        connection.close()
        try:
            document = json.loads(data) if data else None
        except ValueError:
            document = data.decode(errors="replace")
        return response.status, document, dict(response.getheaders())


def raw_exchange(port, payload, read_timeout=5):
    """Sends raw bytes and returns the status code of the first response line (0 if none)."""
    with socket.create_connection(("127.0.0.1", port), timeout=read_timeout) as connection:
        try:
            connection.sendall(payload)
        except OSError:
            pass
        data = b""
        try:
            while b"\r\n" not in data:
                chunk = connection.recv(4096)
                if not chunk:
                    break
                data += chunk
        except OSError:
            pass
    line = data.split(b"\r\n", 1)[0].split()
    return int(line[1]) if len(line) >= 2 and line[1].isdigit() else 0


def credit_rows(schema, count):
    rows = []
    with open(CREDIT) as handle:
        for record in csv.DictReader(handle):
            row = {}
            for feature in schema["features"]:
                value = record[feature["name"]]
                if feature["kind"] == "categorical":
                    row[feature["name"]] = value if value != "" else None
                else:
                    row[feature["name"]] = float(value) if value != "" else None
            rows.append(row)
            if len(rows) == count:
                break
    return rows


def start_server(env, work, *extra):
    log = open(os.path.join(work, "serve.err"), "w")
    process = subprocess.Popen([STEWARD, "serve", "--port", "0", "--json", *extra], env=env,
                               stdout=subprocess.PIPE, stderr=log, text=True)
    line = process.stdout.readline()
    if not line:
        raise SystemExit("serve did not start: " + open(os.path.join(work, "serve.err")).read())
    return process, json.loads(line)["port"]


def main():
    work = tempfile.mkdtemp(prefix="steward_serve_")
    env = dict(os.environ, STEWARD_REGISTRY=os.path.join(work, "reg"))
    try:
        run(work, env)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)
    print("server end-to-end: ok")


def run(work, env):
    bundle = os.path.join(work, "b1")
    steward("train", CREDIT, "--target", "Status", "--out", bundle, "-q", env=env)
    steward("train", CREDIT, "--target", "Status", "--out", os.path.join(work, "b2"), "-q",
            "--rounds", "20", env=env)
    steward("registry", "init", env=env)
    steward("registry", "register", bundle, "--model", "credit", env=env)
    steward("registry", "promote", "credit", "1", "--to", "production", env=env)
    predict_key = steward("registry", "keys", "create", "--scope", "predict", env=env).strip()
    admin_key = steward("registry", "keys", "create", "--scope", "admin", env=env).strip()
    doomed_key = steward("registry", "keys", "create", "--scope", "predict", env=env).strip()
    schema = json.load(open(os.path.join(bundle, "schema.json")))
    rows = credit_rows(schema, 40)

    # The offline predictions the server must equal.
    with open(os.path.join(work, "rows.csv"), "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
    offline = list(csv.DictReader(steward("predict", bundle, os.path.join(work, "rows.csv"),
                                          env=env).splitlines()))

    log_dir = os.path.join(work, "predictions")
    process, port = start_server(env, work, "--model", "credit@production", "--poll", "0.3",
                                 "--key-cache", "0.2", "--max-batch-rows", "100",
                                 "--prediction-log", log_dir)
    client = Client(port, predict_key)
    try:
        exercise(client, port, rows, offline, predict_key, admin_key, doomed_key, env, work,
                 process)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        rc = process.wait(timeout=30)
    check(rc == 0, f"serve exits 0 on SIGTERM (got {rc})")

    limits(env, work, predict_key)
    live_drift(env, work, predict_key, schema)

    # The prediction log holds every successful prediction and the feedback.
    records = []
    for segment in sorted(glob.glob(os.path.join(log_dir, "*.jsonl"))):
        with open(segment) as handle:
            records += [json.loads(line) for line in handle if line.strip()]
    predictions = [r for r in records if r["kind"] == "prediction"]
    feedback = [r for r in records if r["kind"] == "feedback"]
    logged_ok = exercise.successful_rows
    check(len(predictions) == logged_ok,
          f"prediction log holds {len(predictions)} predictions, the server made {logged_ok}")
    check(len(feedback) == 1 and feedback[0]["prediction_id"] == exercise.feedback_id,
          "the feedback record names its prediction")
    check(all(set(p["inputs"]) == {f["name"] for f in schema["features"]} for p in predictions),
          "logged inputs hold the model's features")
    forget_after_serving(env, work, log_dir, exercise.subject, records)


def forget(env, work, log_dir, column, value):
    done = subprocess.run([STEWARD, "forget", "--column", column, "--value", value,
                           "--prediction-log", log_dir, "--key-file",
                           os.path.join(work, "forget.key"), "--json"],
                          env=env, capture_output=True, text=True)
    check(value not in done.stdout + done.stderr, "forget never prints the erased value")
    return done.returncode, json.loads(done.stdout) if done.stdout else {}


def forget_while_serving(env, work, log_dir, row):
    """The segment the server appends to is locked by its writer: forget leaves it alone."""
    column = next(name for name, value in row.items() if isinstance(value, float))
    value = repr(row[column])
    steward("keygen", "--out", os.path.join(work, "forget.key"), env=env)
    segments = sorted(glob.glob(os.path.join(log_dir, "*.jsonl")))
    inode = os.stat(segments[-1]).st_ino
    rc, report = forget(env, work, log_dir, column, value)
    check(rc == 1 and report.get("segments_busy") == [os.path.basename(segments[-1])]
          and report.get("predictions_pending", 0) >= 1,
          f"forget while serving leaves the open segment and exits 1 (got {rc} {report})")
    check(os.stat(segments[-1]).st_ino == inode, "the segment the server writes is not replaced")
    return column, value


def forget_after_serving(env, work, log_dir, subject, records):
    column, value = subject
    number = float(value)
    erased = {r["id"] for r in records
              if r["kind"] == "prediction" and r["inputs"].get(column) == number}
    rc, report = forget(env, work, log_dir, column, value)
    check(rc == 0 and report.get("predictions_removed") == len(erased) and
          report.get("feedback_removed") == sum(r["kind"] == "feedback" and
                                                r["prediction_id"] in erased for r in records),
          f"forget after serving removes the {len(erased)} predictions (got {rc} {report})")
    left = []
    for segment in sorted(glob.glob(os.path.join(log_dir, "*.jsonl"))):
        with open(segment) as handle:
            left += [json.loads(line) for line in handle if line.strip()]
    check(len(left) == len(records) - report.get("records_removed", -1) and
          not any(r["id"] in erased or r.get("prediction_id") in erased for r in left),
          "the log keeps every other record")
    # The test damaged an artifact on purpose earlier; the chain itself must still verify.
    verify = json.loads(steward("registry", "verify", "--json", env=env, check_rc=False))
    chain_problems = [p for p in verify["problems"] if "audit" in p]
    check(verify["audit_entries"] > 0 and not chain_problems,
          f"the audit chain verifies after forget ({chain_problems})")


def exercise(client, port, rows, offline, predict_key, admin_key, doomed_key, env, work,
             process):
    successful_rows = 0

    # Open routes.
    status, body, _ = client.call("GET", "/healthz", key=None)
    check(status == 200 and body == {"status": "ok"}, "GET /healthz is open")
    status, body, _ = client.call("GET", "/readyz", key=None)
    check(status == 200 and body["ready"] and body["models"][0]["version"] == 1, "GET /readyz")

    # Authentication (S3).
    for path, method in [("/v1/models", "GET"), ("/metrics", "GET"), ("/openapi.json", "GET"),
                         ("/v1/models/credit/predict", "POST"), ("/nowhere", "GET")]:
        status, _, headers = client.call(method, path, body={} if method == "POST" else None,
                                         key=None)
        check(status == 401 and headers.get("WWW-Authenticate") == "Bearer",
              f"{method} {path} without a key is 401 (got {status})")
    status, _, _ = client.call("GET", "/v1/models", key="stw_" + "0" * 64)
    check(status == 401, "an unknown key is 401")
    status, _, _ = client.call("GET", "/v1/models", key="not-a-key")
    check(status == 401, "a malformed key is 401")
    status, _, _ = client.call("POST", "/v1/models/credit/reload")
    check(status == 403, "reload with a predict key is 403")
    status, _, _ = client.call("GET", "/v1/models", headers={"Origin": "https://evil.example"})
    check(status == 403, "a browser Origin is 403")
    status, _, _ = client.call("GET", "/v1/models", headers={"Host": "evil.example"})
    check(status == 421, "a foreign Host is 421")
    status, _, _ = client.call("GET", "/v1/models", key=doomed_key)
    check(status == 200, "a fresh key works")
    steward("registry", "keys", "revoke", doomed_key[4:20], env=env)
    time.sleep(0.5)
    status, body, _ = client.call("GET", "/v1/models", key=doomed_key)
    check(status == 401 and "revoked" in body["error"], "a revoked key stops working in seconds")

    # Metadata routes.
    status, body, _ = client.call("GET", "/v1/models")
    check(status == 200 and body["models"][0]["reference"] == "credit@production", "GET /v1/models")
    status, body, _ = client.call("GET", "/v1/models/credit")
    check(status == 200 and body["version"] == 1 and len(body["schema"]["features"]) == 13,
          "GET /v1/models/credit has version and schema")
    status, body, _ = client.call("GET", "/openapi.json")
    check(status == 200 and body["openapi"].startswith("3.") and
          "/v2/models/{name}/infer" in body["paths"], "GET /openapi.json")

    # Predictions equal `steward predict`, one row at a time and as a batch.
    for index in range(5):
        status, body, headers = client.call("POST", "/v1/models/credit/predict", body=rows[index])
        successful_rows += status == 200
        check(status == 200 and headers.get("X-Model-Version") == "1", "single predict is 200")
        prediction = body["predictions"][0]
        check(abs(prediction["probability"] - float(offline[index]["probability"])) <= 1e-6 and
              prediction["class"] == offline[index]["class"] and prediction["id"] == body["id"],
              f"row {index}: the server equals steward predict")
    status, batch, _ = client.call("POST", "/v1/models/credit/predict", body={"instances": rows})
    successful_rows += len(rows) if status == 200 else 0
    check(status == 200 and len(batch["predictions"]) == len(rows), "batch predict")
    check(all(abs(p["probability"] - float(o["probability"])) <= 1e-6
              for p, o in zip(batch["predictions"], offline)), "the batch equals steward predict")
    columns = {name: [row[name] for row in rows] for name in rows[0]}
    status, by_column, _ = client.call("POST", "/v1/models/credit/predict",
                                       body={"inputs": columns})
    successful_rows += len(rows) if status == 200 else 0
    check(status == 200 and [p["probability"] for p in by_column["predictions"]] ==
          [p["probability"] for p in batch["predictions"]], "column form equals instances")
    tensors = [{"name": name, "shape": [len(values)],
                "datatype": "BYTES" if isinstance(values[0], str) else "FP64", "data": values}
               for name, values in columns.items()]
    status, infer, _ = client.call("POST", "/v2/models/credit/infer",
                                   body={"id": "req-7", "inputs": tensors})
    successful_rows += len(rows) if status == 200 else 0
    check(status == 200 and infer["id"] == "req-7" and infer["model_version"] == "1" and
          infer["outputs"][0]["data"] == [p["probability"] for p in batch["predictions"]],
          "Open Inference Protocol infer equals predict")

    # Explanations add up to the margin.
    status, explained, _ = client.call("POST", "/v1/models/credit/explain",
                                       body={"instances": rows[:3]})
    check(status == 200 and len(explained["explanations"]) == 3, "explain")
    for row, explanation in zip(batch["predictions"], explained["explanations"]):
        margin = explanation["bias"] + sum(explanation["contributions"].values())
        check(abs(1 / (1 + math.exp(-margin)) - row["probability"]) <= 1e-5,
              "SHAP bias + contributions = margin of the prediction")

    # Bad input (RELIABILITY §3 and §8).
    good = rows[0]
    missing = {k: v for k, v in good.items() if k != "Age"}
    wrong = dict(good, Age="old")
    cases = [
        (json.dumps(missing), 422, "feature \"Age\" is missing"),
        (json.dumps(wrong), 422, "must be a number"),
        (json.dumps(good).replace('"Age": 30.0', '"Age": NaN'), 400, "malformed JSON"),
        (json.dumps(good).replace('"Age": 30.0', '"Age": Infinity'), 400, "malformed JSON"),
        (json.dumps(good).replace('"Age": 30.0', '"Age": 1e999'), 400, "malformed JSON"),
        (json.dumps(good)[:-1] + ', "Age": 31}', 400, "duplicate key"),
        ("[" * 100 + "]" * 100, 400, "deeper than 32"),
        ("{" + '"a":' * 1 + "[" * 40 + "]" * 40 + "}", 400, "deeper than 32"),
        ("", 400, "malformed JSON"),
        ("42", 400, "must be a JSON object"),
        (json.dumps({"instances": []}), 400, "is empty"),
        (json.dumps({"instances": [good] * 101}), 413, "more than 100"),
    ]
    for body, expected, says in cases:
        status, answer, _ = client.call("POST", "/v1/models/credit/predict", body=body)
        check(status == expected and says in answer.get("error", ""),
              f"{body[:40]!r}: expected {expected} '{says}', got {status} {answer}")
    status, _, _ = client.call("POST", "/v1/models/credit/predict", body="x" * ((1 << 20) + 1))
    check(status == 413, f"a body over 1 MiB is 413 (got {status})")
    for path, method, expected in [("/v1/models/nosuch/predict", "POST", 404),
                                   ("/v1/models/credit/predict", "GET", 405),
                                   ("/v1/models/credit/frobnicate", "POST", 404),
                                   ("/v1/models/..%2f..%2fetc/predict", "POST", 400),
                                   ("/v1/models/../predict", "POST", 400)]:
        status, _, _ = client.call(method, path, body="{}" if method == "POST" else None)
        check(status == expected, f"{method} {path} is {expected} (got {status})")

    # HTTP framing over raw sockets (S4).
    auth = f"Authorization: Bearer {predict_key}\r\n".encode()
    head = b"POST /v1/models/credit/predict HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth
    raw_cases = [
        (head + b"Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}", 400, "CL+TE"),
        (head + b"Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}", 400, "two Content-Length"),
        (head + b"Content-Length: -2\r\n\r\n{}", 400, "negative Content-Length"),
        (head + b"Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", 400, "bad chunk"),
        (b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414, "request line"),
        (b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 9000 + b"\r\n\r\n", 431, "header"),
        (b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-%d: 1\r\n" % i for i in range(101)) +
         b"\r\n", 431, "101 fields"),
        (b"GET / HTTP/9.9\r\nHost: x\r\n\r\n", 400, "bad version"),
    ]
    for payload, expected, what in raw_cases:
        status = raw_exchange(port, payload)
        check(status == expected, f"raw {what}: expected {expected}, got {status}")
    status, _, _ = client.call("GET", "/healthz", key=None)
    check(status == 200, "the server is up after the bad requests")

    # Feedback: a late label for a prediction, into the prediction log.
    status, answer, _ = client.call("POST", "/v1/models/credit/predict", body=good)
    successful_rows += status == 200
    exercise.feedback_id = answer["id"]
    status, answer, _ = client.call("POST", "/v1/models/credit/feedback",
                                    body={"id": exercise.feedback_id, "label": "good"})
    check(status == 202 and answer == {"accepted": 1}, f"feedback is 202 (got {status} {answer})")
    status, _, _ = client.call("POST", "/v1/models/credit/feedback",
                               body={"id": exercise.feedback_id, "label": "maybe"})
    check(status == 422, "feedback with a label that is no class is 422")

    # Hot swap under load (L2): zero failed requests, every answer from version 1 or 2.
    stop = threading.Event()
    outcomes = []

    def load():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        body = json.dumps(good)
        headers = {"Authorization": "Bearer " + predict_key, "Content-Type": "application/json"}
        while not stop.is_set():
            connection.request("POST", "/v1/models/credit/predict", body=body, headers=headers)
            response = connection.getresponse()
            data = json.loads(response.read())
            outcomes.append((response.status, data.get("version")))
        connection.close()

    workers = [threading.Thread(target=load) for _ in range(4)]
    for worker in workers:
        worker.start()
    time.sleep(0.3)
    steward("registry", "register", os.path.join(work, "b2"), "--model", "credit", env=env)
    steward("registry", "promote", "credit", "2", "--to", "production", env=env)
    deadline = time.time() + 10
    while time.time() < deadline and not any(v == 2 for _, v in list(outcomes)):
        time.sleep(0.05)
    time.sleep(0.3)
    stop.set()
    for worker in workers:
        worker.join()
    successful_rows += sum(1 for s, _ in outcomes if s == 200)
    check(len(outcomes) > 50 and all(s == 200 for s, _ in outcomes),
          f"hot swap under load: {sum(1 for s, _ in outcomes if s != 200)} of {len(outcomes)} "
          "requests failed")
    check({v for _, v in outcomes} == {1, 2}, f"versions seen during the swap: "
          f"{sorted({v for _, v in outcomes})}")
    # The new version's live drift window starts empty: it holds exactly version 2's answers.
    status, drift, _ = client.call("GET", "/v1/models/credit/drift")
    answered_by_2 = sum(1 for s, v in outcomes if s == 200 and v == 2)
    check(status == 200 and drift["version"] == 2 and drift["current"]["rows"] == answered_by_2,
          f"the drift window resets on a hot swap: {answered_by_2} rows from version 2, window "
          f"says {drift['current']['rows'] if status == 200 else status}")

    # A version whose artifact was damaged is refused; version 2 keeps serving.
    steward("registry", "register", os.path.join(work, "b2"), "--model", "credit",
            env=env)  # version 3: the same bundle as version 2, so the same artifacts
    show = json.loads(steward("registry", "show", "credit@3", "--json", env=env))
    manifest = os.path.join(env["STEWARD_REGISTRY"], "artifacts", "sha256",
                            show["parts"]["manifest.json"]["sha256"])
    os.chmod(manifest, 0o644)
    with open(manifest, "r+b") as handle:
        handle.seek(10)
        handle.write(b"#")
    steward("registry", "promote", "credit", "3", "--to", "production", env=env)
    status, _, _ = client.call("POST", "/v1/models/credit/reload", key=admin_key)
    check(status == 202, "reload with an admin key is 202")
    time.sleep(1.0)
    status, answer, _ = client.call("POST", "/v1/models/credit/predict", body=good)
    successful_rows += status == 200
    check(status == 200 and answer["version"] == 2, "a damaged version is refused, v2 serves")
    status, metrics, _ = client.call("GET", "/metrics")
    check('steward_model_reloads_total{result="refused"} 1' in metrics and
          'steward_model_reloads_total{result="swapped"} 1' in metrics and
          'steward_model_info{model="credit",reference="credit@production",version="2"} 1'
          in metrics and 'steward_http_requests_total{route="predict",code="200"}' in metrics and
          "steward_prediction_log_ok 1" in metrics, "metrics report requests, reloads, model")

    exercise.subject = forget_while_serving(env, work, os.path.join(work, "predictions"), good)

    # Graceful shutdown with a request in flight (L3): it completes, then the server exits 0.
    body = json.dumps(good).encode()
    in_flight = socket.create_connection(("127.0.0.1", port), timeout=10)
    in_flight.sendall(head + b"Content-Type: application/json\r\nContent-Length: " +
                      str(len(body)).encode() + b"\r\n\r\n" + body[:10])
    time.sleep(0.2)
    process.send_signal(signal.SIGTERM)
    time.sleep(0.3)
    in_flight.sendall(body[10:])
    reply = b""
    while True:
        chunk = in_flight.recv(65536)
        if not chunk:
            break
        reply += chunk
    in_flight.close()
    check(reply.startswith(b"HTTP/1.1 200") and b"Connection: close" in reply,
          f"the request in flight at SIGTERM completes: {reply[:60]!r}")
    successful_rows += reply.startswith(b"HTTP/1.1 200")
    exercise.successful_rows = successful_rows


def live_drift(env, work, key, schema):
    """GET /v1/models/{name}/drift and the drift gauges of /metrics on a server whose window is
    9 s in 3 buckets (so a read covers at least the last 6 s, time enough for the traffic to be
    sent and checked under the sanitizers)."""
    process, port = start_server(env, work, "--model", "credit@1", "--no-prediction-log",
                                 "--drift-window", "9s", "--drift-buckets", "3")
    client = Client(port, key)
    every_row = credit_rows(schema, 10 ** 9)

    def send(rows):
        for start in range(0, len(rows), 500):
            status, _, _ = client.call("POST", "/v1/models/credit/predict",
                                       body={"instances": rows[start:start + 500]})
            check(status == 200, f"live drift traffic is answered (got {status})")
        time.sleep(1.1)  # past the one-second cache of the drift result

    def drift_of(body, name):
        return next((c for c in body["columns"] if c["name"] == name), None)

    try:
        status, body, _ = client.call("GET", "/v1/models/credit/drift")
        check(status == 200 and body["format"] == "steward.live_drift/1" and
              body["current"]["rows"] == 0 and not body["dataset_drift"]["drift"] and
              body["columns"] == [], f"an empty window reports no drift ({status} {body})")
        status, _, headers = client.call("GET", "/v1/models/credit/drift", key=None)
        check(status == 401 and headers.get("WWW-Authenticate") == "Bearer",
              f"drift without a key is 401 (got {status})")
        status, _, _ = client.call("GET", "/v1/models/nosuch/drift")
        check(status == 404, f"drift of an unknown model is 404 (got {status})")
        status, _, _ = client.call("POST", "/v1/models/credit/drift", body={})
        check(status == 405, f"POST drift is 405 (got {status})")

        # In distribution: the data the model was trained on.
        send(every_row)
        status, body, _ = client.call("GET", "/v1/models/credit/drift")
        income = drift_of(body, "Income") if status == 200 else None
        check(status == 200 and body["current"]["rows"] == len(every_row) and
              len(body["columns"]) == len(schema["features"]) and
              body["dataset_drift"]["drifted_columns"] == 0 and not body["dataset_drift"]["drift"],
              f"in-distribution traffic: no feature drifted "
              f"({[(c['name'], c['score']) for c in body.get('columns', []) if c['drift']]})")
        incomes = sum(1 for row in every_row if row["Income"] is not None)
        check(income is not None and income["test"] == "wasserstein" and not income["drift"] and
              income["values"]["current"] == incomes and income["exact"] is False and
              0 < income["rank_error"] < 0.02 and body["current"]["approximate"] is True,
              f"Income: the Wasserstein test on {incomes} values in a sketch ({income})")
        check(0 < body["current"]["sketch"]["memory_bytes"] <=
              body["current"]["sketch"]["memory_bound_bytes"], "the window states its memory")
        status, metrics, _ = client.call("GET", "/metrics")
        check(status == 200 and
              f'steward_drift_window_rows{{model="credit"}} {len(every_row)}' in metrics and
              'steward_feature_drifted{model="credit",feature="Income"} 0' in metrics and
              'steward_dataset_drifted{model="credit"} 0' in metrics and
              'steward_feature_drift_score{model="credit",feature="Income",test="wasserstein"} '
              in metrics, "/metrics: the drift gauges, nothing drifted")

        # The window forgets: once its span has passed, it is empty again.
        deadline = time.time() + 20
        while time.time() < deadline:
            status, body, _ = client.call("GET", "/v1/models/credit/drift")
            if status == 200 and body["current"]["rows"] == 0:
                break
            time.sleep(0.5)
        check(status == 200 and body["current"]["rows"] == 0,
              "the window is empty once its span has passed")

        # Incomes 60% higher: Income drifts, in the endpoint and in /metrics.
        shifted = [dict(row, Income=None if row["Income"] is None else row["Income"] * 1.6)
                   for row in every_row]
        send(shifted)
        status, body, _ = client.call("GET", "/v1/models/credit/drift")
        income = drift_of(body, "Income") if status == 200 else None
        check(income is not None and income["drift"] and income["score"] >= income["threshold"],
              f"incomes raised by 60%: Income drifted ({income})")
        check(status == 200 and body["columns"][0]["name"] == "Income" and
              body["dataset_drift"]["drifted_columns"] >= 1 and
              any(a["kind"] == "drift" and a["column"] == "Income" for a in body["alerts"]),
              "Income ranks first and raises an alert")
        status, metrics, _ = client.call("GET", "/metrics")
        check('steward_feature_drifted{model="credit",feature="Income"} 1' in metrics and
              'steward_feature_drifted{model="credit",feature="Age"} 0' in metrics,
              "/metrics: Income drifted, Age did not")
    finally:
        process.send_signal(signal.SIGTERM)
        check(process.wait(timeout=30) == 0, "the live drift server exits 0")


def limits(env, work, key):
    """Connection limit, slow header (slowloris), idle keep-alive and 100-continue, on a second
    server with small limits."""
    process, port = start_server(env, work, "--model", "credit@1", "--max-connections",
                                 "4", "--header-timeout", "1", "--idle-timeout", "1",
                                 "--no-prediction-log")
    try:
        held = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(4)]
        time.sleep(0.2)
        check(raw_exchange(port, b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n") == 503,
              "a connection past --max-connections gets 503")
        for connection in held:
            connection.close()
        time.sleep(0.2)
        check(raw_exchange(port, b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n") == 200,
              "connections are accepted again once others closed")
        slow = socket.create_connection(("127.0.0.1", port), timeout=5)
        slow.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        started = time.time()
        try:
            closed = slow.recv(100) == b""
        except OSError:
            closed = True
        check(closed and time.time() - started < 3,
              f"a header still incomplete after --header-timeout is cut off "
              f"({time.time() - started:.1f} s)")
        slow.close()
        idle = socket.create_connection(("127.0.0.1", port), timeout=5)
        idle.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        first = idle.recv(4096)
        started = time.time()
        try:
            closed = idle.recv(100) == b""
        except OSError:
            closed = True
        check(first.startswith(b"HTTP/1.1 200") and closed and time.time() - started < 3,
              "an idle keep-alive connection is closed after --idle-timeout")
        idle.close()
        body = b'{"Seniority": 1}'
        expect = socket.create_connection(("127.0.0.1", port), timeout=5)
        expect.sendall(b"POST /v1/models/credit/predict HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                       b"Authorization: Bearer " + key.encode() + b"\r\nExpect: 100-continue\r\n"
                       b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n")
        interim = expect.recv(100)
        expect.sendall(body)
        final = expect.recv(4096)
        expect.close()
        check(interim.startswith(b"HTTP/1.1 100 Continue") and final.startswith(b"HTTP/1.1 422"),
              f"Expect: 100-continue gets 100, then the answer ({interim[:20]!r} {final[:20]!r})")
    finally:
        process.send_signal(signal.SIGTERM)
        check(process.wait(timeout=30) == 0, "the second server exits 0")


if __name__ == "__main__":
    main()
