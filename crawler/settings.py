"""Scrapy settings of newsclean: one module, grouped; override with -s NAME=VALUE."""

from __future__ import annotations

BOT_NAME = "newsclean"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# --- identity and politeness (README: Politeness and safety) -----------------------------
NEWSCLEAN_CONTACT_URL = "https://github.com/newsclean/newsclean"
# Built at import; ContactUserAgentMiddleware re-derives it when the contact URL is overridden.
USER_AGENT = f"newsclean/0.1 (+{NEWSCLEAN_CONTACT_URL})"
ROBOTSTXT_OBEY = True
ROBOTSTXT_PARSER = "scrapy.robotstxt.ProtegoRobotParser"
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.5  # per domain; the floor AutoThrottle never goes below
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
RETRY_ENABLED = True
RETRY_TIMES = 2  # 429 and 503 are among Scrapy's RETRY_HTTP_CODES
POLITENESS_CRAWL_DELAY_ENABLED = True
POLITENESS_MAX_CRAWL_DELAY = 10.0  # seconds; a larger robots.txt Crawl-delay is capped
POLITENESS_RETRY_AFTER_ENABLED = True
POLITENESS_RETRY_AFTER_HTTP_CODES = [429, 503]
POLITENESS_MAX_RETRY_AFTER = 120.0  # seconds; a longer Retry-After gives the request up
POLITENESS_BACKOFF_BASE = 1.0  # seconds after a 429/503 without Retry-After, doubled each time
POLITENESS_BACKOFF_MAX = 60.0
DOWNLOAD_TIMEOUT = 30
DEPTH_LIMIT = 6
COOKIES_ENABLED = False

# --- discovery (crawler/spiders/news.py, crawler/sources.py) --------------------------------
# Feed and sitemap entries (and nested sitemaps) dated more than this many days ago are
# skipped (stat discovery/too_old); 0 turns the window off. A source's max_age_days wins.
NEWSCLEAN_MAX_AGE_DAYS = 30
# New article entries scheduled per source and run (stat discovery/page_limit past it);
# 0 is no limit. A source's pages_per_run wins.
NEWSCLEAN_PAGES_PER_RUN = 0

# --- safety -------------------------------------------------------------------------------
SAFETY_ENABLED = True
SAFETY_ALLOWED_SCHEMES = ["http", "https"]
SAFETY_ALLOW_PRIVATE = False  # private, loopback, link-local... addresses refused
SAFETY_ALLOWED_HOSTS: list[str] = []  # names, IPs or networks let through anyway: 127.0.0.1
SAFETY_DNS_CHECK = True  # host names are resolved and checked too, not only IP literals
# Scrapy's consoles run Python code sent to them on localhost (token or password protected):
# not what an unattended crawl needs. Turn on for debugging with -s NAME=1.
REMOTE_CONTROL_ENABLED = False
TELNETCONSOLE_ENABLED = False
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024  # bytes, on the wire and after decompression
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.request_safety.RequestSafetyMiddleware": 80,
    "crawler.middlewares.user_agent.ContactUserAgentMiddleware": 90,
    # Scrapy 2.19's own lets concurrent requests past robots.txt: crawler/middlewares/robotstxt.py
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.robotstxt.SharedRobotsTxtMiddleware": 100,
    "crawler.middlewares.crawl_delay.CrawlDelayMiddleware": 110,
    "crawler.middlewares.retry_after.RetryAfterMiddleware": 560,
    "crawler.incremental.IncrementalMiddleware": 580,
}

# --- pipeline stages ----------------------------------------------------------------------
ITEM_PIPELINES = {
    "pipelines.extraction_stage.ExtractionStage": 100,
    "pipelines.dedup.DedupStage": 200,
    "pipelines.validation.ValidationStage": 300,
    "pipelines.output.OutputStage": 900,
}

# --- throughput ---------------------------------------------------------------------------
# Extraction runs in a process pool (pipelines/worker_pool.py): EXTRACT_WORKERS processes
# (unset = one per core, 0 = inline on the reactor thread). At most EXTRACT_MAX_IN_FLIGHT pages
# (0 = 4 per worker) are handed to it; the rest wait with their responses still counted in the
# scraper slot, whose size bound (SCRAPER_SLOT_MAX_ACTIVE_SIZE, bytes of response bodies) makes
# the engine stop sending requests: a slow pool slows fetching instead of growing memory.
EXTRACT_MAX_IN_FLIGHT = 0
SCRAPER_SLOT_MAX_ACTIVE_SIZE = 5_000_000
# The spider yields one item per response; Scrapy starts CONCURRENT_ITEMS tasks per response.
CONCURRENT_ITEMS = 1
# Scrapy's in-memory stats without its per-call deprecation shim (crawler/stats.py).
STATS_CLASS = "crawler.stats.CrawlStatsCollector"
# Scrapy checks each response's callback for a ``return value`` in a generator by reading and
# parsing its source; its cache is keyed on the bound method, which a request read back from
# the disk queue gets anew, so it ran on every response (1.7% of the reactor's CPU). The
# spider's callbacks return no value (tests/test_news_spider.py checks it).
WARN_ON_GENERATOR_RETURN_VALUE = False
# JOBDIR queues: Scrapy's pickle LIFO queue without its per-request method search
# (crawler/queues.py); what it stores and reads back is unchanged.
SCHEDULER_DISK_QUEUE = "crawler.queues.PickleLifoDiskQueue"
# Meta-refresh redirects as Scrapy follows them, without decoding every page to look for one
# (crawler/middlewares/meta_refresh.py; METAREFRESH_* settings apply).
DOWNLOADER_MIDDLEWARES["scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware"] = None
DOWNLOADER_MIDDLEWARES["crawler.middlewares.meta_refresh.PrefixMetaRefreshMiddleware"] = 579

