"""`/docs` (Swagger UI) and `/redoc` (ReDoc) from assets installed with frontwatch.

The JavaScript and CSS come from the `fastapi-offline` package (Swagger UI's and
ReDoc's own builds, MIT/Apache licensed); the pages and Swagger UI's start-up script
are served here, so the pages work with no network and under a CSP without inline
script.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

ASSETS = "/docs-assets"

SWAGGER_PAGE = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>frontwatch API</title>
<link rel="stylesheet" href="{ASSETS}/swagger-ui.css">
<link rel="icon" href="{ASSETS}/favicon.png"></head>
<body><div id="swagger-ui"></div>
<script src="{ASSETS}/swagger-ui-bundle.js"></script>
<script src="/docs/start.js"></script></body></html>
"""

SWAGGER_START = """window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  layout: "BaseLayout",
  presets: [SwaggerUIBundle.presets.apis],
  validatorUrl: null,
});
"""

REDOC_PAGE = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>frontwatch API</title>
<link rel="icon" href="{ASSETS}/favicon.png"></head>
<body><redoc spec-url="/openapi.json" hide-download-button="false"></redoc>
<script src="{ASSETS}/redoc.standalone.js"></script></body></html>
"""


def assets_dir() -> Path:
    return Path(str(resources.files("fastapi_offline").joinpath("static")))


def register(app: FastAPI) -> None:
    """Mount the assets and the two pages; the app must be made with docs_url=None."""
    app.mount(ASSETS, StaticFiles(directory=assets_dir()), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def swagger() -> HTMLResponse:
        return HTMLResponse(SWAGGER_PAGE)

    @app.get("/docs/start.js", include_in_schema=False)
    def swagger_start() -> Response:
        return Response(SWAGGER_START, media_type="text/javascript")

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return HTMLResponse(REDOC_PAGE)
