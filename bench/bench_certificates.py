"""Certificates issued per second by two Celery workers, against the render of the certificate as issued.

Target (issue 5, baseline made fair by issue 21), on this 2-core machine, in the same run:

- end to end (the task from the broker, the certificate row and its lock, the HTML, the PDF/A-3b
  render, the file in storages["certificates"], the SHA-256, the version row) two Celery workers
  issue at least 85 % (issue 21) as many certificates per second as the same two worker processes render
  when they do nothing but render the same certificate's HTML as issued:
  ``certificates.pdf.pdf_from_html`` (PDF/A-3b, the JSON attachment, the font configuration it
  keeps per thread, the one the worker's certificates used);
- worker memory stays flat: each worker's RSS after the run is within 20 % of its RSS after the
  first 100 certificates.

How:

1. Data: one course (``bench-certificates-course``, kept between runs) whose template has everything
   a real one may have: two logos, the organisation's logo and two signatories with signature
   images (PNG files made here, in a temporary MEDIA_ROOT, with their renditions made before the
   workers start). 100 + N completed enrolments of new accounts, bulk-created; whatever the previous
   run left (certificates, enrolments, accounts, template, images) is deleted first, and again at the end.
2. Pipeline: two real workers, ``python -m celery -A lms worker --pool=solo --concurrency=1``, each
   in its own process group, consuming the shared queue ``bench-certificates`` and its own queue
   ``bench-certificates-<i>``; production's settings (``bench.settings``: DEBUG off, persistent database
   connections; the cache in Redis, BENCH_CACHE_URL), the runner's DATABASE_URL, Redis
   as the broker (CELERY_BROKER_URL, else redis://127.0.0.1:6379/0) and a temporary
   PRIVATE_MEDIA_ROOT. Ready when both answer a control ping. The first 100 certificates (50 through
   each worker's own queue) warm them up; each worker's RSS is read once those are in the database.
   Then N ``certificates.issue`` tasks go to the shared queue, and the time runs from the first
   enqueue until the database holds N more current versions (polled every 0.2 s); rate = N / time.
   Each worker's RSS is read again. The workers are stopped, whatever happens. Each worker writes
   Celery's "Task … received" and "Task … succeeded in <run time>" lines, stamped, to a file of its
   own (BENCH_TASK_LOG, read by bench/settings.py, whose WARNING level silences them otherwise):
   the details give the tasks' run times and, per worker, the time between one task's end and the
   next one's start (acknowledging, taking the next task from the broker, Celery's own dispatch).
3. Baseline, the render as issued, in the same two worker processes: the HTML of one issued
   certificate (``certificate_html``, the same template, logos and QR code) and its JSON attachment
   given to ``pdf_from_html`` N times, by one ``bench.certificates.render`` task sent to each worker's
   own queue (this module, which the workers import with ``--include``: the renders use the font
   configuration the worker's certificates used, and its warm process), in two rounds of N/2: one
   after the warm-up, before the timed pipeline, and one after it, so that load from elsewhere on
   this shared machine weighs on both sides alike. A round's wall time runs from the first of its
   two tasks' start to the last one's end (their stamped log lines less and plus their run times);
   rate = N / the two rounds' wall time. For reference only, the previous baseline, last, once the
   RSS has been read: 200 renders of the plain ``HTML(string=html, base_url=BASE_URL).write_pdf()``
   (no PDF/A, no attachment, a new font configuration per document), by the same task in the same
   workers.
4. The render as issued against a minimal certificate (issue 21): the same HTML with every ``<img>``
   element taken out (the two logos, the organisation's logo and the two signatures, which the HTML
   names as prepared files, and the QR code, a data URI; nothing else in the HTML names an image), so
   the same template's text, styles and @font-face fonts, and the same PDF/A ``pdf_from_html`` call
   with the same JSON attachment, by the same render task in the same two workers, in two rounds of
   M/2 (M = min(N, 600)) placed around the pipeline like the as-issued rounds, in the opposite order
   (as issued then minimal before it, minimal then as issued after it); per render = 2 × wall time /
   renders; the figure is the as-issued time per render against the minimal one's.
5. Where a task's time goes besides the render, measured in the runner alone: building the HTML
   (``certificate_html``), the SHA-256 of a PDF of the same size, and writing it to a FileSystemStorage
   as storages["certificates"] does; the rest of the task's run time is its database work.

Needs PostgreSQL and Redis. BENCH_CERTIFICATES (default 2000) sets N; CELERY_BROKER_URL the broker and
BENCH_CACHE_URL the workers' cache (both Redis databases, db 0 and db 13 unless set).
"""

import collections
import contextlib
import ctypes.util
import datetime
import io
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from processes import REPO_ROOT, stop

BROKER_URL = os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/0"