# --- incremental crawls and output (README: Incremental crawls and resuming) ---------------
# One SQLite state per state folder (crawl-state.sqlite3), keyed by URL and source; the
# IncrementalMiddleware skips known entries and sends conditional GETs, the OutputStage appends
# records (no feed exports) and updates the state once their lines are in the file.
NEWSCLEAN_STATE_ENABLED = True
NEWSCLEAN_STATE_DIR = "state"
NEWSCLEAN_INCREMENTAL_ENABLED = True
NEWSCLEAN_INCREMENTAL_HUB_BODY_MAXSIZE = 10 * 1024 * 1024  # hub bodies kept to answer a 304
SPIDER_MIDDLEWARES = {"crawler.incremental.KnownEntryFilter": 800}
NEWSCLEAN_OUTPUT_DIR = "output"
NEWSCLEAN_OUTPUT_FSYNC = True  # fsync the output before each state commit
NEWSCLEAN_OUTPUT_COMMIT_ITEMS = 100  # commit (fsync + state) every N records...
NEWSCLEAN_OUTPUT_COMMIT_SECONDS = 2.0  # ...or after this many seconds, and at the end
FEEDS: dict[str, dict[str, str]] = {}  # records go through pipelines.output.OutputStage
FEED_URI_PARAMS = "crawler.feeds.uri_params"  # for extra FEEDS given with -s
FEED_EXPORT_ENCODING = "utf-8"

# --- scheduling (README: Scheduling) -----------------------------------------------------
# Every crawl (newsclean crawl, scrapy crawl, scrapyd) takes its sources' locks in
# NEWSCLEAN_STATE_DIR/locks and closes as "locked" when another crawl holds one; when failures
# (the summary line's) per fetched page pass NEWSCLEAN_MAX_FAILURE_RATE it closes as
# "failure_rate_exceeded" and `newsclean crawl` exits 3 (crawler.extensions.CrawlGuard).
NEWSCLEAN_MAX_FAILURE_RATE = 0.2
NEWSCLEAN_LOCK_ENABLED = True
NEWSCLEAN_FAILURE_CHECK_ENABLED = True

# --- robustness (README: Robustness) -----------------------------------------------------
# A redirect back to a URL of its own chain (a loop) or to a scheme other than http(s) is
# refused before RedirectMiddleware (600) follows it: stats redirect/loop, redirect/refused_scheme.
DOWNLOADER_MIDDLEWARES["crawler.middlewares.redirect_guard.RedirectGuardMiddleware"] = 610
REDIRECT_MAX_TIMES = 10  # a longer chain fails as too_many_redirects
URLLENGTH_LIMIT = 2083  # longer links are not followed (urllength/request_ignored_count)
# Write the final stats as JSON to this file when the crawl ends ("" = off).
NEWSCLEAN_STATS_FILE = ""

# --- reporting ----------------------------------------------------------------------------
# The scrapy logger is set to LOG_LEVEL, so that its per-page DEBUG lines are not built only to
# be dropped (crawler/log_levels.py); False leaves it to Scrapy.
NEWSCLEAN_SCRAPY_LOG_LEVEL = True
# The cyclic GC walked ~100,000 start-up objects and ran every 700 allocations: 10% of the
# reactor's CPU (0.7 s of 7 s for 3,000 pages). Frozen start-up objects and a threshold of 20,000
# leave 0.1 s (crawler/gc_tuning.py); memory is unchanged.
NEWSCLEAN_GC_TUNING = True
NEWSCLEAN_GC_THRESHOLD = 20_000
EXTENSIONS = {
    "crawler.log_levels.ScrapyLogLevel": 0,
    "crawler.gc_tuning.GcTuning": 0,
    "crawler.state.CrawlStateExtension": 100,
    "crawler.extensions.CrawlGuard": 50,
    "crawler.extensions.CrawlSummary": 500,
}
LOG_LEVEL = "INFO"
