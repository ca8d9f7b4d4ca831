"""newsclean's downloader middlewares, one component a module (wired in ``crawler.settings``)."""
