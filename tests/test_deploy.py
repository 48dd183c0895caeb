"""The reference deployment in deploy/ (issue 25) holds together: the systemd units pass
`systemd-analyze verify` and every ExecStart names a real command of the app's CLI; Debian's nginx
accepts the configuration and, run for real in front of a small WSGI server, serves fingerprinted
files as immutable with their pre-compressed variants and the app's own headers, refuses a body
over the limit without passing it on, and tells the app what ProxyFix reads.

nginx is installed by .ci/run (Debian's nginx-light and its brotli_static module); elsewhere the
nginx tests are skipped when it is absent."""

import contextlib
import gzip
import http.client
import json
import os
import re
import shlex
import shutil
import socket
import ssl
import subprocess
import threading
import time
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

import click
import pytest

from app import security

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
UNITS = sorted((DEPLOY / "systemd").iterdir())
NGINX = shutil.which("nginx") or (Path("/usr/sbin/nginx") if Path("/usr/sbin/nginx").exists() else None)
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")

# In CI (.ci/run installs them) a missing nginx fails the tests instead.
needs_nginx = pytest.mark.skipif(
    (NGINX is None or shutil.which("openssl") is None) and os.environ.get("CI", "").lower() != "true",
    reason="Debian's nginx (apt-get install nginx-light libnginx-mod-http-brotli-static, as .ci/run does) "
    "and openssl are needed to check deploy/nginx",
)


def unit_sections(path: Path) -> dict[str, dict[str, list[str]]]:
    sections: dict[str, dict[str, list[str]]] = {}
    current = None
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), {})
            continue
        key, _, value = line.partition("=")
        assert current is not None, f"{path.name}: {line} outside a section"
        current.setdefault(key, []).append(value)
    return sections


# --- systemd ------------------------------------------------------------------------------------


def test_every_flask_command_the_units_run_is_a_command_of_the_app(app):
    cli = app.cli
    commands = []
    for path in UNITS:
        for exec_start in unit_sections(path).get("Service", {}).get("ExecStart", []):
            argv = shlex.split(exec_start)
            if Path(argv[0]).name != "flask":
                continue
            commands.append(argv[1:])
            group = cli
            with app.app_context():
                context = click.Context(cli)
                for word in argv[1:]:
                    if word.startswith("-"):
                        break
                    assert isinstance(group, click.Group), f"{path.name}: {exec_start}: {word} after a command"
                    found = group.get_command(context, word)
                    assert found is not None, f"{path.name}: `flask {' '.join(argv[1:])}`: no command {word}"
                    group = found
            assert not isinstance(group, click.Group), f"{path.name}: {exec_start} names a group, not a command"
    assert sorted(" ".join(command) for command in commands) == [
        "housekeeping",
        "mail follow",
        "notices send-digests",
        "reports send-monthly",
        "requests approval-reminders",
        "requests close-resolved",
        "requests sla-alerts",
        "search follow",
    ]


def test_every_timer_has_its_service_and_the_targets_name_real_units():
    names = {path.name for path in UNITS}
    for path in UNITS:
        if path.suffix == ".timer":
            assert path.with_suffix(".service").name in names
            assert unit_sections(path)["Timer"]["OnCalendar"]
    web = unit_sections(DEPLOY / "systemd" / "staffroom-web.target")["Unit"]["Wants"][0].split()
    jobs = unit_sections(DEPLOY / "systemd" / "staffroom-jobs.target")["Unit"]["Wants"][0].split()
    assert set(web) | set(jobs) <= names
    # Every host: the web workers and its search worker. One host: the mail worker and every timer.
    assert set(web) == {"staffroom.service", "staffroom-search-follow.service"}
    assert set(jobs) == {"staffroom-mail.service"} | {name for name in names if name.endswith(".timer")}
    # The scheduled commands are started by their timers only.
    for name in names:
        if name.endswith(".timer"):
            assert name.replace(".timer", ".service") not in web + jobs


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_the_units_pass_systemd_analyze_verify(tmp_path):
    """With the release folder pointed at this checkout, so the executables must exist."""
    units = tmp_path / "units"
    units.mkdir()
    env = tmp_path / "staffroom.env"
    env.write_text((DEPLOY / "staffroom.env.example").read_text())
    for path in UNITS:
        text = path.read_text().replace("/srv/staffroom/current", str(ROOT))
        (units / path.name).write_text(text.replace("/etc/staffroom/staffroom.env", str(env)))
    result = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *sorted(str(path) for path in units.iterdir())],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "is not executable" not in result.stderr


