"""The backup archive: one .tar.gz whose first member, manifest.json, holds the sha256 and size of
every other member. Reading one back checks every member against the manifest before anything is
used, so a damaged or altered archive is refused whole."""

import hashlib
import io
import json
import os
import tarfile
import zlib
from pathlib import Path, PurePosixPath

MANIFEST = "manifest.json"
FORMAT = 1
_CHUNK = 1024 * 1024


class ArchiveError(Exception):
    pass


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def write_archive(staging: Path, target: Path, meta: dict) -> dict:
    """Pack every file under `staging` into `target` (written aside, then renamed into place)."""
    files = sorted(p for p in staging.rglob("*") if p.is_file())
    members = {
        p.relative_to(staging).as_posix(): {"sha256": sha256_of(p), "size": p.stat().st_size} for p in files
    }
    manifest = {"format": FORMAT, **meta, "members": members}
    body = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
    partial = target.with_name(target.name + ".part")
    with tarfile.open(partial, "w:gz") as tar:
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mode = len(body), 0o600
        tar.addfile(info, io.BytesIO(body))
        for path in files:
            tar.add(path, arcname=path.relative_to(staging).as_posix(), recursive=False)
    os.replace(partial, target)
    return manifest


def unpack_verified(archive: Path, into: Path) -> dict:
    """Extract `archive` into the empty folder `into`, checking each member against the manifest;
    the manifest on success, ArchiveError (Chinese) on anything missing, extra, altered or unreadable."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            manifest = _manifest(tar, archive)
            expected = manifest["members"]
            seen = set()
            for info in tar:
                if info.name == MANIFEST:
                    continue
                name = _safe_name(info)
                if name not in expected:
                    raise ArchiveError(f"备份文件 {archive.name} 含有清单之外的文件「{name}」，拒绝恢复")
                digest = _extract(tar, info, into / name)
                if digest != expected[name]["sha256"]:
                    raise ArchiveError(
                        f"备份文件 {archive.name} 中「{name}」的校验和不符，文件已损坏或被改动，拒绝恢复"
                    )
                seen.add(name)
    except (tarfile.TarError, zlib.error, EOFError, OSError) as error:
        raise ArchiveError(f"备份文件 {archive.name} 已损坏，无法读取（{error}），拒绝恢复") from None
    missing = sorted(set(expected) - seen)
    if missing:
        raise ArchiveError(f"备份文件 {archive.name} 缺少清单中的文件「{missing[0]}」，拒绝恢复")
    return manifest


def _manifest(tar: tarfile.TarFile, archive: Path) -> dict:
    first = tar.next()
    if first is None or first.name != MANIFEST or not first.isfile():
        raise ArchiveError(f"{archive.name} 不是 fanzha 备份文件（没有 {MANIFEST}）")
    try:
        manifest = json.loads(tar.extractfile(first).read())
    except ValueError:
        raise ArchiveError(f"备份文件 {archive.name} 的清单无法读取，拒绝恢复") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or "members" not in manifest:
        raise ArchiveError(f"备份文件 {archive.name} 的清单格式不受支持，拒绝恢复")
    return manifest


def _safe_name(info: tarfile.TarInfo) -> str:
    path = PurePosixPath(info.name)
    if not info.isfile() or path.is_absolute() or ".." in path.parts:
        raise ArchiveError(f"备份文件含有不安全的成员「{info.name}」，拒绝恢复")
    return path.as_posix()


def _extract(tar: tarfile.TarFile, info: tarfile.TarInfo, target: Path) -> str:
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    source = tar.extractfile(info)
    with target.open("wb") as handle:
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
            handle.write(chunk)
    return digest.hexdigest()
