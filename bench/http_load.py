"""A small HTTP load generator for requests that must each be sent exactly once.

wrk sends as many requests as it can for a duration and may cut some off at its end, so it cannot
say "each of these 600 quiz submissions was sent once and answered". This one can: every client
(one asyncio task, one resident) sends its own list of requests in order, one at a time, never
retries, and records each answer's status and Location. HTTP/1.1 over plain sockets on loopback,
a new connection whenever the server closes one (gunicorn's sync workers close after each answer).

The same generator measures the baseline (hello world) in the same run, so that the ratio compares
like with like: this generator costs more CPU per request than wrk, on the same two cores.
"""

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode


@dataclass
class Request:
    method: str
    path: str
    cookies: dict = field(default_factory=dict)
    fields: list = field(default_factory=list)  # form fields, (name, value) pairs, sent urlencoded

    def encode(self, host: str) -> bytes:
        body = urlencode([tuple(pair) for pair in self.fields]).encode() if self.fields else b""
        lines = [f"{self.method} {self.path} HTTP/1.1", f"Host: {host}", "User-Agent: bench-http-load"]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{name}={value}" for name, value in self.cookies.items()))
        if self.method == "POST":
            lines += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}"]
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


@dataclass
class Answer:
    status: int | None  # None: no answer (connection failed or closed early)
    location: str = ""
    error: str = ""


@dataclass
class Result:
    answers: list[list[Answer]]  # per client, in the order of its requests
    seconds: float

    @property
    def count(self) -> int:
        return sum(len(answers) for answers in self.answers)

    @property
    def rate(self) -> float:
        return self.count / self.seconds


def run(host: str, port: int, clients: list[list[Request]], *, timeout: float = 60.0) -> Result:
    """Send each client's requests in turn, all clients at once; time from the first to the last answer."""
    return asyncio.run(_run(host, port, clients, timeout))


async def _run(host, port, clients, timeout):
    start = time.perf_counter()
    answers = await asyncio.gather(*(_client(host, port, requests, timeout) for requests in clients))
    return Result(answers=list(answers), seconds=time.perf_counter() - start)


async def _client(host, port, requests, timeout):
    answers = []
    connection = None
    for request in requests:
        try:
            if connection is None:
                connection = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
            reader, writer = connection
            writer.write(request.encode(f"{host}:{port}"))
            answer, keep_alive = await asyncio.wait_for(_read_answer(reader), timeout)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as error:
            answer, keep_alive = Answer(status=None, error=f"{type(error).__name__}: {error}"), False
        answers.append(answer)
        if not keep_alive and connection is not None:
            connection[1].close()
            connection = None
    if connection is not None:
        connection[1].close()
    return answers


async def _read_answer(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    status = int(status_line.split(" ", 2)[1])
    headers = {}
    for line in header_lines:
        if line:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            await reader.readexactly(size + 2)
        await reader.readuntil(b"\r\n")
    else:
        await reader.read()  # the body runs to the end of the connection
        return Answer(status=status, location=headers.get("location", "")), False
    keep_alive = headers.get("connection", "").lower() != "close"
    return Answer(status=status, location=headers.get("location", "")), keep_alive