def test_the_environment_template_names_real_settings_and_no_secret():
    config = (ROOT / "app" / "config.py").read_text()
    settings = {}
    for line in (DEPLOY / "staffroom.env.example").read_text().splitlines():
        # Settings, and settings left commented out ("#OIDC_ISSUER=..."), not the comments' words.
        match = re.fullmatch(r"#?([A-Z][A-Z0-9_]+)=(.*)", line.strip())
        if match:
            settings[match[1]] = match[2]
    for name in settings:
        if name != "FLASK_APP":
            assert f'"{name}"' in config, f"{name} is not a setting app/config.py reads"
    for secret in ("SECRET_KEY", "MAIL_PASSWORD"):
        assert settings[secret] == "change-me"
    assert "change-me@" in settings["DATABASE_URL"]
    assert settings["STAFFROOM_ENV"] == "production"


def test_staffroom_flask_runs_the_releases_flask_with_the_settings_file(tmp_path):
    """deploy/staffroom-flask reads the same file as systemd, with sh: quoted values with spaces."""
    settings = (DEPLOY / "staffroom.env.example").read_text()
    settings = settings.replace("STAFFROOM_ENV=production", "STAFFROOM_ENV=development")
    settings = re.sub(r"(?m)^DATABASE_URL=.*$", f"DATABASE_URL=sqlite:///{tmp_path}/staffroom.sqlite", settings)
    settings = re.sub(r"(?m)^SEARCH_INDEX_DIR=.*$", f"SEARCH_INDEX_DIR={tmp_path}/index", settings)
    (tmp_path / "staffroom.env").write_text(settings)
    environment = {
        "PATH": os.environ["PATH"],
        "STAFFROOM_RELEASE": str(ROOT),
        "STAFFROOM_ENV_FILE": str(tmp_path / "staffroom.env"),
    }
    script = "c = app.config; print('=' + c['COUNCIL_NAME'] + '|' + c['MAIL_FROM'] + '|' + str(c['PROXY_COUNT']))\n"
    result = subprocess.run(
        [str(DEPLOY / "staffroom-flask"), "shell"],
        input=script,
        capture_output=True, text=True, env=environment, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "=City Council|Staffroom <staffroom@example.gov.uk>|1" in result.stdout


# --- nginx --------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def echo_app(environ, start_response):
    """Stands in for gunicorn: answers with what a WSGI app is told about the request."""
    body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
    seen = {key: value for key, value in environ.items() if key.startswith("HTTP_")}
    seen["REMOTE_ADDR"] = environ["REMOTE_ADDR"]
    seen["body_length"] = len(body)
    data = json.dumps(seen).encode()
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
    return [data]


@contextlib.contextmanager
def running_nginx(folder: Path, upstream_ports: list[int]):
    """deploy/nginx run by Debian's nginx with its paths and ports moved into `folder`, its upstream
    the app servers listening on `upstream_ports` (round robin). Yields the HTTPS port and the
    published static folder."""
    folder.mkdir(parents=True, exist_ok=True)
    http_port, https_port = free_port(), free_port()
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=staffroom.test",
         "-keyout", str(folder / "privkey.pem"), "-out", str(folder / "fullchain.pem")],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    public = folder / "public"
    (public / "static" / "vendor").mkdir(parents=True)
    for name in ("staffroom-proxy.conf", "staffroom-static-headers.conf"):
        shutil.copy(DEPLOY / "nginx" / name, folder / name)
    site = (DEPLOY / "nginx" / "staffroom.conf").read_text()
    servers = "\n    ".join(f"server 127.0.0.1:{port} fail_timeout=0;" for port in upstream_ports)
    for old, new in {
        "/etc/nginx/snippets/": f"{folder}/",
        "/etc/ssl/staffroom/": f"{folder}/",
        "/srv/staffroom/public": str(public),
        "server 127.0.0.1:8000 fail_timeout=0;": servers,
        "listen [::]:80;": "",
        "listen [::]:443 ssl http2;": "",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
    }.items():
        assert old in site, old
        site = site.replace(old, new)
    (folder / "site.conf").write_text(site)
    load = f"load_module {BROTLI_MODULE};" if BROTLI_MODULE.exists() else ""
    if not load:
        (folder / "site.conf").write_text(site.replace("brotli_static on;", ""))
    # Started as root, nginx's workers would run as nobody, who cannot read pytest's folders.
    user = "user root;" if os.geteuid() == 0 else ""
    (folder / "nginx.conf").write_text(f"""
{load}
{user}
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/site.conf;
}}
""")
    command = [str(NGINX), "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(folder / "nginx.conf")]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", https_port), timeout=1).close()
                break
            except OSError:
                assert process.poll() is None, process.stderr.read() if process.stderr else ""
                assert time.monotonic() < deadline, "nginx did not start"
                time.sleep(0.05)
        yield https_port, public / "static"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def nginx(tmp_path):
    """deploy/nginx in front of echo_app. Yields the HTTPS port and the published static folder."""
    upstream = make_server("127.0.0.1", free_port(), echo_app, handler_class=QuietHandler)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    try:
        with running_nginx(tmp_path, [upstream.server_port]) as started:
            yield started
    finally:
        upstream.shutdown()
        upstream.server_close()