COUNT = int(os.environ.get("BENCH_CERTIFICATES", "2000"))
WORKERS = 2
WARM_UP = 100  # the first certificates, 50 per worker; the RSS baseline is read after them
PLAIN_COUNT = min(COUNT, 200)  # the plain render (the previous baseline), for reference only
MINIMAL_COUNT = min(COUNT, 600)  # the minimal certificate (text only), half before and half after the pipeline
PARTS_REPEAT = 50  # building the HTML, hashing and storing, each timed this many times in the runner
POLL_SECONDS = 0.2
STALL_SECONDS = 120  # no new certificate for this long: the run has failed
RATE_TARGET = 0.85  # issue 21 (before it, 0.75 against a plainer render)
IMAGES_TARGET = 2  # issue 21: the render as issued takes at most twice the minimal certificate's
RSS_TARGET = 1.2

PREFIX = "bench-certificates"
SHARED_QUEUE = PREFIX
TASK_NAME = "certificates.issue"
COURSE_SLUG = f"{PREFIX}-course"
TEMPLATE_NAME = "Bench certificates"
RATE_FIGURE = "Certificates issued per second, two Celery workers, end to end"
RSS_FIGURE = "Celery worker RSS after the certificate run vs after the first 100 certificates"
IMAGES_FIGURE = "Certificate render as issued vs a minimal certificate (same fonts, text only, no images)"

FIRST_NAMES = ["Siti", "Muhammad", "Nur", "Dewi", "Agus", "Rahmawati", "Budi", "Fitri", "Andi", "Wahyuni"]
LAST_NAMES = ["", "Rahmawati", "Saputra", "Hidayat", "Lestari", "Kurniawan", "Pratama", "Wulandari", "Nasution"]


def run() -> list[dict]:
    reason = missing_prerequisite()
    if reason:
        return [{"name": name, "skipped": reason} for name in (RATE_FIGURE, RSS_FIGURE, IMAGES_FIGURE)]

    from django.test import override_settings

    work = Path(tempfile.mkdtemp(prefix=f"{PREFIX}-"))
    media, private_media = work / "media", work / "private-media"
    media.mkdir()
    private_media.mkdir()
    previous_handler = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        # The images and their renditions go to the temporary MEDIA_ROOT, which the workers share.
        with override_settings(MEDIA_ROOT=str(media)):
            print("    preparing the course, its template and the enrolments …", flush=True)
            course, enrolment_ids = prepare(WARM_UP + COUNT)
            pipeline, bare, minimal, plain = measure_pipeline(course, enrolment_ids, work, media, private_media)
            parts = measure_parts(course, bare["pdf_bytes"], work)
    finally:
        signal.signal(signal.SIGTERM, previous_handler)
        with contextlib.suppress(Exception):
            clear_previous_run()
        shutil.rmtree(work, ignore_errors=True)
    return figures(pipeline, bare, minimal, plain, parts)


def missing_prerequisite() -> str:
    from django.db import connection

    if connection.vendor != "postgresql":
        return "needs PostgreSQL"
    try:
        import redis

        redis.Redis.from_url(BROKER_URL, socket_connect_timeout=2).ping()
    except Exception as error:  # any failure means the same: no broker to use
        return f"needs Redis at {BROKER_URL} ({error})"
    return ""


def _exit_on_sigterm(signum, frame):
    raise SystemExit(128 + signum)  # run the finally blocks: the workers are stopped


# --- Data ------------------------------------------------------------------------------------------


