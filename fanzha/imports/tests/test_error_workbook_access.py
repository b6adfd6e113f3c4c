"""The error workbook holds the uploaded rows in clear: its uploader and `cases.view_pii` holders
download it (logged); anyone else, the audit permission notwithstanding, gets a 404."""

from django.contrib.auth.models import Permission

from fanzha.accounts.models import User
from fanzha.audit.models import AccessLog
from fanzha.imports.models import ImportBatch
from fanzha.imports.runner import error_dir


def test_only_the_uploader_and_view_pii_holders_download_it(county, users, client_for, client):
    (error_dir() / "e1.xlsx").write_bytes(b"PK")
    batch = ImportBatch.objects.create(
        kind="visits", filename="走访.xlsx", user=users["grid_worker"], error_workbook="e1.xlsx"
    )
    url = f"/imports/{batch.pk}/errors.xlsx"
    clerk = User.objects.create(username="clerk", org=county["root"])
    clerk.user_permissions.add(Permission.objects.get(codename="view_objectchange"))
    client.force_login(clerk)
    assert client.get(url).status_code == 404
    assert client_for("grid_worker").get(url).status_code == 200
    assert client_for("county_admin").get(url).status_code == 200
    assert AccessLog.objects.count() == 2
