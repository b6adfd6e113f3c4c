"""Evidence files (留存影像资料备查): checked for size and for type by content, not only by name."""

from pathlib import Path

from fanzha.prevention.models import Attachment

MAX_BYTES = 10 * 1024 * 1024  # a photo or a scanned page; not configurable (no setting reads it)
# extension → (content type, the first bytes a genuine file starts with)
ALLOWED = {
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
}


class UploadError(ValueError):
    pass


def check(upload) -> str:
    """→ the content type; raises UploadError with a message naming the file and the reason."""
    name = Path(upload.name).name
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED:
        raise UploadError(f"「{name}」：只接受 JPG、PNG、PDF、Word(docx)、Excel(xlsx) 文件")
    if upload.size > MAX_BYTES:
        raise UploadError(
            f"「{name}」：文件大小 {upload.size / 1048576:.1f} MB，超过 {MAX_BYTES // 1048576} MB 上限"
        )
    content_type, magics = ALLOWED[suffix]
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(m) for m in magics):
        raise UploadError(f"「{name}」：文件内容与扩展名 {suffix} 不符")
    return content_type


def attach(upload, user, **owner) -> Attachment:
    content_type = check(upload)
    return Attachment.objects.create(
        file=upload,
        name=Path(upload.name).name[:200],
        size=upload.size,
        content_type=content_type,
        uploaded_by=user,
        **owner,
    )
