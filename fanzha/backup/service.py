"""Taking a backup and restoring one: the actions behind `fanzha backup` and `fanzha restore`."""

import tempfile
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from fanzha import __version__
from fanzha.audit import log as audit
from fanzha.backup import database
from fanzha.backup.archive import unpack_verified, write_archive
from fanzha.backup.files import restore_files, stage_files


class RestoreError(Exception):
    pass


def archive_path(out_dir: Path, now: datetime) -> Path:
    """fanzha-backup-20261130-0215.tar.gz, or …-0215-2.tar.gz when that name is taken."""
    stem = f"fanzha-backup-{now:%Y%m%d-%H%M}"
    target, n = out_dir / f"{stem}.tar.gz", 1
    while target.exists():
        n += 1
        target = out_dir / f"{stem}-{n}.tar.gz"
    return target


def take_backup(out_dir: Path) -> tuple[Path, dict]:
    """Database, files and secret key into one checksummed archive in `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    now = timezone.localtime()
    target = archive_path(out_dir, now)
    # a backup holds every ID number and phone: it is an export, and the log entry travels with it
    audit.record_access(None, "export", "*", "", "全部数据（数据库与附件）", f"备份 {target.name}")
    with tempfile.TemporaryDirectory(prefix=".fanzha-backup-", dir=out_dir) as staging:
        database.dump(Path(staging))
        stage_files(Path(staging))
        meta = {"created_at": now.isoformat(), "engine": database.engine(), "version": __version__}
        manifest = write_archive(Path(staging), target, meta)
    return target, manifest


def restore_backup(archive: Path, force: bool = False) -> dict:
    """Verify every checksum first, then replace the database's content and put the files back.
    Refuses a damaged archive, one from another kind of database, and (without `force`) a database
    that already holds data."""
    if not archive.is_file():
        raise RestoreError(f"找不到备份文件 {archive}")
    with tempfile.TemporaryDirectory(prefix=".fanzha-restore-", dir=settings.DATA_DIR) as staging:
        manifest = unpack_verified(archive, Path(staging))
        if manifest.get("engine") != database.engine():
            raise RestoreError(
                f"备份来自 {manifest.get('engine')} 数据库，当前配置的是 {database.engine()}，无法直接恢复"
            )
        if not force and database.holds_data():
            raise RestoreError("当前数据库已有数据（用户或组织机构）。确认要用备份覆盖，请加 --force")
        database.load(Path(staging))
        manifest["files_restored"] = restore_files(Path(staging))
    return manifest
