"""Articles from the web: URLs, polite fetching, feeds and sitemaps, HTML extraction, WARC files.

No Prefect here: flows and tasks wrap these functions. One HostLimiter (and one Fetcher) per run.
"""