def prepare(count: int):
    """The course with its template, and `count` completed enrolments of new accounts, in order."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from certificates.models import CertificateSignatory, CertificateTemplate
    from certificates.pdf import IMAGE_RENDITION
    from courses.models import Enrolment

    clear_previous_run()
    images = {name: _image(name, size) for name, size in IMAGES.items()}
    for image in images.values():
        image.get_rendition(IMAGE_RENDITION)  # made once here: the two workers would race to make it

    template = CertificateTemplate.objects.create(
        name=TEMPLATE_NAME, logo=images["logo"], second_logo=images["second-logo"], show_organisation_logo=True
    )
    for order, (name, title) in enumerate(
        [("Dr. Rizal Effendi", "Kepala Dinas Pendidikan Kota Balikpapan"), ("Andi Lestari", "Ketua Yayasan")]
    ):
        CertificateSignatory.objects.create(
            template=template, sort_order=order, name=name, title=title, signature=images[f"signature-{order + 1}"]
        )
    course = _course(template, images["organisation-logo"])

    User = get_user_model()
    users = User.objects.bulk_create(
        User(
            username=f"{PREFIX}-{number:05d}",
            first_name=" ".join(part for part in (FIRST_NAMES[number % 10], LAST_NAMES[number // 10 % 9]) if part),
            email=None,
            phone=None,
            password="!",
        )
        for number in range(count)
    )
    now = timezone.now()
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(
            user=user,
            course=course,
            status=Enrolment.Status.COMPLETED,
            completed_at=now - datetime.timedelta(days=number % 60),
        )
        for number, user in enumerate(users)
    )
    return course, [enrolment.pk for enrolment in enrolments]


def clear_previous_run() -> None:
    """Delete whatever a previous run left: certificates, enrolments, accounts, template, images."""
    from django.contrib.auth import get_user_model
    from wagtail.images import get_image_model

    from certificates.models import Certificate, CertificateTemplate
    from courses.models import Enrolment

    Certificate.objects.filter(enrolment__course__slug=COURSE_SLUG).delete()
    Enrolment.objects.filter(course__slug=COURSE_SLUG).delete()
    get_user_model().objects.filter(username__startswith=f"{PREFIX}-").delete()
    CertificateTemplate.objects.filter(name=TEMPLATE_NAME).delete()
    # Their files were in a temporary MEDIA_ROOT, gone since.
    get_image_model().objects.filter(title__startswith=f"{PREFIX} ").delete()


# A logo is drawn larger than it is printed, as editors upload them: the rendition scales it down.
IMAGES = {
    "logo": (1200, 800),
    "second-logo": (1000, 1000),
    "organisation-logo": (1600, 600),
    "signature-1": (900, 300),
    "signature-2": (900, 300),
}


def _image(name: str, size: tuple[int, int]):
    from django.core.files.images import ImageFile
    from PIL import Image, ImageDraw
    from wagtail.images import get_image_model

    width, height = size
    picture = Image.new("RGBA", size, (255, 255, 255, 0))
    draw = ImageDraw.Draw(picture)
    if name.startswith("signature"):
        points = [(x, height / 2 + height / 3 * ((x * 7919 % 97) / 97 - 0.5)) for x in range(40, width - 40, 15)]
        draw.line(points, fill=(20, 30, 90, 255), width=6)
    else:
        draw.ellipse([width * 0.05, height * 0.05, width * 0.95, height * 0.95], fill=(11, 110, 79, 255))
        draw.rectangle([width * 0.3, height * 0.3, width * 0.7, height * 0.7], fill=(240, 200, 40, 255))
        for step in range(0, width, 40):
            draw.line([(step, 0), (width - step, height)], fill=(255, 255, 255, 160), width=3)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return get_image_model().objects.create(
        title=f"{PREFIX} {name}", file=ImageFile(buffer, name=f"{PREFIX}-{name}.png")
    )


def _course(template, organisation_logo):
    from wagtail.models import Page

    from certificates.services import course_certificate_template_choose
    from courses.models import CoursePage
    from organisations.models import Organisation

    organisation, _created = Organisation.objects.get_or_create(
        slug=PREFIX, defaults={"name": "Yayasan Bench Sertifikat", "kind": Organisation.Kind.NGO}
    )
    Organisation.objects.filter(pk=organisation.pk).update(logo=organisation_logo)
    course = CoursePage.objects.filter(slug=COURSE_SLUG).first()
    if course is None:
        course = CoursePage(
            title="Hak dan Kewajiban Warga dalam Musrenbang Kelurahan",
            slug=COURSE_SLUG,
            topic="hak-warga",
            organisation=organisation,
            summary="Bench.",
            outcomes="<p>Bench.</p>",
            duration_hours=6,
        )
        Page.get_first_root_node().add_child(instance=course)
    CoursePage.objects.filter(pk=course.pk).update(organisation=organisation)
    course_certificate_template_choose(course=course, template=template)
    return CoursePage.objects.get(pk=course.pk)


def current_versions(course) -> int:
    from certificates.models import CertificateVersion

    return CertificateVersion.objects.filter(
        certificate__enrolment__course_id=course.pk, superseded_at__isnull=True
    ).count()


def sample_certificate(course):
    """The HTML and JSON attachment of one certificate the workers issued, as the workers built them."""
    from certificates.pdf import certificate_html

    data, template, organisation_logo = sample_inputs(course)
    html = certificate_html(data=data, template=template, organisation_logo=organisation_logo)
    return html, data.as_json()


IMG_ELEMENT = re.compile(r"<img\b[^>]*>", re.IGNORECASE)


def minimal_certificate(html: str) -> str:
    """The certificate's HTML, text only: every ``<img>`` (logos, signatures, the QR code) taken out, all
    else as issued (the text, the styles, the @font-face fonts, the empty boxes the images sat in)."""
    minimal = IMG_ELEMENT.sub("", html)
    if "data:" in minimal or "<img" in minimal.lower():
        raise RuntimeError("the certificate's HTML names an image other than in an <img> element")
    return minimal


def sample_inputs(course):
    """What ``certificate_html`` is given for the first certificate the workers issued."""
    from certificates.models import CertificateVersion
    from certificates.pdf import CertificateData
    from certificates.selectors import certificate_template_for

    version = (
        CertificateVersion.objects.filter(certificate__enrolment__course_id=course.pk)
        .select_related("certificate")
        .order_by("pk")
        .first()
    )
    data = CertificateData(
        code=version.certificate.code,
        version=version.number,
        name=version.name,
        course_title=version.course_title,
        organisation_name=version.organisation_name,
        runner_name=version.runner_name,
        completed_on=version.completed_on,
        hours=version.hours,
        verification_url=version.certificate.verification_url(),
    )
    return data, certificate_template_for(course=course), course.organisation.logo


# --- The pipeline ------------------------------------------------------------------------------------


def measure_pipeline(course, enrolment_ids, work: Path, media: Path, private_media: Path) -> dict:
    app = broker_app()
    queues = [f"{PREFIX}-{number}" for number in range(1, WORKERS + 1)]
    purge(app, [SHARED_QUEUE, *queues])
    env = {
        **os.environ,
        # Production's settings (bench.settings): persistent database connections, DEBUG off.
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/13"),
        "DATABASE_URL": os.environ["DATABASE_URL"],
        "CELERY_BROKER_URL": BROKER_URL,
        "MEDIA_ROOT": str(media),
        "PRIVATE_MEDIA_ROOT": str(private_media),
        # This directory too: the workers import this module (--include) for the baseline's task.
        "PYTHONPATH": os.pathsep.join([str(REPO_ROOT), str(REPO_ROOT / "bench")]),
    }
    with contextlib.ExitStack() as stack:
        workers = [
            stack.enter_context(celery_worker(env, work, number, queue)) for number, queue in enumerate(queues, 1)
        ]
        wait_until_ready(app, workers)

        print(f"    warming up: {WARM_UP} certificates, {WARM_UP // WORKERS} through each worker …", flush=True)
        warm_up_ids, timed_ids = enrolment_ids[:WARM_UP], enrolment_ids[WARM_UP:]
        with app.producer_or_acquire() as producer:
            for index, enrolment_id in enumerate(warm_up_ids):
                app.send_task(TASK_NAME, args=[enrolment_id], queue=queues[index % WORKERS], producer=producer)
        wait_for_versions(course, WARM_UP, workers)
        rss_first = [rss_kib(worker["process"].pid) for worker in workers]
        log_offsets = [worker["task_log"].stat().st_size for worker in workers]

        # The baseline in two halves, one before and one after the pipeline (the workers wait idle
        # meanwhile), so that load from elsewhere on a shared machine weighs on both sides alike.
        html, attachment_json = sample_certificate(course)
        minimal_html = minimal_certificate(html)
        halves = [COUNT // 2, COUNT - COUNT // 2]
        minimal_halves = [MINIMAL_COUNT // 2, MINIMAL_COUNT - MINIMAL_COUNT // 2]
        print(f"    render as issued, first half: {halves[0]} renders in the {WORKERS} workers …", flush=True)
        bare_runs = [measure_as_issued(app, workers, queues, html, attachment_json, halves[0])]
        print(f"    minimal certificate, first half: {minimal_halves[0]} renders …", flush=True)
        minimal_runs = [measure_as_issued(app, workers, queues, minimal_html, attachment_json, minimal_halves[0])]

        print(f"    issuing {len(timed_ids)} certificates …", flush=True)
        start = time.perf_counter()
        with app.producer_or_acquire() as producer:
            for enrolment_id in timed_ids:
                app.send_task(TASK_NAME, args=[enrolment_id], queue=SHARED_QUEUE, producer=producer)
        enqueued = time.perf_counter() - start
        elapsed = wait_for_versions(course, WARM_UP + len(timed_ids), workers) - start
        rss_after = [rss_kib(worker["process"].pid) for worker in workers]
        tasks = [task_log(worker["task_log"], offset) for worker, offset in zip(workers, log_offsets, strict=True)]
        # The opposite order after the pipeline: neither side always follows the other.
        print(f"    minimal certificate, second half: {minimal_halves[1]} renders …", flush=True)
        minimal_runs.append(measure_as_issued(app, workers, queues, minimal_html, attachment_json, minimal_halves[1]))
        print(f"    render as issued, second half: {halves[1]} renders in the {WORKERS} workers …", flush=True)
        bare_runs.append(measure_as_issued(app, workers, queues, html, attachment_json, halves[1]))
        print(f"    plain render, for reference: {PLAIN_COUNT} renders in the {WORKERS} workers …", flush=True)
        plain = measure_as_issued(app, workers, queues, html, None, PLAIN_COUNT)
    bare = render_rounds(bare_runs, COUNT, html)
    minimal = render_rounds(minimal_runs, MINIMAL_COUNT, minimal_html)
    pipeline = {
        "count": len(timed_ids),
        "seconds": elapsed,
        "enqueue_seconds": enqueued,
        "rate": len(timed_ids) / elapsed,
        "rss_first": rss_first,
        "rss_after": rss_after,
        "tasks": tasks,
        "problems": problems(course),
    }
    return pipeline, bare, minimal, plain


def broker_app():
    from celery import Celery

    return Celery(PREFIX, broker=BROKER_URL, set_as_current=False)


def purge(app, queues: list[str]) -> None:
    """Empty the benchmark's queues: tasks left by a run that was killed would be counted now."""
    with app.connection_for_write() as connection:
        channel = connection.default_channel
        for queue in queues:
            with contextlib.suppress(Exception):
                channel.queue_purge(queue)


