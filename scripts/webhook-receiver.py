"""A webhook receiver for tests (issue 16 §4): verifies every Standard Webhooks signature with
Python's own HMAC, and logs each delivery as a JSON line.

Usage: webhook-receiver.py SECRET_FILE LOG_FILE DOWN_FILE. Prints its port on the first line
of stdout; reads the signing secret from SECRET_FILE at each delivery (the subscription that
names its URL is made after it starts). While DOWN_FILE exists it answers 503 (an outage).
"""
import base64, hashlib, hmac, json, os, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

secret_path, log_path, down_path = sys.argv[1], sys.argv[2], sys.argv[3]


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if os.path.exists(down_path):
            self.send_response(503)
            self.end_headers()
            return
        with open(secret_path) as f:
            key = base64.b64decode(f.read().strip().removeprefix("whsec_"))
        message_id = self.headers.get("webhook-id", "")
        timestamp = self.headers.get("webhook-timestamp", "")
        signed = f"{message_id}.{timestamp}.".encode() + body
        expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
        offered = [part.split(",", 1)[1] for part in self.headers.get("webhook-signature", "").split(" ")
                   if part.startswith("v1,")]
        valid = any(hmac.compare_digest(expected, candidate) for candidate in offered)
        fresh = abs(time.time() - int(timestamp or 0)) < 300
        payload = json.loads(body)
        with open(log_path, "a") as log:
            log.write(json.dumps({"id": message_id, "valid": valid and fresh, "type": payload["type"],
                                  "position": payload["data"]["position"]}) + "\n")
        self.send_response(204 if valid else 401)
        self.end_headers()

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
print(server.server_address[1], flush=True)
server.serve_forever()
