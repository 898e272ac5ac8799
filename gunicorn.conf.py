"""gunicorn's settings, read from the working directory (docs/production.md, section 4).

A sync worker that has not answered within `timeout` seconds is killed and restarted, and the
reader gets a 502 from nginx. Nothing a reader asks for should come near it: image versions
are made by the task worker, a request makes at most one (frontend/renditions.py, under a
second), a complaint's photo is processed in about 2 s at most (docs/performance.md). 30 s
(gunicorn's default, written down so it is a decision) leaves room for a slow database
without letting a stuck worker hold one of the two workers for long.
"""

timeout = 30
# On restart or reload, a worker finishes what it is answering within this time.
graceful_timeout = 30
