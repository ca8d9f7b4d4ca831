"""Scrapy settings of newsclean: one module, grouped; override with -s NAME=VALUE."""

from __future__ import annotations

BOT_NAME = "newsclean"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# --- identity and politeness -------------------------------------------------------------
NEWSCLEAN_CONTACT_URL = "https://github.com/newsclean/newsclean"
USER_AGENT = f"newsclean/0.1 (+{NEWSCLEAN_CONTACT_URL})"
ROBOTSTXT_OBEY = True
ROBOTSTXT_PARSER = "scrapy.robotstxt.ProtegoRobotParser"
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
RETRY_ENABLED = True
RETRY_TIMES = 2
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
DEPTH_LIMIT = 6
COOKIES_ENABLED = False

# --- pipeline stages ----------------------------------------------------------------------
ITEM_PIPELINES = {
    "pipelines.extraction_stage.ExtractionStage": 100,
    "pipelines.dedup.DedupStage": 200,
    "pipelines.validation.ValidationStage": 300,
}

# --- output -------------------------------------------------------------------------------
NEWSCLEAN_OUTPUT_DIR = "output"
FEED_URI_PARAMS = "crawler.feeds.uri_params"
FEEDS = {
    "%(output_dir)s/%(name)s-%(time)s.jsonl": {"format": "jsonlines", "encoding": "utf8"},
}
FEED_EXPORT_ENCODING = "utf-8"

# --- reporting ----------------------------------------------------------------------------
EXTENSIONS = {"crawler.extensions.CrawlSummary": 500}
LOG_LEVEL = "INFO"
