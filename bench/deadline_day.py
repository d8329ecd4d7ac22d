"""Deadline day: 10,000 report submissions from 100 clients through a PostgreSQL restart.

A real deployment on this machine, all of it started here and stopped at the end, by pid:

- a PostgreSQL 15 cluster of its own (`initdb` into a temporary directory, a free port,
  its socket in that directory; as the `postgres` user when run as root), never the
  machine's server;
- gunicorn (DEADLINE_WORKERS workers × DEADLINE_THREADS threads, gthread) on a free port
  of 127.0.0.1 with `antq.settings.production` (a generated key, no HTTPS redirect);
- the Huey consumer (`manage.py run_huey`) on Redis (DEADLINE_REDIS_URL, database 13 of
  127.0.0.1:6379 by default, so the queue is no one else's).

The load: DEADLINE_SUBMISSIONS (10,000) new submitted monthly reports, one per commune of
the country (3,321) and month, from DEADLINE_CLIENTS (100) threads, each with its own keep-alive
`http.client` connection to 127.0.0.1. Every submission carries an `Idempotency-Key` and is
sent again with the same key on a timeout, a lost connection or a 503 (after the answer's
`Retry-After`), at most DEADLINE_ATTEMPTS (30) times; the whole load stops after
DEADLINE_TIME_LIMIT seconds (900). Once DEADLINE_RESTART_AT (a third) of the submissions
are acknowledged, PostgreSQL is stopped (fast mode: sessions cut), left down for
DEADLINE_DOWN_SECONDS (3), and started again; gunicorn is not touched.

Then, read from the database: every acknowledged (2xx) submission is stored once, with
its values; no (unit, month) and no key is stored twice; the site answered again by
itself after the restart; every error answer was a 503 with the Vietnamese message and a
`Retry-After`, never a 500. Printed: throughput, latency p50/p95/p99 (of the answers, and
of a submission from first try to acknowledgement), errors by kind, lost and duplicated.

    python -m bench.deadline_day                                    # the full run
    DEADLINE_SUBMISSIONS=1000 DEADLINE_CLIENTS=20 python -m bench.deadline_day   # quick
    python -m bench --only deadline_day          # as a bench module (its own cluster too)
"""

import http.client
import json
import os
import queue
import random
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_BIN = Path(os.environ.get("DEADLINE_PG_BIN", "/usr/lib/postgresql/15/bin"))
DB_NAME = "antq_deadline"
FORM = "movement-monthly"
PROVINCE = "38"
MESSAGE = "Cơ sở dữ liệu tạm thời không truy cập được"


def setting(name: str, default: float) -> float:
    return type(default)(os.environ.get(f"DEADLINE_{name}", default))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _stop(process: subprocess.Popen, name: str) -> None:
    """Stop a process this benchmark started, by its pid."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            print(f"deadline: {name} (pid {process.pid}) did not stop, killing it")
            process.kill()
            process.wait()


class Cluster:
    """A throwaway PostgreSQL cluster in a temporary directory, on a free port."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.data = folder / "data"
        self.log = folder / "postgres.log"
        self.port = _free_port()
        self.as_postgres = os.geteuid() == 0  # initdb refuses to run as root

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_postgres else []
        subprocess.run([*prefix, *command], check=True, stdout=subprocess.DEVNULL)

    def init(self) -> None:
        if self.as_postgres:
            shutil.chown(self.folder, user="postgres", group="postgres")
        self._run(
            str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
            "-E", "UTF8", "--no-sync",
        )  # fmt: skip

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        options += " -c max_connections=200"
        self._run(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options,
            "-w", "start",
        )  # fmt: skip

    def stop(self) -> None:
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def url(self, name: str = DB_NAME) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"


@contextmanager
def cluster():
    folder = Path(tempfile.mkdtemp(prefix="antq-deadline-"))
    db = Cluster(folder)
    try:
        db.init()
        db.start()
        yield db
    finally:
        if db.running():
            db.stop()
        shutil.rmtree(folder, ignore_errors=True)


def _environment(db: Cluster) -> dict[str, str]:
    from cryptography.fernet import Fernet

    return dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="antq.settings.production",
        DATABASE_URL=db.url(),
        REDIS_URL=os.environ.get("DEADLINE_REDIS_URL", "redis://127.0.0.1:6379/13"),
        SECRET_KEY=secrets.token_urlsafe(60),
        TIPS_CONTACT_KEYS=Fernet.generate_key().decode(),
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        HUEY_IMMEDIATE="0",
        LOG_LEVEL="ERROR",
        PYTHONPATH=str(ROOT),
    )


