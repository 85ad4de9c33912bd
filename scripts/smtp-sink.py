"""An SMTP sink for tests (issue 16 §5): speaks enough SMTP (RFC 5321: EHLO/HELO, MAIL, RCPT,
DATA, RSET, NOOP, QUIT) for a real client, and keeps each message as a JSON line with its
envelope and text. No TLS and no relaying: it listens on loopback only.

Usage: smtp-sink.py LOG_FILE. Prints its port on the first line of stdout.
"""
import json, socketserver, sys, threading

log_path = sys.argv[1]
lock = threading.Lock()


class Session(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write((line + "\r\n").encode())
        self.wfile.flush()

    def handle(self):
        self.reply("220 sink.test ESMTP ready")
        sender, recipients = None, []
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            verb = line[:4].upper()
            if verb == "EHLO":
                self.reply("250-sink.test\r\n250-8BITMIME\r\n250 SMTPUTF8")
            elif verb == "HELO":
                self.reply("250 sink.test")
            elif verb == "MAIL":
                sender, recipients = line.split(":", 1)[1].strip().split(" ")[0].strip("<>"), []
                self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(line.split(":", 1)[1].strip().strip("<>"))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                lines = []
                while True:
                    data = self.rfile.readline().decode("utf-8", "replace")
                    if data in (".\r\n", ".\n", ""):
                        break
                    lines.append(data[1:] if data.startswith("..") else data)
                with lock, open(log_path, "a") as log:
                    log.write(json.dumps({"from": sender, "to": recipients, "data": "".join(lines)}) + "\n")
                self.reply("250 OK: queued")
            elif verb == "RSET":
                sender, recipients = None, []
                self.reply("250 OK")
            elif verb == "NOOP":
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


server = Server(("127.0.0.1", 0), Session)
print(server.server_address[1], flush=True)
server.serve_forever()
