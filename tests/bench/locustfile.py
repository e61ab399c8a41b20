"""Locust users for `make loadtest` (tests/bench/loadtest.py starts the server and runs locust
headless with these, loopback only).

The load test plays the same-host reverse proxy: every request carries ``X-Forwarded-For``, and
the server trusts it from 127.0.0.1 (``NEWSARCHIVE_TRUSTED_PROXIES``), so each simulated user is
its own client, as real visitors behind the proxy are.

- ``Reader``: a reader's traffic, home 1 : issue 2 : article 4 : search 3, one request after
  another without pause (``--users`` of them = that many concurrent connections).
- ``Flooder`` (16, one client 203.0.113.66): page 50 of a random one-character query, on the
  results page and the API alternately (issue 14 item 7). A 429 is the server refusing a
  search beyond the client's limit: it is counted apart ("429 refused"), not as an error.
- ``Searcher`` (1, another client): an ordinary reader's searches during the flood, one a
  second; its p99 is the number the issue asks about.

The URLs come from the JSON file named by ``LOADTEST_TARGETS`` (written by loadtest.py from the
site's own links).
"""

from __future__ import annotations

import itertools
import json
import os
import random
from urllib.parse import urlencode

from locust import constant, constant_pacing, task
from locust.contrib.fasthttp import FastHttpUser

TARGETS = json.loads(open(os.environ["LOADTEST_TARGETS"], encoding="utf-8").read()) if os.environ.get(
    "LOADTEST_TARGETS") else {"home": ["/"], "issue": ["/"], "article": ["/"], "search": ["/search/?q=%E6%97%A0%E9%94%A1"]}

# One-character queries of the flood: common characters of the paper's text.
FLOOD_CHARACTERS = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质信"


class Reader(FastHttpUser):
    wait_time = constant(0)
    weight = 1

    def on_start(self):
        self.address = f"10.1.{random.randrange(256)}.{random.randrange(1, 255)}"
        kinds = [kind for kind, w in {"home": 1, "issue": 2, "article": 4, "search": 3}.items() for _ in range(w)]
        self.kinds = itertools.cycle(random.sample(kinds, len(kinds)))

    @task
    def read(self):
        kind = next(self.kinds)
        self.client.get(random.choice(TARGETS[kind]), name=kind, headers={"X-Forwarded-For": self.address})


class Flooder(FastHttpUser):
    wait_time = constant(0)
    fixed_count = 16

    @task
    def flood(self):
        path = random.choice(["/search/", "/api/search/"])
        query = urlencode({"q": random.choice(FLOOD_CHARACTERS), "page": 50})
        with self.client.get(f"{path}?{query}", name="flood", catch_response=True,
                             headers={"X-Forwarded-For": "203.0.113.66"}) as response:
            if response.status_code == 429:
                response.failure("429 refused")
            elif response.status_code in (200, 404):  # page 50 is past the end of most results
                response.success()


class Searcher(FastHttpUser):
    wait_time = constant_pacing(1)
    fixed_count = 1

    def on_start(self):
        self.searches = itertools.cycle(TARGETS["search"])

    @task
    def search(self):
        self.client.get(next(self.searches), name="ordinary search", headers={"X-Forwarded-For": "198.51.100.7"})
