"""Settings for several app servers: uploads go to S3-compatible storage when a bucket is set."""

import ipaddress
import json
import os
import re
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
SHOW = (
    "import json, django; django.setup(); from django.conf import settings; "
    "print(json.dumps([settings.STORAGES['default'], "
    "settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['media-src']]))"
)


def settings_with(**environment):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(DJANGO_SETTINGS_MODULE="config.settings", DEBUG="true", **environment)
    result = subprocess.run(
        [sys.executable, "-c", SHOW], cwd=PROJECT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_a_bucket_uploads_stay_on_this_server():
    storage, media_sources = settings_with()
    assert storage == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert media_sources == ["'self'"]


def test_with_a_bucket_uploads_go_to_s3_compatible_storage_and_pages_may_load_them():
    storage, media_sources = settings_with(
        AWS_STORAGE_BUCKET_NAME="spirit-files", AWS_S3_ENDPOINT_URL="https://s3.example.org"
    )
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "spirit-files"
    assert storage["OPTIONS"]["endpoint_url"] == "https://s3.example.org"
    assert storage["OPTIONS"]["querystring_auth"] is False
    assert media_sources == ["'self'", "https://s3.example.org", "https://*.s3.example.org"]


def test_a_custom_domain_is_where_pictures_and_sound_come_from():
    _, media_sources = settings_with(
        AWS_STORAGE_BUCKET_NAME="spirit-files", AWS_S3_CUSTOM_DOMAIN="files.example.org"
    )
    assert media_sources[:2] == ["'self'", "https://files.example.org"]


def test_the_readme_binds_gunicorn_to_a_private_address_and_trusts_headers_from_the_proxy():
    readme = (PROJECT / "README.md").read_text()
    binds = re.findall(r"gunicorn config\.wsgi --bind (\S+)", readme)
    assert len(binds) >= 2  # Production and Scale out
    for address in binds:
        host = ipaddress.ip_address(address.partition(":")[0])
        assert host.is_private and not host.is_unspecified, address  # 0.0.0.0 is "private"
    scale_out = readme[readme.index("## Scale out") :]
    assert "never to `0.0.0.0`" in scale_out
    assert "only from the proxy" in scale_out
    assert "anyone who can\n  reach gunicorn directly can type these headers" in scale_out
