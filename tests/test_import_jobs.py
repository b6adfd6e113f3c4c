"""Import jobs live in the database: one import writes at a time (a lock any process can see), a job
whose process died is shown as failed, and an import's record commits with its rows."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection
from django.urls import reverse
from django.utils import timezone

from fanzha.audit.models import ObjectChange
from fanzha.cases.importers import CaseImporter
from fanzha.cases.models import Case
from fanzha.cases.tests.ledgers import HEADER, row, write_csv, write_xlsx
from fanzha.imports import jobs
from fanzha.imports.models import ImportBatch, ImportJob
from fanzha.imports.runner import run_import


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def _job(user, **fields) -> ImportJob:
    values = {
        "token": os.urandom(8).hex(),
        "kind": "cases",
        "filename": "台账.xlsx",
        "user": user,
        "host": jobs.HOST,
        "pid": _dead_pid(),
    } | fields
    return ImportJob.objects.create(**values)


def _busy(started_at) -> str:
    return (
        f"另一个导入正在进行（由 station_officer 于 {timezone.localtime(started_at):%H:%M} 开始），请稍后再试"
    )


def test_a_second_import_is_refused_while_one_writes(county, users, tmp_path):
    holder = jobs.open_job("cases", users["station_officer"], "a.csv", False, False)
    with pytest.raises(jobs.ImportBusy) as refused:
        jobs.open_job("visits", users["county_admin"], "b.csv", False, False)
    assert str(refused.value) == _busy(holder.started_at)

    path = write_csv(tmp_path / "b.csv", HEADER, [row(number="L1")])
    with pytest.raises(CommandError) as cli:
        call_command("import", "cases", str(path))
    assert str(cli.value) == _busy(holder.started_at)
    assert Case.objects.count() == 0 and ImportBatch.objects.count() == 0

    result = jobs.execute(holder, users["station_officer"], path)  # the holder's own import runs
    assert result.committed
    holder.refresh_from_db()
    assert (holder.status, holder.writing, holder.batch.rows_created) == ("done", None, 1)
    second = jobs.open_job("cases", users["county_admin"], "c.csv", False, False)  # the lock is free again
    assert second.writing is True


def test_a_preview_takes_no_lock_but_waits_on_sqlite(county, users):
    jobs.open_job("cases", users["station_officer"], "a.csv", False, False)
    if connection.vendor == "postgresql":  # a preview only reads: it goes on beside the import
        preview = jobs.open_job("cases", users["county_admin"], "b.csv", False, True)
        assert (preview.writing, preview.status) == (None, "running")
    else:  # SQLite: not even the preview's job row can be written while an import writes
        with pytest.raises(jobs.ImportBusy):
            jobs.open_job("cases", users["county_admin"], "b.csv", False, True)


@pytest.mark.django_db(transaction=True)
def test_confirming_while_another_import_writes_says_who_and_keeps_the_preview(
    county, users, client_for, tmp_path
):
    client = client_for("county_admin")
    path = write_xlsx(tmp_path / "台账.xlsx", HEADER, [row(number="L2")])
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    preview = client.post(reverse("imports:upload"), {"kind": "cases", "file": upload}).url
    assert jobs.wait(preview.rstrip("/").rsplit("/", 1)[1], 30).status == "done"
    holder = jobs.open_job("visits", users["station_officer"], "走访.csv", False, False)
    refused = client.post(reverse("imports:confirm"), follow=True)
    assert refused.redirect_chain == [(preview, 302)]
    page = refused.content.decode()
    assert _busy(holder.started_at) in page and "确认导入" in page
    assert Case.objects.count() == 0 and ImportJob.objects.filter(dry_run=False).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_lock_is_seen_across_processes_and_freed_when_its_process_dies(county, users, tmp_path):
    from fanzha.cases.tests.test_import import _url

    script = (
        "import os, sys, django; os.environ['DJANGO_SETTINGS_MODULE']='fanzha.settings'; django.setup();"
        "from fanzha.accounts.models import User; from fanzha.imports import jobs;"
        "job = jobs.open_job('cases', User.objects.get(username='station_officer'), 'a.csv', False, False);"
        "print(job.pk, flush=True); sys.stdin.read()"
    )
    env = {**os.environ, "DATABASE_URL": _url(connection)}
    process = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        holder = ImportJob.objects.get(pk=int(process.stdout.readline()))
        with pytest.raises(jobs.ImportBusy) as refused:
            jobs.open_job("cases", users["county_admin"], "b.csv", False, False)
        assert str(refused.value) == _busy(holder.started_at)
    finally:
        process.kill()
        process.wait()
    taken = jobs.open_job("cases", users["county_admin"], "b.csv", False, False)
    assert taken.writing is True
    holder.refresh_from_db()
    assert (holder.status, holder.writing, holder.error) == ("failed", None, "导入进程已中断，未写入任何数据")


def test_the_job_page_reads_the_database(county, users, client_for):
    client = client_for("station_officer")
    officer = users["station_officer"]
    alive = _job(officer, host="其他服务器", pid=1, done=50, total=200)  # another host, a fresh heartbeat
    page = client.get(reverse("imports:job", args=[alive.token])).content.decode()
    assert "已处理 50 / 200 行" in page and "25%" in page
    assert client_for("county_admin").get(reverse("imports:job", args=[alive.token])).status_code == 404

    silent = _job(officer, host="其他服务器", pid=1, heartbeat_at=timezone.now() - timedelta(minutes=5))
    dead = _job(officer, writing=True)  # this host, its process gone
    for job in (silent, dead):
        page = client.get(reverse("imports:job", args=[job.token])).content.decode()
        assert "出错了：导入进程已中断，未写入任何数据" in page
        job.refresh_from_db()
        assert (job.status, job.writing) == ("failed", None)
    alive.refresh_from_db()
    assert alive.status == "running"


def test_a_job_whose_import_committed_before_its_process_died_is_done(county, users, client_for):
    job = _job(users["station_officer"])
    batch = ImportBatch.objects.create(kind="cases", filename="台账.xlsx", status="done", job=job)
    response = client_for("station_officer").get(
        reverse("imports:job", args=[job.token]), HTTP_HX_REQUEST="true"
    )
    assert response["HX-Redirect"] == reverse("imports:batch", args=[batch.pk])
    job.refresh_from_db()
    assert job.status == "done"


@pytest.mark.django_db(transaction=True)
def test_the_record_and_its_audit_commit_with_the_rows(county, tmp_path):
    """The import's record is written in its transaction: if it cannot be written, no row stays."""
    path = write_csv(tmp_path / "r.csv", HEADER, [row(number="R1")])

    def refuse_the_record(execute, sql, params, many, context):
        if sql.startswith('INSERT INTO "imports_importbatch"'):
            raise DatabaseError("磁盘已满")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse_the_record), pytest.raises(DatabaseError):
        run_import(CaseImporter(None), path)
    assert Case.objects.count() == 0 and ImportBatch.objects.count() == 0
    assert not ObjectChange.objects.filter(action="import").exists()

    result = run_import(CaseImporter(None), path)
    batch = ImportBatch.objects.get()
    assert (result.batch, batch.rows_created) == (batch, 1)
    assert ObjectChange.objects.filter(action="import", object_id=str(batch.pk)).count() == 1


def test_an_unexpected_failure_is_told_in_chinese_without_its_own_words(county, users, tmp_path, monkeypatch):
    """What Python or the database said (paths, values) goes to the server log, not to the page."""

    def broken(*args, **kwargs):
        raise RuntimeError("/srv/fanzha/data/uploads/x.csv 11010519491231002X")

    monkeypatch.setattr(jobs, "run_import", broken)
    job = jobs.open_job("cases", users["station_officer"], "a.csv", False, False)
    with pytest.raises(RuntimeError):
        jobs.execute(job, users["station_officer"], tmp_path / "a.csv")
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and job.writing is None
    assert job.error == f"{jobs.UNEXPECTED}（任务编号 {job.token[:8]}）"
