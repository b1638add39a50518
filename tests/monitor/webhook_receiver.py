#!/usr/bin/env python3
"""Receives one HTTP POST on loopback for the monitor's webhook test.

  webhook_receiver.py PORT_FILE BODY_FILE
Binds 127.0.0.1 on a free port, writes the port to PORT_FILE, answers the first POST with 204,
writes its body to BODY_FILE and exits; gives up after 30 seconds.
"""
import http.server
import sys

port_file, body_file = sys.argv[1], sys.argv[2]


class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with open(body_file, "wb") as out:
            out.write(body)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Receiver)
server.timeout = 30
with open(port_file + ".tmp", "w") as out:
    out.write(str(server.server_address[1]))
import os
os.replace(port_file + ".tmp", port_file)
server.handle_request()