@contextlib.contextmanager
def celery_worker(env: dict, work: Path, number: int, queue: str):
    """One solo-pool worker consuming the shared queue and its own, stopped however the block ends."""
    node = f"{PREFIX}-{number}-{os.getpid()}@bench"
    log_path = work / f"worker-{number}.log"
    task_log_path = work / f"worker-{number}.tasks.log"
    task_log_path.touch()
    # bench/settings.py sends Celery's task lines, stamped, to this file (and only there).
    env = {**env, "BENCH_TASK_LOG": str(task_log_path)}
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "lms",
        "worker",
        "--pool=solo",
        "--concurrency=1",
        f"--queues={SHARED_QUEUE},{queue}",
        "--include=bench_certificates",  # the baseline's task, below
        f"--hostname={node}",
        "--without-gossip",  # other workers on this broker must not add work to ours
        "--without-mingle",
        "--loglevel=INFO",
        f"--logfile={log_path}",
    ]
    with open(work / f"worker-{number}.out", "w", encoding="utf-8") as output:
        # Its own session: stopping the process group stops the worker and anything it started.
        process = subprocess.Popen(
            command, cwd=REPO_ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        yield {
            "process": process,
            "node": node,
            "log": log_path,
            "task_log": task_log_path,
            "output": work / f"worker-{number}.out",
        }
    finally:
        stop(process)


def check_alive(workers: list[dict]) -> None:
    for worker in workers:
        if worker["process"].poll() is not None:
            output = worker["output"].read_text(encoding="utf-8", errors="replace")[-2000:]
            raise RuntimeError(f"Celery worker {worker['node']} exited with {worker['process'].returncode}:\n{output}")


def wait_until_ready(app, workers: list[dict], seconds: float = 120) -> None:
    """Until every worker answers a control ping through the broker."""
    waiting = {worker["node"] for worker in workers}
    deadline = time.monotonic() + seconds
    while waiting:
        check_alive(workers)
        if time.monotonic() > deadline:
            raise RuntimeError(f"Celery workers {sorted(waiting)} did not answer within {seconds} s")
        for reply in app.control.ping(destination=sorted(waiting), timeout=0.5) or []:
            waiting -= set(reply)


def wait_for_versions(course, expected: int, workers: list[dict]) -> float:
    """Poll until the course has `expected` current versions; the time (perf_counter) it was seen."""
    seen, progressed = -1, time.monotonic()
    while True:
        count = current_versions(course)
        now = time.perf_counter()
        if count >= expected:
            return now
        if count != seen:
            seen, progressed = count, time.monotonic()
        elif time.monotonic() - progressed > STALL_SECONDS:
            raise RuntimeError(
                f"no new certificate for {STALL_SECONDS} s: {count} of {expected}; see {workers[0]['log']}"
            )
        check_alive(workers)
        time.sleep(POLL_SECONDS)


def rss_kib(pid: int) -> int:
    """VmRSS of a process and its descendants, in KiB."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
    return total


TASK_LINE = re.compile(
    r"^(?P<stamp>\d+\.\d+) Task certificates\.issue\[(?P<id>[^\]]+)\] "
    r"(?P<outcome>received|succeeded|retry|raised)(?: in (?P<seconds>\d+(?:\.\d+)?(?:e-?\d+)?)s)?"
)


def task_log(log: Path, offset: int) -> dict:
    """What a worker logged after `offset`: the run times of its tasks, how many did not succeed, and
    between one task's end and the next one's start, the time until the next was received from the
    broker and the time from then until it started (a task started when it ended less its run time)."""
    outcomes = collections.Counter()
    times, to_received, to_start = [], [], []
    received, previous_end = {}, None
    with open(log, encoding="utf-8", errors="replace") as file:
        file.seek(offset)
        for line in file:
            match = TASK_LINE.search(line)
            if not match:
                continue
            stamp, outcome = float(match["stamp"]), match["outcome"]
            if outcome == "received":
                received[match["id"]] = stamp
                continue
            outcomes[outcome] += 1
            if outcome != "succeeded" or not match["seconds"]:
                previous_end = None
                continue
            seconds = float(match["seconds"])
            times.append(seconds)
            started, arrived = stamp - seconds, received.pop(match["id"], None)
            if previous_end is not None and arrived is not None:
                to_received.append(arrived - previous_end)
                to_start.append(started - arrived)
            previous_end = stamp
    return {"times": times, "outcomes": dict(outcomes), "to_received": to_received, "to_start": to_start}


def problems(course) -> str:
    from certificates.models import Certificate

    failed = Certificate.objects.filter(enrolment__course_id=course.pk, failed_at__isnull=False).count()
    return f"{failed} certificates failed" if failed else ""


# --- The baseline: the render as issued, in the workers ---------------------------------------------------

RENDER_TASK = "bench.certificates.render"
RENDER_LINE = re.compile(
    r"^(?P<stamp>\d+\.\d+) Task bench\.certificates\.render\[(?P<id>[^\]]+)\] "
    r"(?:succeeded in (?P<seconds>\d+(?:\.\d+)?(?:e-?\d+)?)s: (?P<pdf_bytes>\d+)|(?P<failed>retry|raised))"
)

if os.environ.get("BENCH_TASK_LOG"):  # imported by one of this benchmark's workers (--include)
    from celery import shared_task

    @shared_task(name=RENDER_TASK)
    def render_as_issued(html, attachment_json, count):
        """Render the certificate `count` times as issued, with this worker's font configuration (without
        `attachment_json`: the plain render, for reference); the PDF's size."""
        import weasyprint

        from certificates.pdf import BASE_URL, pdf_from_html

        pdf = b""
        for _number in range(count):
            if attachment_json is None:
                pdf = weasyprint.HTML(string=html, base_url=BASE_URL).write_pdf()
            else:
                pdf = pdf_from_html(html, attachment_json=attachment_json)
        return len(pdf)


