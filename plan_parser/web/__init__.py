"""``plan-parser serve``: a local web app for drafters (one page, a JSON API), run by uvicorn.

``service`` holds the work each request asks for (run in a process pool with a time limit, so
that a hostile file cannot stop the server); ``app`` the routes, limits and the page.
"""
