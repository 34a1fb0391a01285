"""The read API's domain: its collections, queries, pages, OGC documents, feed and limits."""
