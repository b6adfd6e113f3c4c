"""The files a centre cannot do without besides its database: uploads and evidence (MEDIA_ROOT), the
generated secret key, trained screening models and a custom report template (under DATA_DIR)."""

import shutil
from pathlib import Path

from django.conf import settings


def file_roots() -> dict[str, Path]:
    """Archive folder (under files/) → where it lives on this machine."""
    data = Path(settings.DATA_DIR)
    return {
        "media": Path(settings.MEDIA_ROOT),
        "secret.key": data / "secret.key",
        "models": data / "models",
        "templates": data / "templates",
    }


def stage_files(into: Path) -> None:
    """Copy every file root that exists to into/files/<name>."""
    for name, source in file_roots().items():
        target = into / "files" / name
        if source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
        elif source.is_dir():
            shutil.copytree(source, target)


def restore_files(staged: Path) -> int:
    """Copy staged/files/<name> back to where each root lives; files the backup lacks stay. The count
    of files written."""
    written = 0
    for name, target in file_roots().items():
        source = staged / "files" / name
        if source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
            written += 1
        elif source.is_dir():
            for path in source.rglob("*"):
                if path.is_file():
                    destination = target / path.relative_to(source)
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, destination)
                    written += 1
    return written