def render_rounds(runs: list[dict], count: int, html: str) -> dict:
    """The renders of both halves as one figure: ``count`` renders of ``html`` in ``runs``."""
    seconds = sum(run["seconds"] for run in runs)
    return {
        "count": count,
        "seconds": seconds,
        "rate": count / seconds,
        "pdf_bytes": runs[0]["pdf_bytes"],
        "halves": [run["rate"] for run in runs],
        "html_length": len(html),
    }


def measure_as_issued(app, workers: list[dict], queues: list[str], html: str, attachment_json, count: int):
    """`count` renders as issued shared by the two workers, one task each; N / wall time. Without
    `attachment_json`, the plain render (for reference)."""
    shares = [count // WORKERS + (1 if number < count % WORKERS else 0) for number in range(WORKERS)]
    offsets = [worker["task_log"].stat().st_size for worker in workers]
    with app.producer_or_acquire() as producer:
        ids = [
            app.send_task(RENDER_TASK, args=[html, attachment_json, share], queue=queue, producer=producer).id
            for queue, share in zip(queues, shares, strict=True)
        ]
    spans = [
        wait_for_render(worker, offset, task_id) for worker, offset, task_id in zip(workers, offsets, ids, strict=True)
    ]
    wall = max(end for _start, end, _size in spans) - min(start for start, _end, _size in spans)
    return {"count": count, "seconds": wall, "rate": count / wall, "pdf_bytes": spans[0][2]}


def wait_for_render(worker: dict, offset: int, task_id: str, seconds: float = 3600) -> tuple[float, float, int]:
    """When the worker's render task started and ended (time.time()), and the PDF's size, from its log."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with open(worker["task_log"], encoding="utf-8", errors="replace") as file:
            file.seek(offset)
            for line in file:
                match = RENDER_LINE.search(line)
                if match and match["id"] == task_id:
                    if match["failed"]:
                        raise RuntimeError(f"the render task failed in {worker['node']}; see {worker['log']}")
                    end = float(match["stamp"])
                    return end - float(match["seconds"]), end, int(match["pdf_bytes"])
        check_alive([worker])
        time.sleep(POLL_SECONDS)
    raise RuntimeError(f"the render task did not end within {seconds} s in {worker['node']}")


# --- The rest of a task, measured in the runner -----------------------------------------------------------


def measure_parts(course, pdf_bytes: int, work: Path) -> dict:
    """Median seconds of the task's parts other than the render and the database, each repeated alone:
    the certificate's HTML (the images already prepared, as in a warm worker), the SHA-256 of a PDF of
    the issued size, and its file written to a FileSystemStorage that overwrites, as storages["certificates"]."""
    import hashlib

    from django.core.files.base import ContentFile
    from django.core.files.storage import FileSystemStorage

    from certificates.pdf import certificate_html

    def median_of(work_once) -> float:
        spans = []
        for _number in range(PARTS_REPEAT):
            start = time.perf_counter()
            work_once()
            spans.append(time.perf_counter() - start)
        return statistics.median(spans)

    pdf = os.urandom(pdf_bytes)  # hashing and writing cost the same whatever the bytes
    storage_dir = work / "storage-parts"
    storage = FileSystemStorage(location=str(storage_dir), allow_overwrite=True)
    data, template, organisation_logo = sample_inputs(course)
    parts = {
        "html": median_of(lambda: certificate_html(data=data, template=template, organisation_logo=organisation_logo)),
        "sha256": median_of(lambda: hashlib.sha256(pdf).hexdigest()),
        "storage": median_of(lambda: storage.save("BENCHCODE00-v1.pdf", ContentFile(pdf))),
    }
    shutil.rmtree(storage_dir, ignore_errors=True)
    return parts


# --- Figures ---------------------------------------------------------------------------------------------


def time_text(pipeline: dict, bare: dict, parts: dict) -> str:
    """Where a certificate's time goes: the tasks' run times against the render as issued, and per
    worker, its wall time per certificate against its tasks' run time."""
    times = [seconds for tasks in pipeline["tasks"] for seconds in tasks["times"]]
    if len(times) < 2:
        return "No task run times were logged."

    def ms(seconds):
        return f"{seconds * 1000:.1f} ms"

    render = WORKERS / bare["rate"]  # the baseline's wall time per render in one process, as a mean
    task = statistics.fmean(times)
    rest = task - render - parts["html"] - parts["sha256"] - parts["storage"]
    rest_text = (
        f"the rest, {ms(rest)}, is the database (the rows, the lock, the commit) and what the render loses to "
        "PostgreSQL and Redis on the same two cores"
        if rest >= 0
        else f"nothing is left for the database ({ms(rest)}): in this run the tasks rendered quicker than the "
        "baseline did, which only noise from elsewhere on the machine explains"
    )
    text = (
        f"Per certificate: the task's run time (Celery's log, {len(times):,} tasks) median "
        f"{ms(statistics.median(times))}, p90 {ms(statistics.quantiles(times, n=10)[-1])}, mean {ms(task)}, "
        f"against {ms(render)} for the render as issued (the mean task takes {task / render:.2f}× the render). "
        f"In the task besides the render, measured alone in the runner (medians of {PARTS_REPEAT}): the HTML "
        f"{ms(parts['html'])}, the SHA-256 {ms(parts['sha256'])}, writing the file {ms(parts['storage'])}; "
        f"{rest_text}. Outside the task, per worker over the {pipeline['seconds']:.1f} s: "
    )
    workers = []
    for number, tasks in enumerate(pipeline["tasks"], 1):
        count = len(tasks["times"])
        if not count:
            workers.append(f"worker {number}: no task")
            continue
        busy = sum(tasks["times"])
        between = (
            f"; between one task's end and the next one's start, median "
            f"{ms(statistics.median(tasks['to_received']))} until the next was received from the broker (the "
            f"acknowledgement and the fetch) and {ms(statistics.median(tasks['to_start']))} from then to its start"
            if tasks["to_received"]
            else ""
        )
        workers.append(
            f"worker {number}: {count:,} tasks, {ms(pipeline['seconds'] / count)} of wall time each, of which "
            f"{ms(busy / count)} in the task (busy {busy / pipeline['seconds']:.1%} of the time){between}"
        )
    return (
        text
        + "; ".join(workers)
        + " (the rest of the wall time: the first task's wait, the last poll, up to 0.2 s, and one worker "
        "idle while the other finishes)."
    )


def figures(pipeline: dict, bare: dict, minimal: dict, plain: dict, parts: dict) -> list[dict]:
    harfbuzz = ctypes.util.find_library("harfbuzz-subset")
    subsetter = (
        f"libharfbuzz-subset found ({harfbuzz})" if harfbuzz else "libharfbuzz-subset NOT found (fontTools subsets)"
    )
    outcomes = collections.Counter()
    for tasks in pipeline["tasks"]:
        outcomes.update(tasks["outcomes"])
    errors = [pipeline["problems"]] if pipeline["problems"] else []
    if outcomes.get("retry") or outcomes.get("raised"):
        errors.append(f"tasks retried {outcomes.get('retry', 0)} times, raised {outcomes.get('raised', 0)} times")

    def per_certificate(rate):  # two processes at work: each certificate takes 2 / rate of one
        return f"{WORKERS / rate * 1000:.1f} ms"

    rate_details = (
        f"N = {pipeline['count']:,} certificates after {WARM_UP} warm-up ones; {subsetter}. Pipeline: two Celery "
        f"workers (`--pool=solo --concurrency=1`, production settings through bench.settings: DEBUG off, "
        f"persistent database connections; Redis broker, PostgreSQL) "
        f"issued them in {pipeline['seconds']:.1f} s from the first enqueue (enqueueing took "
        f"{pipeline['enqueue_seconds']:.1f} s) to the last current version in the database: "
        f"{per_certificate(pipeline['rate'])} per certificate per worker. Baseline, the render as issued: the "
        f"same certificate's {bare['html_length']:,}-character HTML (2 logos, organisation logo, 2 signatures, QR "
        f"code) and its JSON attachment given to `certificates.pdf.pdf_from_html` (PDF/A-3b, the attachment, the "
        f"worker's own font configuration, reused) {bare['count']:,} times by the same two workers, one task "
        f"each per half, in {bare['seconds']:.1f} s (from the first task's start to the last one's end, per "
        f"half): {per_certificate(bare['rate'])} per render "
        f"({bare['pdf_bytes']:,}-byte PDF; half before the pipeline at {bare['halves'][0]:.1f}/s, half after it at "
        f"{bare['halves'][1]:.1f}/s). "
        + time_text(pipeline, bare, parts)
        + f" For reference, the previous baseline, the plain `HTML(string=...).write_pdf()` (no PDF/A, no "
        f"attachment, a new font configuration per document) by the same task in the same workers, "
        f"{plain['count']:,} renders after the pipeline: "
        f"{plain['rate']:.1f}/s, {per_certificate(plain['rate'])} per render ({plain['pdf_bytes']:,} bytes); "
        f"the pipeline reaches {pipeline['rate'] / plain['rate']:.3f} of it."
    )
    ratios = [after / first for first, after in zip(pipeline["rss_first"], pipeline["rss_after"], strict=True)]
    worst = max(range(WORKERS), key=lambda index: ratios[index])
    rss_details = (
        "VmRSS of each worker process (and descendants: none with the solo pool), read when the first "
        f"{WARM_UP} certificates were in the database and again after the {pipeline['count']:,} more; "
        + "; ".join(
            f"worker {index + 1}: {first / 1024:.1f} MiB → {after / 1024:.1f} MiB ({after / first:.3f})"
            for index, (first, after) in enumerate(zip(pipeline["rss_first"], pipeline["rss_after"], strict=True))
        )
        + f". The figure is the worker whose RSS grew most (worker {worst + 1})."
    )
    images_details = (
        f"Per render, in the same two workers (one render task each per round), as the mean of the rounds' "
        f"wall time: as issued {per_certificate(bare['rate'])} ({bare['count']:,} renders; "
        f"{bare['html_length']:,}-character HTML, {bare['pdf_bytes']:,}-byte PDF), the minimal certificate "
        f"{per_certificate(minimal['rate'])} ({minimal['count']:,} renders; {minimal['html_length']:,}-character "
        f"HTML, {minimal['pdf_bytes']:,}-byte PDF; half before the pipeline at {minimal['halves'][0]:.1f}/s, "
        f"half after it at {minimal['halves'][1]:.1f}/s). The minimal certificate is the as-issued HTML with its "
        "<img> elements taken out (2 logos, organisation logo, 2 signatures, QR code): the same text, styles, "
        "@font-face fonts and empty image boxes, rendered by the same `pdf_from_html` call (PDF/A-3b, the same "
        "JSON attachment, the worker's font configuration), so the ratio is what the images cost."
    )
    return [
        {
            "name": IMAGES_FIGURE,
            "value": WORKERS / bare["rate"],
            "baseline": WORKERS / minimal["rate"],
            "baseline_name": "the same certificate without its images, same render call, same two workers",
            "unit": "s",
            "target": IMAGES_TARGET,
            "details": images_details,
        },
        {
            "name": RATE_FIGURE,
            "value": pipeline["rate"],
            "baseline": bare["rate"],
            "baseline_name": "the render as issued (pdf_from_html, PDF/A-3b) in the same two workers",
            "unit": "certificates/s",
            "higher_is_better": True,
            "target": RATE_TARGET,
            "error": "; ".join(errors),
            "details": rate_details,
        },
        {
            "name": RSS_FIGURE,
            "value": pipeline["rss_after"][worst] / 1024,
            "baseline": pipeline["rss_first"][worst] / 1024,
            "baseline_name": f"RSS after the first {WARM_UP} certificates",
            "unit": "MiB",
            "target": RSS_TARGET,
            "details": rss_details,
        },
    ]
