"""A wrong value in an environment variable stops start-up with a Chinese message naming it."""

import os
import subprocess
import sys

import pytest

WRONG = {
    "FANZHA_DEBUG": ("yes", "环境变量 FANZHA_DEBUG 应为 0 或 1，实际为「yes」"),
    "FANZHA_CSRF_TRUSTED_ORIGINS": (
        "fanzha.example",
        "应为以 http:// 或 https:// 开头的地址，实际有「fanzha.example」",
    ),
    "FANZHA_LOG_LEVEL": ("LOUD", "应为 DEBUG、INFO、WARNING、ERROR 或 CRITICAL，实际为「LOUD」"),
    "FANZHA_IMPORT_MAX_BYTES": (
        "500MB",
        "环境变量 FANZHA_IMPORT_MAX_BYTES 应为不小于 1 的整数，实际为「500MB」",
    ),
}


@pytest.mark.parametrize("name", sorted(WRONG))
def test_a_wrong_value_stops_start_up(name, tmp_path):
    value, message = WRONG[name]
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {
        "FANZHA_DATA_DIR": str(tmp_path),
        name: value,
    }
    refused = subprocess.run(
        [sys.executable, "-m", "fanzha", "check"], env=env, capture_output=True, text=True, timeout=120
    )
    assert refused.returncode == 1 and message in refused.stderr, refused.stderr
