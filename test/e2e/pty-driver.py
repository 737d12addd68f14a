"""Runs a command in a pseudo-terminal and answers its prompts, as a person at a keyboard would.

argv[1] is a JSON object: {"cmd": [...], "env": {...}, "steps": [[expect, send], ...]}.
Prints a JSON object {"code": int, "transcript": str} on stdout.
"""
import json, os, pty, select, sys, time

spec = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.execvpe(spec["cmd"][0], spec["cmd"], {**os.environ, **spec.get("env", {})})

buf = b""
def read_until(needle, timeout=15.0):
    global buf
    end = time.time() + timeout
    while needle.encode() not in buf:
        left = end - time.time()
        if left <= 0:
            raise SystemExit(json.dumps({"code": -1, "transcript": buf.decode(errors="replace"), "waiting_for": needle}))
        r, _, _ = select.select([fd], [], [], left)
        if r:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            buf += chunk
    # Consume what was matched so the next step waits for fresh output.
    i = buf.find(needle.encode())
    seen = buf[: i + len(needle)]
    buf = buf[i + len(needle):]
    return seen

transcript = b""
for expect, send in spec["steps"]:
    transcript += read_until(expect)
    time.sleep(0.15)
    os.write(fd, send.encode())

while True:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    buf += chunk
_, status = os.waitpid(pid, 0)
print(json.dumps({"code": os.waitstatus_to_exitcode(status), "transcript": (transcript + buf).decode(errors="replace")}))