def https(port: int, method: str, path: str, headers=None, body=None):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    connection = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=30)
    try:
        connection.request(method, path, body=body, headers={"Host": "staffroom.example.gov.uk", **(headers or {})})
        response = connection.getresponse()
        return response.status, {name.lower(): value for name, value in response.getheaders()}, response.read()
    finally:
        connection.close()


@needs_nginx
def test_nginx_serves_fingerprinted_files_as_the_app_would(nginx, app):
    port, static = nginx
    css = b"body{color:#0b0c0c}" * 50
    (static / "vendor" / "staffroom.0123456789ab.css").write_bytes(css)
    (static / "vendor" / "staffroom.0123456789ab.css.gz").write_bytes(gzip.compress(css))
    (static / "vendor" / "staffroom.css").write_bytes(css)

    status, headers, body = https(port, "GET", "/static/vendor/staffroom.0123456789ab.css", {"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    assert headers["content-encoding"] == "gzip" and gzip.decompress(body) == css
    assert "accept-encoding" in headers["vary"].lower()
    with app.test_request_context():
        expected = {
            **security.static_file_headers(app),
            "Strict-Transport-Security": security.STRICT_TRANSPORT_SECURITY,
        }
    for name, value in expected.items():
        assert headers[name.lower()] == value, name

    status, headers, body = https(port, "GET", "/static/vendor/staffroom.css")
    assert status == 200 and body == css and headers["cache-control"] == "public, max-age=60"
    assert headers["x-content-type-options"] == "nosniff"


@needs_nginx
@pytest.mark.skipif(
    not BROTLI_MODULE.exists() and os.environ.get("CI", "").lower() != "true",
    reason="Debian's libnginx-mod-http-brotli-static is not installed",
)
def test_nginx_sends_the_brotli_variant_to_browsers_that_accept_it(nginx):
    port, static = nginx
    (static / "vendor" / "htmx.min.0123456789ab.js").write_bytes(b"x" * 100)
    (static / "vendor" / "htmx.min.0123456789ab.js.br").write_bytes(b"brotli bytes")
    (static / "vendor" / "htmx.min.0123456789ab.js.gz").write_bytes(gzip.compress(b"x" * 100))
    status, headers, body = https(
        port, "GET", "/static/vendor/htmx.min.0123456789ab.js", {"Accept-Encoding": "gzip, br"}
    )
    assert status == 200 and headers["content-encoding"] == "br" and body == b"brotli bytes"


@needs_nginx
def test_nginx_passes_what_proxyfix_reads_and_replaces_what_the_client_sent(nginx):
    port, _ = nginx
    status, _, body = https(
        port,
        "GET",
        "/ideas",
        {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "http", "X-Forwarded-Host": "evil"},
    )
    assert status == 200
    seen = json.loads(body)
    assert seen["HTTP_X_FORWARDED_FOR"] == "127.0.0.1"
    assert seen["HTTP_X_FORWARDED_PROTO"] == "https"
    assert seen["HTTP_X_FORWARDED_HOST"] == "staffroom.example.gov.uk"
    assert seen["HTTP_HOST"] == "staffroom.example.gov.uk"
    # A missing static file goes to the app.
    status, _, body = https(port, "GET", "/static/vendor/not-built-here.css")
    assert status == 200 and json.loads(body)["HTTP_X_FORWARDED_PROTO"] == "https"


@needs_nginx
def test_nginx_takes_a_form_at_the_apps_limit_and_refuses_a_bigger_body_itself(nginx, app):
    port, _ = nginx
    limit = app.config["MAX_CONTENT_LENGTH"]
    status, _, body = https(port, "POST", "/ideas/new", {"Content-Type": "application/octet-stream"}, b"x" * limit)
    assert status == 200 and json.loads(body)["body_length"] == limit  # buffered, then passed on whole
    status, _, _ = https(
        port, "POST", "/ideas/new", {"Content-Type": "application/octet-stream"}, b"x" * (27 * 1024 * 1024)
    )
    assert status == 413


def test_the_build_and_nginx_agree_on_what_a_fingerprinted_name_is():
    """nginx gives the year-long cache by the name's shape; the build's hashed names must have it."""
    site = (DEPLOY / "nginx" / "staffroom.conf").read_text()
    pattern = re.compile(re.search(r'location ~ "([^"]+)"', site)[1])
    manifest_path = ROOT / "app" / "static" / "vendor" / "manifest.json"
    if not manifest_path.exists():
        pytest.skip("the front end is not built (`make setup`)")
    for plain, hashed in json.loads(manifest_path.read_text()).items():
        assert pattern.match(f"/static/{hashed}"), hashed
        assert not pattern.match(f"/static/{plain}"), plain


@contextlib.contextmanager
def slow_clients(port: int, *, read: str, post: str, count: int = 6):
    """`count` clients stuck half-way through a request to nginx on `port`: every other one has
    sent part of its headers (a GET of `read`), the rest all their headers and part of a body (a
    POST to `post`). They stay stuck until the block ends."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    stuck = []
    try:
        for number in range(count):
            sock = context.wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=5))
            if number % 2:
                sock.sendall(f"GET {read} HTTP/1.1\r\nHost: staffroom.example.gov.uk\r\nX-Slow: ".encode())
            else:
                sock.sendall(
                    f"POST {post} HTTP/1.1\r\nHost: staffroom.example.gov.uk\r\n".encode()
                    + b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nx=1"
                )
            stuck.append(sock)
        time.sleep(0.5)  # not a wait for anything: the clients stay stuck however long this is
        yield
    finally:
        for sock in stuck:
            sock.close()


@needs_nginx
def test_slow_clients_never_reach_the_single_threaded_app(nginx):
    """The upstream here serves one request at a time, like a gunicorn sync worker. Six clients
    stuck half-way through their headers or their body hold nginx's connections, not the app's:
    a normal request still gets its answer at once."""
    port, _ = nginx
    with slow_clients(port, read="/ideas", post="/ideas/new"):
        started = time.monotonic()
        status, _, body = https(port, "GET", "/ideas")
        assert status == 200 and json.loads(body)["HTTP_HOST"] == "staffroom.example.gov.uk"
        assert time.monotonic() - started < 2
