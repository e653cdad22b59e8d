"""The web app: one page for drafters and a JSON API for them and for other tools (FastAPI,
served by uvicorn; the OpenAPI document at ``/openapi.json``, its pages at ``/docs``).

Every document is read and analysed in a worker of a process pool (pebble), within
``timeout`` seconds: a hostile upload (a zip bomb, a huge PDF, a file that takes too long)
gets a clear 4xx and the server goes on serving. A request body above ``max_upload`` bytes
gets 413 before it is read whole. Uploads are kept in memory; a parent plan uploaded is read
from a private temporary folder, deleted at once. Nothing else is written.
"""

import asyncio
import contextlib
import json
import time
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any

from fastapi import Request  # (FastAPI reads the routes' annotations: no string annotations)

from plan_parser.web.service import RequestError

__all__ = ["ServerLimits", "create_app"]

_DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True, slots=True)
class ServerLimits:
    """The limits of one request: its body, its time, and the workers serving them."""

    max_upload: int = 20 * 1024 * 1024
    timeout: float = 30.0
    workers: int = 2


class _TooLarge(Exception):
    pass


class BodyLimit:
    """ASGI middleware: a request whose body passes ``limit`` bytes gets 413, whatever its
    Content-Length says (the bytes are counted as they arrive)."""

    def __init__(self, app, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(send)
            return
        received = 0
        started = False

        async def counted_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise _TooLarge
            return message

        async def watched_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except _TooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send) -> None:
        body = json.dumps({"error": f"the upload is larger than the limit of "
                                    f"{self.limit / 1024 / 1024:g} MB"},
                          ensure_ascii=False).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json; charset=utf-8"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def create_app(limits: ServerLimits | None = None):
    """The ASGI app (FastAPI) with its pool of workers (started with the app's lifespan)."""
    from fastapi import FastAPI
    from fastapi.responses import HTMLResponse, JSONResponse, Response

    from plan_parser import __version__
    from plan_parser.web import service

    limits = limits or ServerLimits()
    state: dict[str, Any] = {}

    @contextlib.asynccontextmanager
    async def lifespan(_app):
        from pebble import ProcessPool

        from plan_parser.batch.options import FileOptions
        from plan_parser.batch.worker import warm_up

        warm_up(FileOptions())  # before the fork: the workers start with everything loaded
        state["pool"] = ProcessPool(max_workers=limits.workers)
        state["page"] = _page()
        try:
            yield
        finally:
            state["pool"].stop()
            state["pool"].join()

    app = FastAPI(title="plan-parser", version=__version__, lifespan=lifespan,
                  description="Đọc, hiểu và kiểm tra kế hoạch hành chính: phân tích (JSON), "
                              "kiểm tra (findings, SARIF), .docx có ghi chú.")
    app.add_middleware(BodyLimit, limit=limits.max_upload)

    @app.middleware("http")
    async def server_timing(request, call_next):
        """The time the server spent on a request, in a Server-Timing header (for clients
        and the load benchmark, which tells it apart from the network and the client)."""
        started = time.perf_counter()
        response = await call_next(request)
        spent = (time.perf_counter() - started) * 1000
        response.headers["Server-Timing"] = f"app;dur={spent:.1f}"
        return response

    async def run(function, *args) -> Any:
        future = state["pool"].schedule(function, args=args, timeout=limits.timeout)
        try:
            return await asyncio.wrap_future(future)
        except RequestError:  # the document's own refusal, already worded
            raise
        except FutureTimeout:
            raise RequestError(422, f"the document was not analysed within {limits.timeout:g} s "
                                "(the time limit of a request)") from None
        except Exception as exc:  # a worker that died (memory), a broken pool, a bug
            from concurrent.futures.process import BrokenProcessPool

            from pebble import ProcessPool
            from pebble.common import ProcessExpired

            if isinstance(exc, ProcessExpired):
                raise RequestError(422, "the document needs more memory than a request may "
                                    "take") from None
            if isinstance(exc, BrokenProcessPool):  # serve the next requests with a new pool
                state["pool"].stop()
                state["pool"] = ProcessPool(max_workers=limits.workers)
            raise RequestError(500, f"internal error {type(exc).__name__}: {exc} (please report "
                                "this file)") from None

    async def refused(_request, exc: RequestError) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=exc.status)

    app.add_exception_handler(RequestError, refused)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def page() -> HTMLResponse:
        return HTMLResponse(state["page"])

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        """The server is up and its workers can take requests."""
        return {"status": "ok", "version": __version__}

    @app.get("/api/rules")
    async def rules() -> list[dict[str, Any]]:
        """Every lint rule: id, category, type, severity, whether it runs by default."""
        from plan_parser.lint.rules import lint_rules

        return [{"id": r.id, "category": r.category, "type": r.type, "severity": r.severity,
                 "on_by_default": r.on_by_default, "description": r.description}
                for r in lint_rules()]

    @app.post("/api/analyze")
    async def analyze(request: Request) -> JSONResponse:
        """The analysis of a document (the JSON contract of `plan-parser analyze`).

        Multipart: ``file`` (.docx .pdf .txt .md .doc) or ``text``, optional ``parent`` (a
        parent plan or profile YAML) and ``final``; or JSON ``{"text", "name", "final"}``."""
        result = await run(service.analyse, *await _inputs(request))
        return JSONResponse(result["analysis"])

    @app.post("/api/lint")
    async def lint(request: Request, format: str = "json") -> JSONResponse:
        """The findings of a document, with their counts; ``?format=sarif`` for SARIF 2.1.0."""
        result = await run(service.analyse, *await _inputs(request))
        if format == "sarif":
            return JSONResponse(result["sarif"])
        findings = result["analysis"]["findings"]
        counts = {s: sum(1 for f in findings if f["severity"] == s)
                  for s in ("error", "warning", "info")}
        return JSONResponse({"findings": findings, "counts": counts})

    @app.post("/api/view")
    async def view(request: Request) -> JSONResponse:
        """What the page shows: the analysis, the text its spans point into, the SARIF log
        and each target of the parent beside the plan's."""
        return JSONResponse(await run(service.analyse, *await _inputs(request)))

    @app.post("/api/docx")
    async def docx(request: Request) -> Response:
        """The uploaded .docx with every finding as a Word comment on its paragraph."""
        name, data, parent, final = await _inputs(request)
        annotated = await run(service.annotate_docx, name, data, parent, final)
        stem = name.rsplit(".", 1)[0] or "ke-hoach"
        return Response(annotated, media_type=_DOCX_TYPE, headers={
            "Content-Disposition": f'attachment; filename="{_ascii(stem)}_gop-y.docx"'})

    return app