def prepare(db: Cluster, env: dict[str, str], wanted: int) -> dict:
    """Migrate, load the province, make the account; return its token and the posts."""
    python = sys.executable
    import psycopg

    with psycopg.connect(db.url("postgres"), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {DB_NAME}")
    subprocess.run([python, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    answer = subprocess.run(
        [python, "-m", "bench.deadline_day", "--prepare", str(wanted)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(answer.stdout.strip().splitlines()[-1])


def _prepare_inside(wanted: int) -> None:
    """Run in a child process with the cluster's settings: print the token and posts."""
    import io

    import django

    django.setup()
    from django.core.management import call_command

    from antq.accounts.services import account_create, api_token_issue
    from antq.core.roles import Role
    from antq.reports.models import ReportForm
    from antq.units.models import Unit

    call_command("load_admin_units", all=True, stdout=io.StringIO())
    form = ReportForm.objects.get(code=FORM)
    values = {i.code: 3 for i in form.ordered_indicators() if i.is_numeric}
    tokens = {}  # a province's staff submits for its communes, as on the day
    for province in Unit.objects.filter(kind="province").order_by("code"):
        staff = account_create(
            actor=None,
            username=f"deadline-{province.code}",
            unit=province,
            roles=[Role.PROVINCE_STAFF],
            password="deadline-password",
            check_password_strength=False,
        )
        tokens[province.code] = api_token_issue(account=staff)
    communes = [
        (code, tokens[path.split("/", 1)[0]])
        for code, path in Unit.objects.filter(kind="commune")
        .order_by("code")
        .values_list("code", "path")
    ]
    # the communes exist from July 2025 (the reform): months back from November 2026
    periods, year, month = [], 2026, 11
    while len(periods) * len(communes) < wanted:
        periods.append(f"{year}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    posts = [(code, period, token) for period in periods for code, token in communes][:wanted]
    print(json.dumps({"values": values, "posts": posts}))


@contextmanager
def serve(env: dict[str, str], log: Path):
    """gunicorn and the Huey consumer; stop both, by pid, at the end."""
    port = _free_port()
    bin_dir = Path(sys.executable).parent
    workers, threads = int(setting("WORKERS", 4)), int(setting("THREADS", 4))
    with ExitStack() as stack:
        out = stack.enter_context(open(log, "w"))
        huey = subprocess.Popen(
            [sys.executable, "manage.py", "run_huey", "-w", "1"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        stack.callback(_stop, huey, "huey")
        server = subprocess.Popen(
            [
                str(bin_dir / "gunicorn"), "antq.wsgi:application", "-k", "gthread",
                "-w", str(workers), "--threads", str(threads), "-b", f"127.0.0.1:{port}",
                "--timeout", "60", "--graceful-timeout", "10", "--log-level", "warning",
            ],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        stack.callback(_stop, server, "gunicorn")
        deadline = time.monotonic() + 90
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/api/v1/openapi.json")
                connection.getresponse().read()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(f"gunicorn did not start, see {log}") from None
                time.sleep(0.5)
        print(f"deadline: gunicorn pid {server.pid} ({workers}×{threads}) on :{port}, "
              f"huey pid {huey.pid}")  # fmt: skip
        yield {"port": port, "gunicorn": server, "huey": huey, "workers": workers}


class Load:
    """The clients, their outcomes, and what each answer looked like."""

    def __init__(self, port: int, values: dict, posts: list):
        self.port = port
        self.values = values
        self.todo: queue.Queue = queue.Queue()
        for index, (unit, period, token) in enumerate(posts):
            self.todo.put((index, unit, period, token))
        self.total = len(posts)
        self.lock = threading.Lock()
        self.acknowledged: dict[int, tuple[str, str, int]] = {}  # index -> unit, period, id
        self.given_up: list[int] = []
        self.kinds: Counter = Counter()  # answers and failures by kind
        self.bad_503: list[str] = []
        self.answer_seconds: list[float] = []
        self.submission_seconds: list[float] = []
        self.after_restart = 0  # acknowledged after the server came back
        self.restarted = threading.Event()
        self.stop_at = time.monotonic() + setting("TIME_LIMIT", 900.0)
        self.attempts = int(setting("ATTEMPTS", 30))
        self.timeout = setting("TIMEOUT", 30.0)

    def client(self) -> None:
        connection = None
        while time.monotonic() < self.stop_at:
            try:
                index, unit, period, token = self.todo.get_nowait()
            except queue.Empty:
                break
            connection = self._submit(connection, index, unit, period, token)
        if connection is not None:
            connection.close()

    def _submit(self, connection, index: int, unit: str, period: str, token: str):
        body = json.dumps(
            {"form": FORM, "unit": unit, "period": period, "values": self.values, "submit": True}
        ).encode()
        headers = {
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Idempotency-Key": f"deadline-{index}",
        }
        began = time.perf_counter()
        for _attempt in range(self.attempts):
            if time.monotonic() > self.stop_at:
                break
            wait = 0.5
            start = time.perf_counter()
            try:
                if connection is None:
                    connection = http.client.HTTPConnection(
                        "127.0.0.1", self.port, timeout=self.timeout
                    )
                connection.request("POST", "/api/v1/reports", body, headers)
                answer = connection.getresponse()
                content = answer.read()
            except TimeoutError:
                kind, connection = "timeout", self._drop(connection)
            except (ConnectionError, http.client.HTTPException, OSError) as error:
                kind, connection = f"connection: {type(error).__name__}", self._drop(connection)
            else:
                seconds = time.perf_counter() - start
                status = answer.status
                kind = str(status)
                with self.lock:
                    self.answer_seconds.append(seconds)
                if 200 <= status < 300:
                    with self.lock:
                        self.kinds[kind] += 1
                        self.acknowledged[index] = (unit, period, json.loads(content)["id"])
                        self.submission_seconds.append(time.perf_counter() - began)
                        if self.restarted.is_set():
                            self.after_restart += 1
                    return connection
                if status == 503:
                    retry = answer.getheader("Retry-After")
                    detail = json.loads(content or b"{}").get("detail", "")
                    if not retry or MESSAGE not in detail:
                        with self.lock:
                            self.bad_503.append(f"Retry-After={retry!r} detail={detail!r}")
                    wait = float(retry or 1)
                    # idle for seconds: close it, before gunicorn's keep-alive timeout does
                    connection = self._drop(connection)
                elif status != 502:  # anything else will not change by sending again
                    with self.lock:
                        self.kinds[kind] += 1
                        self.given_up.append(index)
                        if len(self.given_up) <= 5:
                            print(f"deadline: {unit} {period}: {status} {content[:200]!r}")
                    return connection
            with self.lock:
                self.kinds[kind] += 1
            time.sleep(wait * random.uniform(0.5, 1.0))  # spread the retries
        with self.lock:
            self.given_up.append(index)
        return connection

    @staticmethod
    def _drop(connection):
        if connection is not None:
            connection.close()
        return None


def restart_when(load: Load, db: Cluster, at: int, down: float, notes: dict) -> None:
    """Stop PostgreSQL once `at` submissions are acknowledged, and start it again."""
    while len(load.acknowledged) < at and time.monotonic() < load.stop_at:
        if load.todo.empty() and len(load.acknowledged) + len(load.given_up) >= load.total:
            return
        time.sleep(0.05)
    notes["acknowledged before"] = len(load.acknowledged)
    began = time.perf_counter()
    db.stop()
    time.sleep(down)
    db.start()
    notes["down seconds"] = time.perf_counter() - began
    load.restarted.set()
    print(f"deadline: PostgreSQL restarted after {notes['acknowledged before']:,} acknowledged, "
          f"down {notes['down seconds']:.1f} s")  # fmt: skip


def verify(db: Cluster, load: Load, expected_values: int) -> dict[str, int]:
    """Read from the database what was stored, against what the clients were told."""
    import psycopg

    with psycopg.connect(db.url()) as conn:
        rows = conn.execute(
            """
            SELECT r.id, u.code, r.period_key, r.status,
                   (SELECT count(*) FROM reports_reportvalue v WHERE v.report_id = r.id)
            FROM reports_report r JOIN units_unit u ON u.id = r.unit_id
            """
        ).fetchall()
        key_dupes = conn.execute(
            "SELECT count(*) FROM (SELECT key FROM reports_idempotencykey"
            " GROUP BY account_id, key HAVING count(*) > 1) d"
        ).fetchone()[0]
    stored = Counter((code, period) for _id, code, period, _s, _n in rows)
    by_id = {row[0]: row for row in rows}
    lost = incomplete = 0
    for unit, period, report_id in load.acknowledged.values():
        row = by_id.get(report_id)
        if row is None or (row[1], row[2]) != (unit, period) or row[3] != "submitted":
            lost += 1
        elif row[4] != expected_values:
            incomplete += 1
    acknowledged_places = {(u, p) for u, p, _i in load.acknowledged.values()}
    return {
        "stored": len(rows),
        "lost": lost,
        "incomplete": incomplete,
        "duplicated": sum(n - 1 for n in stored.values() if n > 1) + key_dupes,
        "stored, never acknowledged": sum(1 for p in stored if p not in acknowledged_places),
    }


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def deadline_day() -> tuple[list[tuple[str, str]], bool]:
    wanted = int(setting("SUBMISSIONS", 10_000))
    clients = int(setting("CLIENTS", 100))
    with cluster() as db:
        env = _environment(db)
        started = time.perf_counter()
        data = prepare(db, env, wanted)
        print(f"deadline: cluster on :{db.port}, {len(data['posts']):,} posts prepared "
              f"in {time.perf_counter() - started:.0f} s")  # fmt: skip
        with serve(env, db.folder / "servers.log") as servers:
            gunicorn_pid = servers["gunicorn"].pid
            load = Load(servers["port"], data["values"], data["posts"])
            notes: dict = {}
            restarter = threading.Thread(
                target=restart_when,
                args=(load, db, int(wanted * setting("RESTART_AT", 1 / 3)),
                      setting("DOWN_SECONDS", 3.0), notes),
            )  # fmt: skip
            threads = [threading.Thread(target=load.client) for _i in range(clients)]
            start = time.perf_counter()
            restarter.start()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            seconds = time.perf_counter() - start
            restarter.join()
            alive = servers["gunicorn"].poll() is None and servers["huey"].poll() is None
            same_server = servers["gunicorn"].pid == gunicorn_pid
        figures = verify(db, load, len(data["values"]))
    done = len(load.acknowledged)
    errors = {k: n for k, n in sorted(load.kinds.items()) if not k.startswith("2")}
    recovered = bool(notes) and load.after_restart > 0 and alive and same_server
    ok = (
        figures["lost"] == 0
        and figures["duplicated"] == 0
        and figures["incomplete"] == 0
        and done == wanted
        and recovered
        and load.kinds.get("500", 0) == 0
        and not load.bad_503
        and set(errors) <= {"503", "timeout"} | {k for k in errors if k.startswith("connection")}
    )
    for line in load.bad_503[:5]:
        print(f"deadline: a 503 without its message or Retry-After: {line}")
    ms = 1000
    results = [
        ("submissions, clients", f"{wanted:,}, {clients}"),
        ("acknowledged", f"{done:,} ({len(load.given_up)} given up)"),
        ("throughput", f"{done / seconds:,.0f} submissions/s over {seconds:.1f} s"),
        (
            "answer latency p50 / p95 / p99",
            " / ".join(f"{percentile(load.answer_seconds, q) * ms:,.0f}" for q in (0.5, 0.95, 0.99))
            + " ms",
        ),
        (
            "submission latency p50 / p95 / p99 (with retries)",
            " / ".join(
                f"{percentile(load.submission_seconds, q) * ms:,.0f}" for q in (0.5, 0.95, 0.99)
            )
            + " ms",
        ),
        ("errors by kind", ", ".join(f"{k}: {n}" for k, n in errors.items()) or "none"),
        ("503 without message or Retry-After", str(len(load.bad_503))),
        (
            "PostgreSQL restart",
            f"after {notes.get('acknowledged before', 0):,} acknowledged, "
            f"down {notes.get('down seconds', 0):.1f} s" if notes else "did not happen",
        ),
        ("recovered by itself", f"{'yes' if recovered else 'NO'} "
                                f"({load.after_restart:,} acknowledged after the restart)"),
        ("stored", f"{figures['stored']:,} "
                   f"({figures['stored, never acknowledged']} never acknowledged)"),
        ("lost / duplicated / incomplete", f"{figures['lost']} / {figures['duplicated']} / "
                                           f"{figures['incomplete']}"),
        ("verdict", "PASS" if ok else "FAIL"),
    ]  # fmt: skip
    return results, ok


def run(*, rows: int) -> list[tuple[str, str]]:
    """`rows` unused; a bench module: its own cluster, servers and database, not the runner's."""
    results, ok = deadline_day()
    if not ok:
        raise AssertionError("; ".join(f"{m}: {v}" for m, v in results))
    return results


def main() -> int:
    if sys.argv[1:2] == ["--prepare"]:
        _prepare_inside(int(sys.argv[2]))
        return 0
    results, ok = deadline_day()
    width = max(len(m) for m, _v in results)
    print()
    for measure, value in results:
        print(f"{measure:<{width}}  {value}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
