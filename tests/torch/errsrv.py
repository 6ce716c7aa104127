#!/usr/bin/env python3
"""errsrv.py SAMPLES LOG - a net/http/pprof look-alike on 127.0.0.1 that
answers well or badly, for tests/torch/run.sh.

Prints "listening on 127.0.0.1:PORT" as its first line, appends every
request's path and query to LOG, and exits after 600 s at the latest.
The first path component picks the behaviour; the last names the profile,
served from SAMPLES/NAME.prof (profile -> cpu.prof):

  /debug/pprof/NAME         the profile (as does any unlisted prefix)
  /notfound/...             404 "404 page not found" (Go's ServeMux)
  /busy/...                 500 "Could not enable CPU profiling: ..."
  /text/...                 200, a debug=1 style text profile
  /html/...                 200, an HTML page
  /empty/...                200, no body
  /close/...                closes the connection without answering
  /hang/...                 never answers
  /stall/...                sends half the profile, then never the rest
  /trunc/...                200, the first 100 bytes of the profile
  /redirect/...             302 to the same path without /redirect
"""
import http.server
import os
import sys
import threading
import time


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def send(self, code, body, ctype="text/plain; charset=utf-8", go=True):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        if go and code != 200:
            self.send_header("X-Go-Pprof", "1")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def profile(self, name):
        if name == "profile":
            name = "cpu"
        try:
            with open(os.path.join(SAMPLES, name + ".prof"), "rb") as f:
                return f.read()
        except OSError:
            return None

    def do_GET(self):
        with LOCK:
            with open(LOG, "a") as f:
                f.write(self.path + "\n")
        path = self.path.split("?", 1)[0]
        parts = [p for p in path.split("/") if p]
        mode = parts[0] if parts else ""
        name = parts[-1] if parts else ""
        if mode == "notfound":
            self.send(404, b"404 page not found\n", go=False)
        elif mode == "busy":
            self.send(500, b"Could not enable CPU profiling: "
                      b"cpu profiling already in use\n")
        elif mode == "text":
            self.send(200, b"heap profile: 3: 4096 [10: 81920] @ heap/524288\n"
                      b"1: 4096 [5: 20480] @ 0x4a1b2c 0x4a0f00 0x43a1e1\n"
                      b"#\t0x4a1b2b\tmain.retainSmall+0x6b\tmem.go:22\n")
        elif mode == "html":
            self.send(200, b"<!DOCTYPE html>\n<html><head><title>/debug/pprof/"
                      b"</title></head><body>profiles</body></html>\n",
                      ctype="text/html; charset=utf-8")
        elif mode == "empty":
            self.send(200, b"", ctype="application/octet-stream")
        elif mode == "close":
            self.close_connection = True
            self.connection.shutdown(2)
        elif mode == "hang":
            time.sleep(60)
        elif mode == "stall":
            body = self.profile(name) or b"x" * 1000
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            time.sleep(60)
        elif mode == "redirect":
            loc = self.path[len("/redirect"):]
            self.send_response(302)
            self.send_header("Location", loc)
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            body = self.profile(name)
            if body is None:
                self.send(404, b"Unknown profile\n")
            elif mode == "trunc":
                self.send(200, body[:100], ctype="application/octet-stream")
            else:
                self.send(200, body, ctype="application/octet-stream")


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


if __name__ == "__main__":
    SAMPLES, LOG = sys.argv[1], sys.argv[2]
    LOCK = threading.Lock()
    srv = Server(("127.0.0.1", 0), Handler)
    print("listening on 127.0.0.1:%d" % srv.server_address[1], flush=True)
    threading.Timer(600, lambda: os._exit(0)).start()
    srv.serve_forever()