async def _inputs(request) -> tuple[str, bytes, tuple[str, bytes] | None, bool]:
    """``(name, bytes, parent, final)`` of a request, multipart or JSON."""
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/json"):
        try:
            body = await request.json()
        except ValueError:
            raise RequestError(400, "the JSON body cannot be read") from None
        if not isinstance(body, dict) or not isinstance(body.get("text"), str):
            raise RequestError(400, 'a JSON body must hold "text" (and may hold "name", '
                                    '"final")')
        name = str(body.get("name") or "van-ban.txt")
        return name, body["text"].encode("utf-8"), None, bool(body.get("final"))
    if not content_type.startswith("multipart/form-data"):
        raise RequestError(415, "send a form (multipart/form-data) with a file, or JSON with "
                                "text")
    form = await request.form(max_files=2, max_fields=10)
    upload, text = form.get("file"), form.get("text")
    if upload is not None and not isinstance(upload, str):
        name, data = upload.filename or "van-ban", await upload.read()
    elif isinstance(text, str) and text.strip():
        name, data = str(form.get("name") or "van-ban.txt"), text.encode("utf-8")
    else:
        raise RequestError(400, "no document: attach a file or paste the text")
    parent_upload = form.get("parent")
    parent = None
    if parent_upload is not None and not isinstance(parent_upload, str) \
            and parent_upload.filename:
        parent = (parent_upload.filename, await parent_upload.read())
    final = str(form.get("final") or "").lower() in ("1", "true", "on", "yes")
    return name, data, parent, final


def _ascii(text: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in plain if c.isascii() and (c.isalnum() or c in "-_")) or "ke-hoach"


def _page() -> str:
    """The page (rendered once: it holds no data of a request)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    from plan_parser.rules_loader import load_rules

    environment = Environment(loader=PackageLoader("plan_parser.web", "templates"),
                              autoescape=select_autoescape(["html", "j2"]))
    from plan_parser.export.findings_view import view_assets

    words = load_rules("messages")["web_page"]
    script, style = view_assets()
    return environment.get_template("index.html.j2").render(
        words=words, words_json=json.dumps(words, ensure_ascii=False), view_js=script,
        view_css=style)
